package dev.tenken.examples;

import static dev.tenken.test.TenkenAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.Severity;
import dev.tenken.junit.TenkenScan;
import dev.tenken.junit.TenkenScanner;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The integration test a team writes for its own Redis: start it the way production runs it (here:
 * with a password, bound to loopback), scan it with Tenken's Redis checks and assert, in one line,
 * that nothing HIGH or worse is found. {@code @TenkenScan} hands the test a runner scoped to
 * loopback and writes the scan's JUnit XML and SARIF under {@code
 * target/tenken-reports/dev.tenken.examples.RedisHasNoHighFindingIT/}.
 *
 * <p>Needs {@code redis-server} (Debian package {@code redis-server}; {@code scripts/test} installs
 * it). Without it the test is skipped, unless the environment variable {@code CI} is set: there a
 * missing server is a broken machine, not a reason to pass.
 */
@Timeout(120)
@TenkenScan(checks = "database.redis")
class RedisHasNoHighFindingIT {
  private static RedisServerProcess redis;

  @BeforeAll
  static void startRedis() throws Exception {
    assumeTrue(
        RedisServerProcess.isInstalled() || System.getenv("CI") != null,
        "redis-server is not installed, so this test is skipped:"
            + " sudo apt-get install redis-server (in CI, where CI is set, it fails instead)");
    // A fresh random password: a default or guessable one would be a finding of its own.
    redis = RedisServerProcess.start("--requirepass", UUID.randomUUID().toString());
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void ourRedisHasNoHighFinding(TenkenScanner tenken) throws Exception {
    assertThat(tenken.scan("redis://127.0.0.1:" + redis.port()))
        .hasNoErrors()
        .hasNoFindingsAtLeast(Severity.HIGH);
  }
}
