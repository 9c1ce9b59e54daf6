package dev.tenken.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Confidence;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.report.Report;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link CredentialAttempts} and {@link VersionVerdicts}, run inside real checks by the runner. */
class SupportHelpersTest {
  private static final List<Credentials> DEFAULTS =
      List.of(
          Credentials.of("admin", "admin"),
          Credentials.of("admin", "12345"),
          Credentials.of("root", "root"));

  interface Body {
    Outcome run(Endpoint e, CheckContext c) throws IOException;
  }

  private static Check check(String id, Safety safety, Body body) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "test " + id)
            .services("test")
            .safety(safety)
            .remediation("Keep it patched.")
            .build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return d;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
        return body.run(endpoint, context);
      }
    };
  }

  /** A check that logs in with DEFAULTS against a fake device accepting {@code password}. */
  private static Check login(String id, String password, Map<String, AtomicInteger> attempts) {
    return check(
        id,
        Safety.CREDENTIAL_ATTEMPT,
        (e, c) -> {
          CredentialAttempts.Result r =
              CredentialAttempts.run(
                  c,
                  DEFAULTS,
                  cred -> {
                    attempts.computeIfAbsent(e.host(), h -> new AtomicInteger()).incrementAndGet();
                    return cred.secret().reveal().equals(password)
                        ? CredentialAttempts.Verdict.ACCEPTED
                        : CredentialAttempts.Verdict.REJECTED;
                  });
          return r.accepted()
              .map(a -> Outcome.fail(c.finding(e).evidence("user", a.user()).build()))
              .orElseGet(
                  () ->
                      Outcome.pass(
                          "tried " + r.tried() + (r.budgetSpent() ? ", budget spent" : "")));
        });
  }

  private static Map<String, CheckResult> scan(Check... checks) throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder().scope(Scope.of("127.0.0.1")).enable(Safety.CREDENTIAL_ATTEMPT);
    for (Check c : checks) {
      b.check(c);
    }
    Report report = b.perHostConcurrency(1).build().scan("test://127.0.0.1:1");
    return report.results().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  @Test
  void theHostBudgetOfTwoFailuresIsSharedByEveryCredentialCheck() throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Map<String, CheckResult> results =
        scan(login("test.a.login", "nope", attempts), login("test.b.login", "nope", attempts));

    assertThat(attempts.get("127.0.0.1")).hasValue(2);
    assertThat(results.values())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.PASS));
    assertThat(results.values()).anySatisfy(r -> assertThat(r.detail()).contains("budget spent"));
  }

  @Test
  void aSuccessStopsTheLoopAndDoesNotCountAgainstTheBudget() throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    Map<String, CheckResult> results =
        scan(login("test.a.login", "12345", attempts), login("test.b.login", "12345", attempts));

    // The first check: one failure (admin/admin), then success, which gives its attempt back.
    // The second: one failure spends the budget's last attempt, so it stops before 12345.
    assertThat(attempts.get("127.0.0.1")).hasValue(3);
    assertThat(results.get("test.a.login").status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(results.get("test.b.login").status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(results.get("test.b.login").detail()).contains("budget spent");
    Finding f = results.get("test.a.login").findings().get(0);
    assertThat(f.evidence()).containsEntry("user", "admin");
  }

  private static Check versionCheck(String product, String version) {
    VulnerabilityCatalog catalog =
        VulnerabilityCatalog.fromResource(SupportHelpersTest.class, "/catalog/redis-test.json");
    return check(
        "test.t.version-cve",
        Safety.PASSIVE,
        (e, c) ->
            VersionVerdicts.assess(
                c,
                e,
                catalog,
                product,
                Version.parse(version).orElseThrow(),
                v -> v.id().startsWith("CVE-2025"),
                "INFO server",
                Confidence.TENTATIVE));
  }

  @Test
  void versionVerdictsFailWithOneFindingPerAffectedEntryAndTheBranchFix() throws Exception {
    CheckResult r = scan(versionCheck("redis", "7.2.4")).get("test.t.version-cve");

    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.findings()).hasSize(1);
    Finding f = r.findings().get(0);
    assertThat(f.key()).isEqualTo("CVE-2025-49844");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(f.evidence()).containsEntry("fixed in", "7.2.11").containsEntry("version", "7.2.4");
    assertThat(f.remediation())
        .startsWith("Upgrade to 7.2.11 or later")
        .contains("Keep it patched.");
    assertThat(f.references()).extracting(Object::toString).contains("CVE-2025-49844");
  }

  @Test
  void versionVerdictsPassWhenFixedAndSkipWhenTheCatalogCannotDecide() throws Exception {
    CheckResult fixed = scan(versionCheck("redis", "7.2.11")).get("test.t.version-cve");
    CheckResult unlisted = scan(versionCheck("redis", "7.4.0")).get("test.t.version-cve");
    CheckResult fork = scan(versionCheck("keydb", "6.3.4")).get("test.t.version-cve");

    assertThat(fixed.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(fixed.detail()).contains("not affected by CVE-2025-49844");
    assertThat(unlisted.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(unlisted.detail()).contains("cannot decide");
    assertThat(fork.status()).isEqualTo(CheckResult.Status.SKIP);
  }
}
