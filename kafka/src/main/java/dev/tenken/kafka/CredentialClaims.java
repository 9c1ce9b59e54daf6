package dev.tenken.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Durable claims of an address's login budget for one scan, on the claims topic: the first claim
 * record of a key (in its partition's order) holds the budget, every later one loses. A claim is
 * written, acknowledged by the cluster ({@code acks=all}), and read back before the first login, so
 * a worker that dies after it leaves the budget spent for whoever gets the target next.
 *
 * <p>Each key always goes to the same partition, whatever worker claims it, so two workers (a
 * zombie and its successor) racing for one address are ordered by that partition. Thread-safe:
 * claims are serialized (they are one per address and scan, and take a round trip each).
 */
final class CredentialClaims implements AutoCloseable {
  /** What a claim found. */
  enum Outcome {
    /** This worker holds the budget: it may log in. */
    WON,
    /** An earlier delivery holds it: no login. */
    HELD,
    /** The claim could not be recorded: no login, to be safe. */
    FAILED
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Producer<String, String> producer;
  private final Consumer<String, String> reader;
  private final String topic;
  private final String worker;
  private final Map<String, Long> firstClaim = new HashMap<>();
  private final Set<TopicPartition> reading = new HashSet<>();
  private int partitions;

  CredentialClaims(
      Map<String, Object> clientConfig,
      Producer<String, String> producer,
      String topic,
      String worker) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.reader = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    this.producer = producer;
    this.topic = topic;
    this.worker = worker;
  }

  /** Claims {@code address}'s budget in {@code scan}; never throws. */
  synchronized Outcome claim(String scan, InetAddress address) {
    String key = scan + " " + address.getHostAddress();
    try {
      TopicPartition tp = partitionOf(key);
      long end = reader.endOffsets(List.of(tp), WAIT).get(tp);
      readUpTo(tp, end);
      if (firstClaim.containsKey(key)) {
        return Outcome.HELD;
      }
      RecordMetadata written =
          producer
              .send(new ProducerRecord<>(topic, tp.partition(), key, value(scan, address)))
              .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      readUpTo(tp, written.offset() + 1);
      Long first = firstClaim.get(key);
      return first != null && first == written.offset() ? Outcome.WON : Outcome.HELD;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    } catch (Exception e) {
      return Outcome.FAILED;
    }
  }

  /**
   * Connects and reads every claim so far, so that the first claim of a scan costs one round trip,
   * well within a check's deadline, rather than the reader's start-up.
   *
   * @throws org.apache.kafka.common.KafkaException when the claims topic cannot be read
   */
  synchronized void open() {
    partitions = reader.partitionsFor(topic, WAIT).size();
    for (int p = 0; p < partitions; p++) {
      reading.add(new TopicPartition(topic, p));
    }
    reader.assign(reading);
    reader.seekToBeginning(reading);
    Map<TopicPartition, Long> end = reader.endOffsets(reading, WAIT);
    try {
      for (TopicPartition tp : reading) {
        readUpTo(tp, end.get(tp));
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw new org.apache.kafka.common.errors.TimeoutException(e.getMessage());
    }
  }

  private TopicPartition partitionOf(String key) {
    if (partitions == 0) {
      open();
    }
    // String.hashCode is fixed by the language, so every worker picks the same partition.
    TopicPartition tp = new TopicPartition(topic, Math.floorMod(key.hashCode(), partitions));
    if (reading.add(tp)) {
      reader.assign(reading);
      reader.seekToBeginning(List.of(tp));
    }
    return tp;
  }

  /** Reads {@code tp} until its position reaches {@code offset}, noting each key's first claim. */
  private void readUpTo(TopicPartition tp, long offset)
      throws java.util.concurrent.TimeoutException {
    Instant deadline = Instant.now().plus(WAIT);
    while (reader.position(tp, WAIT) < offset) {
      if (Instant.now().isAfter(deadline)) {
        throw new java.util.concurrent.TimeoutException("claims not read back within " + WAIT);
      }
      for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(100))) {
        firstClaim.putIfAbsent(r.key(), r.offset());
      }
    }
  }

  private String value(String scan, InetAddress address) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", 1);
    o.put("scan", scan);
    o.put("address", address.getHostAddress());
    o.put("worker", worker);
    o.put("claimedAt", Instant.now().toString());
    return o.toString();
  }

  @Override
  public synchronized void close() {
    reader.close(Duration.ofSeconds(5));
  }
}
