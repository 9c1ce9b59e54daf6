package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link RespReader}, the reader of Redis (RESP2) replies: replies are read one after the
 * other until the stream ends; each parses within the limits or throws {@link ProtocolException},
 * nothing else escapes, the byte budget holds and no input takes a second. Plain test runs replay
 * {@code RespReaderFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class RespReaderFuzzTest {
  private static final long BUDGET = 64 * 1024;

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    RespReaderFuzzTest test = new RespReaderFuzzTest();
    test.replies(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void replies(byte[] server) throws IOException {
    RespReader reader = new RespReader(new ByteArrayInputStream(server), BUDGET);
    try {
      for (int i = 0; i < 64 && reader.consumed() < server.length; i++) {
        assertThat(reader.read().toString()).isNotNull();
      }
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    assertThat(reader.consumed()).isLessThanOrEqualTo(Math.min(BUDGET, server.length));
  }
}
