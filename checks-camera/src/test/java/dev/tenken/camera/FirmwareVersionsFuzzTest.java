package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link FirmwareVersions#read}, which turns a device's firmware string into a comparable
 * range: it never throws, and a reading's low end never sorts after its high end. Input: the
 * vendor, a newline, the firmware text. Plain test runs replay {@code
 * FirmwareVersionsFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class FirmwareVersionsFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    FirmwareVersionsFuzzTest test = new FirmwareVersionsFuzzTest();
    test.read(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    String[] parts = new String(data, StandardCharsets.UTF_8).split("\n", 2);
    String firmware = parts.length > 1 ? parts[1] : "";
    FirmwareVersions.read(parts[0], firmware)
        .ifPresent(r -> assertThat(r.low().compareTo(r.high())).isNotPositive());
  }
}
