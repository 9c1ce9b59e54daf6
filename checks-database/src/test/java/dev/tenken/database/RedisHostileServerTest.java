package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.test.sim.RecordingServer;
import dev.tenken.test.sim.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hostile "Redis" servers: one announces a 2 GiB bulk string and then trickles bytes, one never
 * answers. Every Redis check ends ERROR within its deadline, nothing follows the announced length,
 * and the scan of a well-behaved Redis in the same run goes on.
 */
class RedisHostileServerTest {
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

  private static CheckRunner runner() {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.0/8"))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .checkTimeout(CHECK_TIMEOUT)
            .perHostConcurrency(4);
    RedisChecks.checks().forEach(b::check);
    return b.build();
  }

  private static RecordingServer hostile(AtomicInteger trickled, byte[] announce)
      throws java.io.IOException {
    // every request gets the announcement followed by a few bytes of the "body", never the rest
    return RecordingServer.builder()
        .answer(
            chunk -> {
              trickled.incrementAndGet();
              return announce;
            })
        .start();
  }

  @Test
  void aTwoGibibyteBulkStringEndsEveryCheckInErrorAndTheScanGoesOn() throws Exception {
    AtomicInteger trickled = new AtomicInteger();
    byte[] announce = "$2147483647\r\nxxxx".getBytes(ISO_8859_1);
    try (RecordingServer hostile = hostile(trickled, announce);
        RecordingServer hostile2 = hostile(trickled, announce);
        RedisSimulator good =
            RedisSimulator.builder("7.2.4").config("protected-mode", "no").start()) {
      // two hostile targets at once: were 2 GiB allocated per check, the heap would not survive
      long start = System.nanoTime();
      Report report =
          runner()
              .scan(
                  List.of(
                      hostile.target("redis"),
                      hostile2.target("redis"),
                      Target.parse(good.target())));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      TargetResult bad = report.targets().get(0);
      assertThat(bad.results()).hasSize(RedisChecks.checks().size());
      assertThat(bad.results())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR));
      assertThat(bad.results())
          .filteredOn(r -> r.detail().contains("announces 2147483647 bytes"))
          .hasSize(RedisChecks.checks().size());
      assertThat(trickled.get()).isGreaterThanOrEqualTo(RedisChecks.checks().size());
      assertThat(bad.results())
          .allSatisfy(r -> assertThat(r.elapsed()).isLessThan(CHECK_TIMEOUT.plusSeconds(1)));

      assertThat(report.targets().get(1).results())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR));
      TargetResult fine = report.targets().get(2);
      assertThat(fine.results())
          .filteredOn(r -> r.checkId().equals("database.redis.no-auth"))
          .singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL));
      assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void aServerThatNeverAnswersEndsEveryCheckInErrorWithinTheDeadline() throws Exception {
    try (SilentServer silent = SilentServer.start();
        RedisSimulator good =
            RedisSimulator.builder("7.2.4").config("protected-mode", "no").start()) {
      Report report = runner().scan(List.of(silent.target("redis"), Target.parse(good.target())));
      TargetResult bad = report.targets().get(0);
      assertThat(bad.results()).hasSize(RedisChecks.checks().size());
      assertThat(bad.results())
          .allSatisfy(
              r -> {
                assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
                assertThat(r.elapsed()).isLessThan(CHECK_TIMEOUT.plusSeconds(1));
              });
      TargetResult fine = report.targets().get(1);
      assertThat(fine.results())
          .filteredOn(r -> r.checkId().equals("database.redis.no-auth"))
          .singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL));
    }
  }

  @Test
  void garbageInsteadOfRespIsAProtocolErrorNotACrash() throws Exception {
    try (RecordingServer http =
        RecordingServer.builder()
            .answer(
                c -> "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(ISO_8859_1))
            .start()) {
      Report report = runner().scan(List.of(http.target("redis")));
      assertThat(report.targets().get(0).results())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR))
          .anySatisfy(r -> assertThat(r.detail()).contains("not a RESP2 reply"));
    }
  }
}
