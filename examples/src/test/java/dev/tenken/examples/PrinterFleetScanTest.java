package dev.tenken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.ScanSummary;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.test.sim.IppPrinterSimulator;
import dev.tenken.test.sim.SnmpAgentSimulator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class PrinterFleetScanTest {

  @Test
  void scansEveryPrinterOfTheFileAndReportsProgress(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ScanSummary summary;
    try (IppPrinterSimulator ipp = IppPrinterSimulator.builder().start();
        SnmpAgentSimulator snmp = SnmpAgentSimulator.builder().community("public").start()) {
      Path fleet = dir.resolve("fleet.txt");
      Files.writeString(
          fleet,
          template()
              .replace("{ipp}", String.valueOf(ipp.port()))
              .replace("{snmp}", String.valueOf(snmp.port())));

      summary =
          PrinterFleetScan.scan(
              fleet, Scope.of("127.0.0.1"), new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }
    String output = buffer.toString(StandardCharsets.UTF_8);

    // Comments and blank lines are not targets; both printers were scanned and both are open.
    assertThat(summary.targets()).isEqualTo(2);
    assertThat(summary.targetsByStatus()).containsEntry(TargetResult.Status.SCANNED, 2L);
    assertThat(output)
        .containsPattern("(?m)^ipp://127\\.0\\.0\\.1:\\d+: SCANNED$")
        .containsPattern("(?m)^snmp://127\\.0\\.0\\.1:\\d+: SCANNED$")
        .containsPattern("(?m)^  \\S+ +ipp://\\S+ printer\\.ipp\\.")
        .containsPattern("(?m)^  \\S+ +snmp://\\S+ printer\\.snmp\\.")
        .contains("[2 done, 0 in flight, " + summary.findings() + " finding(s)");
  }

  private static String template() throws Exception {
    try (InputStream in = PrinterFleetScanTest.class.getResourceAsStream("fleet.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
