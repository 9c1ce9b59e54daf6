package dev.tenken.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.JsonLinesListener;
import dev.tenken.spi.LoginBudget;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * A scanner in a Kafka consumer group: consumes {@link TargetRecord}s, scans each with a {@link
 * CheckRunner}, and writes what it finds to the results topic. Run as many as the targets topic has
 * partitions; Kafka splits the partitions among them, and since records are keyed by host, one host
 * is always scanned by one worker at a time.
 *
 * <p><b>Results</b> (format version 1): each value is a line of {@link JsonLinesListener}'s JSON
 * Lines with two more fields first, {@code "v":1} and {@code "scan"}; keys make duplicates collapse
 * in the compacted topic:
 *
 * <ul>
 *   <li>{@code finding}: keyed by the finding's fingerprint;
 *   <li>{@code result}: keyed {@code result <checkId> <endpoint>}; a credential check not tried
 *       again because an earlier delivery of its target holds the address's claim is written with
 *       status {@code skip}, {@code "alreadyAttempted":true} and the key suffix {@code
 *       already-attempted}, so it never replaces the result of the delivery that did log in;
 *   <li>{@code target}: keyed {@code target <target>}, written last for its target.
 * </ul>
 *
 * <p><b>Guarantees</b>: a target's offset is committed only after every record of its results is
 * acknowledged, and offsets are committed in order per partition, so a target is never lost
 * (at-least-once). Before a credential check's first login on an address, the worker claims the
 * address's login budget for the scan durably ({@link CredentialClaims}); a redelivered target
 * finds the claim and logs in nowhere again. When a claim cannot be recorded, no login is tried.
 *
 * <p><b>Bounds</b>: at most {@link Builder#maxInFlight(int)} targets scanned at once (the consumer
 * pauses while the worker is full, and keeps its group membership); each target's runner may open
 * {@code groupRate × assigned/total partitions ÷ maxInFlight} connections per second, so the group
 * together stays within {@link Builder#groupConnectionsPerSecond(double)} however the partitions
 * are split.
 *
 * <p>{@link #run()} does the work on the calling thread until {@link #close()} is called from
 * another; {@code close()} then stops taking targets, waits up to {@link
 * Builder#shutdownTimeout(Duration)} for those in flight, commits what is done and leaves the rest
 * to the group. Thread-safe: {@code close()} may be called from any thread, any number of times.
 */
public final class ScanWorker implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration SEND_WAIT = Duration.ofSeconds(60);

  private final Builder config;
  private final String id;
  private final KafkaConsumer<String, String> consumer;
  private final KafkaProducer<String, String> producer;
  private final CredentialClaims claims;
  private final Queue<ConsumerRecord<String, String>> waiting = new ArrayDeque<>();
  private final Map<TopicPartition, TreeMap<Long, Job>> pending = new HashMap<>();
  private final Queue<Job> finished = new ConcurrentLinkedQueue<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean aborted;
  private volatile @Nullable Exception failure;
  private volatile double share = 1.0;
  private int inFlight;

  private ScanWorker(Builder b) {
    this.config = b;
    this.id = b.workerId != null ? b.workerId : "tenken-worker-" + UUID.randomUUID();
    Map<String, Object> common = new HashMap<>(b.clientConfig);
    Map<String, Object> c = new HashMap<>(common);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, b.group);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, b.maxInFlight);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    Map<String, Object> p = new HashMap<>(common);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.claims = new CredentialClaims(common, producer, b.topics.claims(), id);
  }

  /**
   * A builder for a worker of the cluster at {@code bootstrapServers} ({@code host:port,...}).
   *
   * @param runner configures the runner each target is scanned with: checks, scope, safety classes,
   *     timeouts; the worker sets the rate, login attempts and login budgets itself
   */
  public static Builder builder(String bootstrapServers, Consumer<CheckRunner.Builder> runner) {
    return new Builder(bootstrapServers, runner);
  }

  /** This worker's id: its Kafka client id, and the {@code worker} of its claims. */
  public String id() {
    return id;
  }

  /**
   * Consumes and scans until {@link #close()}; then finishes as described above and closes its
   * clients.
   *
   * @throws KafkaException when results cannot be written or Kafka fails; what was committed stays
   *     committed, the rest is redelivered to the group
   */
  public void run() {
    try {
      claims.open();
      consumer.subscribe(List.of(config.topics.targets()), new Rebalance());
      while (!stopping) {
        try {
          consumer.poll(POLL).forEach(this::accept);
        } catch (WakeupException e) {
          break;
        }
        startWhatFits();
        settle();
        if (!waiting.isEmpty() || inFlight >= config.maxInFlight) {
          consumer.pause(consumer.assignment());
        } else {
          consumer.resume(consumer.paused());
        }
      }
      if (!aborted) {
        drain();
      }
    } finally {
      if (!aborted) {
        closeClients(Duration.ofSeconds(10));
      }
      stopped.countDown();
    }
    Exception e = failure;
    if (e != null) {
      throw e instanceof KafkaException k ? k : new KafkaException(e.getMessage(), e);
    }
  }

  /**
   * Stops the worker gracefully and waits for {@link #run()} to end: at most the shutdown timeout
   * plus the time Kafka takes to close.
   */
  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      stopped.await(config.shutdownTimeout.toMillis() + 20_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Dies as a crashed process would, for tests: cancels the scans in flight, commits nothing, drops
   * its clients at once. Whatever it had not committed goes to another worker.
   */
  void abort() {
    aborted = true;
    stopping = true;
    synchronized (pending) {
      pending.values().forEach(m -> m.values().forEach(Job::abandon));
    }
    consumer.wakeup();
    try {
      stopped.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeClients(Duration.ZERO);
  }

  private void accept(ConsumerRecord<String, String> record) {
    waiting.add(record);
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    synchronized (pending) {
      pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(record.offset(), null);
    }
  }

  private void startWhatFits() {
    while (inFlight < config.maxInFlight && !waiting.isEmpty()) {
      ConsumerRecord<String, String> r = waiting.poll();
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      Job job = new Job(tp, r.offset());
      synchronized (pending) {
        TreeMap<Long, Job> jobs = pending.get(tp);
        if (jobs == null) {
          continue; // revoked meanwhile
        }
        jobs.put(r.offset(), job);
      }
      TargetRecord target;
      try {
        target = TargetRecord.parse(r.value());
      } catch (IllegalArgumentException e) {
        // A record no worker can read would block its partition forever: report it and move on.
        job.send("bad " + tp + "@" + r.offset(), badRecord(r, e.getMessage()));
        job.markDone();
        continue;
      }
      inFlight++;
      job.start(target);
    }
  }

  /** Takes finished jobs in and commits, per partition, every offset done without a gap. */
  private void settle() {
    for (Job job = finished.poll(); job != null; job = finished.poll()) {
      if (job.scan != null) {
        inFlight--;
      }
    }
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    synchronized (pending) {
      for (Map.Entry<TopicPartition, TreeMap<Long, Job>> e : pending.entrySet()) {
        TreeMap<Long, Job> jobs = e.getValue();
        long next = -1;
        while (!jobs.isEmpty() && jobs.firstEntry().getValue() != null) {
          Job head = jobs.firstEntry().getValue();
          if (!head.done) {
            break;
          }
          next = jobs.pollFirstEntry().getKey() + 1;
        }
        if (next >= 0) {
          commits.put(e.getKey(), new OffsetAndMetadata(next));
        }
      }
    }
    if (!commits.isEmpty()) {
      consumer.commitSync(commits);
    }
  }

  /** Graceful end: wait for the scans in flight, then give up on the rest. */
  private void drain() {
    Instant deadline = Instant.now().plus(config.shutdownTimeout);
    consumer.pause(consumer.assignment());
    while (inFlight > 0 && Instant.now().isBefore(deadline)) {
      try {
        consumer.poll(POLL); // paused: keeps the membership alive, returns nothing
      } catch (WakeupException ignored) {
        // close() was called again; keep draining until the deadline
      }
      settle();
    }
    synchronized (pending) {
      pending.values().forEach(m -> m.values().forEach(j -> j.abandon()));
    }
    settle();
  }

  private void closeClients(Duration timeout) {
    try {
      claims.close();
    } catch (RuntimeException ignored) {
      // closing anyway
    }
    try {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(timeout));
    } catch (RuntimeException ignored) {
      // already closed, or closing from another thread
    }
    producer.close(timeout);
  }

  private String badRecord(ConsumerRecord<String, String> r, String problem) {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", 1);
    o.put("type", "bad-record");
    o.put("topic", r.topic());
    o.put("partition", r.partition());
    o.put("offset", r.offset());
    o.put("problem", problem);
    return o.toString();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    /**
     * Lets the scans of the partitions going away finish (within the shutdown timeout) and commits
     * them: a scan cut off after its claim would leave its credential checks never done.
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      waiting.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
      Instant deadline = Instant.now().plus(config.shutdownTimeout);
      while (running(partitions) && Instant.now().isBefore(deadline) && !aborted) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      settle();
      forget(partitions);
    }

    private boolean running(Collection<TopicPartition> partitions) {
      synchronized (pending) {
        return partitions.stream()
            .map(pending::get)
            .filter(Objects::nonNull)
            .flatMap(jobs -> jobs.values().stream())
            .anyMatch(j -> j != null && j.scan != null && !j.ended);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      int total = consumer.partitionsFor(config.topics.targets()).size();
      share = total == 0 ? 1.0 : (double) consumer.assignment().size() / total;
    }

    /** The new owner redelivers what was not committed; the scans here stop and stay silent. */
    private void forget(Collection<TopicPartition> partitions) {
      synchronized (pending) {
        for (TopicPartition tp : partitions) {
          TreeMap<Long, Job> jobs = pending.remove(tp);
          if (jobs != null) {
            jobs.values().stream().filter(Objects::nonNull).forEach(Job::abandon);
          }
        }
      }
      waiting.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }

  /** One target record being scanned. */
  private final class Job implements ScanListener {
    final TopicPartition partition;
    final long offset;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();
    private final StringWriter line = new StringWriter();
    private final JsonLinesListener lines = new JsonLinesListener(line);
    private volatile CredentialClaims.@Nullable Outcome claimLost;
    volatile @Nullable Scan scan;
    volatile boolean done;
    volatile boolean ended;
    volatile boolean abandoned;
    private volatile boolean broken;
    private @Nullable TargetRecord target;
    private @Nullable CheckRunner runner;

    Job(TopicPartition partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }

    void start(TargetRecord record) {
      this.target = record;
      CheckRunner.Builder b = CheckRunner.builder();
      config.runner.accept(b);
      double rate = config.groupConnectionsPerSecond * share / config.maxInFlight;
      b.connectionsPerSecond(config.groupConnectionsPerSecond == 0 ? 0 : Math.max(rate, 0.1));
      b.loginAttemptsPerHost(config.loginAttemptsPerHost);
      b.loginBudgets(this::budget);
      CheckRunner r = b.build();
      this.runner = r;
      this.scan = r.start(List.of(record.target()), this);
    }

    private LoginBudget budget(InetAddress address) {
      TargetRecord t = Objects.requireNonNull(target);
      CredentialClaims.Outcome outcome = claims.claim(t.scan(), address);
      if (outcome == CredentialClaims.Outcome.WON) {
        return LoginBudget.inMemory(config.loginAttemptsPerHost);
      }
      claimLost = outcome;
      return LoginBudget.inMemory(0);
    }

    void abandon() {
      abandoned = true;
      Scan s = scan;
      if (s != null) {
        s.cancel();
      }
    }

    void markDone() {
      done = true;
      finished.add(this);
    }

    void send(String key, String value) {
      if (abandoned) {
        return;
      }
      try {
        sent.add(producer.send(new ProducerRecord<>(config.topics.results(), key, value)));
      } catch (RuntimeException e) {
        // Never mark a target done whose results were not all written.
        broken = true;
        failure = e;
        stopping = true;
      }
    }

    private ObjectNode captured(String scanId) {
      String text = line.toString();
      line.getBuffer().setLength(0);
      try {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1);
        o.put("scan", scanId);
        o.setAll((ObjectNode) JSON.readTree(text));
        return o;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the JSON Lines listener wrote no JSON", e);
      }
    }

    @Override
    public void result(Target t, CheckResult result) {
      lines.result(t, result);
      TargetRecord rec = Objects.requireNonNull(target);
      ObjectNode o = captured(rec.scan());
      String key = "result " + result.checkId() + " " + result.endpoint().uri();
      CredentialClaims.Outcome lost = claimLost;
      if (lost != null
          && result.status() == CheckResult.Status.SKIP
          && isCredentialCheck(result.checkId())) {
        o.put(
            "detail",
            (lost == CredentialClaims.Outcome.HELD
                    ? "already attempted: an earlier delivery of this target claimed the"
                        + " address's login budget in scan "
                        + rec.scan()
                        + "; not tried again"
                    : "not tried: the claim of the address's login budget could not be"
                        + " recorded, and no login is tried without one")
                + " ("
                + result.detail()
                + ")");
        o.put("alreadyAttempted", lost == CredentialClaims.Outcome.HELD);
        key += lost == CredentialClaims.Outcome.HELD ? " already-attempted" : " not-claimed";
      }
      send(key, o.toString());
    }

    private boolean isCredentialCheck(String checkId) {
      CheckRunner r = Objects.requireNonNull(runner);
      return r.checkSet()
          .byId(checkId)
          .map(c -> c.descriptor().safety() == Safety.CREDENTIAL_ATTEMPT)
          .orElse(false);
    }

    @Override
    public void finding(Target t, Finding finding) {
      lines.finding(t, finding);
      send(finding.fingerprint(), captured(Objects.requireNonNull(target).scan()).toString());
    }

    @Override
    public void targetFinished(TargetResult result) {
      lines.targetFinished(result);
      send("target " + result.target(), captured(Objects.requireNonNull(target).scan()).toString());
    }

    @Override
    public void scanFinished(ScanSummary summary) {
      try {
        for (Future<RecordMetadata> f : sent) {
          f.get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!abandoned && !broken && !summary.cancelled()) {
          done = true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        failure = e;
        stopping = true;
      } finally {
        ended = true;
        finished.add(this);
      }
    }
  }

  /** Configures a {@link ScanWorker}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> clientConfig = new HashMap<>();
    private final Consumer<CheckRunner.Builder> runner;
    private String group = "tenken";
    private KafkaTopics topics = KafkaTopics.DEFAULT;
    private int maxInFlight = 4;
    private double groupConnectionsPerSecond = CheckRunner.DEFAULT_CONNECTIONS_PER_SECOND;
    private int loginAttemptsPerHost = CheckRunner.DEFAULT_LOGIN_ATTEMPTS_PER_HOST;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private @Nullable String workerId;

    private Builder(String bootstrapServers, Consumer<CheckRunner.Builder> runner) {
      clientConfig.put("bootstrap.servers", Objects.requireNonNull(bootstrapServers));
      this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The consumer group. Default {@code tenken}. */
    public Builder group(String value) {
      this.group = Objects.requireNonNull(value);
      return this;
    }

    /** The topics. Default {@link KafkaTopics#DEFAULT}. */
    public Builder topics(KafkaTopics value) {
      this.topics = Objects.requireNonNull(value);
      return this;
    }

    /** Most targets scanned at once by this worker. Default 4. */
    public Builder maxInFlight(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1, was " + value);
      }
      this.maxInFlight = value;
      return this;
    }

    /**
     * New connections per second for the whole group, 0 for no limit. Default 500/s. Each worker
     * takes the share of its partitions (see the class description).
     */
    public Builder groupConnectionsPerSecond(double value) {
      if (value < 0 || Double.isNaN(value)) {
        throw new IllegalArgumentException("groupConnectionsPerSecond must be 0 or positive");
      }
      this.groupConnectionsPerSecond = value;
      return this;
    }

    /** Failed logins allowed per address and scan, once for the whole group. Default 2. */
    public Builder loginAttemptsPerHost(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("loginAttemptsPerHost must be 0 or more");
      }
      this.loginAttemptsPerHost = value;
      return this;
    }

    /** How long {@link ScanWorker#close()} waits for the targets in flight. Default 30 s. */
    public Builder shutdownTimeout(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = value;
      return this;
    }

    /** The worker's id. Default {@code tenken-worker-<random UUID>}. */
    public Builder workerId(String value) {
      this.workerId = Objects.requireNonNull(value);
      return this;
    }

    /** Any other Kafka client setting (security, timeouts), given to every client it makes. */
    public Builder clientProperty(String key, Object value) {
      clientConfig.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /**
     * The worker, its clients connected lazily. Call {@link ScanWorker#run()} to start it.
     *
     * @throws KafkaException when the client configuration is invalid
     */
    public ScanWorker build() {
      return new ScanWorker(this);
    }
  }
}
