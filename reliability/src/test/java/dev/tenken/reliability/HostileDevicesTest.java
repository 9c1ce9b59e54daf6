package dev.tenken.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scan;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.printer.PrinterChecks;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every check of the camera, printer and database modules against every hostile behaviour that
 * pretends to be a service the check speaks, under the module's 128 MiB heap: each result within
 * its deadline + 250 ms, no internal error, the scan completes, no tripwire touched, the lock-out
 * device never locked, and every byte sent on the protocol allow-lists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileDevicesTest {
  static final Duration CHECK_TIMEOUT = Duration.ofMillis(1500);

  /** How late a result may be; {@code -Dtenken.hostile.slackMillis} widens it on a loaded box. */
  static final Duration SLACK = Duration.ofMillis(Long.getLong("tenken.hostile.slackMillis", 250));

  /** A reason that is nothing but an exception's class name, or an unexpected exception. */
  static final Pattern LEAKED_EXCEPTION =
      Pattern.compile("^(the check failed with .*|[\\w.$]*(Exception|Error))$");

  static CheckRunner runner;
  static final List<HostileDevice.Exchange> sent = new ArrayList<>();
  static final ConcurrentHashMap<String, String> summary = new ConcurrentHashMap<>();
  static final AtomicLong results = new AtomicLong();
  static final AtomicLong scans = new AtomicLong();
  static volatile long slowestMillis;
  static volatile String slowest = "";
  static long started;
  static final AtomicLong peakHeap = new AtomicLong();

  @BeforeAll
  static void lab() {
    started = System.nanoTime();
    // The point of running under a small heap: hostile replies must not be buffered whole.
    assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(128L << 20);
    Thread sampler =
        new Thread(
            () -> {
              var memory = ManagementFactory.getMemoryMXBean();
              while (true) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    assertThat(Lab.OUT_OF_SCOPE.port()).isPositive();
    runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .checks(CameraChecks.all().plus(PrinterChecks.all()).plus(DatabaseChecks.all()))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .checkTimeout(CHECK_TIMEOUT)
            .connectTimeout(Duration.ofSeconds(1))
            .hostBudget(Duration.ofSeconds(20))
            .concurrency(256)
            .perHostConcurrency(64)
            .connectionsPerSecond(0)
            .build();
  }

  @Order(1)
  @ParameterizedTest
  @EnumSource(Behaviour.class)
  void everyCheckEndsInTimeWithoutHarm(Behaviour behaviour) throws Exception {
    Lockout.reset();
    List<HostileDevice> devices = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      for (String service : behaviour.services().stream().sorted().toList()) {
        devices.add(new HostileDevice(behaviour, service, tls(behaviour, service)));
      }
      List<Target> targets = devices.stream().map(d -> Target.parse(d.target())).toList();
      ReportCollector collector = new ReportCollector(runner.checkSet(), Locale.ENGLISH);
      Scan scan = runner.start(targets, collector);
      Optional<?> done = scan.await(Duration.ofSeconds(60));
      if (done.isEmpty()) {
        scan.cancel();
      }
      assertThat(done).as("the scan of %s completes", behaviour).isPresent();
      Report report = collector.report();
      List<String> problems = new ArrayList<>();
      for (TargetResult t : report.targets()) {
        if (t.status() == TargetResult.Status.ERROR) {
          problems.add(t.target() + ": Tenken failed: " + t.detail());
        }
        for (CheckResult r : t.results()) {
          results.incrementAndGet();
          long over = r.elapsed().toMillis() - CHECK_TIMEOUT.toMillis();
          if (over > slowestMillis) {
            slowestMillis = over;
            slowest = behaviour + " " + r.checkId() + " " + r.elapsed().toMillis() + " ms";
          }
          if (r.elapsed().compareTo(CHECK_TIMEOUT.plus(SLACK)) > 0) {
            problems.add(
                r.checkId() + " on " + t.target() + " took " + r.elapsed().toMillis() + " ms");
          }
          if ((r.status() == CheckResult.Status.ERROR || r.status() == CheckResult.Status.SKIP)
              && (r.detail().isBlank() || LEAKED_EXCEPTION.matcher(r.detail()).matches())) {
            problems.add(r.checkId() + " on " + t.target() + ": internal error: " + r.detail());
          }
        }
      }
      scans.incrementAndGet();
      assertThat(problems).as("results of %s", behaviour).isEmpty();
    } finally {
      devices.forEach(HostileDevice::close);
    }
    List<String> violations = new ArrayList<>();
    for (HostileDevice d : devices) {
      for (HostileDevice.Exchange e : d.record()) {
        violations.addAll(AllowLists.violations(e));
        synchronized (sent) {
          sent.add(e);
        }
      }
    }
    summary.put(
        behaviour.name(),
        (System.nanoTime() - t0) / 1_000_000
            + " ms, "
            + devices.size()
            + " services"
            + (behaviour == Behaviour.LOCKS_OUT_AFTER_3_LOGINS
                ? ", logins " + Lockout.byService()
                : ""));
    assertThat(violations).as("bytes sent to %s outside the allow-lists", behaviour).isEmpty();
    assertThat(Lab.OUT_OF_SCOPE.touched()).as("connections to 127.0.0.2 (out of scope)").isZero();
    assertThat(Lab.OTHER_SCHEME.touched())
        .as("connections following gopher:/ftp: redirects")
        .isZero();
    assertThat(Lockout.locked())
        .as(
            "the lock-out device locked after %s logins: %s",
            Lockout.attempts(), Lockout.byService())
        .isFalse();
  }

  @Order(2)
  @Test
  void everythingSentDuringTheSuiteStaysOnTheAllowLists() {
    List<String> violations = new ArrayList<>();
    synchronized (sent) {
      sent.forEach(e -> violations.addAll(AllowLists.violations(e)));
    }
    assertThat(violations).isEmpty();
    // The record really covers each protocol's requests, so the check above is not vacuous.
    assertThat(AllowLists.seen)
        .contains(
            "redis PING",
            "redis INFO",
            "rtsp OPTIONS",
            "rtsp DESCRIBE",
            "http GET",
            "snmp PDU 0xa0",
            "ipp IPP 0x000b",
            "pjl INFO",
            "mqtt 0x10",
            "mongodb hello")
        .anyMatch(s -> s.startsWith("http SOAP "))
        .anyMatch(s -> s.startsWith("postgresql "))
        .anyMatch(s -> s.startsWith("mysql "));
  }

  @Order(3)
  @Test
  void theLockOutDeviceWasAskedToLogInButNeverLocked() {
    assertThat(summary.get(Behaviour.LOCKS_OUT_AFTER_3_LOGINS.name())).contains("logins {");
  }

  private static SSLContext tls(Behaviour b, String service) {
    if (!service.equals("https") && !service.equals("ipps")) {
      return null;
    }
    return switch (b) {
      case TLS_HANDSHAKE_STALL, PLAINTEXT_ON_TLS_PORT -> null;
      case TLS_EXPIRED_CERTIFICATE -> TestCertificates.EXPIRED.context();
      case TLS_WRONG_HOST_CERTIFICATE -> TestCertificates.WRONG_HOST.context();
      default -> TestCertificates.SELF_SIGNED.context();
    };
  }

  @AfterAll
  static void report() {
    long heap = peakHeap.get();
    StringBuilder sb = new StringBuilder();
    summary.entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> sb.append(String.format("  %-40s %s%n", e.getKey(), e.getValue())));
    System.out.printf(
        "HOSTILE SUITE: %d behaviours scanned, %d check results, %s wall, slowest over its"
            + " deadline: %+d ms (%s), peak heap %d MiB of max %d MiB, %d exchanges recorded,"
            + " %d honeypot markers%n%s",
        scans.get(),
        results.get(),
        Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms",
        slowestMillis,
        slowest,
        heap >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        sent.size(),
        Replies.Markers.count(),
        sb);
    System.out.println("SEEN " + new java.util.TreeSet<>(AllowLists.seen));
  }
}
