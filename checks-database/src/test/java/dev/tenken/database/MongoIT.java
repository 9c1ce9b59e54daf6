package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Confidence;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A whole scan as a user runs it: bare {@code host:port} targets (so the runner must identify
 * MongoDB by {@link MongoServiceProbe}), every database check and probe, every safety class on;
 * against mongo-java-server as shipped (no access control) and against one configured like a
 * hardened MongoDB 8.0.17 (access control on, hello, snappy/zstd only).
 */
class MongoIT {

  private static Map<String, CheckResult> scan(int port) throws InterruptedException {
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .checks(DatabaseChecks.all())
            .enable(Safety.values())
            .loginAttemptsPerHost(3)
            .bannerWait(Duration.ofMillis(200))
            .build();
    Report report = runner.scan(List.of(Target.of("127.0.0.1", port)));
    TargetResult t = report.targets().get(0);
    assertThat(t.endpoints()).singleElement().extracting(e -> e.service()).isEqualTo("mongodb");
    return t.results().stream()
        .filter(r -> r.checkId().startsWith("database.mongodb."))
        .collect(Collectors.toMap(CheckResult::checkId, r -> r));
  }

  @Test
  void mongoJavaServerAsShippedFailsWhatItShould() throws Exception {
    MongoServer plain = MongoSim.plain();
    try {
      Map<String, CheckResult> r = scan(plain.getLocalAddress().getPort());

      assertThat(r).hasSize(6);
      assertThat(r.get("database.mongodb.exposed").status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.get("database.mongodb.no-auth").status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.get("database.mongodb.version-eol").status()).isEqualTo(CheckResult.Status.FAIL);
      CheckResult bleed = r.get("database.mongodb.cve-2025-14847-mongobleed");
      assertThat(bleed.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(bleed.findings().get(0).confidence()).isEqualTo(Confidence.TENTATIVE);
      assertThat(r.get("database.mongodb.tls-not-required").status())
          .isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.get("database.mongodb.default-credentials").status())
          .isEqualTo(CheckResult.Status.SKIP);
    } finally {
      plain.shutdownNow();
    }
  }

  @Test
  void aHardenedServerPassesWhatItShould() throws Exception {
    try (MongoSim hardened =
        MongoSim.builder()
            .version(8, 0, 17)
            .hello()
            .compressors("snappy", "zstd")
            .user("admin", MongoChecksTest.STRONG)
            .start()) {
      Map<String, CheckResult> r = scan(hardened.port());

      assertThat(r.get("database.mongodb.no-auth").status()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.get("database.mongodb.version-eol").status()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.get("database.mongodb.cve-2025-14847-mongobleed").status())
          .isEqualTo(CheckResult.Status.PASS);
      assertThat(r.get("database.mongodb.default-credentials").status())
          .isEqualTo(CheckResult.Status.PASS);
      assertThat(r.get("database.mongodb.exposed").status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(hardened.commands())
          .allMatch(c -> MongoWire.ALLOWED.stream().anyMatch(a -> a.equalsIgnoreCase(c)));
    }
  }
}
