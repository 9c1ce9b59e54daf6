package dev.tenken.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.printer.PrinterChecks;
import dev.tenken.report.Report;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.test.sim.PjlPrinterSimulator;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The foundation's proof: one target, four loopback ports given without a scheme, and the runner
 * names each port's service by what it answers — a real redis-server, a web server, an RTSP camera
 * and a PJL printer — while the printer receives nothing but the PJL status query.
 *
 * <p>Needs {@code redis-server} (Debian package {@code redis-server}); {@code scripts/test}
 * installs it.
 */
@Timeout(120)
class ServiceIdentificationIT {
  private static final Duration HOST_BUDGET = Duration.ofSeconds(60);

  private static final CheckSet ALL_MODULES =
      CameraChecks.all().plus(PrinterChecks.all()).plus(DatabaseChecks.all());

  private static HttpSimulator http;
  private static RedisServerProcess redis;
  private static RtspSimulator rtsp;
  private static PjlPrinterSimulator printer;

  @BeforeAll
  static void startServers() throws Exception {
    http = new HttpSimulator();
    rtsp = new RtspSimulator();
    printer = PjlPrinterSimulator.builder().start();
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopServers() throws Exception {
    try {
      if (redis != null) {
        redis.close();
      }
    } finally {
      for (AutoCloseable s : new AutoCloseable[] {http, rtsp, printer}) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  private static CheckRunner runner() {
    return runner(ALL_MODULES);
  }

  private static CheckRunner runner(CheckSet checks) {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.1/32"))
        .checks(checks)
        .hostBudget(HOST_BUDGET)
        .build();
  }

  @Test
  void identifiesEachServiceByWhatItAnswers() throws Exception {
    String target =
        "127.0.0.1:" + http.port() + "," + redis.port() + "," + rtsp.port() + "," + printer.port();

    // Identification alone: every module's probes, no checks (so no default ports are added).
    Report report = runner(new CheckSet(List.of(), ALL_MODULES.probes())).scan(target);

    assertThat(report.targets()).hasSize(1);
    TargetResult result = report.targets().get(0);
    assertThat(result.status()).as(result.detail()).isEqualTo(TargetResult.Status.SCANNED);
    assertThat(result.endpoints())
        .extracting(Endpoint::port, Endpoint::transport, Endpoint::service)
        .containsExactlyInAnyOrder(
            tuple(http.port(), Transport.TCP, "http"),
            tuple(redis.port(), Transport.TCP, "redis"),
            tuple(rtsp.port(), Transport.TCP, "rtsp"),
            tuple(printer.port(), Transport.TCP, "pjl"));

    // The printer got the status query and not one byte more: nothing it could print.
    byte[] received = concat(printer.received());
    assertThat(received).isEqualTo(PrintPortGuard.STATUS_QUERY);
    assertThat(printer.jobs())
        .allSatisfy(job -> assertThat(PrintPortGuard.isAllowed(job)).isTrue());
    assertThat(PrintPortGuard.isAllowed(received)).isTrue();
    assertThat(printer.wouldHavePrinted()).isEmpty();

    // Then the whole scan, checks included: the PJL checks ask more, but only ever PJL queries.
    runner().scan(target);
    assertThat(printer.jobs())
        .hasSizeGreaterThan(1)
        .allSatisfy(job -> assertThat(PrintPortGuard.isAllowed(job)).isTrue());
    assertThat(printer.wouldHavePrinted()).isEmpty();
    printer.assertOnlyPjlQueries();

    // Four ports identified in a few banner waits, far inside the host budget.
    assertThat(result.elapsed()).isLessThan(HOST_BUDGET.dividedBy(6));
    assertThat(report.summary().elapsed()).isLessThan(HOST_BUDGET.dividedBy(6));
  }

  @Test
  void sendsNothingMoreToAPortThatSwallowsTheStatusQuery() throws Exception {
    // A printer with PJL answers switched off: it swallows everything and answers nothing.
    try (RecordingServer mute = RecordingServer.builder().start()) {
      Report report = runner().scan("127.0.0.1:" + mute.port());

      TargetResult result = report.targets().get(0);
      assertThat(result.endpoints())
          .extracting(Endpoint::port, Endpoint::service)
          .containsExactly(tuple(mute.port(), Endpoint.UNKNOWN_SERVICE));
      // A silent port may be a printer without PJL answers: no HTTP, RTSP or PING may follow.
      assertThat(mute.received()).isEqualTo(PrintPortGuard.STATUS_QUERY);
    }
  }

  /** Every connection's bytes, in order, as one stream. */
  private static byte[] concat(List<byte[]> connections) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    connections.forEach(all::writeBytes);
    return all.toByteArray();
  }
}
