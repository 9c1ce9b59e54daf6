package dev.tenken.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckRunner;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.report.Report;
import dev.tenken.test.sim.CameraPanelSimulator;
import dev.tenken.test.sim.RespServerSimulator;
import dev.tenken.test.sim.SilentServer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workers against an in-process single-node KRaft broker and simulated devices on loopback. */
class ScanWorkerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static KafkaClusterTestKit cluster;

  private final List<Thread> threads = new ArrayList<>();

  @BeforeAll
  static void startBroker() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, Object> client() {
    return Map.of("bootstrap.servers", cluster.bootstrapServers());
  }

  /**
   * Simulators answer at once, so the check deadline bounds only a starved machine, where a tight
   * one would drop a finding from one side of the two-worker comparison. Where a silent target must
   * end, {@link #SILENT_TARGET_DEADLINE} keeps its wait short.
   */
  private static final Duration ANSWERING_DEADLINE = Duration.ofSeconds(10);

  private static final Duration SILENT_TARGET_DEADLINE = Duration.ofSeconds(3);

  private static Consumer<CheckRunner.Builder> runner(Duration checkTimeout) {
    return b ->
        b.checks(CameraChecks.all())
            .checks(DatabaseChecks.all())
            .scope(Scope.of("127.0.0.0/8"))
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .checkTimeout(checkTimeout)
            .hostBudget(checkTimeout.multipliedBy(5));
  }

  @Test
  void twoWorkersTogetherReportWhatOneScanReports() throws Exception {
    try (CameraPanelSimulator cam =
            CameraPanelSimulator.start(
                CameraPanelSimulator.Vendor.DAHUA, CameraPanelSimulator.Variant.DEFAULT_PASSWORD);
        RespServerSimulator open = resp(RespServerSimulator.Variant.OPEN, 2);
        RespServerSimulator locked = resp(RespServerSimulator.Variant.PASSWORD, 3);
        RespServerSimulator open2 = resp(RespServerSimulator.Variant.OPEN, 4)) {
      List<Target> fleet =
          List.of(cam.target(), open.target(), locked.target(), open2.target()).stream()
              .map(Target::parse)
              .toList();
      CheckRunner.Builder single = CheckRunner.builder();
      runner(ANSWERING_DEADLINE).accept(single);
      Report expected = single.build().scan(fleet);
      int camLogins = cam.loginAttempts();
      int redisFailures = locked.failedAuths();
      assertThat(camLogins).isPositive();
      assertThat(redisFailures).isPositive();

      KafkaTopics topics = KafkaTopics.prefixed("fleet");
      topics.create(client(), 4);
      try (TargetPublisher publisher = new TargetPublisher(client(), topics)) {
        assertThat(publisher.publish("scan-1", fleet)).isEqualTo(4);
      }
      ScanWorker a = start(worker(topics, "fleet", "a", ANSWERING_DEADLINE));
      ScanWorker b = start(worker(topics, "fleet", "b", ANSWERING_DEADLINE));
      awaitCommitted("fleet", topics, 4);
      a.close();
      b.close();
      joinAll();

      List<JsonNode> records = results(topics);
      assertThat(records).noneMatch(r -> r.has("alreadyAttempted"));
      assertThat(fingerprints(records))
          .isEqualTo(
              expected
                  .results()
                  .flatMap(r -> r.findings().stream())
                  .map(Finding::fingerprint)
                  .collect(Collectors.toSet()));
      assertThat(statuses(records))
          .isEqualTo(
              expected
                  .results()
                  .collect(
                      Collectors.toMap(
                          r -> r.checkId() + " " + r.endpoint().uri(),
                          r -> r.status().name().toLowerCase(java.util.Locale.ROOT),
                          (x, y) -> x,
                          TreeMap::new)));
      assertThat(records.stream().filter(r -> r.path("type").asText().equals("target")))
          .hasSize(4)
          .allSatisfy(r -> assertThat(r.path("scan").asText()).isEqualTo("scan-1"));
      // The group logged in exactly as often as the single scan did: once per device.
      assertThat(cam.loginAttempts()).isEqualTo(2 * camLogins);
      assertThat(locked.failedAuths()).isEqualTo(2 * redisFailures);
    }
  }

  @Test
  void aWorkerKilledMidBatchLosesNoTargetAndCausesNoSecondLogin() throws Exception {
    try (SilentServer silent = SilentServer.start();
        CameraPanelSimulator cam =
            CameraPanelSimulator.start(
                CameraPanelSimulator.Vendor.DAHUA, CameraPanelSimulator.Variant.LOCKED);
        RespServerSimulator locked = resp(RespServerSimulator.Variant.PASSWORD, 5)) {
      // One partition: the silent target, first, holds back the commit of the two after it.
      KafkaTopics topics = KafkaTopics.prefixed("kill");
      topics.create(client(), 1);
      try (TargetPublisher publisher = new TargetPublisher(client(), topics)) {
        publisher.publish(
            "scan-2",
            List.of(
                silent.target("redis"), Target.parse(cam.target()), Target.parse(locked.target())));
      }
      ScanWorker first = start(worker(topics, "kill", "first", SILENT_TARGET_DEADLINE));
      await(() -> cam.failedLogins() == 2 && locked.failedAuths() == 2, "logins by the first");
      first.abort();
      assertThat(committed("kill", topics)).isLessThan(3);

      ScanWorker second = start(worker(topics, "kill", "second", SILENT_TARGET_DEADLINE));
      awaitCommitted("kill", topics, 3);
      second.close();
      joinAll();

      assertThat(cam.failedLogins()).isEqualTo(2);
      assertThat(cam.lockedOut()).isFalse();
      assertThat(locked.failedAuths()).isEqualTo(2);
      List<JsonNode> records = results(topics);
      assertThat(
              records.stream()
                  .filter(r -> r.path("type").asText().equals("target"))
                  .map(r -> r.path("target").asText()))
          .containsExactlyInAnyOrder(
              silent.target("redis").toString(), cam.target(), locked.target());
      assertThat(records)
          .filteredOn(r -> r.path("alreadyAttempted").asBoolean())
          .extracting(r -> r.path("status").asText())
          .isNotEmpty()
          .containsOnly("skip");
    }
  }

  private static RespServerSimulator resp(RespServerSimulator.Variant variant, int lastOctet)
      throws Exception {
    return RespServerSimulator.builder(variant)
        .bind(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}))
        .start();
  }

  private static ScanWorker worker(
      KafkaTopics topics, String group, String id, Duration checkTimeout) {
    return ScanWorker.builder(cluster.bootstrapServers(), runner(checkTimeout))
        .topics(topics)
        .group(group)
        .workerId(group + "-" + id)
        .maxInFlight(3)
        // A killed worker's partitions move after the session times out: the broker's minimum.
        .clientProperty("session.timeout.ms", 6000)
        .clientProperty("heartbeat.interval.ms", 1000)
        .shutdownTimeout(Duration.ofSeconds(20))
        .build();
  }

  private ScanWorker start(ScanWorker worker) {
    Thread t = new Thread(worker::run, worker.id());
    t.setDaemon(true);
    t.start();
    threads.add(t);
    return worker;
  }

  private void joinAll() throws InterruptedException {
    for (Thread t : threads) {
      t.join(DEADLINE.toMillis());
      assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
    }
  }

  private static long committed(String group, KafkaTopics topics) throws Exception {
    try (Admin admin = Admin.create(client())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topics.targets()) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  private static void awaitCommitted(String group, KafkaTopics topics, long count)
      throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (committed(group, topics) < count) {
      assertThat(Instant.now()).as("all %d targets committed in time", count).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  /** Every record of the results topic, the latest per key, as a compacted topic ends up. */
  private static List<JsonNode> results(KafkaTopics topics) throws Exception {
    Map<String, JsonNode> latest = new HashMap<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(client(), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topics.results()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        assertThat(Instant.now()).as("results read in time").isBefore(deadline);
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
          latest.put(r.key(), JSON.readTree(r.value()));
        }
      }
    }
    return List.copyOf(latest.values());
  }

  private static Set<String> fingerprints(List<JsonNode> records) {
    return records.stream()
        .filter(r -> r.path("type").asText().equals("finding"))
        .map(r -> r.path("fingerprint").asText())
        .collect(Collectors.toSet());
  }

  private static Map<String, String> statuses(List<JsonNode> records) {
    return records.stream()
        .filter(r -> r.path("type").asText().equals("result"))
        .collect(
            Collectors.toMap(
                r -> r.path("checkId").asText() + " " + r.path("endpoint").asText(),
                r -> r.path("status").asText(),
                (x, y) -> x,
                TreeMap::new));
  }
}
