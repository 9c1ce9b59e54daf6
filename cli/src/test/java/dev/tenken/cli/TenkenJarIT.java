package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.Tenken;
import dev.tenken.test.sim.SilentServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it: {@code java -jar cli/target/tenken.jar ...}, a real process. */
class TenkenJarIT {
  private static final Path JAR = Path.of("target", "tenken.jar").toAbsolutePath();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Process start(String... args) throws IOException {
    assertThat(JAR).as("the shaded jar (built in package)").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  private Run finish(Process p, Duration limit) throws Exception {
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tenken did not end within " + limit);
    }
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  private Run run(String... args) throws Exception {
    return finish(start(args), Duration.ofSeconds(60));
  }

  @Test
  void aBadTargetIsOneLineAndExit2() throws Exception {
    Run r = run("scan", "not_a_target::");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("tenken: bad target 'not_a_target::': 'not_a_target::' is not an IPv6 address");
  }

  @Test
  void versionAndHelp() throws Exception {
    Run version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out().strip()).isEqualTo("tenken " + Tenken.version());

    Run help = run("scan", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes").contains("--fail-on");
  }

  @Test
  void theJarDiscoversTheInstalledModules() throws Exception {
    Run r = run("checks", "--format", "json");

    assertThat(r.code()).as("stderr: %s", r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("checks").isArray()).isTrue();
    assertThat(doc.get("probes").size())
        .as("the check modules register their service probes through CheckSetProvider")
        .isPositive();
  }

  /**
   * A terminated scan (SIGTERM, as Ctrl-C's SIGINT) still writes what it found: the shutdown hook
   * cancels the scan and waits for the report.
   */
  @Test
  void aTerminatedScanStillWritesItsReport() throws Exception {
    try (SilentServer silent = SilentServer.start()) {
      // The silent server shows that the scan is under way (the scheme sends the checks straight
      // to it, before any default port); the second target, a slow walk over closed loopback ports
      // at one connection per second, keeps the scan going until it is stopped.
      Process p =
          start(
              "scan",
              "redis://127.0.0.1:" + silent.port(),
              "127.0.0.2:1-300",
              "--rate",
              "1/s",
              "--format",
              "json",
              "--output",
              "report.json");
      boolean started = silent.awaitConnections(1, Duration.ofSeconds(30));
      assertThat(started).as("the scan reached the silent server").isTrue();
      p.destroy();
      Run r = finish(p, Duration.ofSeconds(40));

      assertThat(r.err()).contains("cancelled").contains("wrote the json report");
      File report = dir.resolve("report.json").toFile();
      JsonNode doc = new ObjectMapper().readTree(report);
      assertThat(doc.toString()).contains("\"cancelled\":true");
      assertThat(doc.findValuesAsText("status"))
          .as("unfinished targets end cancelled")
          .contains("cancelled");
    }
  }
}
