package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

  private static CheckRunner.Builder runner() {
    return CheckRunner.builder().scope(Scope.of("127.0.0.0/8")).connectionsPerSecond(0);
  }

  private static Map<String, CheckResult> byCheck(TargetResult t) {
    return t.results().stream()
        .collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  @Test
  void checksThatThrowHangOrReturnNothingYieldErrorWithinDeadlineWhileOthersComplete()
      throws Exception {
    CheckRunner r =
        runner()
            .checkTimeout(Duration.ofSeconds(1))
            .check(
                Fixtures.check(
                    "test.t.throws",
                    (e, c) -> {
                      throw new IllegalStateException("boom");
                    }))
            .check(
                Fixtures.check(
                    "test.t.sleeps",
                    (e, c) -> {
                      try {
                        Thread.sleep(Long.MAX_VALUE);
                      } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                      }
                      return Outcome.pass("woke up");
                    }))
            .check(
                Fixtures.check(
                    "test.t.ignores-interrupts",
                    (e, c) -> {
                      long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                      while (System.nanoTime() < end) {
                        try {
                          Thread.sleep(50);
                        } catch (InterruptedException ignored) {
                          // A badly written check that swallows the interrupt.
                        }
                      }
                      return Outcome.pass("finally");
                    }))
            .check(Fixtures.check("test.t.null", (e, c) -> null))
            .check(
                Fixtures.check(
                    "test.t.silent-timeout",
                    (e, c) -> {
                      // The JDK throws some timeouts without a message (SocksSocketImpl).
                      throw new java.net.SocketTimeoutException();
                    }))
            .check(Fixtures.check("test.t.passes", (e, c) -> Outcome.pass("fine")))
            .perHostConcurrency(5)
            .build();

    Instant start = Instant.now();
    Report report = r.scan("test://127.0.0.1:6379");
    Duration took = Duration.between(start, Instant.now());

    TargetResult t = report.targets().get(0);
    assertThat(t.status()).isEqualTo(TargetResult.Status.SCANNED);
    Map<String, CheckResult> results = byCheck(t);
    assertThat(results.get("test.t.throws").status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(results.get("test.t.throws").detail())
        .contains("IllegalStateException")
        .contains("boom");
    assertThat(results.get("test.t.sleeps").status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(results.get("test.t.sleeps").detail()).contains("deadline");
    assertThat(results.get("test.t.ignores-interrupts").status())
        .isEqualTo(CheckResult.Status.ERROR);
    assertThat(results.get("test.t.null").status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(results.get("test.t.silent-timeout").detail())
        .isEqualTo("SocketTimeoutException: no answer before the timeout");
    assertThat(results.get("test.t.passes").status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(results.get("test.t.passes").detail()).isEqualTo("fine");
    assertThat(took).isLessThan(Duration.ofSeconds(2).plusMillis(500));
  }

  @Test
  void tenThousandTargetsStreamWithABoundedNumberInFlight() throws Exception {
    int concurrency = 16;
    AtomicLong pulled = new AtomicLong();
    AtomicLong finished = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    Iterable<Target> targets =
        () ->
            new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return i < 10_000;
              }

              @Override
              public Target next() {
                int n = i++;
                long inFlight = pulled.incrementAndGet() - finished.get();
                maxInFlight.accumulateAndGet(inFlight, Math::max);
                return Target.parse("test://127.0." + (n / 250) + "." + (n % 250 + 1) + ":6379");
              }
            };
    CheckRunner r =
        runner()
            .concurrency(concurrency)
            .check(Fixtures.check("test.t.passes", (e, c) -> Outcome.pass("ok")))
            .build();
    Scan scan =
        r.start(
            targets,
            new ScanListener() {
              @Override
              public void targetFinished(TargetResult result) {
                finished.incrementAndGet();
              }
            });
    ScanSummary summary = scan.await();

    assertThat(summary.targets()).isEqualTo(10_000);
    assertThat(summary.targetsByStatus().get(TargetResult.Status.SCANNED)).isEqualTo(10_000);
    assertThat(summary.resultsByStatus().get(CheckResult.Status.PASS)).isEqualTo(10_000);
    // One target may be pulled while the dispatcher waits for a free host slot.
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(concurrency + 1);
  }

  @Test
  void aDeadHostCostsAtMostTwoConnectDeadlinesNotOnePerPort() throws Exception {
    try (Fixtures.FilteredPorts filtered = new Fixtures.FilteredPorts("127.0.0.1", 8)) {
      StringBuilder ports = new StringBuilder();
      for (int p : filtered.ports()) {
        ports.append(ports.length() == 0 ? "" : ",").append(p);
      }
      for (int width : new int[] {1, 2}) {
        CheckRunner r =
            runner()
                .connectTimeout(Duration.ofMillis(500))
                .perHostConcurrency(width)
                .check(Fixtures.check("test.t.passes", (e, c) -> Outcome.pass("ok")))
                .build();
        Instant start = Instant.now();
        Report report = r.scan("127.0.0.1:" + ports);
        Duration took = Duration.between(start, Instant.now());

        TargetResult t = report.targets().get(0);
        assertThat(t.status()).as("width %d", width).isEqualTo(TargetResult.Status.UNREACHABLE);
        assertThat(t.detail()).contains("timed out");
        // Two deadlines (1 s) plus scheduling slack; eight ports would cost 4 s one by one.
        assertThat(took).as("width %d", width).isLessThan(Duration.ofMillis(1400));
      }
    }
  }

  @Test
  void cancellationReturnsThreadsAndSocketsToTheBaseline() throws Exception {
    try (Fixtures.CountingServer silent = new Fixtures.CountingServer("127.0.0.1")) {
      Set<Thread> baseline = liveThreads();
      CheckRunner r =
          runner()
              .checkTimeout(Duration.ofSeconds(60))
              .concurrency(8)
              .check(
                  Fixtures.check(
                      "test.t.reads-forever",
                      (e, c) -> {
                        var conn = c.connect(e);
                        conn.input().read();
                        return Outcome.pass("never");
                      }))
              .build();
      List<Target> targets = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        targets.add(Target.parse("test://127.0.0.1:" + silent.port()));
      }
      Scan scan = r.start(targets, new ScanListener() {});
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (silent.open.get() < 8 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(silent.open.get()).isEqualTo(8);

      scan.cancel();
      ScanSummary summary = scan.await(Duration.ofSeconds(3)).orElseThrow();

      assertThat(summary.cancelled()).isTrue();
      assertThat(summary.targetsByStatus().get(TargetResult.Status.CANCELLED))
          .isGreaterThanOrEqualTo(8);
      assertThat(summary.targetsByStatus().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(summary.targets());
      awaitCondition(() -> silent.open.get() == 0);
      awaitCondition(() -> difference(liveThreads(), baseline).isEmpty());
      assertThat(silent.open.get()).isZero();
      assertThat(difference(liveThreads(), baseline)).isEmpty();
    }
  }

  @Test
  void outOfScopeAddressesNeverSeeAConnectionHoweverTheyAreSpelled() throws Exception {
    try (Fixtures.CountingServer tripwire = new Fixtures.CountingServer("127.0.0.2")) {
      int port = tripwire.port();
      CheckRunner r =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .check(
                  Fixtures.check(
                      "test.t.connects",
                      (e, c) -> {
                        c.connect(e).send(new byte[] {1});
                        return Outcome.pass("connected");
                      }))
              .check(
                  Fixtures.check(
                      "test.t.pivots",
                      (e, c) -> {
                        // A check that tries to reach another address it heard of.
                        var other =
                            new dev.tenken.Endpoint(
                                "127.0.0.2",
                                java.net.InetAddress.getByName("127.0.0.2"),
                                port,
                                dev.tenken.Transport.TCP,
                                "test");
                        try {
                          c.connect(other);
                        } catch (dev.tenken.spi.OutOfScopeException refused) {
                          try (var s = c.socketFactory().createSocket()) {
                            s.connect(new java.net.InetSocketAddress("127.0.0.2", port));
                          } catch (dev.tenken.spi.OutOfScopeException refusedAgain) {
                            return Outcome.pass("both refused");
                          }
                        }
                        return Outcome.error("reached the tripwire");
                      }))
              .build();
      Report report =
          r.scan(
              List.of(
                  Target.parse("127.0.0.2:" + port),
                  Target.parse("test://127.0.0.2:" + port),
                  Target.parse("test://[::ffff:127.0.0.2]:" + port),
                  Target.parse("test://2130706434:" + port),
                  Target.parse("test://127.0.0.1:1")));

      assertThat(report.targets()).hasSize(5);
      assertThat(report.targets().subList(0, 4))
          .allSatisfy(t -> assertThat(t.status()).isEqualTo(TargetResult.Status.OUT_OF_SCOPE));
      assertThat(byCheck(report.targets().get(4)).get("test.t.pivots").status())
          .isEqualTo(CheckResult.Status.PASS);
      assertThat(tripwire.accepted.get()).isZero();
    }
  }

  @Test
  void shardsPartitionTheTargets() throws Exception {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      targets.add(Target.parse("test://127.1." + (i / 200) + "." + (i % 200 + 1) + ":6379"));
    }
    Set<String> union = new HashSet<>();
    int total = 0;
    for (int shard = 0; shard < 4; shard++) {
      CheckRunner r =
          runner()
              .shard(shard, 4)
              .check(Fixtures.check("test.t.passes", (e, c) -> Outcome.pass("ok")))
              .build();
      Report report = r.scan(targets);
      assertThat(report.targets()).as("shard %d is not empty", shard).isNotEmpty();
      total += report.targets().size();
      report.targets().forEach(t -> union.add(t.target().host()));
    }
    assertThat(total).as("no target in two shards").isEqualTo(1000);
    assertThat(union).hasSize(1000);
  }

  @Test
  void checksBeyondTheDefaultSafetyClassesAreSkippedUnlessEnabled() throws Exception {
    var login =
        Fixtures.check(
            "test.t.login", "test", Safety.CREDENTIAL_ATTEMPT, (e, c) -> Outcome.pass("ran"));
    Report off = runner().check(login).build().scan("test://127.0.0.1:6379");
    Report on =
        runner()
            .check(login)
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .build()
            .scan("test://127.0.0.1:6379");

    CheckResult skipped = off.results().findFirst().orElseThrow();
    assertThat(skipped.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(skipped.detail()).contains("CREDENTIAL_ATTEMPT");
    assertThat(on.results().findFirst().orElseThrow().status()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void checksTaggedAfterIdentityStartOnlyWhenTheOthersHaveReportedTheirFacts() throws Exception {
    Check judge =
        new Check() {
          private final CheckDescriptor d =
              CheckDescriptor.builder("test.t.judge", "judges the identity")
                  .services("test")
                  .tags(CheckDescriptor.TAG_AFTER_IDENTITY)
                  .build();

          @Override
          public CheckDescriptor descriptor() {
            return d;
          }

          @Override
          public Outcome run(Endpoint endpoint, CheckContext context) {
            return Outcome.pass(
                "firmware "
                    + context
                        .facts()
                        .identity()
                        .value(DeviceIdentity.Attribute.FIRMWARE)
                        .orElse("unknown"));
          }
        };
    Check slowIdentity =
        Fixtures.check(
            "test.t.identify",
            (e, c) -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
              }
              c.facts()
                  .identify(DeviceIdentity.Attribute.FIRMWARE, "1.2.3", "test", Confidence.FIRM);
              return Outcome.pass("identified");
            });
    // The judge comes first in the set and the host runs two checks at once: without the
    // second phase it would start at once and see no firmware.
    Report report =
        runner()
            .perHostConcurrency(2)
            .check(judge)
            .check(slowIdentity)
            .build()
            .scan("test://127.0.0.1:6379");

    assertThat(report.results().filter(r -> r.checkId().equals("test.t.judge")))
        .singleElement()
        .satisfies(r -> assertThat(r.detail()).isEqualTo("firmware 1.2.3"));
  }

  @Test
  void targetsNamingOneAddressShareItsLoginBudget() throws Exception {
    var greedy =
        Fixtures.check(
            "test.t.greedy",
            "test",
            Safety.CREDENTIAL_ATTEMPT,
            (e, c) -> {
              int taken = 0;
              while (taken < 10 && c.loginBudget().tryAcquire()) {
                taken++;
              }
              return Outcome.pass("took " + taken);
            });
    Report report =
        runner()
            .check(greedy)
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .build()
            .scan(
                List.of(
                    Target.parse("test://127.0.0.1:6379"),
                    Target.parse("test://127.0.0.1:6380"),
                    Target.parse("test://127.0.0.2:6379")));

    Map<String, Integer> taken =
        report.targets().stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.target().host(),
                    Collectors.summingInt(
                        t ->
                            t.results().stream()
                                .mapToInt(r -> Integer.parseInt(r.detail().substring(5)))
                                .sum())));
    assertThat(taken)
        .containsEntry("127.0.0.1", CheckRunner.DEFAULT_LOGIN_ATTEMPTS_PER_HOST)
        .containsEntry("127.0.0.2", CheckRunner.DEFAULT_LOGIN_ATTEMPTS_PER_HOST);
  }

  @Test
  void aRunnerWithoutScopeDoesNotBuild() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckRunner.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scope");
  }

  private static Set<Thread> liveThreads() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // Virtual-thread carriers belong to the JDK's shared scheduler, not to a scan.
      if (t.isAlive() && !t.getName().startsWith("ForkJoinPool")) {
        threads.add(t);
      }
    }
    return threads;
  }

  private static Set<Thread> difference(Set<Thread> now, Set<Thread> before) {
    Set<Thread> d = new HashSet<>(now);
    d.removeAll(before);
    d.removeIf(t -> !t.getName().startsWith("tenken"));
    return d;
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  @SuppressWarnings("unused")
  private static void ignore(IOException e) {}
}
