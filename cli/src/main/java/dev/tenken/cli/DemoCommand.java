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
 * was written), 1 otherwise with a message; 2 for a usage error. The usage help, messages and
 * summary are in {@link Lang}'s bundle under {@code tenken.demo.*} and {@code demo.*}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
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

  @Option(names = "--serve")
  private boolean serve;

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      completionCandidates = Converters.FormatNames.class)
  private List<OutputFormat> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "tenken-demo")
  private String output = "tenken-demo";

  @Option(names = "--print-ports")
  private boolean printPorts;

  DemoCommand(Main.Env env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    if (output.isBlank()) {
      say("demo.error.output");
      return Main.USAGE;
    }
    quietLibraries();
    long started = System.nanoTime();
    DemoLab lab;
    try {
      lab = DemoLab.standard(printPorts).start();
    } catch (DemoLab.DemoException e) {
      say("demo.lab-failed", e.getMessage());
      return Main.FINDINGS;
    }
    try (lab) {
      say(
          "demo.started",
          lab.devices().size(),
          String.join(", ", lab.addresses()),
          millis(started));
      if (lab.sharedAddress()) {
        say("demo.shared-address");
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
    say("demo.serve.running", lab.devices().get(0).targetLine());
    say("demo.serve.stop");
    try {
      byte[] buffer = new byte[256];
      while (stdin.read(buffer) >= 0) {
        // Typed lines are ignored; only the end of input stops the lab.
      }
    } catch (IOException e) {
      // Standard input is gone: stop like at its end.
    }
    say("demo.serve.stopping");
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
      say("demo.interrupted");
      return Main.FINDINGS;
    }
    List<DemoSummary.Verdict> verdicts = DemoSummary.verdicts(lab, report);
    Set<OutputFormat> wanted = new LinkedHashSet<>(formats);
    if (wanted.isEmpty()) {
      wanted.add(OutputFormat.TEXT);
      DEFAULT_FILES.forEach(f -> wanted.add(new OutputFormat(f)));
    }
    if (wanted.contains(OutputFormat.TEXT)) {
      DemoSummary.write(report, verdicts, env.lang(), env.out());
      env.out().flush();
    }
    boolean written = write(report, wanted);
    List<String> wrong =
        verdicts.stream()
            .filter(v -> !v.asExpected())
            .map(v -> v.device().name() + " (" + v.explain(env.lang()) + ")")
            .toList();
    if (!wrong.isEmpty()) {
      say("demo.not-as-expected", String.join("; ", wrong));
    }
    if (!wanted.contains(OutputFormat.TEXT)) {
      env.err().println("tenken: " + DemoSummary.resultLine(verdicts, env.lang()));
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
        say("scan.wrote", f.label(), file);
      } catch (IOException | RuntimeException e) {
        ok = false;
        say("scan.write-failed", f.label(), file, Main.oneLine(String.valueOf(e.getMessage())));
      }
    }
    return ok;
  }

  /** Prints the message {@code key} of {@link Lang}'s bundle on standard error. */
  private void say(String key, Object... args) {
    env.err().println("tenken: " + env.lang().text(key, args));
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
