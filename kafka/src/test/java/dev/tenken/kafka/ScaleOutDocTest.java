package dev.tenken.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The manifests of {@code docs/scale-out.md} stay consistent with themselves and the CLI. */
class ScaleOutDocTest {
  private static final Path DOC = Path.of("..", "docs", "scale-out.md");

  @Test
  void theIndexedJobRunsEveryShardOnce() throws Exception {
    String job = block(Files.readString(DOC), "kind: Job");
    assertThat(job).contains("completionMode: Indexed");
    int completions = number(job, "completions: (\\d+)");
    assertThat(number(job, "parallelism: (\\d+)")).isEqualTo(completions);
    assertThat(number(job, "--shard \"\\$JOB_COMPLETION_INDEX/(\\d+)\"")).isEqualTo(completions);
  }

  @Test
  void theDeploymentRunsWorkersWithinTheirShutdownGrace() throws Exception {
    String deployment = block(Files.readString(DOC), "kind: Deployment");
    assertThat(deployment).contains("\"worker\", \"--bootstrap-servers\"").contains("\"--scope\"");
    // Kubernetes must wait longer than the worker's default shutdown timeout (30 s).
    assertThat(number(deployment, "terminationGracePeriodSeconds: (\\d+)")).isGreaterThan(30);
    assertThat(number(deployment, "replicas: (\\d+)"))
        .isLessThanOrEqualTo(KafkaTopics.DEFAULT_PARTITIONS);
  }

  private static String block(String markdown, String marker) {
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      if (m.group(1).contains(marker)) {
        return m.group(1);
      }
    }
    throw new AssertionError("no yaml block with " + marker + " in " + DOC);
  }

  private static int number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in the manifest", regex).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
