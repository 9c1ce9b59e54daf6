package dev.tenken.test;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Finding;
import dev.tenken.PortRange;
import dev.tenken.Scan;
import dev.tenken.Scope;
import dev.tenken.Secret;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import dev.tenken.report.ReportFormat;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ServiceProbe;
import dev.tenken.test.sim.ClosedPort;
import dev.tenken.test.sim.SilentServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The check contract kit: the tests every {@link Check} must pass, run through a real {@link
 * CheckRunner} against loopback servers.
 *
 * <pre>{@code
 * CheckContract.of(check)
 *     .vulnerable(Target.parse("redis://127.0.0.1:" + vulnerablePort))
 *     .hardened(Target.parse("redis://127.0.0.1:" + hardenedPort))
 *     .configure(b -> b.enable(Safety.CREDENTIAL_ATTEMPT))
 *     .secrets("s3cret-canary")
 *     .verify();
 * }</pre>
 *
 * <p>{@link #verify()} runs the check and asserts, collecting every broken rule into one {@link
 * AssertionError}:
 *
 * <ol>
 *   <li><b>Descriptor</b>: {@code check.id()} equals the descriptor's id and matches {@link
 *       CheckDescriptor#ID}; title, description and remediation are not blank; every service is a
 *       lower-case scheme name; {@code descriptor()} returns the same value each time.
 *   <li><b>Vulnerable</b>: on each {@link #vulnerable} target every result of the check is {@code
 *       FAIL} (and there is at least one), each finding carrying the check's id, non-blank evidence
 *       and a non-blank remediation.
 *   <li><b>Hardened</b>: on each {@link #hardened} target every result is {@code PASS} (at least
 *       one) with non-blank evidence: a PASS carries its proof.
 *   <li><b>Closed port</b>: against a loopback port with nothing listening ({@link ClosedPort}) the
 *       check ends {@code ERROR} or {@code SKIP} — never PASS, never FAIL — and the scan ends
 *       within the check deadline + 1 s.
 *   <li><b>Silent socket</b>: against a {@link SilentServer} (accepts, never answers, never closes)
 *       the check ends in anything but {@code PASS}, and the scan ends within the check deadline +
 *       1 s. A check that ignores its deadline is ended {@code ERROR} by the runner, which
 *       satisfies this rule.
 *   <li><b>Secrets</b>: no secret given to {@link #secrets} and no secret configured through {@link
 *       #configure} ({@link CheckRunner.Builder#credentials} passwords, {@link
 *       CheckRunner.Builder#redact} values) appears — as written, escaped for JSON, XML, Markdown
 *       or URLs, or base64-encoded alone or as {@code user:password} — in any {@link ReportFormat}
 *       rendering of the reports of these runs, in {@code toString()} of any target result, check
 *       result or finding, or in any detail, evidence, title, description, remediation, key or
 *       identity fact.
 * </ol>
 *
 * <p>Runs: each run is a scan of one target by a runner built as {@code
 * CheckRunner.builder().check(check).scope(Scope.of("127.0.0.0/8")).enable(<the check's safety
 * class>)}, then every {@link #configure} step in order, then the scope again (the kit never leaves
 * loopback). Closed-port and silent-socket runs then set {@link #checkTimeout} (default 2 s). Their
 * targets carry the service as scheme, so the runner skips identification: by default the service
 * of the first vulnerable (else hardened) target when the check runs on it, else the first of the
 * check's services in alphabetical order; {@link #service} overrides it. UDP checks get a silent
 * UDP socket and a closed UDP port. Secrets given to {@link #secrets} are deliberately not
 * registered with the runner for masking: they stand for what the device holds (a password it
 * reveals, a token in a config dump) and the check must keep them out of its output on its own.
 *
 * <p>The kit cannot pass silently: {@link #verify()} refuses to run unless each of vulnerable and
 * hardened was given targets or explicitly skipped with a reason.
 *
 * <p>Not thread-safe: configure it on one thread. {@link #verify()} may be called more than once;
 * each call runs everything again. Several contracts may be verified in parallel.
 */
public final class CheckContract {
  /** Check deadline of the closed-port and silent-socket runs unless {@link #checkTimeout} says. */
  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(2);

  /** How far past its deadline a run against a closed port or silent socket may end. */
  public static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);

  /** Longest wait for a vulnerable or hardened run unless {@link #runTimeout} says. */
  public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);

  /** Shortest secret the kit searches for: shorter ones would match by accident. */
  public static final int MIN_SECRET_LENGTH = 6;

  /** The only scope the kit scans in. */
  public static final String LOOPBACK = "127.0.0.0/8";

  /** Extra wait, past deadline + slack, before a hung contract run is cancelled. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9+.-]*");

  /** Services that only exist over one transport, to catch a check declaring the other. */
  private static final Map<String, Transport> KNOWN_TRANSPORTS =
      Map.ofEntries(
          Map.entry("snmp", Transport.UDP),
          Map.entry("snmptrap", Transport.UDP),
          Map.entry("ssdp", Transport.UDP),
          Map.entry("ws-discovery", Transport.UDP),
          Map.entry("mdns", Transport.UDP),
          Map.entry("coap", Transport.UDP),
          Map.entry("tftp", Transport.UDP),
          Map.entry("http", Transport.TCP),
          Map.entry("https", Transport.TCP),
          Map.entry("rtsp", Transport.TCP),
          Map.entry("ipp", Transport.TCP),
          Map.entry("pjl", Transport.TCP),
          Map.entry("redis", Transport.TCP),
          Map.entry("mongodb", Transport.TCP),
          Map.entry("mqtt", Transport.TCP),
          Map.entry("telnet", Transport.TCP),
          Map.entry("ftp", Transport.TCP),
          Map.entry("ssh", Transport.TCP),
          Map.entry("postgresql", Transport.TCP),
          Map.entry("mysql", Transport.TCP),
          Map.entry("couchdb", Transport.TCP),
          Map.entry("elasticsearch", Transport.TCP));

  private final Check check;
  private final List<Target> vulnerable = new ArrayList<>();
  private final List<Target> hardened = new ArrayList<>();
  private @Nullable String skipVulnerable;
  private @Nullable String skipHardened;
  private final List<Consumer<CheckRunner.Builder>> configure = new ArrayList<>();
  private final List<String> secrets = new ArrayList<>();
  private Duration checkTimeout = DEFAULT_CHECK_TIMEOUT;
  private Duration runTimeout = DEFAULT_RUN_TIMEOUT;
  private @Nullable String service;

  private CheckContract(Check check) {
    this.check = check;
  }

  /**
   * A contract for {@code check}, with no targets, no configuration, no secrets and the defaults
   * above.
   *
   * @throws NullPointerException when {@code check} is null
   */
  public static CheckContract of(Check check) {
    return new CheckContract(Objects.requireNonNull(check, "check"));
  }

  /**
   * Adds a target the check must FAIL on, such as {@code redis://127.0.0.1:41234}. May be called
   * more than once: every target given must FAIL. Give the service as the scheme, or the runner has
   * to identify it (and has only the check's own probes, usually none).
   */
  public CheckContract vulnerable(Target target) {
    vulnerable.add(Objects.requireNonNull(target, "target"));
    return this;
  }

  /**
   * {@link #vulnerable(Target)} of {@link Target#parse(String)}.
   *
   * @throws dev.tenken.TargetParseException when {@code target} is not a target
   */
  public CheckContract vulnerable(String target) {
    return vulnerable(Target.parse(target));
  }

  /**
   * Adds a target the check must PASS on, with evidence. May be called more than once: every target
   * given must PASS.
   */
  public CheckContract hardened(Target target) {
    hardened.add(Objects.requireNonNull(target, "target"));
    return this;
  }

  /**
   * {@link #hardened(Target)} of {@link Target#parse(String)}.
   *
   * @throws dev.tenken.TargetParseException when {@code target} is not a target
   */
  public CheckContract hardened(String target) {
    return hardened(Target.parse(target));
  }

  /**
   * Runs no vulnerable target, for the stated reason (say where the vulnerable case is tested
   * instead, such as an {@code *IT} against a real server).
   *
   * @throws IllegalArgumentException when {@code reason} is blank
   */
  public CheckContract skipVulnerable(String reason) {
    this.skipVulnerable = reason(reason);
    return this;
  }

  /**
   * Runs no hardened target, for the stated reason.
   *
   * @throws IllegalArgumentException when {@code reason} is blank
   */
  public CheckContract skipHardened(String reason) {
    this.skipHardened = reason(reason);
    return this;
  }

  /**
   * Adds a step applied to the runner builder of every run, after the kit's defaults: enable a
   * safety class, set credentials, options, timeouts. Steps run in the order added, once per run
   * (and once more to read the configured secrets), so they must not have side effects beyond the
   * builder. The scope is set back to loopback after them; the closed-port and silent-socket runs
   * set {@link #checkTimeout} after them.
   */
  public CheckContract configure(Consumer<CheckRunner.Builder> step) {
    configure.add(Objects.requireNonNull(step, "step"));
    return this;
  }

  /**
   * Adds values that must never appear in any output: passwords, tokens or community strings the
   * test's servers hold. Each must be at least {@value #MIN_SECRET_LENGTH} characters and should be
   * distinctive (a canary such as {@code s3cret-canary}).
   *
   * @throws IllegalArgumentException when a value is shorter than {@value #MIN_SECRET_LENGTH}
   *     characters
   */
  public CheckContract secrets(String... values) {
    for (String v : values) {
      Objects.requireNonNull(v, "secret");
      if (v.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "a secret of "
                + v.length()
                + " character(s) is too short to search every output for without false alarms:"
                + " use a distinctive canary of at least "
                + MIN_SECRET_LENGTH
                + " characters");
      }
      secrets.add(v);
    }
    return this;
  }

  /**
   * The check deadline of the closed-port and silent-socket runs; each must end within it plus
   * {@link #DEADLINE_SLACK}. Default {@link #DEFAULT_CHECK_TIMEOUT} (2 s).
   *
   * @throws IllegalArgumentException when {@code value} is not positive
   */
  public CheckContract checkTimeout(Duration value) {
    this.checkTimeout = positive(value, "checkTimeout");
    return this;
  }

  /**
   * The longest wait for the scan of a vulnerable or hardened target, which runs with the runner's
   * own (or configured) timeouts; a scan still running then is cancelled and reported. Default
   * {@link #DEFAULT_RUN_TIMEOUT} (60 s).
   *
   * @throws IllegalArgumentException when {@code value} is not positive
   */
  public CheckContract runTimeout(Duration value) {
    this.runTimeout = positive(value, "runTimeout");
    return this;
  }

  /**
   * The service named in the closed-port and silent-socket targets. Default: see the class
   * description.
   *
   * @throws IllegalArgumentException when the check does not run on {@code value}
   */
  public CheckContract service(String value) {
    Objects.requireNonNull(value, "service");
    Set<String> services = descriptorOrThrow().services();
    if (!services.contains(value)) {
      throw new IllegalArgumentException(
          "check " + check.id() + " runs on " + new TreeSet<>(services) + ", not on " + value);
    }
    this.service = value;
    return this;
  }

  /**
   * Runs the contract.
   *
   * @throws AssertionError listing every rule the check broke, with what was expected and found
   * @throws IllegalStateException when neither targets nor a skip reason were given for vulnerable
   *     or hardened, when both were, when the kit cannot read the secrets configured on the runner
   *     builder, or when the calling thread is interrupted
   * @throws IllegalArgumentException when a secret configured through {@link #configure} is shorter
   *     than {@value #MIN_SECRET_LENGTH} characters
   * @throws UncheckedIOException when no loopback port can be bound for the closed-port or
   *     silent-socket run
   */
  public void verify() {
    requirePlan("vulnerable", vulnerable, skipVulnerable, "vulnerable(target)", "skipVulnerable");
    requirePlan("hardened", hardened, skipHardened, "hardened(target)", "skipHardened");
    List<SecretScan.Entry> configured = configuredSecrets();

    List<String> violations = new ArrayList<>();
    CheckDescriptor descriptor;
    try {
      descriptor = check.descriptor();
    } catch (RuntimeException e) {
      throw new AssertionError(
          header(String.valueOf(safeId()), 1) + "\n  1. [descriptor] descriptor() threw " + e, e);
    }
    describeDescriptor(descriptor, violations);
    String id = descriptor.id();

    // The closed-port and silent-socket runs mostly wait for the deadline: run them alongside the
    // vulnerable and hardened ones (they touch no simulator) so a contract costs the longer, not
    // the sum.
    String contractService = contractService(descriptor);
    boolean udp = descriptor.transport() == Transport.UDP;
    int closed = udp ? ClosedPort.findUdp() : ClosedPort.find();
    Target closedTarget = loopbackTarget(contractService, closed);
    CompletableFuture<Run> closedRun =
        inBackground(() -> run("closed port " + closedTarget, closedTarget, descriptor, true));
    CompletableFuture<Run> silentRun =
        inBackground(
            () -> {
              try (SilentServer silent = udp ? SilentServer.startUdp() : SilentServer.start()) {
                Target silentTarget = loopbackTarget(contractService, silent.port());
                return run("silent socket " + silentTarget, silentTarget, descriptor, true);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot start the silent loopback server", e);
              }
            });

    List<Run> runs = new ArrayList<>();
    for (Target t : vulnerable) {
      Run run = run("vulnerable " + t, t, descriptor, false);
      runs.add(run);
      expectVulnerable(run, id, violations);
    }
    for (Target t : hardened) {
      Run run = run("hardened " + t, t, descriptor, false);
      runs.add(run);
      expectHardened(run, id, violations);
    }
    Run closedResult = finish(closedRun);
    runs.add(closedResult);
    expectEnded(closedResult, id, violations, true);
    Run silentResult = finish(silentRun);
    runs.add(silentResult);
    expectEnded(silentResult, id, violations, false);

    List<SecretScan.Entry> entries = new ArrayList<>();
    Set<String> values = new LinkedHashSet<>();
    for (String s : secrets) {
      if (values.add(s)) {
        entries.add(
            new SecretScan.Entry(
                "secret #" + (entries.size() + 1) + " given to secrets(...)", s, ""));
      }
    }
    for (SecretScan.Entry e : configured) {
      if (values.add(e.value())) {
        entries.add(
            new SecretScan.Entry(
                "secret #" + (entries.size() + 1) + " " + e.name(), e.value(), e.user()));
      }
    }
    if (!entries.isEmpty()) {
      SecretScan scan = new SecretScan(entries);
      for (Run run : runs) {
        scanOutputs(run, scan, violations);
      }
      for (String v : scan.violations()) {
        violations.add("[secrets] " + v);
      }
    }

    if (!violations.isEmpty()) {
      StringBuilder sb = new StringBuilder(header(id, violations.size()));
      for (int i = 0; i < violations.size(); i++) {
        sb.append("\n  ").append(i + 1).append(". ").append(violations.get(i));
      }
      if (skipVulnerable != null) {
        sb.append("\n  (vulnerable skipped: ").append(skipVulnerable).append(')');
      }
      if (skipHardened != null) {
        sb.append("\n  (hardened skipped: ").append(skipHardened).append(')');
      }
      throw new AssertionError(sb.toString());
    }
  }

  /**
   * Verifies the ids and declarations of every check in {@code set}: every id is well-formed
   * ({@link CheckDescriptor#ID}, the same from {@code id()} and {@code descriptor().id()}) and
   * unique; every descriptor is complete (title, description, remediation not blank); every check
   * names at least one service (lower-case scheme names, not {@code unknown}) and at least one
   * default port, without duplicates; the ports are consistent with the transport: a service is
   * declared over one transport across the whole set and its probes, known one-transport services
   * (such as SNMP over UDP, RTSP over TCP) are declared over that transport, and only PJL checks
   * list raw print ports (9100-9107, 9999) among their default ports.
   *
   * @throws AssertionError listing every problem, or when {@code set} holds neither checks nor
   *     probes
   * @throws NullPointerException when {@code set} is null
   */
  public static void verifyIds(CheckSet set) {
    Objects.requireNonNull(set, "set");
    List<String> problems = new ArrayList<>();
    if (set.checks().isEmpty() && set.probes().isEmpty()) {
      problems.add("the set holds neither checks nor probes: nothing was verified");
    }
    Map<String, List<String>> byId = new TreeMap<>();
    Map<String, List<String>> byDescriptorId = new TreeMap<>();
    Map<String, Map<Transport, Set<String>>> transports = new TreeMap<>();
    int index = 0;
    for (Check c : set.checks()) {
      index++;
      String who = "check #" + index + " (" + c.getClass().getName() + ")";
      CheckDescriptor d;
      try {
        d = c.descriptor();
      } catch (RuntimeException e) {
        problems.add(who + ": descriptor() threw " + e);
        continue;
      }
      String id;
      try {
        id = c.id();
      } catch (RuntimeException e) {
        problems.add(who + ": id() threw " + e);
        continue;
      }
      who = "check #" + index + " " + id;
      if (!CheckDescriptor.ID.matcher(id).matches()) {
        problems.add(
            who
                + ": id '"
                + id
                + "' is not <area>.<service>.<kebab-name> in lower case (pattern "
                + CheckDescriptor.ID.pattern()
                + ")");
      }
      if (!id.equals(d.id())) {
        problems.add(who + ": id() is '" + id + "' but descriptor().id() is '" + d.id() + "'");
      }
      byId.computeIfAbsent(id, k -> new ArrayList<>()).add("#" + index);
      byDescriptorId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add("#" + index);
      completeness(d, who, problems);
      services(d, who, problems);
      if (d.defaultPorts().isEmpty()) {
        problems.add(who + ": names no default port (bare-host targets would never reach it)");
      }
      Set<Integer> seen = new LinkedHashSet<>();
      for (int port : d.defaultPorts()) {
        if (!seen.add(port)) {
          problems.add(who + ": default port " + port + " is listed twice");
        }
        if (d.transport() == Transport.TCP
            && PrintPortGuard.isPrintPort(port)
            && !d.services().equals(Set.of("pjl"))) {
          problems.add(
              who
                  + ": default port "
                  + port
                  + " is a raw print port; only PJL checks (service pjl, nothing else) may list"
                  + " it");
        }
      }
      for (String s : d.services()) {
        transports
            .computeIfAbsent(s, k -> new TreeMap<>())
            .computeIfAbsent(d.transport(), k -> new TreeSet<>())
            .add(id);
        Transport known = KNOWN_TRANSPORTS.get(s);
        if (known != null && known != d.transport()) {
          problems.add(
              who
                  + ": service "
                  + s
                  + " runs over "
                  + known
                  + " but the check declares transport "
                  + d.transport());
        }
      }
    }
    for (ServiceProbe p : set.probes()) {
      transports
          .computeIfAbsent(p.service(), k -> new TreeMap<>())
          .computeIfAbsent(p.transport(), k -> new TreeSet<>())
          .add("probe " + p.getClass().getName());
    }
    byId.forEach(
        (id, where) -> {
          if (where.size() > 1) {
            problems.add("id " + id + " is used by " + where.size() + " checks: " + where);
          }
        });
    byDescriptorId.forEach(
        (id, where) -> {
          if (where.size() > 1 && !where.equals(byId.get(id))) {
            problems.add(
                "descriptor id " + id + " is used by " + where.size() + " checks: " + where);
          }
        });
    transports.forEach(
        (s, byTransport) -> {
          if (byTransport.size() > 1) {
            problems.add(
                "service "
                    + s
                    + " is declared over several transports: "
                    + byTransport.entrySet().stream()
                        .map(e -> e.getKey() + " by " + e.getValue())
                        .collect(Collectors.joining("; ")));
          }
        });
    if (!problems.isEmpty()) {
      StringBuilder sb =
          new StringBuilder("The check set (")
              .append(set.checks().size())
              .append(" check(s)) has ")
              .append(problems.size())
              .append(" problem(s) with ids and declarations:");
      for (int i = 0; i < problems.size(); i++) {
        sb.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
      }
      throw new AssertionError(sb.toString());
    }
  }

  // ---- descriptor ----

  private void describeDescriptor(CheckDescriptor d, List<String> violations) {
    String id = safeId();
    if (id == null) {
      violations.add("[descriptor] check.id() threw");
    } else if (!id.equals(d.id())) {
      violations.add("[descriptor] id() is '" + id + "' but descriptor().id() is '" + d.id() + "'");
    }
    if (id != null && !CheckDescriptor.ID.matcher(id).matches()) {
      violations.add(
          "[descriptor] id '" + id + "' is not <area>.<service>.<kebab-name> in lower case");
    }
    List<String> problems = new ArrayList<>();
    completeness(d, "descriptor", problems);
    services(d, "descriptor", problems);
    problems.forEach(p -> violations.add("[" + p.replaceFirst(": ", "] ")));
    try {
      if (!d.equals(check.descriptor())) {
        violations.add("[descriptor] descriptor() returned a different value on a second call");
      }
    } catch (RuntimeException e) {
      violations.add("[descriptor] descriptor() threw on a second call: " + e);
    }
  }

  private static void completeness(CheckDescriptor d, String who, List<String> problems) {
    if (d.title().isBlank()) {
      problems.add(who + ": title is blank");
    }
    if (d.description().isBlank()) {
      problems.add(who + ": description is blank (say why the problem matters)");
    }
    if (d.remediation().isBlank()) {
      problems.add(who + ": remediation is blank (say what to do when the check fails)");
    }
  }

  private static void services(CheckDescriptor d, String who, List<String> problems) {
    if (d.services().isEmpty()) {
      problems.add(who + ": names no service");
    }
    for (String s : new TreeSet<>(d.services())) {
      if (!SERVICE.matcher(s).matches() || s.equals(dev.tenken.Endpoint.UNKNOWN_SERVICE)) {
        problems.add(
            who + ": service '" + s + "' is not a lower-case scheme name such as redis or rtsp");
      }
    }
  }

  private @Nullable String safeId() {
    try {
      return check.id();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private CheckDescriptor descriptorOrThrow() {
    return check.descriptor();
  }

  private static String header(String id, int count) {
    return "Check "
        + id
        + " broke the check contract ("
        + count
        + (count == 1 ? " problem" : " problems")
        + "):";
  }

  // ---- runs ----

  /** One scan of one target. {@code report} is null only when the scan could not be stopped. */
  private record Run(
      String label, Target target, @Nullable Report report, Duration elapsed, boolean ended) {}

  private Run run(String label, Target target, CheckDescriptor d, boolean contractDeadline) {
    CheckRunner.Builder b =
        CheckRunner.builder().check(check).scope(Scope.of(LOOPBACK)).enable(d.safety());
    for (Consumer<CheckRunner.Builder> step : configure) {
      step.accept(b);
    }
    b.scope(Scope.of(LOOPBACK));
    if (contractDeadline) {
      b.checkTimeout(checkTimeout);
    }
    CheckRunner runner = b.build();
    ReportCollector collector = new ReportCollector(runner.checkSet());
    Duration limit = contractDeadline ? checkTimeout.plus(DEADLINE_SLACK).plus(GRACE) : runTimeout;
    long start = System.nanoTime();
    Scan scan = runner.start(List.of(target), collector);
    try {
      boolean ended = scan.await(limit).isPresent();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (!ended) {
        scan.cancel();
        boolean stopped = scan.await(GRACE).isPresent();
        return new Run(label, target, stopped ? collector.report() : null, elapsed, false);
      }
      return new Run(label, target, collector.report(), elapsed, true);
    } catch (InterruptedException e) {
      scan.cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the " + label + " scan", e);
    }
  }

  /** Starts {@code run} on its own daemon thread. */
  private static CompletableFuture<Run> inBackground(Supplier<Run> run) {
    return CompletableFuture.supplyAsync(
        run,
        task -> {
          Thread t = new Thread(task, "tenken-contract-run");
          t.setDaemon(true);
          t.start();
        });
  }

  /** The run's result, its failure rethrown as it was thrown. */
  private static Run finish(CompletableFuture<Run> run) {
    try {
      return run.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static List<CheckResult> results(Run run, String id) {
    Report r = run.report();
    return r == null
        ? List.of()
        : r.results().filter(x -> x.checkId().equals(id)).collect(Collectors.toList());
  }

  /** Why a run has no result of the check, for messages. */
  private String noResult(Run run, CheckDescriptor d) {
    Report r = run.report();
    if (r == null || r.targets().isEmpty()) {
      return "the scan ended without a target result";
    }
    TargetResult t = r.targets().get(0);
    StringBuilder sb =
        new StringBuilder("the check produced no result: the target ended ")
            .append(Texts.target(t))
            .append(", open ports ")
            .append(t.endpoints().stream().map(e -> e.uri() + " (" + e.service() + ")").toList());
    Optional<String> hint = run.target().service();
    if (hint.isEmpty() || !d.services().contains(hint.get())) {
      sb.append(". Name the service as the target's scheme, such as ")
          .append(new TreeSet<>(d.services()).first())
          .append("://127.0.0.1:")
          .append(run.target().ports().isEmpty() ? "<port>" : run.target().ports().get(0));
    }
    return sb.toString();
  }

  private void expectVulnerable(Run run, String id, List<String> violations) {
    String where = "[" + run.label() + "] ";
    if (!run.ended()) {
      violations.add(where + "the scan did not end within " + millis(runTimeout) + " (cancelled)");
    }
    List<CheckResult> results = results(run, id);
    if (results.isEmpty()) {
      violations.add(where + "expected FAIL, but " + noResult(run, check.descriptor()));
      return;
    }
    for (CheckResult r : results) {
      if (r.status() != CheckResult.Status.FAIL) {
        violations.add(
            where
                + "expected FAIL with at least one finding, but got "
                + Texts.result(r)
                + policyHint(r));
        continue;
      }
      for (Finding f : r.findings()) {
        String fw = where + "finding " + Texts.finding(f) + ": ";
        if (!f.checkId().equals(id)) {
          violations.add(fw + "carries check id " + f.checkId() + ", expected " + id);
        }
        if (f.evidence().isEmpty() || f.evidence().values().stream().allMatch(String::isBlank)) {
          violations.add(fw + "has no evidence (expected what the device answered that proves it)");
        }
        if (f.remediation().isBlank()) {
          violations.add(fw + "has a blank remediation (expected what to do about it)");
        }
      }
    }
  }

  private void expectHardened(Run run, String id, List<String> violations) {
    String where = "[" + run.label() + "] ";
    if (!run.ended()) {
      violations.add(where + "the scan did not end within " + millis(runTimeout) + " (cancelled)");
    }
    List<CheckResult> results = results(run, id);
    if (results.isEmpty()) {
      violations.add(where + "expected PASS, but " + noResult(run, check.descriptor()));
      return;
    }
    for (CheckResult r : results) {
      if (r.status() != CheckResult.Status.PASS) {
        violations.add(
            where
                + "expected PASS, but got "
                + Texts.result(r)
                + (r.findings().isEmpty() ? "" : Texts.findings(r.findings()))
                + policyHint(r));
      } else if (r.detail().isBlank() && r.evidence().values().stream().allMatch(String::isBlank)) {
        violations.add(
            where
                + "PASS on "
                + r.endpoint().uri()
                + " carries no evidence: a PASS must say what the device answered that proves it");
      }
    }
  }

  private void expectEnded(Run run, String id, List<String> violations, boolean closedPort) {
    String where = "[" + run.label() + "] ";
    Duration bound = checkTimeout.plus(DEADLINE_SLACK);
    if (!run.ended()) {
      violations.add(
          where
              + "the scan did not end within "
              + millis(bound.plus(GRACE))
              + " (deadline "
              + millis(checkTimeout)
              + " + "
              + millis(DEADLINE_SLACK)
              + " slack + grace); it was cancelled");
    } else if (run.elapsed().compareTo(bound) > 0) {
      violations.add(
          where
              + "expected the check to end within its deadline "
              + millis(checkTimeout)
              + " + "
              + millis(DEADLINE_SLACK)
              + ", but the scan took "
              + millis(run.elapsed()));
    }
    List<CheckResult> results = results(run, id);
    if (results.isEmpty()) {
      if (run.ended()) {
        violations.add(where + "expected a result, but " + noResult(run, check.descriptor()));
      }
      return;
    }
    for (CheckResult r : results) {
      boolean ok =
          closedPort
              ? r.status() == CheckResult.Status.ERROR || r.status() == CheckResult.Status.SKIP
              : r.status() != CheckResult.Status.PASS;
      if (!ok) {
        String rule =
            closedPort
                ? "a port with nothing listening must end ERROR or SKIP (nothing was proven)"
                : "a socket that never answers must not PASS (silence proves nothing)";
        violations.add(where + rule + ", but got " + Texts.result(r));
      }
    }
  }

  private String policyHint(CheckResult r) {
    if (r.status() == CheckResult.Status.SKIP && r.detail().contains("not enabled")) {
      return " (enable what the check needs with configure(b -> b.enable(...)))";
    }
    return "";
  }

  private String contractService(CheckDescriptor d) {
    if (service != null) {
      return service;
    }
    for (Target t : concat(vulnerable, hardened)) {
      if (t.service().isPresent() && d.services().contains(t.service().get())) {
        return t.service().get();
      }
    }
    return new TreeSet<>(d.services()).first();
  }

  private static List<Target> concat(List<Target> a, List<Target> b) {
    List<Target> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Target loopbackTarget(String service, int port) {
    return new Target("127.0.0.1", List.of(PortRange.of(port)), Optional.of(service), Map.of());
  }

  // ---- secrets ----

  /** Secrets configured on the runner builder by the configure steps, with where each came from. */
  private List<SecretScan.Entry> configuredSecrets() {
    CheckRunner.Builder b = CheckRunner.builder();
    for (Consumer<CheckRunner.Builder> step : configure) {
      step.accept(b);
    }
    CheckRunner runner = b.scope(Scope.of(LOOPBACK)).build();
    Map<String, SecretScan.Entry> found = new LinkedHashMap<>();
    runner
        .credentials()
        .forEach(
            (service, c) -> {
              if (!c.secret().isEmpty()) {
                String secret = c.secret().reveal();
                found.putIfAbsent(
                    secret,
                    new SecretScan.Entry(
                        "(the password of credentials(\"" + service + "\", ...) set in configure)",
                        secret,
                        c.user()));
              }
            });
    for (Secret s : runner.secrets()) {
      if (!s.isEmpty()) {
        found.putIfAbsent(
            s.reveal(),
            new SecretScan.Entry(
                "(a secret registered with redact(...) in configure)", s.reveal(), ""));
      }
    }
    for (SecretScan.Entry e : found.values()) {
      if (e.value().length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "a secret configured through configure(...) "
                + e.name()
                + " has "
                + e.value().length()
                + " character(s), too few to search every output for without false alarms:"
                + " use a distinctive canary of at least "
                + MIN_SECRET_LENGTH
                + " characters in contract tests");
      }
    }
    return List.copyOf(found.values());
  }

  private static void scanOutputs(Run run, SecretScan scan, List<String> violations) {
    Report report = run.report();
    if (report == null) {
      return;
    }
    String in = " of the " + run.label() + " run";
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        format.write(report, out);
      } catch (IOException | RuntimeException e) {
        violations.add("[" + run.label() + "] rendering the " + format + " report failed: " + e);
        continue;
      }
      scan.scan(format + " report" + in, out.toString(StandardCharsets.UTF_8));
    }
    for (TargetResult t : report.targets()) {
      String tw = " of target " + t.target() + in;
      scan.scan("toString()" + tw, t.toString());
      scan.scan("detail" + tw, t.detail());
      scan.scan("identity" + tw, t.identity().toString());
      for (CheckResult r : t.results()) {
        String rw =
            " of result " + r.status() + " " + r.checkId() + " on " + r.endpoint().uri() + in;
        scan.scan("toString()" + rw, r.toString());
        scan.scan("detail" + rw, r.detail());
        r.evidence().forEach((k, v) -> scan.scan("evidence '" + k + "'" + rw, k + "\n" + v));
        for (Finding f : r.findings()) {
          String fw = " of finding " + Texts.finding(f) + in;
          scan.scan("toString()" + fw, f.toString());
          scan.scan("title" + fw, f.title());
          scan.scan("description" + fw, f.description());
          scan.scan("remediation" + fw, f.remediation());
          scan.scan("key" + fw, f.key());
          f.evidence().forEach((k, v) -> scan.scan("evidence '" + k + "'" + fw, k + "\n" + v));
          f.references().forEach(ref -> scan.scan("reference" + fw, ref.id()));
        }
      }
    }
  }

  // ---- small helpers ----

  private static void requirePlan(
      String what, List<Target> targets, @Nullable String skip, String give, String skipCall) {
    if (targets.isEmpty() && skip == null) {
      throw new IllegalStateException(
          "no "
              + what
              + " target: call "
              + give
              + ", or "
              + skipCall
              + "(\"reason\") to run the contract without one");
    }
    if (!targets.isEmpty() && skip != null) {
      throw new IllegalStateException(
          what + " targets were given and also skipped (" + skip + "): choose one");
    }
  }

  private static String reason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("give a reason for skipping: where is it tested instead?");
    }
    return reason;
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  @Override
  public String toString() {
    return "CheckContract[" + safeId() + "]";
  }
}
