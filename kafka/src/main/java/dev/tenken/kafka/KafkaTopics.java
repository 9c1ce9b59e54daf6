package dev.tenken.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;

/**
 * The three topics a scan uses. Immutable.
 *
 * @param targets target records ({@link TargetRecord}), keyed by host; its partition count bounds
 *     how many workers share the work
 * @param claims durable credential claims, keyed by scan and address; compacted
 * @param results results, findings and target outcomes as JSON; compacted, so a redelivered
 *     target's records replace the earlier copies
 */
public record KafkaTopics(String targets, String claims, String results) {
  /** {@code tenken.targets}, {@code tenken.claims}, {@code tenken.results}. */
  public static final KafkaTopics DEFAULT =
      new KafkaTopics("tenken.targets", "tenken.claims", "tenken.results");

  /** Default partitions of {@link #create}: at most this many workers share one scan. */
  public static final int DEFAULT_PARTITIONS = 12;

  /** How long a claim is kept from compaction: a day, in milliseconds. */
  static final long CLAIM_COMPACTION_LAG_MILLIS = 86_400_000L;

  /**
   * Checks the names.
   *
   * @throws NullPointerException when a name is null
   * @throws IllegalArgumentException when a name is blank or two are the same
   */
  public KafkaTopics {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(results, "results");
    if (targets.isBlank() || claims.isBlank() || results.isBlank()) {
      throw new IllegalArgumentException("topic names must not be blank");
    }
    if (Set.of(targets, claims, results).size() != 3) {
      throw new IllegalArgumentException("the three topics must have different names");
    }
  }

  /** The three topics with {@code prefix} instead of {@code tenken}: {@code prefix.targets}... */
  public static KafkaTopics prefixed(String prefix) {
    return new KafkaTopics(prefix + ".targets", prefix + ".claims", prefix + ".results");
  }

  /**
   * Creates whichever of the topics is missing, each with {@code partitions} partitions and the
   * broker's default replication factor: claims and results compacted (claims kept from compaction
   * for a day, so the first claim of an address is always the one read), targets deleted by the
   * broker's retention. Existing topics are left as they are. Waits at most 30 s.
   *
   * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
   * @throws KafkaException when the cluster cannot create them
   */
  public void create(Map<String, Object> clientConfig, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    try (Admin admin = Admin.create(clientConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(targets)) {
        missing.add(new NewTopic(targets, Optional.of(partitions), Optional.empty()));
      }
      if (!existing.contains(claims)) {
        missing.add(
            new NewTopic(claims, Optional.of(partitions), Optional.empty())
                .configs(
                    Map.of(
                        "cleanup.policy",
                        "compact",
                        "min.compaction.lag.ms",
                        Long.toString(CLAIM_COMPACTION_LAG_MILLIS))));
      }
      if (!existing.contains(results)) {
        missing.add(
            new NewTopic(results, Optional.of(partitions), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact")));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("cannot create the topics " + this + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while creating the topics", e);
    }
  }
}
