package dev.tenken.cli;

import dev.tenken.CheckSet;
import dev.tenken.Tenken;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code tenken} command: {@code tenken scan}, {@code tenken checks}, {@code tenken demo},
 * {@code tenken --version}.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does everything but exit, so tests (and
 * programs embedding the command line) get the exit code back; {@link #main(String[])} exits with
 * it. An instance built with a {@link CheckSet} scans with those checks instead of the ones the
 * class path registers, which is how tests inject their own.
 *
 * <p>Exit codes: {@link #OK}, {@link #FINDINGS}, {@link #USAGE}, {@link #FAILED}. Every usage error
 * is reported as one line on the error stream, never a stack trace.
 */
public final class Main {
  /** Nothing at or above the {@code --fail-on} threshold was found. */
  public static final int OK = 0;

  /** A finding at or above the {@code --fail-on} threshold. */
  public static final int FINDINGS = 1;

  /** A bad target, option, format, scope entry or check pattern; nothing was scanned. */
  public static final int USAGE = 2;

  /** The scan itself failed: an internal error, or a report that could not be written. */
  public static final int FAILED = 3;

  private final Supplier<CheckSet> checks;
  private final Path workDir;

  /** A command line using every check set the class path registers ({@link CheckSet#discover}). */
  public Main() {
    this(() -> CheckSet.discover(Main.class.getClassLoader()), Path.of(""));
  }

  /** A command line using {@code checks} only (nothing is discovered). */
  public Main(CheckSet checks) {
    this(() -> checks, Path.of(""));
  }

  /**
   * A command line using {@code checks} only, writing default report files (and resolving relative
   * {@code --output} paths) in {@code workDir}.
   */
  public Main(CheckSet checks, Path workDir) {
    this(() -> checks, workDir);
  }

  private Main(Supplier<CheckSet> checks, Path workDir) {
    this.checks = memoize(checks);
    this.workDir = Objects.requireNonNull(workDir, "workDir");
  }

  /** Runs the command line on the process's standard streams and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(
        new Main()
            .execute(
                args,
                new Streams(
                    System.in,
                    Terminal.isTerminal(0),
                    System.out,
                    System.err,
                    Terminal.isTerminal(2))));
  }

  /**
   * Runs the command line with the discovered checks.
   *
   * @return the exit code: {@link #OK}, {@link #FINDINGS}, {@link #USAGE} or {@link #FAILED}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new Main().execute(args, out, err);
  }

  /**
   * Runs the command line with this instance's checks. Standard input is not read (a scan takes its
   * targets from the arguments and files only) and no progress line is drawn unless asked for.
   *
   * @return the exit code: {@link #OK}, {@link #FINDINGS}, {@link #USAGE} or {@link #FAILED}
   */
  public int execute(String[] args, PrintStream out, PrintStream err) {
    return execute(args, new Streams(InputStream.nullInputStream(), true, out, err, false));
  }

  /** Runs the command line on {@code streams}. */
  int execute(String[] args, Streams streams) {
    Env env = new Env(checks, workDir, Lang.choose(args, Locale.getDefault()), streams);
    CommandLine cl = commandLine(env);
    try {
      return cl.execute(args);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
      streams.out().flush();
      streams.err().flush();
    }
  }

  static CommandLine commandLine(Env env) {
    CommandLine cl = new CommandLine(new TopCommand(env));
    cl.addSubcommand("scan", new ScanCommand(env));
    cl.addSubcommand("checks", new ChecksCommand(env));
    cl.addSubcommand("demo", new DemoCommand(env, System.in));
    cl.addSubcommand("worker", new WorkerCommand(env));
    cl.addSubcommand("publish", new PublishCommand(env));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    cl.addMixin("lang", new Lang.Flag());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
        sub.addMixin("lang", new Lang.Flag());
      }
    }
    cl.setResourceBundle(env.lang().helpBundle());
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    if (env.out() != System.out) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    cl.setParameterExceptionHandler((e, args) -> parameterError(env.lang(), e));
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr()
              .println("tenken: " + env.lang().text("error.internal", oneLine(String.valueOf(e))));
          if (System.getenv("TENKEN_DEBUG") != null) {
            e.printStackTrace(c.getErr());
          } else {
            c.getErr().flush();
          }
          return FAILED;
        });
    return cl;
  }

  /** One line: what is wrong, and where to read how to do it right. */
  private static int parameterError(Lang lang, ParameterException e) {
    CommandLine c = e.getCommandLine();
    StringBuilder line = new StringBuilder("tenken: ");
    if (e instanceof UnmatchedArgumentException u) {
      line.append(
          lang.text(
              "error.unmatched",
              u.getUnmatched().stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "))));
      List<String> suggestions = suggestions(u);
      if (!suggestions.isEmpty()) {
        line.append(lang.text("error.did-you-mean", String.join(", ", suggestions)));
      }
    } else if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
      line.append(lang.text("error.missing", name(m.getMissing().get(0))));
    } else if (e.getCause() instanceof Converters.BadValue b && e.getArgSpec() != null) {
      line.append(lang.text("error.value", name(e.getArgSpec()), lang.text(b.key, b.args)));
    } else {
      line.append(lowerFirst(oneLine(e.getMessage())));
    }
    line.append(lang.text("error.try-help", c.getCommandSpec().qualifiedName()));
    c.getErr().println(line);
    c.getErr().flush();
    return USAGE;
  }

  /** Picocli's suggestions, or the option names within a small edit distance of a typo. */
  private static List<String> suggestions(UnmatchedArgumentException u) {
    List<String> picocli = u.getSuggestions();
    if (!picocli.isEmpty()) {
      return picocli.subList(0, Math.min(3, picocli.size()));
    }
    List<String> unmatched = u.getUnmatched();
    if (unmatched.isEmpty() || !unmatched.get(0).startsWith("-")) {
      return List.of();
    }
    String typo = unmatched.get(0).split("=", 2)[0];
    return u.getCommandLine().getCommandSpec().options().stream()
        .flatMap(o -> java.util.Arrays.stream(o.names()))
        .filter(n -> n.length() > 2 && distance(n, typo) <= Math.max(1, n.length() / 4))
        .sorted(java.util.Comparator.comparingInt(n -> distance(n, typo)))
        .limit(3)
        .toList();
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  static String oneLine(@Nullable String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
    return s;
  }

  /** {@code --fail-on} for an option, {@code TARGET} for a positional parameter. */
  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private @Nullable T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  /**
   * The standard streams of a run, and whether standard input and standard error are terminals (a
   * scan then reads no targets from the one, and draws its progress line on the other).
   */
  record Streams(
      InputStream in, boolean inTerminal, PrintStream out, PrintStream err, boolean errTerminal) {}

  /** What a command needs from its surroundings. */
  record Env(Supplier<CheckSet> checks, Path workDir, Lang lang, Streams streams) {
    /** English, writing to {@code out} and {@code err}, with no standard input. */
    Env(Supplier<CheckSet> checks, Path workDir, PrintStream out, PrintStream err) {
      this(
          checks,
          workDir,
          Lang.of(Locale.ENGLISH),
          new Streams(InputStream.nullInputStream(), true, out, err, false));
    }

    PrintStream out() {
      return streams.out();
    }

    PrintStream err() {
      return streams.err();
    }
  }

  /** {@code tenken <version>}. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tenken " + Tenken.version()};
    }
  }

  /** The top command: only help and version; everything else is a subcommand. */
  @Command(
      name = "tenken",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      sortOptions = false,
      usageHelpAutoWidth = true,
      description = {
        "Security checks for network cameras, printers and databases: could a stranger on the"
            + " network get in, read it, or change it?",
        "Only ever scans the hosts you name (or the --scope you give); never writes, prints or"
            + " reconfigures anything.",
      },
      commandListHeading = "%nCommands:%n",
      footer = {
        "%nExamples:",
        "  tenken checks",
        "  tenken demo",
        "  tenken scan 192.0.2.10 redis://192.0.2.20:16379",
        "  tenken scan 192.0.2.10 192.0.2.11:8080 --fail-on medium \\",
        "      --format text,sarif,junit --output reports/",
        "%nExit codes:",
        "  0  clean: no finding at or above --fail-on",
        "  1  a finding at or above --fail-on (default: high)",
        "  2  usage error (bad target, option, format, scope, --checks);",
        "     nothing was scanned",
        "  3  the scan itself failed: an internal error on a target,",
        "     or a report that could not be written"
      })
  static final class TopCommand implements Callable<Integer> {
    private final Env env;

    TopCommand(Env env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      env.err().println("tenken: " + env.lang().text("error.no-command"));
      return USAGE;
    }
  }
}
