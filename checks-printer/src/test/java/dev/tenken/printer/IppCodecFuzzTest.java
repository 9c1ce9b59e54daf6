package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link IppCodec#decode}, which reads an IPP reply (RFC 8010) from a printer: it decodes
 * within its limits or throws {@link ProtocolException}; nothing else escapes (no lying length
 * reads past the end or allocates) and no reply takes a second. Plain test runs replay {@code
 * IppCodecFuzzTestInputs/decode/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class IppCodecFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    IppCodecFuzzTest test = new IppCodecFuzzTest();
    test.decode(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void decode(byte[] reply) {
    try {
      IppMessage m = IppCodec.decode(reply);
      int values = 0;
      for (IppMessage.Group g : m.groups()) {
        for (IppMessage.Attribute a : g.attributes()) {
          values += a.values().size();
          a.values()
              .forEach(
                  v -> assertThat(v.text().length()).isLessThanOrEqualTo(IppCodec.MAX_TEXT + 3));
        }
      }
      assertThat(values).isLessThanOrEqualTo(IppCodec.MAX_VALUES);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
