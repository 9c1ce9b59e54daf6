package dev.tenken.cli;

import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.cli.Converters.OutputFormat;
import dev.tenken.report.Report;
import dev.tenken.report.ReportFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tenken demo}: starts a lab of simulated devices in this process, on loopback addresses
 * only, scans it with the installed checks and shows what each device's variant exposes; or, with
 * {@code --serve}, keeps the lab running for {@code tenken scan} from another terminal.
 *
 * <p>Exit codes: 0 when the demo ran and every device behaved as its variant says (and every report
 * was written), 1 otherwise with a message; 2 for a usage error.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Starts a lab of simulated devices in this process, on loopback addresses only"
          + " (127.0.0.2, 127.0.0.3...): a multi-function printer (SNMP, IPP, web panel; PJL with"
          + " --print-ports), Redis and MongoDB, each in a vulnerable and a hardened variant.",
      "Then scans the lab with the installed checks (credential attempts enabled: at most 2"
          + " default passwords per device), prints what each device exposes, grouped by"
          + " countermeasure, and writes the reports.",
      "Nothing leaves this machine: the lab listens on loopback and the scan's scope is the"
          + " lab's addresses.",
    },
    footer = {
      "%nEach device has signature checks: the vulnerable variant must fail every one of them,"
          + " the hardened variant none. The hardened MongoDB is a closed port (MongoDB reachable"
          + " only from its own host); a MongoDB that demands a login is not simulated.",
      "%nWith --serve, the lab runs until Ctrl-C or until standard input closes (so"
          + " 'tenken demo --serve < /dev/null' stops at once); scan it from another terminal"
          + " with the lines it prints, such as: tenken scan snmp://127.0.0.2:40000 --enable"
          + " credential-attempts",
      "%nExit codes:",
      "  0  the demo ran and every device behaved as its variant says",
      "  1  a device did not (the summary says which), or the lab or a report failed",
      "  2  usage error",
      "%nExamples:",
      "  tenken demo",
      "  tenken demo --format text,sarif --output /tmp/demo-reports",
      "  tenken demo --serve"
    })
final class DemoCommand implements Callable<Integer> {
  /** Longest wait for a TCP connection to a simulator; they are on loopback. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  /** Longest time one check may take. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  /** Longest time spent on one device's target. */
  static final Duration HOST_BUDGET = Duration.ofSeconds(30);

  private static final List<ReportFormat> DEFAULT_FILES =
      List.of(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.MARKDOWN);

  private final Main.Env env;
  private final InputStream stdin;

  @Option(
      names = "--serve",
      description = {
        "Start the lab, print each device's targets (one device per line: name, then its"
            + " targets), and keep it running until Ctrl-C or standard input closes; no scan."
      })
  private boolean serve;

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      description = {
        "One or more of: text, json, jsonl, sarif, junit, markdown, comma-separated."
            + " Default: text (on standard output), json, sarif, junit and markdown (files)."
      })
  private List<OutputFormat> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "tenken-demo",
      description = {
        "The directory for the report files (tenken-report.<ext>), made when missing."
            + " Default: ${DEFAULT-VALUE} in the current directory."
      })
  private String output = "tenken-demo";

  @Option(
      names = "--print-ports",
      description = {
        "Also give the printer a PJL raw print port and let the scan send PJL INFO queries to it."
            + " Default: off, as in 'tenken scan'."
      })
  private boolean printPorts;

  DemoCommand(Main.Env env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    if (output.isBlank()) {
      env.err().println("tenken: --output is empty: give a directory; try 'tenken demo --help'");
      return Main.USAGE;
    }
    quietLibraries();
    long started = System.nanoTime();
    DemoLab lab;
    try {
      lab = DemoLab.standard(printPorts).start();
    } catch (DemoLab.DemoException e) {
      env.err().println("tenken: the demo lab could not start: " + e.getMessage());
      return Main.FINDINGS;
    }
    try (lab) {
      env.err()
          .println(
              "tenken: started "
                  + lab.devices().size()
                  + " simulated devices on "
                  + String.join(", ", lab.addresses())
                  + " in "
                  + millis(started)
                  + " ms");
      if (lab.sharedAddress()) {
        env.err()
            .println(
                "tenken: note: this system does not let programs listen on 127.0.0.2, so every"
                    + " device listens on 127.0.0.1 on ports of its own (and they share one"
                    + " host's login budget in a scan)");
      }
      return serve ? serve(lab) : scan(lab);
    }
  }

  /** Prints the devices' targets and waits for the end of standard input. */
  private int serve(DemoLab lab) {
    for (DemoDevice d : lab.devices()) {
      env.out().println(d.name() + " " + d.targetLine());
    }
    env.out().flush();
    env.err()
        .println(
            "tenken: the lab is running; scan it from another terminal, for example: tenken scan "
                + lab.devices().get(0).targetLine()
                + " --enable credential-attempts");
    env.err().println("tenken: press Ctrl-C (or close standard input) to stop");
    try {
      byte[] buffer = new byte[256];
      while (stdin.read(buffer) >= 0) {
        // Typed lines are ignored; only the end of input stops the lab.
      }
    } catch (IOException e) {
      // Standard input is gone: stop like at its end.
    }
    env.err().println("tenken: stopping the lab");
    return Main.OK;
  }

  private int scan(DemoLab lab) {
    List<Target> targets = new ArrayList<>();
    for (DemoDevice d : lab.devices()) {
      for (String t : d.targets()) {
        targets.add(
            Target.parse(t)
                .withLabel(DemoSummary.DEVICE_LABEL, d.name())
                .withLabel("demo-variant", d.variant().label()));
      }
    }
    CheckRunner runner =
        CheckRunner.builder()
            .locale(env.lang().locale())
            .checks(env.checks().get())
            .scope(Scope.of(lab.addresses().toArray(String[]::new)))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .printPorts(printPorts)
            .connectTimeout(CONNECT_TIMEOUT)
            .checkTimeout(CHECK_TIMEOUT)
            .hostBudget(HOST_BUDGET)
            .build();
    Report report;
    try {
      report = runner.scan(targets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      env.err().println("tenken: the demo scan was interrupted");
      return Main.FINDINGS;
    }
    List<DemoSummary.Verdict> verdicts = DemoSummary.verdicts(lab, report);
    Set<OutputFormat> wanted = new LinkedHashSet<>(formats);
    if (wanted.isEmpty()) {
      wanted.add(OutputFormat.TEXT);
      DEFAULT_FILES.forEach(f -> wanted.add(new OutputFormat(f)));
    }
    if (wanted.contains(OutputFormat.TEXT)) {
      DemoSummary.write(report, verdicts, env.out());
      env.out().flush();
    }
    boolean written = write(report, wanted);
    List<String> wrong =
        verdicts.stream()
            .filter(v -> !v.asExpected())
            .map(v -> v.device().name() + " (" + v.explain() + ")")
            .toList();
    if (!wrong.isEmpty()) {
      env.err().println("tenken: the demo did not behave as expected: " + String.join("; ", wrong));
    }
    if (!wanted.contains(OutputFormat.TEXT)) {
      env.err().println("tenken: " + DemoSummary.resultLine(verdicts));
    }
    return wrong.isEmpty() && written ? Main.OK : Main.FINDINGS;
  }

  /** Writes every non-text format to the output directory; false when one failed. */
  private boolean write(Report report, Set<OutputFormat> wanted) {
    Path dir = env.workDir().resolve(output).toAbsolutePath().normalize();
    boolean ok = true;
    for (OutputFormat f : wanted) {
      ReportFormat format = f.report();
      if (format == null) {
        continue;
      }
      Path file = dir.resolve("tenken-report." + format.extension());
      try {
        Files.createDirectories(dir);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
          format.write(report, out);
        }
        env.err().println("tenken: wrote the " + f.label() + " report to " + file);
      } catch (IOException | RuntimeException e) {
        ok = false;
        env.err()
            .println(
                "tenken: cannot write the "
                    + f.label()
                    + " report to "
                    + file
                    + ": "
                    + Main.oneLine(String.valueOf(e.getMessage())));
      }
    }
    return ok;
  }

  /**
   * Keeps the simulators' libraries (WireMock's Jetty and request journal, mongo-java-server's
   * Netty) off the terminal: they log every request a simulator does not know, which is most of
   * what a scan asks. Left alone when the user configured SLF4J's simple logger or set {@code
   * TENKEN_DEBUG}.
   */
  private static void quietLibraries() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty(
          "org.slf4j.simpleLogger.defaultLogLevel",
          System.getenv("TENKEN_DEBUG") == null ? "off" : "warn");
    }
  }

  private static long millis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
