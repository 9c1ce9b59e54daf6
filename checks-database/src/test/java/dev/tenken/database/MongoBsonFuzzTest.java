package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link MongoBson#decode}, the BSON reader of MongoDB replies: a document decodes or throws
 * {@link ProtocolException}; nothing else escapes (no lying length reads past the end, no deep
 * recursion) and no document takes a second. Plain test runs replay {@code
 * MongoBsonFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class MongoBsonFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    MongoBsonFuzzTest test = new MongoBsonFuzzTest();
    test.decode(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void decode(byte[] document) {
    try {
      Map<String, Object> doc = MongoBson.decode(document);
      assertThat(doc.toString()).isNotNull();
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
