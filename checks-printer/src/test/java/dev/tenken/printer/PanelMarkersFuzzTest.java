package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the printer panel fingerprint reads from a device page: every vendor's markers, model
 * and firmware patterns ({@link PanelVendors#ALL}) over one body. Nothing may throw, values stay
 * short, and no page takes a second (no regular expression backtracks without bound). Plain test
 * runs replay {@code PanelMarkersFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/fuzzing.md).
 */
class PanelMarkersFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    PanelMarkersFuzzTest test = new PanelMarkersFuzzTest();
    test.page(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void page(byte[] page) {
    String body = new String(page, StandardCharsets.UTF_8);
    for (PanelVendor v : PanelVendors.ALL) {
      v.recognisedIn(body);
      v.modelIn(body).ifPresent(m -> assertThat(m).isNotBlank());
      v.firmwareIn(body).ifPresent(f -> assertThat(f).isNotBlank());
    }
  }
}
