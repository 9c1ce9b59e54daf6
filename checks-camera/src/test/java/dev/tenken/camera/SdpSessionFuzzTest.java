package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SdpSession#parse}: a description parses within its bounds or throws {@link
 * ProtocolException}; nothing else escapes and no input takes a second. Plain test runs replay
 * {@code SdpSessionFuzzTestInputs/parse/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class SdpSessionFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    SdpSessionFuzzTest test = new SdpSessionFuzzTest();
    test.parse(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] body) {
    try {
      SdpSession s = SdpSession.parse(new String(body, StandardCharsets.UTF_8));
      assertThat(s.name().length()).isLessThanOrEqualTo(83);
      assertThat(s.media()).hasSizeLessThanOrEqualTo(SdpSession.MAX_MEDIA);
      assertThat(s.describeMedia()).isNotEmpty();
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
