package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.test.sim.IppPrinterSimulator;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Hostile IPP replies end every IPP check with ERROR (a ProtocolException), within the deadline and
 * without allocating from the device's lengths.
 */
class IppHostileRepliesTest {

  static List<Check> ippChecks() {
    return List.of(
        new IppAttributesWithoutAuth(),
        new IppPrintWithoutAuth(),
        new IppPlaintext(),
        new IppJobListDisclosed());
  }

  void assertError(IntFunction<byte[]> reply, String reason) throws Exception {
    try (IppPrinterSimulator sim = IppPrinterSimulator.builder().rawReply(reply).start()) {
      for (Check c : ippChecks()) {
        long start = System.nanoTime();
        CheckResult r =
            CheckRunner.builder()
                .check(c)
                .scope(Scope.of("127.0.0.0/8"))
                .checkTimeout(Duration.ofSeconds(3))
                .build()
                .scan(List.of(sim.target("ipp")))
                .results()
                .findFirst()
                .orElseThrow();
        assertThat(r.status()).as("%s on %s", c.id(), reason).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).as("%s on %s", c.id(), reason).containsIgnoringCase(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      }
    }
  }

  @Test
  void valueLengthPastTheEnd() throws Exception {
    assertError(
        id -> {
          IppCodecTest.Bytes b = IppCodecTest.Bytes.header(0);
          b.group(IppCodec.PRINTER_GROUP);
          b.raw(IppCodec.TEXT, 0, 1, 'n', 0xFF, 0xFF, 'x');
          return b.bytes();
        },
        "65535 bytes");
  }

  @Test
  void aMillionAttributesExceedTheReadCap() throws Exception {
    byte[] huge;
    {
      IppCodecTest.Bytes b = IppCodecTest.Bytes.header(0);
      b.group(IppCodec.PRINTER_GROUP);
      for (int i = 0; i < 1_000_000; i++) {
        b.attr(IppCodec.KEYWORD, "a", new byte[0]);
      }
      huge = b.end();
    }
    assertError(id -> huge, "larger than the read cap");
  }

  @Test
  void truncatedHeader() throws Exception {
    assertError(id -> new byte[] {2, 0, 0, 0}, "9-byte header");
  }

  @Test
  void garbage() throws Exception {
    assertError(id -> "GARBAGE-GARBAGE-GARBAGE".getBytes(), "not an IPP reply");
  }

  @Test
  void collectionsNestedAThousandDeep() throws Exception {
    assertError(
        id -> {
          IppCodecTest.Bytes b = IppCodecTest.Bytes.header(0);
          b.group(IppCodec.PRINTER_GROUP);
          b.attr(IppCodec.BEG_COLLECTION, "media-col", new byte[0]);
          for (int i = 0; i < 1000; i++) {
            b.attr(IppCodec.MEMBER_ATTR_NAME, "", "m".getBytes());
            b.attr(IppCodec.BEG_COLLECTION, "", new byte[0]);
          }
          return b.end();
        },
        "nested deeper");
  }
}
