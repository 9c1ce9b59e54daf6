package dev.tenken.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScanTest {
  private static final String SECRET = "p4ss-w<rd>&\"q'";

  private static List<String> scan(String text) {
    SecretScan scan = new SecretScan(List.of(new SecretScan.Entry("the canary", SECRET, "admin")));
    scan.scan("text", text);
    return scan.violations();
  }

  @Test
  void findsTheSecretAsWrittenAndEscaped() {
    assertThat(scan("x " + SECRET + " y")).hasSize(1);
    assertThat(scan("{\"v\":\"p4ss\\u002dw<rd>&\\\"q'\"}")).hasSize(1); // JSON
    assertThat(scan("<v>p4ss-w&lt;rd&gt;&amp;&quot;q&apos;</v>")).hasSize(1); // XML
    assertThat(scan("<v>p4ss&#45;w&#x3C;rd&#62;&amp;&#34;q&#39;</v>")).hasSize(1); // XML numeric
    assertThat(scan("| p4ss\\-w\\<rd\\>\\&\\\"q\\' |")).hasSize(1); // Markdown
    assertThat(scan("?pw=p4ss%2Dw%3crd%3E%26%22q%27")).hasSize(1); // URL
  }

  @Test
  void findsBase64FormsAlsoOfUserColonSecret() {
    Base64.Encoder b64 = Base64.getEncoder();
    String alone = b64.encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    String basic = b64.encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8));
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(scan("token " + alone)).hasSize(1);
    assertThat(scan("Authorization-ish: Basic " + basic)).hasSize(1);
    assertThat(scan(urlSafe)).hasSize(1);
  }

  @Test
  void ignoresOtherTextAndNeverPrintsTheSecret() {
    assertThat(scan("p4ss-w<rd>&\"q")).isEmpty(); // one character short
    assertThat(scan("P4SS-W<RD>&\"Q'")).isEmpty(); // case matters
    assertThat(scan("p4ss_w<rd>&\"q'")).isEmpty();
    List<String> found = scan("before " + SECRET + " after");
    assertThat(found.get(0))
        .contains("the canary appears in 1 place(s)")
        .contains("text: before «secret #1» after")
        .doesNotContain(SECRET);
  }
}
