package dev.tenken.cli;

import dev.tenken.CheckSet;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.cli.Converters.Enablement;
import dev.tenken.kafka.KafkaTopics;
import dev.tenken.kafka.ScanWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tenken worker --bootstrap-servers HOST:PORT --scope ENTRY...}: one scanner of a Kafka
 * consumer group (see {@code docs/scale-out.md}); runs until stopped (SIGTERM or Ctrl-C), then
 * finishes the targets in flight, commits them and exits 0.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
final class WorkerCommand implements Callable<Integer> {
  private final Main.Env env;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]")
  private String bootstrapServers = "";

  @Option(names = "--group", paramLabel = "NAME")
  private String group = "tenken";

  @Option(names = "--topic-prefix", paramLabel = "PREFIX")
  private String prefix = "tenken";

  @Option(names = "--scope", required = true, split = ",", paramLabel = "ENTRY")
  private List<String> scope = new ArrayList<>();

  @Option(
      names = "--enable",
      split = ",",
      paramLabel = "WHAT",
      converter = Converters.EnableConverter.class)
  private Set<Enablement> enable = new LinkedHashSet<>();

  @Option(names = "--max-in-flight", paramLabel = "N")
  private int maxInFlight = 4;

  @Option(names = "--group-rate", paramLabel = "PER_SECOND")
  private double groupRate = 500;

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "DURATION",
      converter = Converters.DurationConverter.class)
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  WorkerCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    ScanWorker worker;
    try {
      Scope allowed = scope();
      CheckSet checks = env.checks().get();
      worker =
          ScanWorker.builder(
                  bootstrapServers,
                  b -> {
                    b.checks(checks).scope(allowed);
                    for (Enablement e : enable) {
                      switch (e) {
                        case CREDENTIAL_ATTEMPTS -> b.enable(Safety.CREDENTIAL_ATTEMPT);
                        case SESSIONS -> b.enable(Safety.SESSION);
                        case PRINT_PORTS -> b.printPorts(true);
                      }
                    }
                  })
              .group(group)
              .topics(KafkaTopics.prefixed(prefix))
              .maxInFlight(maxInFlight)
              .groupConnectionsPerSecond(groupRate)
              .shutdownTimeout(shutdownTimeout)
              .build();
    } catch (UsageException e) {
      env.err().println("tenken: " + e.message(env.lang()));
      return Main.USAGE;
    } catch (IllegalArgumentException | KafkaException e) {
      env.err()
          .println(
              "tenken: "
                  + env.lang().text("error.kafka-setting", Main.oneLine(e.getMessage()), "worker"));
      return Main.USAGE;
    }
    Thread stop = new Thread(worker::close, "tenken-worker-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      KafkaTopics.prefixed(prefix)
          .create(Map.of("bootstrap.servers", bootstrapServers), KafkaTopics.DEFAULT_PARTITIONS);
      env.err().println("tenken: " + env.lang().text("note.worker-started", worker.id(), group));
      worker.run();
      return Main.OK;
    } catch (KafkaException e) {
      env.err()
          .println("tenken: " + env.lang().text("error.internal", Main.oneLine(e.getMessage())));
      return Main.FAILED;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the worker
      }
    }
  }

  private Scope scope() {
    Scope.Builder b = Scope.builder();
    for (String entry : scope) {
      try {
        b.allow(entry);
      } catch (IllegalArgumentException e) {
        throw new UsageException("error.scope", entry, Main.oneLine(e.getMessage()));
      }
    }
    return b.build();
  }
}
