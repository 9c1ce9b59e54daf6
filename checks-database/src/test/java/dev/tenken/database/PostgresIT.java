package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL checks against real Debian PostgreSQL servers on loopback, in three
 * configurations: {@code trust} for 127.0.0.1 with TLS off (vulnerable to trust-auth and
 * tls-not-offered); scram-sha-256 with the password {@code postgres} (vulnerable to
 * default-credentials, hardened for trust-auth); scram-sha-256 with a strong password and TLS on
 * with a self-signed certificate made by {@code openssl req} (hardened for everything).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIT {
  private static final String STRONG = "Tk-strong-canary-7f3e9a1c";

  private PostgresRealServer trust;
  private PostgresRealServer weak;
  private PostgresRealServer strong;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(PostgresRealServer.binDir() != null, "PostgreSQL server binaries are not installed");
    trust = PostgresRealServer.start("trust", null, false);
    weak = PostgresRealServer.start("scram-sha-256", "postgres", false);
    strong = PostgresRealServer.start("scram-sha-256", STRONG, true);
  }

  @AfterAll
  void stop() throws Exception {
    Exception first = null;
    for (PostgresRealServer s : new PostgresRealServer[] {trust, weak, strong}) {
      try {
        if (s != null) {
          s.close();
        }
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static Target target(PostgresRealServer s) {
    return Target.parse("postgresql://127.0.0.1:" + s.port());
  }

  @Test
  void tlsNotOfferedFailsOnSslOffAndPassesOnSslOn() {
    CheckContract.of(PostgresTlsNotOffered.INSTANCE)
        .vulnerable(target(trust))
        .hardened(target(strong))
        .verify();
  }

  @Test
  void trustAuthFailsOnTrustAndPassesWhenScramIsAsked() throws Exception {
    CheckContract.of(PostgresTrustAuth.INSTANCE)
        .vulnerable(target(trust))
        .hardened(target(weak))
        .hardened(target(strong))
        .secrets(STRONG)
        .verify();
    assertThat(weak.log()).doesNotContain("statement:");
  }

  @Test
  void defaultCredentialsFailOnPostgresPasswordAndPassOnAStrongOne() throws Exception {
    CheckContract.of(PostgresDefaultCredentials.INSTANCE)
        .vulnerable(target(weak))
        .vulnerable(target(trust))
        .hardened(target(strong))
        .configure(b -> b.loginAttemptsPerHost(3))
        .secrets(STRONG)
        .verify();
    assertThat(weak.log() + strong.log()).doesNotContain("statement:");
    // the strong server saw three failed SCRAM logins and nothing else
    assertThat(strong.log()).contains("password authentication failed for user \"postgres\"");
  }

  @Test
  void versionEolPassesOnTheInstalledSupportedBranch() {
    CheckContract.of(PostgresVersionEol.INSTANCE)
        .configure(b -> b.clock(CatalogDay.CLOCK))
        .skipVulnerable(
            "no end-of-life PostgreSQL is installed: PostgresSimulatorTest serves 12.22")
        .hardened(target(trust))
        .verify();
  }

  @Test
  void reportsEvidenceAndIdentityAndRunsNoQuery() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .checks(new CheckSet(PostgresChecks.checks(), PostgresChecks.probes()))
            .scope(Scope.of("127.0.0.1/32"))
            .clock(CatalogDay.CLOCK)
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .loginAttemptsPerHost(3)
            .build();
    Report weakReport = runner.scan(List.of(target(weak)));
    TargetResult w = weakReport.targets().get(0);
    CheckResult creds = result(w, "database.postgres.default-credentials");
    assertThat(creds.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(creds.findings().get(0).evidence())
        .containsEntry("user", "postgres")
        .containsEntry("authentication", "SCRAM-SHA-256, then AuthenticationOk")
        .doesNotContainValue("postgres:postgres");
    CheckResult trustAuth = result(w, "database.postgres.trust-auth");
    assertThat(trustAuth.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(trustAuth.detail()).contains("SCRAM-SHA-256");
    assertThat(w.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("postgresql");

    TargetResult t = runner.scan(List.of(target(trust))).targets().get(0);
    assertThat(t.identity().value(DeviceIdentity.Attribute.VERSION))
        .get()
        .asString()
        .matches("\\d+\\.\\d+.*");
    assertThat(t.identity().value(DeviceIdentity.Attribute.CPE))
        .get()
        .asString()
        .startsWith("cpe:2.3:a:postgresql:postgresql:");
    assertThat(trust.log() + weak.log()).doesNotContain("statement:");
  }

  @Test
  void theRunnerIdentifiesARealServerWithoutASchemeHint() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .checks(new CheckSet(PostgresChecks.checks(), PostgresChecks.probes()))
            .scope(Scope.of("127.0.0.1/32"))
            .clock(CatalogDay.CLOCK)
            .bannerWait(Duration.ofMillis(300))
            .build();
    for (PostgresRealServer s : List.of(trust, strong)) {
      TargetResult t = runner.scan(List.of(Target.of("127.0.0.1", s.port()))).targets().get(0);
      assertThat(t.endpoints()).extracting(Endpoint::service).containsExactly("postgresql");
      assertThat(result(t, "database.postgres.tls-not-offered").status())
          .isEqualTo(s == trust ? CheckResult.Status.FAIL : CheckResult.Status.PASS);
    }
  }

  private static CheckResult result(TargetResult t, String id) {
    return t.results().stream().filter(r -> r.checkId().equals(id)).findFirst().orElseThrow();
  }
}
