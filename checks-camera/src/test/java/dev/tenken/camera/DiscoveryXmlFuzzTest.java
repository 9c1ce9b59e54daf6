package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the discovery readers over {@link DiscoveryXml}: WS-Discovery {@code ProbeMatches} ({@link
 * WsDiscoveryMessage#parse}) and UPnP device descriptions ({@link UpnpDescription#parse}). A reply
 * parses within the bounds or throws {@link ProtocolException}; nothing else escapes and no input
 * takes a second. Plain test runs replay {@code DiscoveryXmlFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class DiscoveryXmlFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    DiscoveryXmlFuzzTest test = new DiscoveryXmlFuzzTest();
    test.wsDiscovery(new byte[0]);
    test.upnpDescription(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void wsDiscovery(byte[] reply) {
    try {
      assertThat(WsDiscoveryMessage.parse(reply).toString()).isNotEmpty();
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void upnpDescription(byte[] xml) {
    try {
      UpnpDescription d = UpnpDescription.parse(xml);
      assertThat(d.toString()).isNotEmpty();
      DiscoveryXml.Document doc = DiscoveryXml.parse(xml);
      assertThat(doc.elements()).hasSizeLessThanOrEqualTo(DiscoveryXml.MAX_ELEMENTS);
      doc.elements()
          .forEach(e -> assertThat(e.text().length()).isLessThanOrEqualTo(DiscoveryXml.MAX_TEXT));
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
