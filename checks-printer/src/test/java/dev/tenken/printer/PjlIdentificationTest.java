package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.test.sim.PjlPrinterSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The runner identifies a printer's PJL port (here an ephemeral port, not a guarded print port) by
 * its answer to the status query, sends nothing else on that connection, and the PJL checks then
 * send only allowed PJL queries.
 */
class PjlIdentificationTest {

  @AfterAll
  static void nothingPrintableReachedAnyPjlSimulator() {
    PjlPrinterSimulator.assertOnlyPjlQueriesInThisJvm();
  }

  @Test
  void identifiesPjlAndSendsNothingButPjlQueries() throws Exception {
    try (PjlPrinterSimulator printer = PjlPrinterSimulator.builder().start()) {
      CheckRunner runner =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(PrinterChecks.all())
              .bannerWait(Duration.ofMillis(200))
              .build();

      TargetResult result =
          runner.scan(List.of(Target.of("127.0.0.1", printer.port()))).targets().get(0);

      assertThat(result.endpoints())
          .extracting(Endpoint::port, Endpoint::service)
          .containsExactly(tuple(printer.port(), "pjl"));
      // identification: the status query and nothing else on its connection
      assertThat(printer.received().get(0)).isEqualTo(PrintPortGuard.STATUS_QUERY);
      // the PJL checks ran and sent queries only
      assertThat(printer.queries()).contains("INFO STATUS", "INFO ID", "INFO FILESYS");
      printer.assertOnlyPjlQueries();
      assertThat(printer.wouldHavePrinted()).isEmpty();
    }
  }
}
