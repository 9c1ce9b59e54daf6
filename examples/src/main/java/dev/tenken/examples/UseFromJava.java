package dev.tenken.examples;

import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.printer.PrinterChecks;
import dev.tenken.report.Report;
import dev.tenken.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The code of the README's and the getting-started guide's quick starts, compiled and run by the
 * build. {@code ReadmeSnippetsTest} fails when the documents' code and the regions marked {@code //
 * begin <name>} and {@code // end <name>} here differ in anything but layout and comments, so the
 * documentation cannot drift from code that works.
 */
public final class UseFromJava {

  private UseFromJava() {}

  /**
   * The README's quick start: scans a Redis on loopback port {@code port} with every check, prints
   * the findings and writes {@code target/tenken.sarif}.
   */
  public static Report readmeQuickStart(int port) throws IOException, InterruptedException {
    // begin readme-quick-start
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.0/8")) // required: nothing outside it ever sees a packet
            .checks(DatabaseChecks.all().plus(CameraChecks.all()).plus(PrinterChecks.all()))
            .build(); // immutable, thread-safe: build once, scan often

    Report report = runner.scan("redis://127.0.0.1:" + port);
    report.findings().forEach(System.out::println);
    Files.createDirectories(Path.of("target"));
    try (OutputStream out = Files.newOutputStream(Path.of("target", "tenken.sarif"))) {
      ReportFormat.SARIF.write(report, out);
    }
    // end readme-quick-start
    return report;
  }

  /** The getting-started guide's first program: the database checks against this machine. */
  public static Report gettingStarted() throws InterruptedException {
    // begin getting-started
    CheckRunner runner =
        CheckRunner.builder().scope(Scope.of("127.0.0.1")).checks(DatabaseChecks.all()).build();
    Report report = runner.scan("127.0.0.1");
    // end getting-started
    return report;
  }
}
