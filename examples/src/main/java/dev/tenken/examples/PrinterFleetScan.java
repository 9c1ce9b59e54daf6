package dev.tenken.examples;

import dev.tenken.CheckRunner;
import dev.tenken.Finding;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanProgress;
import dev.tenken.ScanSummary;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.printer.PrinterChecks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Scans a printer fleet listed in a file, reporting progress as it goes. The file holds one target
 * per line ({@code host}, {@code host:port,port}, {@code ipp://host:631}, {@code snmp://host});
 * blank lines and {@code #} comments are skipped. Targets are read lazily, so a file of a million
 * printers is never held in memory, and each finding is printed the moment its check ends.
 *
 * <pre>
 * java dev.tenken.examples.PrinterFleetScan fleet.txt
 * </pre>
 *
 * Exit status: 0 when no finding is HIGH or worse, 1 when one is, 2 when the file cannot be read or
 * a line is not a target.
 */
public final class PrinterFleetScan {

  private PrinterFleetScan() {}

  /** Scans the fleet file named by {@code args[0]}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: PrinterFleetScan <fleet file>");
      System.exit(2);
    }
    int status;
    try {
      ScanSummary summary = scan(Path.of(args[0]), Scope.of("127.0.0.1"), System.out);
      status = summary.worstSeverity().filter(s -> s.isAtLeast(Severity.HIGH)).isPresent() ? 1 : 0;
    } catch (IOException | IllegalStateException e) {
      System.err.println(e.getMessage());
      status = 2;
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Scans every printer listed in {@code fleet} within {@code scope}, printing findings and
   * progress to {@code out} as they happen.
   *
   * @return the scan's summary
   * @throws IOException when the file cannot be read
   * @throws IllegalStateException when a line is not a target (the message names it); the targets
   *     before it were scanned, none after it
   * @throws InterruptedException when the thread is interrupted; the scan is then cancelled
   */
  public static ScanSummary scan(Path fleet, Scope scope, PrintStream out)
      throws IOException, InterruptedException {
    CheckRunner runner =
        CheckRunner.builder()
            .scope(scope)
            // SNMP, IPP, web panels, LPD, FTP, telnet. PJL (raw print ports) stays off unless
            // .printPorts(true): nothing but a status query would be sent, but only if you say so.
            .checks(PrinterChecks.all())
            .build();

    ScanListener listener =
        new ScanListener() {
          @Override
          public void finding(Target target, Finding f) {
            out.printf("  %-8s %s %s: %s%n", f.severity().label(), target, f.checkId(), f.title());
          }

          @Override
          public void targetFinished(TargetResult result) {
            out.printf("%s: %s%n", result.target(), result.status());
          }

          @Override
          public void progress(ScanProgress p) {
            // The total is unknown while targets stream in: report what is done, not a percentage.
            out.printf(
                "[%d done, %d in flight, %d finding(s), %d s]%n",
                p.targetsFinished(), p.targetsInFlight(), p.findings(), p.elapsed().toSeconds());
          }
        };

    try (Stream<String> lines = Files.lines(fleet)) {
      Stream<Target> targets =
          lines
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .map(Target::parse);
      // The runner pulls from the iterator as capacity frees; the file stays open until the end.
      Scan scan = runner.start(targets::iterator, listener);
      try {
        return scan.await();
      } catch (InterruptedException e) {
        scan.cancel();
        throw e;
      }
    }
  }
}
