package dev.tenken.kafka;

import dev.tenken.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes targets to the targets topic as {@link TargetRecord}s. Reads the {@link Iterable} lazily
 * (a {@link dev.tenken.Targets} block of a million addresses is never held at once): the producer's
 * buffer is the only queue, and {@link #publish} blocks while it is full.
 *
 * <p>The producer is idempotent with {@code acks=all}, so a record is written once even when a
 * request is retried. Not thread-safe: one publisher per thread. {@link #close()} flushes.
 */
public final class TargetPublisher implements AutoCloseable {
  private final Producer<String, String> producer;
  private final String topic;

  /**
   * A publisher writing to {@code topics.targets()}.
   *
   * @param clientConfig Kafka producer settings, at least {@code bootstrap.servers}; serializers,
   *     {@code acks} and idempotence are set here
   * @throws KafkaException when the configuration is invalid
   */
  public TargetPublisher(Map<String, Object> clientConfig, KafkaTopics topics) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    this.topic = topics.targets();
  }

  /**
   * Publishes every target of {@code targets} under the scan id {@code scan} and waits until the
   * cluster has acknowledged all of them.
   *
   * @return how many records were written
   * @throws KafkaException when a record could not be written (those before it may have been)
   */
  public long publish(String scan, Iterable<Target> targets) {
    Objects.requireNonNull(scan, "scan");
    AtomicReference<Exception> failure = new AtomicReference<>();
    long count = 0;
    for (Target target : targets) {
      TargetRecord record = new TargetRecord(scan, target);
      producer.send(
          new ProducerRecord<>(topic, record.key(), record.toJson()),
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
      count++;
      if (failure.get() != null) {
        break;
      }
    }
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaException("publishing to " + topic + " failed: " + e.getMessage(), e);
    }
    return count;
  }

  /** Flushes and closes the producer, waiting at most 30 s. */
  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(30));
  }
}
