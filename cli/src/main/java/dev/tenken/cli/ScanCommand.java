package dev.tenken.cli;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Safety;
import dev.tenken.Scan;
import dev.tenken.Scope;
import dev.tenken.TargetParseException;
import dev.tenken.TargetResult;
import dev.tenken.Targets;
import dev.tenken.cli.Converters.Enablement;
import dev.tenken.cli.Converters.FailOn;
import dev.tenken.cli.Converters.OutputFormat;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

/**
 * {@code tenken scan TARGET...}: scans, prints a summary, writes reports, exits by findings. The
 * usage help is in {@link Lang}'s bundle under {@code tenken.scan.*}.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
final class ScanCommand implements Callable<Integer> {
  private final Main.Env env;

  @Parameters(arity = "0..*", paramLabel = "TARGET", descriptionKey = "tenken.scan.targets")
  private List<String> targetTexts = new ArrayList<>();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      descriptionKey = "tenken.scan.file")
  private List<String> targetFiles = new ArrayList<>();

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      completionCandidates = Converters.FormatNames.class)
  private List<OutputFormat> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH")
  private @Nullable String output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      converter = Converters.FailOnConverter.class)
  private FailOn failOn = new FailOn(dev.tenken.Severity.HIGH);

  @Option(names = "--shard", paramLabel = "I/N")
  private @Nullable String shard;

  @Option(names = "--scope", split = ",", paramLabel = "ENTRY")
  private List<String> scope = new ArrayList<>();

  @Option(names = "--exclude-scope", split = ",", paramLabel = "ENTRY")
  private List<String> excludeScope = new ArrayList<>();

  @Option(names = "--checks", split = ",", paramLabel = "SELECTOR")
  private List<String> checkSelectors = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "SELECTOR")
  private List<String> excludeSelectors = new ArrayList<>();

  @Option(
      names = "--enable",
      split = ",",
      paramLabel = "WHAT",
      converter = Converters.EnableConverter.class)
  private List<Enablement> enable = new ArrayList<>();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "" + CheckRunner.DEFAULT_CONCURRENCY,
      converter = Converters.PositiveIntConverter.class)
  private int concurrency = CheckRunner.DEFAULT_CONCURRENCY;

  @Option(
      names = "--per-host",
      paramLabel = "N",
      defaultValue = "" + CheckRunner.DEFAULT_PER_HOST_CONCURRENCY,
      converter = Converters.PositiveIntConverter.class)
  private int perHost = CheckRunner.DEFAULT_PER_HOST_CONCURRENCY;

  @Option(
      names = "--rate",
      paramLabel = "N/s",
      defaultValue = CheckRunner.DEFAULT_CONNECTIONS_PER_SECOND + "/s",
      converter = Converters.RateConverter.class)
  private double rate = CheckRunner.DEFAULT_CONNECTIONS_PER_SECOND;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = CheckRunner.DEFAULT_CONNECT_TIMEOUT_MILLIS + "ms",
      converter = Converters.DurationConverter.class)
  private Duration connectTimeout = Duration.ofMillis(CheckRunner.DEFAULT_CONNECT_TIMEOUT_MILLIS);

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      defaultValue = CheckRunner.DEFAULT_CHECK_TIMEOUT_MILLIS + "ms",
      converter = Converters.DurationConverter.class)
  private Duration checkTimeout = Duration.ofMillis(CheckRunner.DEFAULT_CHECK_TIMEOUT_MILLIS);

  @Option(
      names = "--host-budget",
      paramLabel = "DURATION",
      defaultValue = CheckRunner.DEFAULT_HOST_BUDGET_SECONDS + "s",
      converter = Converters.DurationConverter.class)
  private Duration hostBudget = Duration.ofSeconds(CheckRunner.DEFAULT_HOST_BUDGET_SECONDS);

  @Option(names = "--progress", negatable = true)
  private @Nullable Boolean progress;

  ScanCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Prepared prepared;
    try {
      prepared = prepare();
    } catch (UsageException e) {
      env.err().println("tenken: " + e.message(env.lang()));
      return Main.USAGE;
    }
    return scan(prepared);
  }

  /** Everything checked before a packet is sent. */
  private record Prepared(CheckRunner runner, Targets targets, List<Planned> outputs) {}

  /** {@code --shard I/N}: this process scans shard I (from 0) of N (a Kubernetes Indexed Job). */
  private static void shard(CheckRunner.Builder b, String text) {
    String[] parts = text.split("/", -1);
    try {
      if (parts.length == 2) {
        b.shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        return;
      }
    } catch (IllegalArgumentException e) {
      // Not numbers, or out of range: the same message below.
    }
    throw new UsageException("error.shard", text);
  }

  /** One output: a format and where it goes ({@code null}: standard output). */
  private record Planned(OutputFormat format, @Nullable Path path) {}

  private Prepared prepare() {
    Targets targets = targets();
    List<Planned> outputs = planOutputs();
    CheckSet checks = CheckSelection.select(env.checks().get(), checkSelectors, excludeSelectors);
    CheckRunner.Builder b = runnerBuilder().checks(checks).scope(scope(targets));
    for (Enablement e : enable) {
      switch (e) {
        case CREDENTIAL_ATTEMPTS -> b.enable(Safety.CREDENTIAL_ATTEMPT);
        case SESSIONS -> b.enable(Safety.SESSION);
        case PRINT_PORTS -> b.printPorts(true);
      }
    }
    if (shard != null) {
      shard(b, shard);
    }
    try {
      CheckRunner runner =
          b.concurrency(concurrency)
              .perHostConcurrency(perHost)
              .connectionsPerSecond(rate)
              .connectTimeout(connectTimeout)
              .checkTimeout(checkTimeout)
              .hostBudget(hostBudget)
              .build();
      if (checks.checks().isEmpty()) {
        env.err().println("tenken: " + env.lang().text("note.no-checks"));
      }
      return new Prepared(runner, targets, outputs);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException("error.setting", Main.oneLine(e.getMessage()));
    }
  }

  /**
   * Every runner of the command line starts here, so that what all scans share, such as the
   * language of the reports ({@link Lang#locale()}), is given to the runner in one place.
   */
  private CheckRunner.Builder runnerBuilder() {
    return CheckRunner.builder().locale(env.lang().locale());
  }

  /**
   * The targets of the arguments, then of each {@code -f} file; of standard input when neither is
   * given and it is not a terminal. Blocks stay unexpanded.
   */
  private Targets targets() {
    Targets targets = Targets.none();
    try {
      for (String text : targetTexts) {
        targets = targets.plus(Targets.parse(text));
      }
      for (String file : targetFiles) {
        targets = targets.plus(read(file));
      }
      if (targetTexts.isEmpty() && targetFiles.isEmpty()) {
        if (env.streams().inTerminal()) {
          throw new UsageException("error.no-target");
        }
        targets = read("-");
      }
    } catch (TargetParseException e) {
      throw new UsageException("error.target", Main.oneLine(e.getMessage()));
    }
    if (targets.isEmpty()) {
      throw new UsageException("error.no-target-read");
    }
    return targets;
  }

  private Targets read(String file) {
    boolean stdin = file.equals("-");
    String source = stdin ? env.lang().text("source.stdin") : file;
    try (Reader in =
        stdin
            ? new InputStreamReader(env.streams().in(), StandardCharsets.UTF_8)
            : Files.newBufferedReader(env.workDir().resolve(file), StandardCharsets.UTF_8)) {
      return Targets.read(in, source);
    } catch (NoSuchFileException e) {
      throw new UsageException("error.file", source, env.lang().text("reason.missing"));
    } catch (AccessDeniedException e) {
      throw new UsageException("error.file", source, env.lang().text("reason.denied"));
    } catch (CharacterCodingException e) {
      throw new UsageException("error.file", source, env.lang().text("reason.encoding"));
    } catch (IOException e) {
      throw new UsageException("error.file", source, Main.oneLine(e.getMessage()));
    }
  }

  /** The allow-list: {@code --scope} when given, else exactly the targets (blocks included). */
  private Scope scope(Targets targets) {
    Scope.Builder b = Scope.builder();
    List<String> allowed = scope.isEmpty() ? targets.scopeEntries() : scope;
    for (String entry : allowed) {
      try {
        b.allow(entry);
      } catch (TargetParseException e) {
        throw new UsageException(
            "error.scope",
            entry,
            Main.oneLine(e.getMessage())
                .replace("bad target '" + e.input() + "': ", "")
                .replace("'[" + entry.strip() + "]'", "'" + entry.strip() + "'"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("error.scope", entry, Main.oneLine(e.getMessage()));
      }
    }
    for (String entry : excludeScope) {
      try {
        b.deny(entry);
      } catch (IllegalArgumentException e) {
        throw new UsageException("error.exclude-scope", entry, Main.oneLine(e.getMessage()));
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
      throw new UsageException("error.output.empty");
    }
    if (output.equals("-")) {
      if (files.size() != 1 || wanted.size() != 1) {
        throw new UsageException("error.output.stdout");
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
              "error.output.directory", parent, Main.oneLine(String.valueOf(e.getMessage())));
        }
      }
    }
    return plan;
  }

  private int scan(Prepared prepared) {
    ReportCollector collector =
        new ReportCollector(prepared.runner().checkSet(), prepared.runner().locale());
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
      try (Progress shown = showProgress(scan, prepared.targets().count())) {
        while (true) {
          try {
            scan.await();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
            scan.cancel();
          }
        }
      }
      Report report = collector.report();
      if (cancelledByUser.get()) {
        env.err().println("tenken: " + env.lang().text("scan.cancelled"));
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
      env.err().println("tenken: " + env.lang().text("scan.internal-errors", internal));
    }
    if (report.summary().listenerErrors() > 0) {
      env.err()
          .println(
              "tenken: "
                  + env.lang().text("scan.listener-errors", report.summary().listenerErrors()));
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
          env.err()
              .println(
                  "tenken: " + env.lang().text("scan.stdout-failed", Main.oneLine(e.getMessage())));
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
        env.err().println("tenken: " + env.lang().text("scan.wrote", p.format().label(), target));
      } catch (IOException | RuntimeException e) {
        ok = false;
        env.err()
            .println(
                "tenken: "
                    + env.lang()
                        .text(
                            "scan.write-failed",
                            p.format().label(),
                            target,
                            Main.oneLine(String.valueOf(e.getMessage()))));
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
    TextSummary.write(report, failOn, env.lang(), ps);
    ps.flush();
    if (ps.checkError()) {
      throw new IOException("the text summary could not be written");
    }
  }

  /**
   * The progress line when standard error is a terminal or {@code --progress} asks for it; a line
   * that draws nothing otherwise.
   */
  private @Nullable Progress showProgress(Scan scan, long total) {
    boolean shown = progress != null ? progress : env.streams().errTerminal();
    return shown ? Progress.start(scan, total, env.lang(), env.err()) : null;
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
