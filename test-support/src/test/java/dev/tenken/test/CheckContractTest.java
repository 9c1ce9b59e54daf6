package dev.tenken.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Target;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.test.DemoBannerCheck.Flaw;
import dev.tenken.test.sim.RecordingServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckContractTest {
  static final String CANARY = "s3cret-canary";
  private static final List<HangingCheck> HANGING = new ArrayList<>();

  private RecordingServer open;
  private RecordingServer locked;

  @BeforeEach
  void servers() throws IOException {
    open = RecordingServer.withBanner("OPEN demo-device key " + CANARY + "\r\n");
    locked = RecordingServer.withBanner("LOCKED demo-device\r\n");
  }

  @AfterEach
  void close() {
    open.close();
    locked.close();
  }

  @AfterAll
  static void releaseHangingChecks() {
    HANGING.forEach(HangingCheck::release);
  }

  private CheckContract contract(Check check) {
    return CheckContract.of(check)
        .vulnerable(open.target("demo"))
        .hardened(locked.target("demo"))
        .secrets(CANARY);
  }

  @Test
  void aCorrectCheckKeepsTheContract() {
    long start = System.nanoTime();
    contract(new DemoBannerCheck()).verify();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // The kit really talked to both servers, and the silent run stayed within its bound.
    assertThat(open.connections()).isGreaterThanOrEqualTo(1);
    assertThat(locked.connections()).isGreaterThanOrEqualTo(1);
    assertThat(took).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aCheckThatNeverDetectsIsCaught() {
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.ALWAYS_PASS)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Check demo.banner.exposed broke the check contract (1 problem)")
        .hasMessageContaining(
            "[vulnerable demo://127.0.0.1:"
                + open.port()
                + "] expected FAIL with at least one finding")
        .hasMessageContaining("but got PASS demo.banner.exposed on tcp://127.0.0.1:" + open.port())
        .hasMessageContaining("banner says OPEN");
  }

  @Test
  void aCheckThatLeaksASecretFromTheDeviceIsCaught() {
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.LEAKS_BANNER)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[secrets] secret #1 given to secrets(...) appears in")
        .hasMessageContaining("evidence 'banner' of finding HIGH demo.banner.exposed")
        .hasMessageContaining(
            "JSON report of the vulnerable demo://127.0.0.1:" + open.port() + " run")
        .hasMessageContaining("SARIF report")
        .hasMessageContaining("MARKDOWN report")
        .hasMessageContaining("OPEN demo-device key «secret #1»")
        // The failure message itself never shows the secret.
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
  }

  @Test
  void configuredCredentialsThatLeakAreCaught() {
    String password = "cred-canary-77";
    assertThatThrownBy(
            () ->
                CheckContract.of(new DemoBannerCheck(Flaw.LEAKS_CREDENTIALS))
                    .vulnerable(open.target("demo"))
                    .hardened(locked.target("demo"))
                    .configure(b -> b.credentials("demo", Credentials.of("admin", password)))
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "[secrets] secret #1 (the password of credentials(\"demo\", ...) set in configure)")
        .hasMessageContaining("evidence 'login' of finding HIGH demo.banner.exposed")
        .hasMessageContaining("sent Basic «secret #1»")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
  }

  @Test
  void credentialsTheRunnerMasksAreNotALeak() {
    // The same check copying the banner into evidence is fine when the runner knows the value:
    // a secret registered with redact() is masked before it reaches any output.
    CheckContract.of(new DemoBannerCheck(Flaw.LEAKS_BANNER))
        .vulnerable(open.target("demo"))
        .hardened(locked.target("demo"))
        .configure(b -> b.redact(Secret.of(CANARY)))
        .verify();
  }

  @Test
  void aPassOnAClosedPortIsCaught() {
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.PASS_WHEN_CLOSED)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(1 problem)")
        .hasMessageContaining("[closed port demo://127.0.0.1:")
        .hasMessageContaining("a port with nothing listening must end ERROR or SKIP")
        .hasMessageContaining("but got PASS demo.banner.exposed")
        .hasMessageContaining("nothing listens, so nothing is exposed");
  }

  @Test
  void aPassOnSilenceIsCaught() {
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.PASS_ON_SILENCE)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(1 problem)")
        .hasMessageContaining("[silent socket demo://127.0.0.1:")
        .hasMessageContaining("a socket that never answers must not PASS")
        .hasMessageContaining("no OPEN banner");
  }

  @Test
  void aFindingWithoutEvidenceIsCaught() {
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.NO_EVIDENCE)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("finding HIGH demo.banner.exposed tcp://127.0.0.1:" + open.port())
        .hasMessageContaining("has no evidence");
  }

  @Test
  void anIncompleteDescriptorIsCaught() {
    CheckDescriptor bare =
        DemoBannerCheck.descriptorBuilder(DemoBannerCheck.ID)
            .remediation(" ")
            .description("")
            .build();
    assertThatThrownBy(() -> contract(new DemoBannerCheck(Flaw.NONE, bare)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(3 problems)")
        .hasMessageContaining("1. [descriptor] description is blank")
        .hasMessageContaining("2. [descriptor] remediation is blank")
        // The finding takes its remediation from the descriptor, so it has none either.
        .hasMessageContaining("3. [vulnerable demo://127.0.0.1:" + open.port() + "] finding HIGH")
        .hasMessageContaining("has a blank remediation");
  }

  @Test
  void aHangingCheckIsEndedByTheRunnerAndThatPartOfTheContractHolds() {
    HangingCheck hanging = new HangingCheck("demo.banner.hangs");
    HANGING.add(hanging);
    long start = System.nanoTime();
    CheckContract.of(hanging)
        .skipVulnerable("the check hangs by design")
        .skipHardened("the check hangs by design")
        .checkTimeout(Duration.ofMillis(1500))
        .verify();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(hanging.runs).hasValue(2); // the closed port and the silent socket
    assertThat(hanging.hung).hasValue(1); // only the silent socket accepted the connection
    assertThat(took).isLessThan(Duration.ofMillis(2 * 1500 + 2 * 1000 + 1500));
  }

  @Test
  void aScanThatOutlivesTheDeadlineIsCaught() {
    // Two hanging checks queued behind ours (one check per host at a time) stretch the scan of the
    // silent socket to about 1 s + 2 x 1.5 s: the kit measures the scan, which overruns 1.5 s + 1
    // s.
    HangingCheck first = new HangingCheck("demo.banner.first");
    HangingCheck second = new HangingCheck("demo.banner.second");
    HANGING.add(first);
    HANGING.add(second);
    assertThatThrownBy(
            () ->
                CheckContract.of(new DemoBannerCheck())
                    .skipVulnerable("timing only")
                    .skipHardened("timing only")
                    .checkTimeout(Duration.ofMillis(1500))
                    .configure(b -> b.check(first).check(second).perHostConcurrency(1))
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(1 problem)")
        .hasMessageContaining("[silent socket demo://127.0.0.1:")
        .hasMessageContaining("expected the check to end within its deadline 1500 ms + 1000 ms")
        .hasMessageContaining("but the scan took");
  }

  @Test
  void aTargetWithoutServiceGetsAHint() {
    assertThatThrownBy(
            () ->
                CheckContract.of(new DemoBannerCheck())
                    .vulnerable(Target.of("127.0.0.1", open.port()))
                    .hardened(locked.target("demo"))
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected FAIL, but the check produced no result")
        .hasMessageContaining(
            "Name the service as the target's scheme, such as demo://127.0.0.1:" + open.port());
  }

  @Test
  void aTargetOutsideLoopbackIsNeverScanned() {
    assertThatThrownBy(
            () ->
                CheckContract.of(new DemoBannerCheck())
                    .vulnerable("demo://192.0.2.1:10007")
                    .hardened(locked.target("demo"))
                    .configure(b -> b.scope(dev.tenken.Scope.of("0.0.0.0/0")))
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[vulnerable demo://192.0.2.1:10007] expected FAIL")
        .hasMessageContaining("OUT_OF_SCOPE");
  }

  @Test
  void theKitCannotPassSilently() {
    assertThatThrownBy(
            () -> CheckContract.of(new DemoBannerCheck()).hardened(locked.target("demo")).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no vulnerable target")
        .hasMessageContaining("skipVulnerable(\"reason\")");
    assertThatThrownBy(
            () -> CheckContract.of(new DemoBannerCheck()).vulnerable(open.target("demo")).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no hardened target");
    assertThatThrownBy(
            () ->
                CheckContract.of(new DemoBannerCheck())
                    .vulnerable(open.target("demo"))
                    .skipVulnerable("both")
                    .skipHardened("x")
                    .verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("also skipped");
    assertThatThrownBy(() -> CheckContract.of(new DemoBannerCheck()).skipVulnerable(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shortSecretsAreRefused() {
    assertThatThrownBy(() -> CheckContract.of(new DemoBannerCheck()).secrets("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 6 characters");
    assertThatThrownBy(
            () ->
                contract(new DemoBannerCheck())
                    .configure(b -> b.credentials("demo", Credentials.of("admin", "1234")))
                    .verify())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials(\"demo\", ...)")
        .hasMessageContaining("4 character(s)");
  }

  @Test
  void configureStepsAndSafetyReachTheRunner() {
    // A SESSION check runs only when enabled; the kit enables the check's own safety class.
    AtomicInteger sessions = new AtomicInteger();
    CheckDescriptor d =
        DemoBannerCheck.descriptorBuilder("demo.banner.session").safety(Safety.SESSION).build();
    Check session =
        new Check() {
          @Override
          public CheckDescriptor descriptor() {
            return d;
          }

          @Override
          public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
            sessions.incrementAndGet();
            Optional<String> option = context.option("demo.mode");
            if (option.isEmpty()) {
              return Outcome.error("demo.mode not configured");
            }
            return new DemoBannerCheck().run(endpoint, context);
          }
        };
    CheckContract.of(session)
        .vulnerable(open.target("demo"))
        .hardened(locked.target("demo"))
        .configure(b -> b.option("demo.mode", "strict"))
        .verify();
    assertThat(sessions).hasValueGreaterThanOrEqualTo(4);
  }

  @Test
  void udpChecksGetASilentUdpSocketAndAClosedUdpPort() {
    AtomicInteger exchanges = new AtomicInteger();
    CheckDescriptor d =
        CheckDescriptor.builder("demo.udp.status", "Demo UDP status answers without authentication")
            .description("A UDP status port tells anyone about the device.")
            .remediation("Turn the status port off.")
            .services("demoudp")
            .transport(Transport.UDP)
            .ports(10008)
            .build();
    Check udp =
        new Check() {
          @Override
          public CheckDescriptor descriptor() {
            return d;
          }

          @Override
          public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
            assertThat(endpoint.transport()).isEqualTo(Transport.UDP);
            exchanges.incrementAndGet();
            Optional<byte[]> reply =
                context
                    .udp(endpoint)
                    .exchange(
                        "STATUS?".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500));
            return reply.isEmpty() ? Outcome.error("no reply") : Outcome.pass("reply received");
          }
        };
    CheckContract.of(udp).skipVulnerable("no UDP simulator here").skipHardened("idem").verify();
    assertThat(exchanges).hasValue(2);
  }
}
