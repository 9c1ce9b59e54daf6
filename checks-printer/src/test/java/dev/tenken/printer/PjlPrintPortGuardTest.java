package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.Transport;
import dev.tenken.report.Report;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.Outcome;
import dev.tenken.test.sim.PjlPrinterSimulator;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With print-port checks disabled (the default) nothing reaches 9100-9107/9999: the runner drops
 * those ports before identification, and {@code context.connect} refuses them before a packet.
 */
class PjlPrintPortGuardTest {

  /** Tries {@code context.connect} to 9100 of the same host and reports what happened. */
  static final class ConnectTo9100 implements Check {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public CheckDescriptor descriptor() {
      return CheckDescriptor.builder("printer.test.connect-9100", "test: connect to 9100")
          .description("Tries to connect to the raw print port 9100.")
          .remediation("none")
          .probe("a TCP connect to 9100")
          .proof("the refusal")
          .severity(Severity.INFO)
          .safety(Safety.READ_ONLY)
          .services("pjl")
          .ports(9100)
          .build();
    }

    @Override
    public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
      runs.incrementAndGet();
      try {
        context.connect(endpoint.sibling(9100, Transport.TCP, "pjl")).close();
        return Outcome.error("connected to 9100");
      } catch (OutOfScopeException e) {
        return Outcome.pass(e.getMessage());
      }
    }
  }

  @AfterAll
  static void nothingPrintableReachedAnyPjlSimulator() {
    PjlPrinterSimulator.assertOnlyPjlQueriesInThisJvm();
  }

  private static CheckRunner runner(Check check, boolean printPorts) {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.1/32"))
        .check(check)
        .printPorts(printPorts)
        .connectTimeout(Duration.ofMillis(500))
        .checkTimeout(Duration.ofSeconds(3))
        .build();
  }

  @Test
  void aHintedPrintPortIsNeverReachedWhenPrintPortsAreOff() throws Exception {
    ConnectTo9100 check = new ConnectTo9100();
    long start = System.nanoTime();
    Report r = runner(check, false).scan(List.of(Target.parse("pjl://127.0.0.1:9100")));
    assertThat(check.runs).hasValue(0);
    assertThat(r.results()).isEmpty();
    assertThat(r.targets().get(0).endpoints()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void contextConnectRefusesPrintPortBeforeAnyConnection() throws Exception {
    ConnectTo9100 check = new ConnectTo9100();
    // The check runs on an ordinary (ephemeral) port of a simulator and tries 9100 from there.
    try (PjlPrinterSimulator printer = PjlPrinterSimulator.builder().start()) {
      Report r = runner(check, false).scan(List.of(printer.target()));
      CheckResult result = r.results().findFirst().orElseThrow();
      assertThat(check.runs).hasValue(1);
      assertThat(result.status()).isEqualTo(CheckResult.Status.PASS);
      assertThat(result.detail())
          .contains("raw print port")
          .contains("nothing is sent there unless print-port checks are enabled");
      assertThat(printer.connections()).isZero();
    }
  }

  @Test
  void aPrinterListeningOn9100GetsNothingUnlessPrintPortsAreEnabled() throws Exception {
    PjlPrinterSimulator printer;
    try {
      printer = PjlPrinterSimulator.builder().start(9100);
    } catch (BindException e) {
      Assumptions.abort("port 9100 is in use on this machine: " + e.getMessage());
      return;
    }
    try (printer) {
      CheckRunner off =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(PrinterChecks.all())
              .bannerWait(Duration.ofMillis(200))
              .checkTimeout(Duration.ofSeconds(3))
              .build();
      off.scan(
          List.of(
              Target.parse("pjl://127.0.0.1:9100"),
              Target.of("127.0.0.1", 9100),
              Target.parse("http://127.0.0.1:9100")));
      Thread.sleep(200);
      assertThat(printer.connections()).as("connections to 9100 with print ports off").isZero();

      CheckRunner on =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(PrinterChecks.all())
              .printPorts(true)
              .bannerWait(Duration.ofMillis(200))
              .checkTimeout(Duration.ofSeconds(3))
              .build();
      Report r = on.scan(List.of(Target.of("127.0.0.1", 9100)));
      assertThat(r.targets().get(0).endpoints())
          .extracting(Endpoint::service)
          .containsExactly("pjl");
      assertThat(printer.queries()).contains("INFO STATUS", "INFO ID");
      printer.assertOnlyPjlQueries();
    }
  }
}
