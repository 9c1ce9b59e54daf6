package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LPD check against queue-state servers shaped like BSD lpd / a print server. */
class LpdChecksTest {
  static final String STATE =
      "lp is ready and printing\n"
          + "Rank   Owner      Job  Files                                 Total Size\n"
          + "active alice      12   report.pdf                            48213 bytes\n"
          + "1st    bob        13   salaries.xlsx                          9120 bytes\n";

  static RecordingServer lpd(String reply) throws Exception {
    byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
    return RecordingServer.builder().answer(chunk -> chunk[0] == 0x03 ? bytes : null).start();
  }

  @Test
  void exposedContractAndOnlyTheShortStateCommandIsSent() throws Exception {
    try (RecordingServer open = lpd(STATE);
        RecordingServer refusing = lpd("lpd: Your host does not have line printer access\n");
        RecordingServer closing = RecordingServer.builder().answer(chunk -> null).start()) {
      CheckContract.of(new LpdExposed())
          .vulnerable(open.target("lpd"))
          .hardened(refusing.target("lpd"))
          .hardened(closing.target("lpd"))
          .verify();
      for (RecordingServer s : List.of(open, refusing, closing)) {
        for (RecordingServer.Connection c : s.connectionList()) {
          assertThat(c.received()).isEqualTo(new byte[] {0x03, 'l', 'p', '\n'});
        }
      }
      CheckResult r = FtpChecksTest.scanOne(new LpdExposed(), open.target("lpd"));
      assertThat(r.findings().get(0).evidence())
          .containsEntry("jobs", "2")
          .containsEntry("owners", "alice, bob")
          .containsEntry("state", "lp is ready and printing");
    }
  }

  @Test
  void queueOptionIsUsedAndValidated() throws Exception {
    try (RecordingServer open = lpd(STATE)) {
      CheckRunner.builder()
          .scope(Scope.of("127.0.0.1/32"))
          .check(new LpdExposed())
          .option(LpdExposed.QUEUE_OPTION, "raw")
          .build()
          .scan(List.of(open.target("lpd")));
      assertThat(open.connection(0).received()).isEqualTo(new byte[] {0x03, 'r', 'a', 'w', '\n'});
    }
    assertThatThrownBy(() -> LpdClient.shortQueueState("lp\n\u0002evil"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LpdClient.shortQueueState(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oversizedOrBinaryStateIsAnError() throws Exception {
    byte[] big = new byte[LpdClient.MAX_REPLY + 10];
    Arrays.fill(big, (byte) 'x');
    byte[] binary = {0x01, 0x02, 0x03, (byte) 0x99};
    for (byte[] reply : List.of(big, binary)) {
      try (RecordingServer s = RecordingServer.builder().answer(chunk -> reply).start()) {
        long start = System.nanoTime();
        CheckResult r = FtpChecksTest.scanOne(new LpdExposed(), s.target("lpd"));
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).containsAnyOf("longer than", "binary byte");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      }
    }
  }
}
