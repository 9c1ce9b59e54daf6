package dev.tenken.examples;

import static dev.tenken.test.TenkenAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.report.Report;
import dev.tenken.test.sim.RespServerSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class UseFromJavaTest {

  @Test
  void theReadmeQuickStartFindsAnOpenRedisAndWritesSarif() throws Exception {
    Path sarif = Path.of("target", "tenken.sarif");
    Files.deleteIfExists(sarif);
    try (RespServerSimulator redis = RespServerSimulator.start(RespServerSimulator.Variant.OPEN)) {
      Report report = UseFromJava.readmeQuickStart(redis.port());

      assertThat(report).hasFinding("database.redis.no-auth");
    }
    assertThat(Files.readString(sarif)).contains("\"2.1.0\"", "database.redis.no-auth");
  }

  @Test
  void theGettingStartedProgramScansThisMachine() throws Exception {
    Report report = UseFromJava.gettingStarted();

    assertThat(report.targets())
        .singleElement()
        .extracting(t -> t.target().host())
        .isEqualTo("127.0.0.1");
  }
}
