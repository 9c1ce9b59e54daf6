package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SoapXml#envelope}, the ONVIF checks' reader of what a device answers: an envelope,
 * empty for other XML, or {@link ProtocolException}; nothing else escapes (the JDK parser's runtime
 * exceptions included), no entity is expanded and no input takes a second. Plain test runs replay
 * {@code SoapXmlFuzzTestInputs/envelope/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class SoapXmlFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    SoapXmlFuzzTest test = new SoapXmlFuzzTest();
    test.envelope(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void envelope(byte[] xml) {
    try {
      SoapXml.envelope(xml)
          .ifPresent(
              e -> {
                assertThat(e.namespace()).isIn(SoapXml.SOAP12, SoapXml.SOAP11);
                if (e.fault() != null) {
                  assertThat(e.fault().toString()).isNotEmpty();
                }
              });
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
