package dev.tenken.examples;

import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.TargetParseException;
import dev.tenken.TargetResult;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.printer.PrinterChecks;
import dev.tenken.report.Report;
import java.io.PrintStream;

/**
 * The smallest useful Tenken program: scan some hosts with the checks of all three modules and
 * print what was found. Copy it and change the scope to the networks you are allowed to test.
 *
 * <pre>
 * java dev.tenken.examples.QuickStart                       # scans 127.0.0.1
 * java dev.tenken.examples.QuickStart 127.0.0.1:6379,8080   # these ports too, identified by what they answer
 * java dev.tenken.examples.QuickStart redis://127.0.0.1:16379
 * </pre>
 *
 * Exit status: 0 when no finding is HIGH or worse, 1 when one is, 2 when an argument is not a
 * target.
 */
public final class QuickStart {

  private QuickStart() {}

  /** Scans the targets named by {@code args}, or {@code 127.0.0.1} when there is none. */
  public static void main(String[] args) throws InterruptedException {
    String[] targets = args.length == 0 ? new String[] {"127.0.0.1"} : args;
    int status;
    try {
      status = scan(System.out, targets);
    } catch (TargetParseException e) {
      System.err.println(e.getMessage());
      status = 2;
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Scans {@code targets} and prints each one's status, endpoints and findings to {@code out}.
   *
   * @return 1 when a finding is HIGH or worse, else 0
   * @throws TargetParseException when a text is not a target such as {@code host}, {@code
   *     host:port,port} or {@code scheme://host:port}
   * @throws InterruptedException when the thread is interrupted; the scan is then cancelled
   */
  public static int scan(PrintStream out, String... targets) throws InterruptedException {
    // A runner is immutable and thread-safe: build it once and reuse it for every scan.
    CheckRunner runner =
        CheckRunner.builder()
            // The allow-list. Tenken refuses any address outside it before sending a packet, so a
            // typo cannot scan somebody else. Widen it to your own networks, for example
            // Scope.of("192.0.2.0/24", "printers.example.net").
            .scope(Scope.of("127.0.0.1"))
            // Every check of the three modules, with the probes that identify the services
            // (HTTP, TLS, RTSP, PJL, Redis) by what a port answers rather than by its number.
            // By default only PASSIVE and READ_ONLY checks run, and raw print ports
            // (9100-9107, 9999) get nothing at all.
            .checks(CameraChecks.all().plus(PrinterChecks.all()).plus(DatabaseChecks.all()))
            .build();

    // Scans and waits for the end. For very many targets, use runner.start(targets, listener)
    // and handle each result as it arrives instead of holding the whole report.
    Report report = runner.scan(targets);

    for (TargetResult target : report.targets()) {
      // Every target ends in exactly one status: SCANNED, UNREACHABLE, TIMEOUT, OUT_OF_SCOPE...
      out.printf("%s: %s (%s)%n", target.target(), target.status(), target.detail());
      for (Endpoint endpoint : target.endpoints()) {
        out.printf("  endpoint %s %s%n", endpoint.uri(), endpoint.service());
      }
      target
          .findings()
          .forEach(
              (Finding f) ->
                  out.printf(
                      "  finding %s %s on %s: %s%n",
                      f.severity().label(), f.checkId(), f.endpoint().uri(), f.title()));
    }
    out.printf(
        "%d target(s), %d finding(s) in %d ms%n",
        report.summary().targets(),
        report.summary().findings(),
        report.summary().elapsed().toMillis());

    return report.findingsAtLeast(Severity.HIGH).isEmpty() ? 0 : 1;
  }
}
