package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Credentials;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void parsesSeveralChallengesFromOneHeaderAndFromSeveral() {
    List<AuthChallenge> c =
        AuthChallenge.parse(
            List.of(
                "Digest realm=\"Hikvision\", nonce=\"abc\", qop=\"auth\", Basic realm=\"/\"",
                "Basic realm=\"device\""));
    assertThat(c).extracting(AuthChallenge::scheme).containsExactly("Digest", "Basic", "Basic");
    assertThat(c.get(0).isDigest()).isTrue();
    assertThat(c.get(0).realm()).isEqualTo("Hikvision");
    assertThat(c.get(0).params()).containsEntry("nonce", "abc").containsEntry("qop", "auth");
    assertThat(c.get(1).isBasic()).isTrue();
    assertThat(c.get(2).realm()).isEqualTo("device");
  }

  @Test
  void garbageYieldsNoExceptionAndBoundedOutput() {
    assertThat(AuthChallenge.parse(List.of("", "\u0000\u0001==,,\"", "=\"unterminated")))
        .allSatisfy(a -> assertThat(a.scheme()).isNotBlank());
    String many = "Basic realm=x, ".repeat(100);
    assertThat(AuthChallenge.parse(List.of(many))).hasSize(AuthChallenge.MAX_CHALLENGES);
    String longValue = "Basic realm=\"" + "a".repeat(10_000) + "\"";
    assertThat(AuthChallenge.parse(List.of(longValue)).get(0).realm().length())
        .isLessThanOrEqualTo(256);
  }

  @Test
  void basicAuthorization() {
    AuthChallenge basic = AuthChallenge.parse(List.of("Basic realm=\"x\"")).get(0);
    assertThat(basic.authorization(Credentials.of("Aladdin", "open sesame"), "GET", "/"))
        .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  }

  @Test
  void digestWithQopAuthMatchesRfc2617Example() {
    AuthChallenge d =
        AuthChallenge.parse(
                List.of(
                    "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                        + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                        + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""))
            .get(0);
    String h =
        d.authorization(
            Credentials.of("Mufasa", "Circle Of Life"), "GET", "/dir/index.html", "0a4f113b");
    assertThat(h)
        .startsWith("Digest username=\"Mufasa\"")
        .contains("response=\"6629fae49393a05397450978507c4ef1\"")
        .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
        .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        .doesNotContain("Circle Of Life");
  }

  @Test
  void digestWithoutQopUsesTheRfc2069Response() {
    AuthChallenge d = AuthChallenge.parse(List.of("Digest realm=\"r\", nonce=\"n\"")).get(0);
    // MD5(MD5("u:r:p") + ":n:" + MD5("DESCRIBE:rtsp://h/x"))
    String h = d.authorization(Credentials.of("u", "p"), "DESCRIBE", "rtsp://h/x");
    assertThat(h).contains("uri=\"rtsp://h/x\"").doesNotContain("qop").contains("response=\"");
    assertThat(h).contains("response=\"" + rfc2069("u", "r", "p", "n", "DESCRIBE", "rtsp://h/x"));
  }

  @Test
  void unsupportedChallengesAreRefusedBeforeAnyUse() {
    AuthChallenge ntlm = AuthChallenge.parse(List.of("NTLM")).get(0);
    AuthChallenge sha512 =
        AuthChallenge.parse(List.of("Digest realm=r, nonce=n, algorithm=SHA-512-256")).get(0);
    AuthChallenge authInt =
        AuthChallenge.parse(List.of("Digest realm=r, nonce=n, qop=auth-int")).get(0);
    AuthChallenge noNonce = AuthChallenge.parse(List.of("Digest realm=r")).get(0);
    for (AuthChallenge c : List.of(ntlm, sha512, authInt, noNonce)) {
      assertThat(c.isSupported()).as(c.toString()).isFalse();
      assertThatThrownBy(() -> c.authorization(Credentials.of("u", "p"), "GET", "/"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("p\"");
    }
  }

  @Test
  void describeNeverShowsTheNonce() {
    AuthChallenge d =
        AuthChallenge.parse(List.of("Digest realm=\"IP Camera\", nonce=\"s3cr3t\"")).get(0);
    assertThat(d.describe()).isEqualTo("Digest realm=\"IP Camera\"");
    assertThat(d.toString()).doesNotContain("s3cr3t");
  }

  private static String rfc2069(
      String user, String realm, String pw, String nonce, String method, String uri) {
    return md5(md5(user + ":" + realm + ":" + pw) + ":" + nonce + ":" + md5(method + ":" + uri));
  }

  private static String md5(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
