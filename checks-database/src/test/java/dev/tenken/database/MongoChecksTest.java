package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB checks against mongo-java-server in-process: plain (no access control, reports
 * version 5.0.0 with maxWireVersion 8, isMaster only) as the vulnerable server, and {@link
 * MongoSim} configured as the hardened or version-specific servers. Every check runs the contract
 * kit.
 */
class MongoChecksTest {
  static final String STRONG = "Str0ng-unguessable-canary";

  static MongoServer plain;
  static MongoSim secured;
  static MongoSim bleed;
  static MongoSim bleedNoZlib;
  static MongoSim fixed;
  static MongoSim defaultAdmin;
  static MongoSim percona;

  @BeforeAll
  static void start() {
    plain = MongoSim.plain();
    secured = MongoSim.builder().version(8, 0, 17).hello().user("admin", STRONG).start();
    bleed =
        MongoSim.builder().version(7, 0, 12).hello().compressors("snappy", "zstd", "zlib").start();
    bleedNoZlib =
        MongoSim.builder().version(7, 0, 12).hello().compressors("snappy", "zstd").start();
    fixed =
        MongoSim.builder().version(7, 0, 28).hello().compressors("snappy", "zstd", "zlib").start();
    defaultAdmin = MongoSim.builder().version(7, 0, 28).hello().user("admin", "admin").start();
    percona = MongoSim.builder().version(7, 0, 12).hello().compressors("zlib").percona().start();
  }

  @AfterAll
  static void stop() {
    plain.shutdownNow();
    for (MongoSim s : List.of(secured, bleed, bleedNoZlib, fixed, defaultAdmin, percona)) {
      s.close();
    }
  }

  static TargetResult scan(Check check, String target, Consumer<CheckRunner.Builder> configure)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .clock(CatalogDay.CLOCK)
            .check(check)
            .enable(check.descriptor().safety());
    configure.accept(b);
    Report report = b.build().scan(List.of(Target.parse(target)));
    return report.targets().get(0);
  }

  static CheckResult result(TargetResult t, Check check) {
    return t.results().stream()
        .filter(r -> r.checkId().equals(check.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result of " + check.id() + " in " + t));
  }

  static CheckResult run(Check check, String target) throws InterruptedException {
    return result(scan(check, target, b -> {}), check);
  }

  // ---- exposed

  @Test
  void exposedContract() {
    CheckContract.of(MongoExposed.INSTANCE)
        .vulnerable(MongoSim.target(plain))
        .vulnerable(bleed.target())
        .skipHardened(
            "a port that answers the MongoDB handshake is exposed by definition; a port that"
                + " answers something else ends ERROR (MongoHostileRepliesTest)")
        .verify();
  }

  @Test
  void exposedReportsVersionWireVersionAndIdentity() throws Exception {
    TargetResult t = scan(MongoExposed.INSTANCE, bleed.target(), b -> {});
    CheckResult r = result(t, MongoExposed.INSTANCE);

    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    Finding f = r.findings().get(0);
    assertThat(f.evidence())
        .containsEntry("version", "7.0.12")
        .containsEntry("maxWireVersion", "21")
        .containsEntry("handshake", "hello answered ok: 1");
    assertThat(t.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("mongodb");
    assertThat(t.identity().value(DeviceIdentity.Attribute.VERSION)).contains("7.0.12");
    assertThat(t.identity().value(DeviceIdentity.Attribute.CPE))
        .contains("cpe:2.3:a:mongodb:mongodb:7.0.12");
  }

  @Test
  void exposedFallsBackToIsMasterOnServersWithoutHello() throws Exception {
    CheckResult r = run(MongoExposed.INSTANCE, MongoSim.target(plain));

    assertThat(r.findings().get(0).evidence())
        .containsEntry("handshake", "isMaster answered ok: 1")
        .containsEntry("version", "5.0.0");
  }

  // ---- no-auth

  @Test
  void noAuthContract() {
    CheckContract.of(MongoNoAuth.INSTANCE)
        .vulnerable(MongoSim.target(plain))
        .hardened(secured.target())
        .secrets(STRONG)
        .verify();
  }

  @Test
  void noAuthFailsWithNamesAndTheStartupWarning() throws Exception {
    CheckResult r = run(MongoNoAuth.INSTANCE, bleed.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.findings().get(0).severity()).isEqualTo(dev.tenken.Severity.CRITICAL);
    assertThat(r.findings().get(0).evidence())
        .containsEntry("listDatabases", "ok: 1 without credentials")
        .containsEntry("startup warning", "Access control is not enabled for the database");
  }

  @Test
  void noAuthPassCarriesTheUnauthorizedReply() throws Exception {
    CheckResult r = run(MongoNoAuth.INSTANCE, secured.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.detail()).contains("Unauthorized").contains("code 13");
  }

  // ---- version-eol

  @Test
  void versionEolContract() {
    CheckContract.of(MongoVersionEol.INSTANCE)
        .configure(b -> b.clock(CatalogDay.CLOCK))
        .vulnerable(MongoSim.target(plain)) // reports 5.0.0: end of life 2024-10-31
        .hardened(secured.target()) // 8.0.17: supported until 2029-10-31
        .verify();
  }

  @Test
  void versionEolJudgesBranchesByTheCatalogDates() throws Exception {
    Check at = MongoVersionEol.INSTANCE;
    try (MongoSim v60 = MongoSim.builder().version(6, 0, 27).hello().start();
        MongoSim v44 = MongoSim.builder().version(4, 4, 30).start();
        MongoSim v50 = MongoSim.builder().version(5, 0, 32).start();
        MongoSim v81 = MongoSim.builder().version(8, 1, 0).hello().start()) {
      for (MongoSim past : List.of(v60, v44, v50)) {
        CheckResult r = run(at, past.target());
        assertThat(r.status()).as(past.target()).isEqualTo(CheckResult.Status.FAIL);
      }
      assertThat(run(at, v60.target()).findings().get(0).evidence())
          .containsEntry("end of life", "2025-07-31")
          .containsEntry("branch", "6.0");
      CheckResult seven = run(at, fixed.target());
      assertThat(seven.status()).isEqualTo(CheckResult.Status.PASS);
      assertThat(seven.detail()).contains("2027-08-31");
      assertThat(run(at, v81.target()).status()).isEqualTo(CheckResult.Status.SKIP);
    }
  }

  @Test
  void versionChecksNeverJudgePerconaAsUpstream() throws Exception {
    TargetResult t = scan(MongoVersionEol.INSTANCE, percona.target(), b -> {});
    assertThat(result(t, MongoVersionEol.INSTANCE).status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(t.identity().value(DeviceIdentity.Attribute.PRODUCT))
        .contains("percona-server-mongodb");
    assertThat(run(MongoBleed.INSTANCE, percona.target()).status())
        .isEqualTo(CheckResult.Status.SKIP);
  }

  // ---- MongoBleed

  @Test
  void mongoBleedContract() {
    CheckContract.of(MongoBleed.INSTANCE)
        .vulnerable(bleed.target())
        .vulnerable(bleedNoZlib.target())
        .hardened(fixed.target())
        .verify();
  }

  @Test
  void mongoBleedIsFirmWhenZlibIsNegotiated() throws Exception {
    CheckResult r = run(MongoBleed.INSTANCE, bleed.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    Finding f = r.findings().get(0);
    assertThat(f.confidence()).isEqualTo(Confidence.FIRM);
    assertThat(f.evidence()).containsEntry("fixed in", "7.0.28").containsEntry("version", "7.0.12");
    assertThat(f.evidence().get("zlib compression")).startsWith("accepted");
    assertThat(f.key()).isEqualTo("CVE-2025-14847");
  }

  @Test
  void mongoBleedIsTentativeWithTheWorkaroundInPlace() throws Exception {
    CheckResult r = run(MongoBleed.INSTANCE, bleedNoZlib.target());

    Finding f = r.findings().get(0);
    assertThat(f.confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(f.evidence().get("zlib compression"))
        .startsWith("not accepted")
        .contains("workaround");
  }

  @Test
  void mongoBleedPassesOnTheFixedRelease() throws Exception {
    CheckResult r = run(MongoBleed.INSTANCE, fixed.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.detail()).contains("7.0.28").contains("CVE-2025-14847");
    assertThat(r.evidence()).containsEntry("zlib compression", "accepted");
  }

  @Test
  void mongoBleedOnEndOfLifeBranchesWithoutAFix() throws Exception {
    try (MongoSim v42 = MongoSim.builder().version(4, 2, 25).compressors("zlib").start()) {
      CheckResult r = run(MongoBleed.INSTANCE, v42.target());
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).confidence()).isEqualTo(Confidence.FIRM);
      assertThat(r.findings().get(0).remediation()).contains("No fixed release");
    }
    CheckResult old = run(MongoBleed.INSTANCE, MongoSim.target(plain)); // 5.0.0, no compression
    assertThat(old.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(old.findings().get(0).confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(old.findings().get(0).evidence()).containsEntry("fixed in", "5.0.32");
  }

  // ---- tls-not-required

  @Test
  void tlsNotRequiredContract() throws Exception {
    try (MongoTlsServer tls = MongoTlsServer.start()) {
      CheckContract.of(MongoTlsNotRequired.INSTANCE)
          .vulnerable(MongoSim.target(plain))
          .hardened(tls.target())
          .verify();
    }
  }

  @Test
  void tlsRequiredPassSaysWhatTheServerDid() throws Exception {
    try (MongoTlsServer tls = MongoTlsServer.start()) {
      CheckResult r = run(MongoTlsNotRequired.INSTANCE, tls.target());
      assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.detail()).contains("TLS ClientHello").contains("TLS is required");
    }
  }

  // ---- default-credentials

  @Test
  void defaultCredentialsContract() {
    CheckContract.of(MongoDefaultCredentials.INSTANCE)
        .vulnerable(defaultAdmin.target())
        .hardened(secured.target())
        .configure(b -> b.enable(Safety.CREDENTIAL_ATTEMPT).loginAttemptsPerHost(3))
        .secrets(STRONG)
        .verify();
  }

  @Test
  void defaultCredentialsNamesTheUserButNeverThePassword() throws Exception {
    CheckResult r = run(MongoDefaultCredentials.INSTANCE, defaultAdmin.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    Finding f = r.findings().get(0);
    assertThat(f.evidence()).containsEntry("user", "admin");
    assertThat(f.evidence().get("after login")).contains("admin@admin");
    assertThat(f.toString() + f.evidence()).doesNotContainIgnoringCase("admin/admin");
  }

  @Test
  void defaultCredentialsSkipsWhenTheBudgetIsSpent() throws Exception {
    CheckResult r = run(MongoDefaultCredentials.INSTANCE, secured.target()); // budget 2 of 3

    assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(r.detail()).contains("login budget spent");
  }

  @Test
  void defaultCredentialsSkipsWithoutAccessControl() throws Exception {
    CheckResult r = run(MongoDefaultCredentials.INSTANCE, bleed.target());

    assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(r.detail()).contains("no-auth");
    assertThat(bleed.commands()).doesNotContain("saslStart");
  }

  // ---- allow-list, end to end

  @Test
  void everyCommandEveryCheckSentIsOnTheAllowList() throws Exception {
    try (MongoSim sim =
            MongoSim.builder().version(7, 0, 12).hello().user("admin", "admin").start();
        MongoSim open = MongoSim.builder().version(6, 0, 1).compressors("zlib").start()) {
      for (MongoSim s : List.of(sim, open)) {
        for (Check c : MongoChecks.checks()) {
          scan(c, s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
        }
        assertThat(s.commands()).isNotEmpty();
        for (String command : s.commands()) {
          assertThat(
                  MongoWire.ALLOWED.stream()
                      .anyMatch(
                          a -> a.toLowerCase(Locale.ROOT).equals(command.toLowerCase(Locale.ROOT))))
              .as(command)
              .isTrue();
        }
      }
      assertThat(sim.commands()).contains("saslStart", "connectionStatus", "listDatabases");
    }
  }
}
