package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes SNMP reply decoding in {@link SnmpClient}: our bounded BER validator ({@link
 * SnmpClient#validate}) in front of SNMP4J's decoder, for community responses and SNMPv3 discovery
 * reports. A datagram decodes or throws {@link ProtocolException}; nothing else escapes and none
 * takes a second. The seeds answer request id and message id {@value #ID}. Plain test runs replay
 * {@code SnmpClientFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class SnmpClientFuzzTest {
  static final int ID = 0x1234;

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    SnmpClientFuzzTest test = new SnmpClientFuzzTest();
    test.datagram(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void datagram(byte[] reply) {
    boolean snmp = SnmpClient.isSnmpReply(reply);
    try {
      SnmpClient.Response r = SnmpClient.decodeResponse(reply, ID);
      assertThat(snmp).isTrue();
      assertThat(r.bindings()).hasSizeLessThanOrEqualTo(SnmpClient.MAX_BINDINGS);
      r.bindings().forEach(b -> assertThat(b.oid()).isNotEmpty());
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      SnmpClient.EngineReport report = SnmpClient.decodeReport(reply, ID);
      assertThat(snmp).isTrue();
      assertThat(report.engineId()).isNotNull();
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
