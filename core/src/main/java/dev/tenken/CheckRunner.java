package dev.tenken;

import dev.tenken.internal.ScanEngine;
import dev.tenken.internal.Settings;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import dev.tenken.spi.LoginBudget;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs checks against targets. Build one with {@link #builder()}, keep it, and use it for as many
 * scans as you like, from any thread: it is immutable and thread-safe, and each scan has its own
 * threads, which end with the scan.
 *
 * <p>For each target, in this order: the shard filter; name resolution (once, the address is then
 * pinned); the {@link Scope} (an address outside it ends {@code OUT_OF_SCOPE} and sees no packet);
 * port discovery and service identification among the enabled checks' default ports and the
 * target's own (skipped when a scheme names the service); then every enabled check whose service
 * matches an open port. A host whose first connections all time out is given up as {@code
 * UNREACHABLE} after {@link Builder#maxConnectFailures(int)} failures instead of costing one
 * timeout per port.
 *
 * <p>Bounds: at most {@link Builder#concurrency(int)} checks and probes in flight, at most {@link
 * Builder#perHostConcurrency(int)} per host, new connections at most {@link
 * Builder#connectionsPerSecond(double)}, each check at most {@link Builder#checkTimeout(Duration)}
 * (it then ends {@code ERROR}, its connections closed, its thread interrupted), each host at most
 * {@link Builder#hostBudget(Duration)} (it then ends {@code TIMEOUT}). Targets are read from the
 * {@link Iterable} only as capacity frees, so a million targets are never held at once.
 *
 * <p>Policy: only {@link Safety#PASSIVE} and {@link Safety#READ_ONLY} checks run unless {@link
 * Builder#enable(Safety...)} says otherwise; the others are reported {@code SKIP}. Raw print ports
 * get nothing unless {@link Builder#printPorts(boolean)}. A check that throws, hangs or returns
 * garbage yields {@code ERROR} for itself only; the runner never throws because a check failed.
 *
 * <p>Language: findings come out in {@link Builder#locale(Locale)} (default English) as {@link
 * CheckTexts} describes; evidence, result details and the runner's own messages stay English.
 */
public final class CheckRunner {
  /** Default of {@link Builder#concurrency(int)}: checks and probes in flight. */
  public static final int DEFAULT_CONCURRENCY = 128;

  /** Default of {@link Builder#perHostConcurrency(int)}. */
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 2;

  /** Default of {@link Builder#connectionsPerSecond(double)}, new connections per second. */
  public static final int DEFAULT_CONNECTIONS_PER_SECOND = 500;

  /** Default of {@link Builder#connectTimeout(Duration)}, in milliseconds. */
  public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;

  /** Default of {@link Builder#checkTimeout(Duration)}, in milliseconds. */
  public static final int DEFAULT_CHECK_TIMEOUT_MILLIS = 10_000;

  /** Default of {@link Builder#hostBudget(Duration)}, in seconds. */
  public static final int DEFAULT_HOST_BUDGET_SECONDS = 120;

  /** Default of {@link Builder#readCap(int)}, in bytes. */
  public static final int DEFAULT_READ_CAP_BYTES = 256 * 1024;

  /** Default of {@link Builder#loginAttemptsPerHost(int)}. */
  public static final int DEFAULT_LOGIN_ATTEMPTS_PER_HOST = 2;

  private final Settings settings;

  private CheckRunner(Settings settings) {
    this.settings = settings;
  }

  /** A builder with the documented defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The checks and probes this runner uses. */
  public CheckSet checkSet() {
    return settings.checkSet();
  }

  /** The language of findings and reports; see {@link Builder#locale(Locale)}. */
  public Locale locale() {
    return settings.locale();
  }

  /** The credentials configured per service, for {@link Safety#SESSION} checks. */
  public Map<String, Credentials> credentials() {
    return settings.credentials();
  }

  /**
   * Every secret this runner masks wherever its text appears: configured credentials' passwords and
   * secrets given to {@link Builder#redact(Secret)}. Each prints as {@code ****}.
   */
  public List<Secret> secrets() {
    return settings.secrets();
  }

  /**
   * Starts a scan of {@code targets} in the background and returns at once. {@code listener} hears
   * every result and finding as it happens.
   */
  public Scan start(Iterable<Target> targets, ScanListener listener) {
    return ScanEngine.start(settings, targets, listener);
  }

  /**
   * Scans {@code targets}, waits for the end and returns the whole report. Holds every target's
   * result in memory: for very large scans use {@link #start} with a streaming listener.
   *
   * @throws InterruptedException when the calling thread is interrupted; the scan is then cancelled
   */
  public Report scan(Iterable<Target> targets) throws InterruptedException {
    ReportCollector collector = new ReportCollector(settings.checkSet(), settings.locale());
    Scan scan = start(targets, collector);
    try {
      scan.await();
    } catch (InterruptedException e) {
      scan.cancel();
      throw e;
    }
    return collector.report();
  }

  /**
   * Parses and scans the given target texts.
   *
   * @throws TargetParseException when a text is not a target
   */
  public Report scan(String... targets) throws InterruptedException {
    return scan(Arrays.stream(targets).map(Target::parse).toList());
  }

  /**
   * Configures a {@link CheckRunner}. Not thread-safe. Every default below is what a scan gets when
   * the option is not set.
   */
  public static final class Builder {
    private CheckSet checkSet = CheckSet.EMPTY;
    private Scope scope;
    private final Set<Safety> enabled = EnumSet.of(Safety.PASSIVE, Safety.READ_ONLY);
    private boolean printPorts;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int perHostConcurrency = DEFAULT_PER_HOST_CONCURRENCY;
    private double connectionsPerSecond = DEFAULT_CONNECTIONS_PER_SECOND;
    private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS);
    private Duration checkTimeout = Duration.ofMillis(DEFAULT_CHECK_TIMEOUT_MILLIS);
    private Duration hostBudget = Duration.ofSeconds(DEFAULT_HOST_BUDGET_SECONDS);
    private Duration bannerWait = Duration.ofMillis(400);
    private int maxConnectFailures = 2;
    private int readCap = DEFAULT_READ_CAP_BYTES;
    private int loginAttemptsPerHost = DEFAULT_LOGIN_ATTEMPTS_PER_HOST;
    private int shardIndex = 0;
    private int shardCount = 1;
    private final Map<String, Credentials> credentials = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Locale locale = Locale.ENGLISH;
    private @Nullable Function<InetAddress, LoginBudget> loginBudgets;

    private Builder() {}

    /** Adds checks and their probes. Default: none. */
    public Builder checks(CheckSet set) {
      this.checkSet = checkSet.plus(set);
      return this;
    }

    /** Adds one check. */
    public Builder check(Check check) {
      this.checkSet = checkSet.plus(check);
      return this;
    }

    /** The allow-list. Required: a runner without a scope does not build. */
    public Builder scope(Scope value) {
      this.scope = Objects.requireNonNull(value);
      return this;
    }

    /** Also runs checks of these safety classes. Default: PASSIVE and READ_ONLY only. */
    public Builder enable(Safety... values) {
      enabled.addAll(List.of(values));
      return this;
    }

    /** Whether PJL queries may reach raw print ports 9100-9107 and 9999. Default: false. */
    public Builder printPorts(boolean value) {
      this.printPorts = value;
      return this;
    }

    /** Most checks and probes in flight at once. Default 128. */
    public Builder concurrency(int value) {
      this.concurrency = positive(value, "concurrency");
      return this;
    }

    /** Most checks and probes in flight on one host. Default 2. */
    public Builder perHostConcurrency(int value) {
      this.perHostConcurrency = positive(value, "perHostConcurrency");
      return this;
    }

    /** Most new connections (and UDP exchanges) per second, 0 for no limit. Default 500/s. */
    public Builder connectionsPerSecond(double value) {
      if (value < 0 || Double.isNaN(value)) {
        throw new IllegalArgumentException("connectionsPerSecond must be 0 (no limit) or positive");
      }
      this.connectionsPerSecond = value;
      return this;
    }

    /** Longest wait for a TCP connection to open. Default 2 s. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /** Hard deadline of one check. Default 10 s. */
    public Builder checkTimeout(Duration value) {
      this.checkTimeout = positive(value, "checkTimeout");
      return this;
    }

    /** Most wall time spent on one host. Default 120 s. */
    public Builder hostBudget(Duration value) {
      this.hostBudget = positive(value, "hostBudget");
      return this;
    }

    /** How long identification listens for a banner on a freshly opened port. Default 400 ms. */
    public Builder bannerWait(Duration value) {
      this.bannerWait = positive(value, "bannerWait");
      return this;
    }

    /**
     * Connection timeouts, with no connection yet succeeded or refused, after which a host is given
     * up as UNREACHABLE. Default 2.
     */
    public Builder maxConnectFailures(int value) {
      this.maxConnectFailures = positive(value, "maxConnectFailures");
      return this;
    }

    /** Most bytes read from one connection. Default 256 KiB. */
    public Builder readCap(int value) {
      this.readCap = positive(value, "readCap");
      return this;
    }

    /** Failed login attempts allowed per host, across all protocols. Default 2. */
    public Builder loginAttemptsPerHost(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("loginAttemptsPerHost must be 0 or more");
      }
      this.loginAttemptsPerHost = value;
      return this;
    }

    /**
     * Where each address's login budget comes from, instead of a fresh in-memory budget of {@link
     * #loginAttemptsPerHost(int)} attempts. The scan asks {@code budgets} once per address, from
     * the thread of the first check that needs to log in there (so a scan without credential checks
     * never asks), and shares the answer with every target of the scan on that address. Default:
     * the in-memory budget.
     *
     * <p>For budgets that must outlive one process: a distributed worker claims the address durably
     * and answers a spent budget when an earlier delivery of the same work holds the claim, so a
     * redelivered target never logs in twice. {@code budgets} must be thread-safe; it may block
     * (the check's deadline still holds); it must not return null. A custom function replaces
     * {@link #loginAttemptsPerHost(int)}, which it must honour itself.
     */
    public Builder loginBudgets(Function<InetAddress, LoginBudget> budgets) {
      this.loginBudgets = Objects.requireNonNull(budgets, "budgets");
      return this;
    }

    /**
     * Scans only the targets of shard {@code index} of {@code count}: a target's shard is a hash of
     * its host, so shards 0..count-1 split any target list without overlap. Default 0 of 1.
     */
    public Builder shard(int index, int count) {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "shard " + index + "/" + count + " is not i/n with 0 <= i < n");
      }
      this.shardIndex = index;
      this.shardCount = count;
      return this;
    }

    /** Credentials for {@link Safety#SESSION} checks of {@code service}; masked everywhere. */
    public Builder credentials(String service, Credentials value) {
      credentials.put(service, value);
      secrets.add(value.secret());
      return this;
    }

    /** A check-specific option. */
    public Builder option(String key, String value) {
      options.put(key, value);
      return this;
    }

    /** A secret to mask wherever its text appears in evidence, details and errors. */
    public Builder redact(Secret value) {
      secrets.add(value);
      return this;
    }

    /**
     * The clock checks read "today" from, for end-of-life dates. Default: the system clock, UTC.
     * Tests fix it so verdicts that depend on the date do not change as time passes.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The language of findings and of the report's check list. Default: {@link Locale#ENGLISH},
     * whatever the JVM's default locale is.
     *
     * <p>A finding's title, description and remediation come from the check's {@link CheckTexts} in
     * this locale, each falling back to English when the check's bundle lacks it. A check may write
     * a more specific English title than its own ("Hikvision camera accepts the factory default
     * login"): in another language the finding then gets the check's translated title and keeps the
     * specific English one as evidence {@value CheckTexts#DETAIL_EVIDENCE}. A finding whose
     * description the check wrote itself (not its descriptor's) is not the finding the check's
     * texts describe and stays as the check wrote it. Evidence is device data and is never
     * translated; fingerprints do not depend on the language. English output is the checks' own
     * text, unchanged.
     */
    public Builder locale(Locale value) {
      this.locale = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The runner.
     *
     * @throws IllegalStateException when no scope was set
     */
    public CheckRunner build() {
      if (scope == null) {
        throw new IllegalStateException(
            "set a scope: CheckRunner.builder().scope(Scope.of(\"192.0.2.0/24\")) — Tenken never"
                + " scans without an allow-list");
      }
      return new CheckRunner(
          new Settings(
              checkSet,
              scope,
              Set.copyOf(enabled),
              printPorts,
              concurrency,
              perHostConcurrency,
              connectionsPerSecond,
              connectTimeout,
              checkTimeout,
              hostBudget,
              bannerWait,
              maxConnectFailures,
              readCap,
              loginAttemptsPerHost,
              shardIndex,
              shardCount,
              Map.copyOf(credentials),
              Map.copyOf(options),
              List.copyOf(secrets),
              clock,
              locale,
              loginBudgets));
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
