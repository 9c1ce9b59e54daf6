package dev.tenken.cli;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Safety;
import dev.tenken.Scan;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetParseException;
import dev.tenken.TargetResult;
import dev.tenken.cli.Converters.Enablement;
import dev.tenken.cli.Converters.FailOn;
import dev.tenken.cli.Converters.OutputFormat;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenken scan TARGET...}: scans, prints a summary, writes reports, exits by findings. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Scans the targets with the installed checks and reports what a stranger on the network"
          + " could do with them.",
      "Every target is parsed before anything is sent; a bad one stops the command (exit 2)."
          + " Only passive and read-only checks run unless --enable says otherwise; nothing is"
          + " ever written, printed or reconfigured on a device.",
      "Durations are a number and a unit: 500ms, 2s, 1.5s, 1m, 1h.",
    },
    footer = {
      "%nOutputs: text is printed on standard output; every other format is written to a file"
          + " (tenken-report.<ext> in the current directory unless --output says otherwise) and"
          + " the path is reported on standard error. Extensions: json .json, jsonl .jsonl,"
          + " sarif .sarif, junit .xml, markdown .md.",
      "%nCtrl-C cancels the scan; what was found so far is still printed and written, and the"
          + " exit status is the shell's for an interrupt (130).",
      "%nUnreachable, timed-out, cancelled and out-of-scope targets are shown in the summary and"
          + " the reports; they do not change the exit code.",
      "%nExit codes:",
      "  0  clean: no finding at or above --fail-on",
      "  1  a finding at or above --fail-on (default: high)",
      "  2  usage error (bad target, option, format, scope, --checks);",
      "     nothing was scanned",
      "  3  the scan itself failed: an internal error on a target,",
      "     or a report that could not be written",
      "%nExamples:",
      "  tenken scan 192.0.2.10",
      "  tenken scan 192.0.2.10:80,554,8000-8010 redis://192.0.2.20:16379",
      "  tenken scan cam1.example cam2.example --format text,sarif --output reports/",
      "  tenken scan 192.0.2.10 --scope 192.0.2.0/24 --exclude-scope 192.0.2.1",
      "  tenken scan 192.0.2.10 --checks 'camera.*' --fail-on medium"
    })
final class ScanCommand implements Callable<Integer> {
  private final Main.Env env;

  @Parameters(
      arity = "1..*",
      paramLabel = "TARGET",
      description = {
        "host, host:port[,port|from-to...], [IPv6]:port, or scheme://host[:port] where the scheme"
            + " names the service (redis://, rtsp://, snmp://, ipp://, http://...).",
        "A bare host is probed on the default ports of the installed checks; given ports are"
            + " probed in addition. Credentials in a target are refused."
      })
  private List<String> targetTexts = new ArrayList<>();

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      description = {
        "One or more of: text, json, jsonl, sarif, junit, markdown, comma-separated."
            + " Default: text (a summary on standard output)."
      })
  private List<OutputFormat> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = {
        "With one format: the file to write ('-': standard output)."
            + " With several: a directory if PATH exists as one or ends in '/', otherwise a file"
            + " name prefix (PATH.sarif, PATH.xml...); text then still goes to standard output."
            + " Default: tenken-report.<ext> in the current directory."
      })
  private @Nullable String output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      converter = Converters.FailOnConverter.class,
      description = {
        "Exit 1 when a finding is at or above SEVERITY: info, low, medium, high, critical;"
            + " none never fails on findings. Default: ${DEFAULT-VALUE}."
      })
  private FailOn failOn = new FailOn(dev.tenken.Severity.HIGH);

  @Option(
      names = "--scope",
      split = ",",
      paramLabel = "ENTRY",
      description = {
        "The allow-list: host names, addresses and CIDR blocks (192.0.2.0/24). A target or"
            + " connection outside it is refused before a packet is sent (the target ends"
            + " OUT_OF_SCOPE). Default: exactly the hosts of the given targets."
      })
  private List<String> scope = new ArrayList<>();

  @Option(
      names = "--exclude-scope",
      split = ",",
      paramLabel = "ENTRY",
      description = {"Addresses and CIDR blocks never to touch, even when allowed. Default: none."})
  private List<String> excludeScope = new ArrayList<>();

  @Option(
      names = "--enable",
      split = ",",
      paramLabel = "WHAT",
      converter = Converters.EnableConverter.class,
      description = {
        "Also allows: credential-attempts (log in with a tiny vendor-default list, at most 2 failed"
            + " attempts per host), sessions (checks that open and close an authenticated"
            + " session), print-ports (PJL INFO queries to raw print ports 9100-9107 and 9999)."
            + " Default: only passive and read-only checks; print ports untouched."
      })
  private List<Enablement> enable = new ArrayList<>();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      converter = Converters.PositiveIntConverter.class,
      description =
          "Most checks and probes in flight at once. Default: "
              + CheckRunner.DEFAULT_CONCURRENCY
              + ".")
  private @Nullable Integer concurrency;

  @Option(
      names = "--per-host",
      paramLabel = "N",
      converter = Converters.PositiveIntConverter.class,
      description =
          "Most checks and probes in flight on one host. Default: "
              + CheckRunner.DEFAULT_PER_HOST_CONCURRENCY
              + ".")
  private @Nullable Integer perHost;

  @Option(
      names = "--rate",
      paramLabel = "N/s",
      converter = Converters.RateConverter.class,
      description =
          "Most new connections per second, 0 for no limit. Default: "
              + CheckRunner.DEFAULT_CONNECTIONS_PER_SECOND
              + "/s.")
  private @Nullable Double rate;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "Longest wait for a TCP connection to open. Default: "
              + CheckRunner.DEFAULT_CONNECT_TIMEOUT_MILLIS
              + "ms.")
  private @Nullable Duration connectTimeout;

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "Hard deadline of one check; it then ends ERROR. Default: "
              + CheckRunner.DEFAULT_CHECK_TIMEOUT_MILLIS
              + "ms.")
  private @Nullable Duration checkTimeout;

  @Option(
      names = "--host-budget",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class,
      description =
          "Most time spent on one host; it then ends TIMEOUT. Default: "
              + CheckRunner.DEFAULT_HOST_BUDGET_SECONDS
              + "s.")
  private @Nullable Duration hostBudget;

  @Option(
      names = "--checks",
      split = ",",
      paramLabel = "ID-GLOB",
      description = {
        "Runs only the checks whose id matches one of these patterns (* any text, ? one"
            + " character), such as database.redis.* or *.no-auth; each must match an installed"
            + " check ('tenken checks' lists them). Default: all."
      })
  private List<String> checkGlobs = new ArrayList<>();

  ScanCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Prepared prepared;
    try {
      prepared = prepare();
    } catch (UsageException e) {
      env.err().println("tenken: " + e.getMessage());
      return Main.USAGE;
    }
    return scan(prepared);
  }

  /** Everything checked before a packet is sent. */
  private record Prepared(CheckRunner runner, List<Target> targets, List<Planned> outputs) {}

  /** One output: a format and where it goes ({@code null}: standard output). */
  private record Planned(OutputFormat format, @Nullable Path path) {}

  private Prepared prepare() {
    List<Target> targets = new ArrayList<>();
    for (String text : targetTexts) {
      try {
        targets.add(Target.parse(text));
      } catch (TargetParseException e) {
        throw new UsageException(Main.oneLine(e.getMessage()));
      }
    }
    List<Planned> outputs = planOutputs();
    CheckSet checks = CheckSelection.select(env.checks().get(), checkGlobs);
    Scope allowList = scope(targets);
    CheckRunner.Builder b = CheckRunner.builder().checks(checks).scope(allowList);
    for (Enablement e : enable) {
      switch (e) {
        case CREDENTIAL_ATTEMPTS -> b.enable(Safety.CREDENTIAL_ATTEMPT);
        case SESSIONS -> b.enable(Safety.SESSION);
        case PRINT_PORTS -> b.printPorts(true);
      }
    }
    try {
      if (concurrency != null) {
        b.concurrency(concurrency);
      }
      if (perHost != null) {
        b.perHostConcurrency(perHost);
      }
      if (rate != null) {
        b.connectionsPerSecond(rate);
      }
      if (connectTimeout != null) {
        b.connectTimeout(connectTimeout);
      }
      if (checkTimeout != null) {
        b.checkTimeout(checkTimeout);
      }
      if (hostBudget != null) {
        b.hostBudget(hostBudget);
      }
      CheckRunner runner = b.build();
      if (checks.checks().isEmpty()) {
        env.err()
            .println(
                "tenken: note: no checks are installed, so only the ports given with the targets"
                    + " are looked at and no finding can be made");
      }
      return new Prepared(runner, targets, outputs);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(Main.oneLine(e.getMessage()) + "; try 'tenken scan --help'");
    }
  }

  /** The allow-list: {@code --scope} when given, else exactly the targets' hosts. */
  private Scope scope(List<Target> targets) {
    Scope.Builder b = Scope.builder();
    if (scope.isEmpty()) {
      for (Target t : targets) {
        b.allow(t.host());
      }
    } else {
      for (String entry : scope) {
        try {
          b.allow(entry);
        } catch (TargetParseException e) {
          throw new UsageException(
              "bad --scope entry '"
                  + entry
                  + "': "
                  + Main.oneLine(e.getMessage())
                      .replace("bad target '" + e.input() + "': ", "")
                      .replace("'[" + entry.strip() + "]'", "'" + entry.strip() + "'")
                  + "; give host names, addresses or CIDR blocks such as 192.0.2.0/24");
        } catch (IllegalArgumentException e) {
          throw new UsageException(
              "bad --scope entry '" + entry + "': " + Main.oneLine(e.getMessage()));
        }
      }
    }
    for (String entry : excludeScope) {
      try {
        b.deny(entry);
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "bad --exclude-scope entry '"
                + entry
                + "': "
                + Main.oneLine(e.getMessage())
                + " (give addresses or CIDR blocks such as 192.0.2.0/24)");
      }
    }
    return b.build();
  }

  /** Where each format goes; checked, and directories made, before the scan. */
  private List<Planned> planOutputs() {
    Set<OutputFormat> wanted = new LinkedHashSet<>(formats);
    if (wanted.isEmpty()) {
      wanted.add(OutputFormat.TEXT);
    }
    boolean textOnly = wanted.size() == 1 && wanted.contains(OutputFormat.TEXT);
    List<Planned> plan = new ArrayList<>();
    List<OutputFormat> files = new ArrayList<>();
    for (OutputFormat f : wanted) {
      if (f.isText() && !(textOnly && output != null)) {
        plan.add(new Planned(f, null));
      } else {
        files.add(f);
      }
    }
    if (output == null) {
      for (OutputFormat f : files) {
        plan.add(new Planned(f, env.workDir().resolve("tenken-report." + f.extension())));
      }
      return plan;
    }
    if (output.isBlank()) {
      throw new UsageException("--output is empty: give a file, a directory or '-'");
    }
    if (output.equals("-")) {
      if (files.size() != 1 || wanted.size() != 1) {
        throw new UsageException(
            "--output - writes one format to standard output: give exactly one --format");
      }
      plan.add(new Planned(files.get(0), null));
      return plan;
    }
    Path base = env.workDir().resolve(output);
    boolean directory =
        Files.isDirectory(base)
            || output.endsWith("/")
            || output.endsWith(base.getFileSystem().getSeparator());
    for (OutputFormat f : files) {
      Path p;
      if (directory) {
        p = base.resolve("tenken-report." + f.extension());
      } else if (files.size() == 1) {
        p = base;
      } else {
        p = base.resolveSibling(base.getFileName() + "." + f.extension());
      }
      plan.add(new Planned(f, p));
    }
    for (Planned p : plan) {
      if (p.path() != null) {
        Path parent = p.path().toAbsolutePath().getParent();
        try {
          if (parent != null) {
            Files.createDirectories(parent);
          }
        } catch (IOException e) {
          throw new UsageException(
              "cannot create the directory "
                  + parent
                  + " for --output: "
                  + Main.oneLine(String.valueOf(e.getMessage())));
        }
      }
    }
    return plan;
  }

  private int scan(Prepared prepared) {
    ReportCollector collector = new ReportCollector(prepared.runner().checkSet());
    AtomicReference<@Nullable Scan> running = new AtomicReference<>();
    AtomicBoolean cancelledByUser = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancelledByUser.set(true);
              Scan s = running.get();
              if (s != null) {
                s.cancel();
              }
              try {
                // Let the main thread write what was found before the JVM halts.
                finished.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tenken-cancel");
    boolean hooked = addHook(hook);
    boolean interrupted = false;
    try {
      Scan scan = prepared.runner().start(prepared.targets(), collector);
      running.set(scan);
      if (cancelledByUser.get()) {
        scan.cancel();
      }
      while (true) {
        try {
          scan.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          scan.cancel();
        }
      }
      Report report = collector.report();
      if (cancelledByUser.get()) {
        env.err().println("tenken: cancelled; writing what was found so far");
      }
      boolean written = write(report, prepared.outputs());
      return exitCode(report, written);
    } finally {
      finished.countDown();
      if (hooked) {
        removeHook(hook);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int exitCode(Report report, boolean written) {
    long internal = report.summary().targetsByStatus().getOrDefault(TargetResult.Status.ERROR, 0L);
    if (internal > 0) {
      env.err()
          .println(
              "tenken: "
                  + internal
                  + " target(s) ended in an internal error (a bug in Tenken; the reports say"
                  + " which); exit 3");
    }
    if (report.summary().listenerErrors() > 0) {
      env.err()
          .println(
              "tenken: the report may be incomplete: "
                  + report.summary().listenerErrors()
                  + " listener error(s); exit 3");
    }
    if (!written || internal > 0 || report.summary().listenerErrors() > 0) {
      return Main.FAILED;
    }
    return report.findings().anyMatch(f -> failOn.fails(f.severity())) ? Main.FINDINGS : Main.OK;
  }

  /** Writes every planned output; false when one could not be written (the others still are). */
  private boolean write(Report report, List<Planned> outputs) {
    boolean ok = true;
    for (Planned p : outputs) {
      Path path = p.path();
      if (path == null) {
        try {
          render(report, p.format(), env.out());
          env.out().flush();
        } catch (IOException e) {
          env.err().println("tenken: cannot write to standard output: " + e.getMessage());
          ok = false;
        }
        continue;
      }
      Path target = path.toAbsolutePath().normalize();
      Path part = target.resolveSibling(target.getFileName() + ".part");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
          render(report, p.format(), out);
        }
        try {
          Files.move(
              part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        env.err().println("tenken: wrote the " + p.format().label() + " report to " + target);
      } catch (IOException | RuntimeException e) {
        ok = false;
        env.err()
            .println(
                "tenken: cannot write the "
                    + p.format().label()
                    + " report to "
                    + target
                    + ": "
                    + Main.oneLine(String.valueOf(e.getMessage())));
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // Nothing more to do: the error is already reported.
        }
      }
    }
    return ok;
  }

  private void render(Report report, OutputFormat format, OutputStream out) throws IOException {
    if (format.report() != null) {
      format.report().write(report, out);
      return;
    }
    PrintStream ps =
        out instanceof PrintStream p ? p : new PrintStream(out, false, StandardCharsets.UTF_8);
    TextSummary.write(report, failOn, ps);
    ps.flush();
    if (ps.checkError()) {
      throw new IOException("the text summary could not be written");
    }
  }

  private static boolean addHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException | SecurityException e) {
      return false;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // The JVM is shutting down (Ctrl-C): the hook is running or done.
    }
  }
}
