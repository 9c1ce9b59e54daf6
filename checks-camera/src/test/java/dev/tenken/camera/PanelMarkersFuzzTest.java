package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.http.AuthChallenge;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the camera panel fingerprint reads from device pages: title extraction ({@link
 * PanelPages#titleOf}), every vendor's markers and model pattern ({@link PanelVendors#ALL}) and the
 * realm table ({@link PanelVendors#REALMS}), over a catch-all server that answers every fingerprint
 * path with the same page. Input: the {@code Server} header, a newline, the {@code
 * WWW-Authenticate} value, a newline, the body. Nothing may throw and no page may take a second (no
 * regular expression backtracks without bound). Plain test runs replay {@code
 * PanelMarkersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class PanelMarkersFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    PanelMarkersFuzzTest test = new PanelMarkersFuzzTest();
    test.catchAllPanel(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void catchAllPanel(byte[] page) {
    String[] parts = new String(page, StandardCharsets.UTF_8).split("\n", 3);
    String server = parts[0];
    String realms =
        String.join(
            "\n",
            AuthChallenge.parse(List.of(parts.length > 1 ? parts[1] : "")).stream()
                .map(AuthChallenge::realm)
                .toList());
    String body = parts.length > 2 ? parts[2] : "";
    String title = PanelPages.titleOf(body);
    assertThat(title.length()).isLessThanOrEqualTo(200);
    Map<String, PanelPages.View> views = new LinkedHashMap<>();
    for (String path : PanelVendors.fingerprintPaths()) {
      views.put(path, new PanelPages.View(200, server, realms, title, body));
    }
    PanelPages pages = new PanelPages(views);
    for (PanelVendor v : PanelVendors.ALL) {
      if (v.recognisedIn(pages)) {
        v.modelIn(pages)
            .ifPresent(m -> assertThat(m).hasSizeBetween(1, 64).matches("[\\x20-\\x7e]+"));
      }
      if (v.login() != null) {
        v.login().shownIn(body);
      }
    }
    for (PanelVendors.Realm r : PanelVendors.REALMS) {
      pages.part("/", r.part()).contains(r.text());
    }
  }
}
