package dev.tenken.database;

import static dev.tenken.test.TenkenAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every Redis check through the contract kit against {@link RedisSimulator}s shaped like
 * redis-server, plus forks, Sentinel, identity and the allow-list as the server sees it. The same
 * checks run against real redis-server in {@code RedisServerIT}.
 */
class RedisChecksTest {
  private static final String STRONG = "Str0ng-canary-pass-9f3";
  private final List<RedisSimulator> sims = new ArrayList<>();

  @AfterEach
  void stop() {
    sims.forEach(RedisSimulator::close);
  }

  private String sim(String version, Function<RedisSimulator.Builder, RedisSimulator.Builder> f)
      throws Exception {
    RedisSimulator s = f.apply(RedisSimulator.builder(version)).start();
    sims.add(s);
    return s.target();
  }

  private String open() throws Exception {
    return sim("7.2.4", b -> b.config("protected-mode", "no"));
  }

  static Check check(String id) {
    return RedisChecks.checks().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id));
  }

  private static CheckResult runOne(Check check, String target, Safety... enable)
      throws InterruptedException {
    CheckRunner runner =
        CheckRunner.builder()
            .clock(CatalogDay.CLOCK)
            .check(check)
            .scope(Scope.of("127.0.0.0/8"))
            .enable(enable)
            .loginAttemptsPerHost(5)
            .build();
    Report report = runner.scan(target);
    List<CheckResult> results = report.results().toList();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  @Test
  void theCatalogueHasTheTableIdsInOrder() {
    assertThat(RedisChecks.checks())
        .extracting(Check::id)
        .containsExactly(
            "database.redis.exposed",
            "database.redis.no-auth",
            "database.redis.protected-mode-off",
            "database.redis.default-password",
            "database.redis.dangerous-commands-enabled",
            "database.redis.ioc-persistence-tamper",
            "database.redis.replication-info-exposure",
            "database.redis.cve-2025-49844",
            "database.redis.cve-2025-other",
            "database.redis.eol-version",
            "database.redis.tls-not-enabled");
    assertThat(RedisChecks.checks())
        .allSatisfy(
            c -> {
              assertThat(c.descriptor().services()).containsExactly("redis");
              assertThat(c.descriptor().defaultPorts()).contains(6379);
              assertThat(c.descriptor().probe()).isNotBlank();
              assertThat(c.descriptor().proof()).isNotBlank();
              assertThat(c.descriptor().references()).isNotEmpty();
            });
    assertThat(check("database.redis.default-password").descriptor().safety())
        .isEqualTo(Safety.CREDENTIAL_ATTEMPT);
    assertThat(check("database.redis.exposed").descriptor().safety()).isEqualTo(Safety.PASSIVE);
    assertThat(check("database.redis.ioc-persistence-tamper").descriptor().severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void exposed() throws Exception {
    CheckContract.of(check("database.redis.exposed"))
        .vulnerable(open())
        .vulnerable(sim("7.2.4", b -> b.password(STRONG)))
        .vulnerable(sim("7.2.4", b -> b.denied()))
        .skipHardened("a port that answers RESP is exposed; not listening is the kit's closed port")
        .verify();
  }

  @Test
  void noAuth() throws Exception {
    CheckContract.of(check("database.redis.no-auth"))
        .vulnerable(open())
        .hardened(sim("7.2.4", b -> b.password(STRONG)))
        .hardened(sim("7.2.4", b -> b.denied()))
        .secrets(STRONG)
        .verify();
  }

  @Test
  void noAuthPassCarriesTheNoauthEvidenceAndSentinelIsSkipped() throws Exception {
    CheckResult pass =
        runOne(check("database.redis.no-auth"), sim("7.2.4", b -> b.password(STRONG)));
    assertThat(pass).isPass().detailContains("-NOAUTH Authentication required.");
    CheckResult denied = runOne(check("database.redis.no-auth"), sim("7.2.4", b -> b.denied()));
    assertThat(denied).isPass().detailContains("-DENIED Redis is running in protected mode");
    CheckResult sentinel =
        runOne(check("database.redis.no-auth"), sim("7.2.4", b -> b.mode("sentinel")));
    assertThat(sentinel).isSkip().detailContains("Sentinel");
  }

  @Test
  void protectedModeOff() throws Exception {
    CheckContract.of(check("database.redis.protected-mode-off"))
        .vulnerable(open())
        .hardened(sim("7.2.4", b -> b.denied()))
        .hardened(sim("7.2.4", b -> b.password(STRONG)))
        .hardened(sim("7.2.4", b -> b.config("protected-mode", "yes")))
        .verify();
    CheckResult renamed =
        runOne(check("database.redis.protected-mode-off"), sim("7.2.4", b -> b.renamed("CONFIG")));
    assertThat(renamed).isSkip().detailContains("CONFIG GET protected-mode is not available");
  }

  @Test
  void defaultPassword() throws Exception {
    CheckContract.of(check("database.redis.default-password"))
        .vulnerable(sim("7.2.4", b -> b.password("foobared")))
        .vulnerable(sim("7.2.4", b -> b.password("admin")))
        .hardened(sim("7.2.4", b -> b.password(STRONG)))
        .configure(b -> b.loginAttemptsPerHost(5))
        .secrets("foobared", STRONG)
        .verify();
  }

  @Test
  void defaultPasswordSkipsWhenTheBudgetIsSpentAndWhenNoPasswordIsSet() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .clock(CatalogDay.CLOCK)
            .check(check("database.redis.default-password"))
            .scope(Scope.of("127.0.0.0/8"))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .build(); // default budget: 2 attempts
    CheckResult spent =
        runner.scan(sim("7.2.4", b -> b.password(STRONG))).results().findFirst().orElseThrow();
    assertThat(spent).isSkip().detailContains("login budget spent after 2 of 5");
    CheckResult open =
        runOne(check("database.redis.default-password"), open(), Safety.CREDENTIAL_ATTEMPT);
    assertThat(open).isSkip().detailContains("no password is required");
    CheckResult found =
        runOne(
            check("database.redis.default-password"),
            sim("7.2.4", b -> b.password("foobared")),
            Safety.CREDENTIAL_ATTEMPT);
    assertThat(found).isFail();
    Finding f = found.findings().get(0);
    assertThat(f.evidence()).containsEntry("user", "default");
    assertThat(f.evidence().values()).noneMatch(v -> v.contains("foobared"));
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void dangerousCommands() throws Exception {
    CheckContract.of(check("database.redis.dangerous-commands-enabled"))
        .vulnerable(open())
        .vulnerable(sim("7.2.4", b -> b.renamed("CONFIG", "FLUSHALL")))
        .hardened(
            sim(
                "7.2.4",
                b ->
                    b.renamed(
                        "CONFIG", "MODULE", "DEBUG", "EVAL", "SLAVEOF", "REPLICAOF", "FLUSHALL")))
        .verify();
    CheckResult r = runOne(check("database.redis.dangerous-commands-enabled"), open());
    assertThat(r.findings().get(0).evidence())
        .containsEntry(
            "available under original names", "CONFIG, EVAL, SLAVEOF, REPLICAOF, FLUSHALL")
        .containsEntry("enable-debug-command", "no");
    CheckResult debugOn =
        runOne(
            check("database.redis.dangerous-commands-enabled"),
            sim("7.2.4", b -> b.config("enable-debug-command", "yes")));
    assertThat(debugOn.findings().get(0).evidence().get("available under original names"))
        .contains("DEBUG");
    CheckResult acl =
        runOne(
            check("database.redis.dangerous-commands-enabled"),
            sim("7.2.4", b -> b.noperm("CONFIG")));
    Finding aclFinding = acl.findings().get(0);
    assertThat(aclFinding.confidence()).isEqualTo(dev.tenken.Confidence.TENTATIVE);
    assertThat(aclFinding.evidence().get("available under original names"))
        .doesNotContain("CONFIG");
    assertThat(aclFinding.evidence().get("renamed or disabled"))
        .contains("CONFIG (blocked by ACL: -NOPERM)");
  }

  @Test
  void iocPersistenceTamper() throws Exception {
    CheckContract.of(check("database.redis.ioc-persistence-tamper"))
        .vulnerable(
            sim(
                "7.2.4",
                b -> b.config("dir", "/root/.ssh").config("dbfilename", "authorized_keys")))
        .vulnerable(
            sim(
                "7.2.4",
                b -> b.config("dir", "/var/spool/cron/crontabs").config("dbfilename", "root")))
        .vulnerable(sim("7.2.4", b -> b.config("dir", "/etc/cron.d")))
        .vulnerable(
            sim("7.2.4", b -> b.config("dir", "/var/www/html").config("dbfilename", "x.php")))
        .hardened(open())
        .hardened(sim("7.2.4", b -> b.config("dir", "/data/sshd-cache")))
        .verify();
    assertThat(RedisIocPersistence.indicators("/home/u/.ssh", "authorized_keys")).hasSize(2);
    assertThat(RedisIocPersistence.indicators("/var/lib/redis", "dump.rdb")).isEmpty();
    assertThat(RedisIocPersistence.indicators("/home/u/.sshx", "dump.rdb")).isEmpty();
  }

  @Test
  void replicationInfoExposure() throws Exception {
    CheckContract.of(check("database.redis.replication-info-exposure"))
        .vulnerable(open())
        .hardened(sim("7.2.4", b -> b.password(STRONG)))
        .hardened(sim("7.2.4", b -> b.denied()))
        .verify();
    CheckResult r = runOne(check("database.redis.replication-info-exposure"), open());
    assertThat(r.findings().get(0).evidence())
        .containsEntry("role", "master")
        .containsKey("replica 0");
  }

  @Test
  void luaCvesByBranch() throws Exception {
    CheckContract.of(check("database.redis.cve-2025-49844"))
        .vulnerable(sim("7.2.10", b -> b))
        .vulnerable(sim("7.0.15", b -> b))
        .vulnerable(sim("8.2.1", b -> b))
        .vulnerable(sim("5.0.7", b -> b))
        .hardened(sim("7.2.11", b -> b))
        .hardened(sim("7.4.6", b -> b))
        .hardened(sim("6.2.20", b -> b))
        .hardened(sim("8.2.2", b -> b))
        .hardened(sim("8.4.0", b -> b))
        .verify();
    CheckResult r = runOne(check("database.redis.cve-2025-49844"), sim("7.4.5", b -> b));
    assertThat(r.findings())
        .extracting(Finding::key)
        .containsExactlyInAnyOrder(
            "CVE-2025-49844", "CVE-2025-46817", "CVE-2025-46818", "CVE-2025-46819");
    assertThat(r.findings())
        .allSatisfy(f -> assertThat(f.evidence()).containsEntry("fixed in", "7.4.6"));
  }

  @Test
  void otherCvesByBranch() throws Exception {
    CheckContract.of(check("database.redis.cve-2025-other"))
        .vulnerable(sim("8.2.2", b -> b))
        .vulnerable(sim("7.4.4", b -> b))
        .vulnerable(sim("6.2.17", b -> b))
        .hardened(sim("8.2.3", b -> b))
        .hardened(sim("7.4.7", b -> b))
        .hardened(sim("6.2.21", b -> b))
        .verify();
    CheckResult r = runOne(check("database.redis.cve-2025-other"), sim("8.2.2", b -> b));
    assertThat(r.findings()).extracting(Finding::key).containsExactly("CVE-2025-62507");
    CheckResult old = runOne(check("database.redis.cve-2025-other"), sim("7.2.7", b -> b));
    assertThat(old.findings())
        .extracting(Finding::key)
        .containsExactlyInAnyOrder("CVE-2025-21605", "CVE-2025-32023", "CVE-2025-48367");
  }

  @Test
  void eolVersion() throws Exception {
    CheckContract.of(check("database.redis.eol-version"))
        .configure(b -> b.clock(CatalogDay.CLOCK))
        .vulnerable(sim("6.0.16", b -> b))
        .vulnerable(sim("5.0.14", b -> b))
        .vulnerable(sim("7.0.15", b -> b))
        .hardened(sim("6.2.21", b -> b))
        .hardened(sim("7.2.11", b -> b))
        .hardened(sim("8.2.3", b -> b))
        .verify();
  }

  @Test
  void tlsNotEnabledFailsOnPlaintext() throws Exception {
    CheckContract.of(check("database.redis.tls-not-enabled"))
        .vulnerable(open())
        .vulnerable(sim("7.2.4", b -> b.password(STRONG)))
        .skipHardened("a TLS-only redis-server is the hardened case, in RedisServerIT")
        .verify();
  }

  @Test
  void forksAreRecognisedAndNeverJudgedByRedisData() throws Exception {
    String valkey = sim("7.2.4", b -> b.info("server_name:valkey").info("valkey_version:8.0.1"));
    String keydb = sim("6.3.4", b -> b.info("executable:/usr/bin/keydb-server"));
    String keydbSection = sim("6.3.4", b -> b.info("# KeyDB").info("mvcc_depth:0"));
    for (String id :
        List.of(
            "database.redis.cve-2025-49844",
            "database.redis.cve-2025-other",
            "database.redis.eol-version")) {
      assertThat(runOne(check(id), valkey)).isSkip().detailContains("fork valkey 8.0.1");
      assertThat(runOne(check(id), keydb)).isSkip().detailContains("fork keydb 6.3.4");
      assertThat(runOne(check(id), keydbSection)).isSkip().detailContains("fork keydb");
    }
    // the non-version checks still apply to forks
    assertThat(runOne(check("database.redis.no-auth"), valkey)).isFail();
  }

  @Test
  void identityNamesProductVersionAndCpe() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .clock(CatalogDay.CLOCK)
            .check(check("database.redis.no-auth"))
            .scope(Scope.of("127.0.0.0/8"))
            .build();
    TargetResult t = runner.scan(open()).targets().get(0);
    assertThat(t.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("redis");
    assertThat(t.identity().value(DeviceIdentity.Attribute.VERSION)).contains("7.2.4");
    assertThat(t.identity().value(DeviceIdentity.Attribute.CPE))
        .contains("cpe:2.3:a:redis:redis:7.2.4");
    Finding f = t.results().get(0).findings().get(0);
    assertThat(f.evidence()).containsEntry("os", "Linux 6.1.0 x86_64");

    TargetResult v =
        runner
            .scan(sim("7.2.4", b -> b.info("server_name:valkey").info("valkey_version:8.0.1")))
            .targets()
            .get(0);
    assertThat(v.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("valkey");
    assertThat(v.identity().value(DeviceIdentity.Attribute.CPE))
        .contains("cpe:2.3:a:valkey:valkey:8.0.1");
  }

  @Test
  void everyCommandTheServerReceivesIsOnTheAllowList() throws Exception {
    RedisSimulator openSim = RedisSimulator.builder("7.2.4").config("protected-mode", "no").start();
    RedisSimulator weakSim = RedisSimulator.builder("7.2.4").password("foobared").start();
    sims.add(openSim);
    sims.add(weakSim);
    CheckRunner.Builder b =
        CheckRunner.builder()
            .clock(CatalogDay.CLOCK)
            .scope(Scope.of("127.0.0.0/8"))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .loginAttemptsPerHost(5);
    RedisChecks.checks().forEach(b::check);
    Report report = b.build().scan(openSim.target(), weakSim.target());
    assertThat(report.results()).isNotEmpty();
    List<String> all = new ArrayList<>(openSim.commands);
    all.addAll(weakSim.commands);
    assertThat(all).contains("INFO server", "PING", "AUTH ****");
    assertThat(all).as("closes the connection instead of QUIT").doesNotContain("QUIT");
    Set<String> allowedFirst = RespCommand.ALLOWED;
    assertThat(all)
        .allSatisfy(
            c -> {
              String[] w = c.split(" ");
              assertThat(allowedFirst).contains(w[0]);
              if (w[0].equals("CONFIG")) {
                assertThat(w[1]).isEqualTo("GET");
              }
              if (w[0].equals("COMMAND")) {
                assertThat(w[1]).isEqualTo("INFO");
              }
            });
  }
}
