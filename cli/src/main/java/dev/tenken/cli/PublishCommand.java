package dev.tenken.cli;

import dev.tenken.TargetParseException;
import dev.tenken.Targets;
import dev.tenken.kafka.KafkaTopics;
import dev.tenken.kafka.TargetPublisher;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tenken publish TARGET... | -f FILE}: writes targets (blocks expanded one address at a
 * time, never all at once) to the targets topic for {@code tenken worker}s to scan.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
final class PublishCommand implements Callable<Integer> {
  private final Main.Env env;

  @Parameters(arity = "0..*", paramLabel = "TARGET", descriptionKey = "tenken.publish.targets")
  private List<String> targetTexts = new ArrayList<>();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE")
  private List<String> files = new ArrayList<>();

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]")
  private String bootstrapServers = "";

  @Option(names = "--scan", paramLabel = "ID")
  private String scan = "scan-" + Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Option(names = "--topic-prefix", paramLabel = "PREFIX")
  private String prefix = "tenken";

  @Option(names = "--partitions", paramLabel = "N")
  private int partitions = KafkaTopics.DEFAULT_PARTITIONS;

  PublishCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Targets targets;
    KafkaTopics topics;
    try {
      targets = targets();
      topics = KafkaTopics.prefixed(prefix);
      if (scan.isBlank()) {
        throw new IllegalArgumentException("--scan must not be blank");
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("--partitions must be at least 1");
      }
    } catch (UsageException e) {
      env.err().println("tenken: " + e.message(env.lang()));
      return Main.USAGE;
    } catch (IllegalArgumentException e) {
      env.err()
          .println(
              "tenken: "
                  + env.lang()
                      .text("error.kafka-setting", Main.oneLine(e.getMessage()), "publish"));
      return Main.USAGE;
    }
    Map<String, Object> client = Map.of("bootstrap.servers", bootstrapServers);
    try {
      topics.create(client, partitions);
      try (TargetPublisher publisher = new TargetPublisher(client, topics)) {
        long n = publisher.publish(scan, targets);
        env.out().println(env.lang().text("note.published", n, scan, topics.targets()));
      }
      return Main.OK;
    } catch (KafkaException e) {
      env.err()
          .println("tenken: " + env.lang().text("error.internal", Main.oneLine(e.getMessage())));
      return Main.FAILED;
    }
  }

  private Targets targets() {
    Targets all = Targets.none();
    try {
      for (String text : targetTexts) {
        all = all.plus(Targets.parse(text));
      }
      for (String file : files) {
        all = all.plus(read(file));
      }
    } catch (TargetParseException e) {
      throw new UsageException("error.target", Main.oneLine(e.getMessage()));
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no target given: name TARGETs or give -f FILE");
    }
    return all;
  }

  private Targets read(String file) {
    Path path = Path.of(file);
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return Targets.read(in, file);
    } catch (NoSuchFileException e) {
      throw new UsageException("error.file", file, env.lang().text("reason.missing"));
    } catch (IOException e) {
      throw new UsageException("error.file", file, Main.oneLine(e.getMessage()));
    }
  }
}
