package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tenken worker} and {@code tenken publish}: their usage errors, found before Kafka. */
class KafkaCommandsTest {
  @TempDir Path dir;

  private String err;
  private String out;

  private int run(String... args) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code =
        new Main(CheckSet.EMPTY, dir)
            .execute(
                args,
                new PrintStream(output, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
    err = errors.toString(StandardCharsets.UTF_8);
    out = output.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void aWorkerNeedsTheClusterAndAScope() {
    assertThat(run("worker", "--scope", "10.0.0.0/8")).isEqualTo(Main.USAGE);
    assertThat(err).contains("--bootstrap-servers").hasLineCount(1);
    assertThat(run("worker", "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(Main.USAGE);
    assertThat(err).contains("--scope").hasLineCount(1);
  }

  @Test
  void aBadScopeOrInFlightBoundIsOneLine() {
    assertThat(run("worker", "--bootstrap-servers", "127.0.0.1:9", "--scope", "10.0.0.0/99"))
        .isEqualTo(Main.USAGE);
    assertThat(err).contains("10.0.0.0/99").hasLineCount(1);
    assertThat(
            run(
                "worker",
                "--bootstrap-servers",
                "127.0.0.1:9",
                "--scope",
                "10.0.0.0/8",
                "--max-in-flight",
                "0"))
        .isEqualTo(Main.USAGE);
    assertThat(err).contains("maxInFlight").contains("tenken worker --help").hasLineCount(1);
  }

  @Test
  void publishingNeedsATargetAndReadableFiles() {
    assertThat(run("publish", "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(Main.USAGE);
    assertThat(err).contains("no target given").hasLineCount(1);
    assertThat(run("publish", "--bootstrap-servers", "127.0.0.1:9", "-f", "missing.txt"))
        .isEqualTo(Main.USAGE);
    assertThat(err).contains("missing.txt").hasLineCount(1);
    assertThat(run("publish", "--bootstrap-servers", "127.0.0.1:9", "host..bad"))
        .isEqualTo(Main.USAGE);
    assertThat(err).contains("host..bad").hasLineCount(1);
  }

  @Test
  void helpSpeaksTheChosenLanguage() {
    assertThat(run("worker", "--help", "--lang", "en")).isEqualTo(Main.OK);
    assertThat(out).contains("one worker of a consumer group").contains("The Kafka cluster.");
    assertThat(run("publish", "--help", "--lang", "ja")).isEqualTo(Main.OK);
    assertThat(out).contains("対象を Kafka のトピックへ送ります").contains("接続する Kafka クラスター");
  }
}
