package dev.tenken.internal;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckTexts;
import dev.tenken.Finding;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanProgress;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.spi.LoginBudget;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One scan: a dispatcher thread reads targets lazily, admitting one only when a host slot is free,
 * and each admitted target runs as a {@link HostScan}, driven by its work items' completions and
 * the watchdog's deadlines rather than by a thread of its own. The scan's executor and watchdog end
 * with the scan.
 */
public final class ScanEngine implements Scan {
  private final Settings settings;
  private final Connector connector;
  private final Identifier identifier;
  private final Redactor redactor;
  private final Map<Check, CheckTexts> texts = new ConcurrentHashMap<>();
  private final SerialListener listener;
  private final ExecutorService executor;
  // Platform threads only: there a pending connect would hold a thread (virtual threads park).
  private final ConnectSelector connectSelector;
  // Deadlines and host budgets are enforced from here, so no host needs a thread that waits.
  private final ScheduledThreadPoolExecutor watchdog;
  // Global work slots, handed out without blocking: an item waiting for one holds no thread.
  private final ReentrantLock slotLock = new ReentrantLock();
  private final ArrayDeque<SlotWaiter> slotWaiters = new ArrayDeque<>();
  private int freeSlots;
  private final Semaphore hostSlots;
  private final Set<HostScan> active = ConcurrentHashMap.newKeySet();
  // Per address, created on a credential check's first use only: a scan without logins keeps none.
  private final Map<InetAddress, LoginBudget> loginBudgets = new ConcurrentHashMap<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Instant started = Instant.now();
  private final AtomicLong admitted = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final LongAdder checksFinished = new LongAdder();
  private final LongAdder findings = new LongAdder();
  private final Map<TargetResult.Status, LongAdder> targetCounts =
      new EnumMap<>(TargetResult.Status.class);
  private final Map<CheckResult.Status, LongAdder> resultCounts =
      new EnumMap<>(CheckResult.Status.class);
  private final Map<Severity, LongAdder> severityCounts = new EnumMap<>(Severity.class);
  private volatile boolean cancelled;
  private volatile Thread dispatcher;
  private volatile ScanSummary summary;
  private volatile RuntimeException sourceFailure;

  private ScanEngine(Settings settings, ScanListener listener) {
    this.settings = settings;
    this.connector = new Connector(settings);
    this.identifier = new Identifier(connector, settings.checkSet().probes());
    this.redactor = new Redactor(settings.secrets());
    this.listener = new SerialListener(listener);
    this.watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "tenken-watchdog");
              t.setDaemon(true);
              return t;
            });
    watchdog.setRemoveOnCancelPolicy(true);
    this.executor = newExecutor(settings.concurrency(), watchdog);
    this.connectSelector = executor instanceof ElasticPool ? openConnectSelector() : null;
    this.freeSlots = settings.concurrency();
    this.hostSlots = new Semaphore(settings.concurrency());
    for (TargetResult.Status s : TargetResult.Status.values()) {
      targetCounts.put(s, new LongAdder());
    }
    for (CheckResult.Status s : CheckResult.Status.values()) {
      resultCounts.put(s, new LongAdder());
    }
    for (Severity s : Severity.values()) {
      severityCounts.put(s, new LongAdder());
    }
  }

  /** Starts a scan in the background. */
  public static Scan start(Settings settings, Iterable<Target> targets, ScanListener listener) {
    ScanEngine engine = new ScanEngine(settings, listener);
    Thread t = new Thread(() -> engine.dispatch(targets.iterator()), "tenken-dispatcher");
    t.setDaemon(true);
    engine.dispatcher = t;
    t.start();
    return engine;
  }

  /**
   * Whether {@code host} falls in shard {@code index} of {@code count}: FNV-1a over the lower-case
   * host name, so the split is the same on every machine and JVM.
   */
  public static boolean inShard(String host, int index, int count) {
    if (count == 1) {
      return true;
    }
    long h = 0xcbf29ce484222325L;
    for (byte b : host.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return Long.remainderUnsigned(h, count) == index;
  }

  private void dispatch(Iterator<Target> targets) {
    try {
      while (!cancelled) {
        Target target;
        try {
          if (!targets.hasNext()) {
            break;
          }
          target = targets.next();
        } catch (RuntimeException e) {
          sourceFailure = e;
          break;
        }
        if (!inShard(target.host(), settings.shardIndex(), settings.shardCount())) {
          continue;
        }
        hostSlots.acquire();
        if (cancelled) {
          hostSlots.release();
          break;
        }
        HostScan host = new HostScan(this, target);
        active.add(host);
        admitted.incrementAndGet();
        // Announced here, in the order the targets came, so reports can keep that order.
        listener.targetStarted(target);
        try {
          submit(host);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          active.remove(host);
          hostSlots.release();
          break;
        }
      }
      // Wait for the hosts in flight: all slots back means all hosts finished.
      hostSlots.acquire(settings.concurrency());
      hostSlots.release(settings.concurrency());
    } catch (InterruptedException e) {
      cancelled = true;
      active.forEach(HostScan::cancel);
      try {
        hostSlots.acquire(settings.concurrency());
      } catch (InterruptedException again) {
        Thread.currentThread().interrupt();
      }
    } finally {
      // Interrupts what is still running (checks past their deadline); nothing waits for them.
      executor.shutdownNow();
      watchdog.shutdownNow();
      if (connectSelector != null) {
        connectSelector.close();
      }
      summary = summarize();
      listener.scanFinished(summary);
      done.countDown();
    }
  }

  // ---- used by HostScan ----

  /**
   * The login budget of {@code address}, one for the whole scan whatever targets name it: the
   * caller's ({@link dev.tenken.CheckRunner.Builder#loginBudgets}) when given, else in memory.
   */
  LoginBudget loginBudget(InetAddress address) {
    var custom = settings.loginBudgets();
    return loginBudgets.computeIfAbsent(
        address,
        a ->
            custom != null
                ? java.util.Objects.requireNonNull(custom.apply(a), "loginBudgets returned null")
                : LoginBudget.inMemory(settings.loginAttemptsPerHost()));
  }

  Settings settings() {
    return settings;
  }

  Connector connector() {
    return connector;
  }

  /** Where connects are made without a thread, or null where threads park cheaply. */
  ConnectSelector connectSelector() {
    return connectSelector;
  }

  private static ConnectSelector openConnectSelector() {
    try {
      return new ConnectSelector();
    } catch (IOException e) {
      // No selector (descriptors exhausted): connects fall back to the work's own thread.
      return null;
    }
  }

  Identifier identifier() {
    return identifier;
  }

  Redactor redactor() {
    return redactor;
  }

  /** {@code check}'s texts in the scan's language, made once per scan rather than per finding. */
  CheckTexts texts(Check check) {
    return texts.computeIfAbsent(check, c -> CheckTexts.of(c, settings.locale()));
  }

  ScanListener listener() {
    return listener;
  }

  /** Waits for a global work slot; {@link #granted} says whether it still wants it. */
  interface SlotWaiter {
    /** Called with a slot; false hands it on (the waiter was aborted meanwhile). */
    boolean granted();
  }

  /** Grants a slot to {@code waiter} now or, without blocking, when one is released. */
  void requestSlot(SlotWaiter waiter) {
    slotLock.lock();
    try {
      if (freeSlots == 0) {
        slotWaiters.add(waiter);
        return;
      }
      freeSlots--;
    } finally {
      slotLock.unlock();
    }
    if (!waiter.granted()) {
      releaseSlot();
    }
  }

  /** Gives a slot back: straight to the next waiter that still wants one. */
  void releaseSlot() {
    while (true) {
      SlotWaiter next;
      slotLock.lock();
      try {
        next = slotWaiters.poll();
        if (next == null) {
          freeSlots++;
          return;
        }
      } finally {
        slotLock.unlock();
      }
      if (next.granted()) {
        return;
      }
    }
  }

  Future<?> submit(Runnable task) {
    return executor.submit(task);
  }

  /** Runs {@code task} on the watchdog thread at {@code when}; null once the scan has ended. */
  ScheduledFuture<?> at(Instant when, Runnable task) {
    long delay = Math.max(0, Duration.between(Instant.now(), when).toNanos()) + 1_000_000;
    try {
      return watchdog.schedule(task, delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return null;
    }
  }

  void announce(Target target, CheckResult result) {
    checksFinished.increment();
    resultCounts.get(result.status()).increment();
    listener.result(target, result);
    for (Finding f : result.findings()) {
      findings.increment();
      severityCounts.get(f.severity()).increment();
      listener.finding(target, f);
    }
  }

  void finish(TargetResult result) {
    targetCounts.get(result.status()).increment();
    listener.targetFinished(result);
    finished.incrementAndGet();
    listener.progress(progress());
  }

  void hostDone(HostScan host) {
    active.remove(host);
    hostSlots.release();
  }

  // ---- Scan ----

  @Override
  public void cancel() {
    cancelled = true;
    Thread d = dispatcher;
    if (d != null) {
      d.interrupt();
    }
    active.forEach(HostScan::cancel);
  }

  @Override
  public ScanSummary await() throws InterruptedException {
    done.await();
    if (sourceFailure != null) {
      throw new IllegalStateException(
          "reading the targets failed: " + sourceFailure.getMessage(), sourceFailure);
    }
    return summary;
  }

  @Override
  public Optional<ScanSummary> await(Duration timeout) throws InterruptedException {
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.empty();
    }
    return Optional.of(await());
  }

  @Override
  public boolean isDone() {
    return done.getCount() == 0;
  }

  @Override
  public ScanProgress progress() {
    long a = admitted.get();
    long f = finished.get();
    return new ScanProgress(
        a,
        f,
        a - f,
        checksFinished.sum(),
        findings.sum(),
        Duration.between(started, Instant.now()));
  }

  private ScanSummary summarize() {
    Map<TargetResult.Status, Long> t = new EnumMap<>(TargetResult.Status.class);
    targetCounts.forEach((k, v) -> t.put(k, v.sum()));
    Map<CheckResult.Status, Long> r = new EnumMap<>(CheckResult.Status.class);
    resultCounts.forEach((k, v) -> r.put(k, v.sum()));
    Map<Severity, Long> s = new EnumMap<>(Severity.class);
    severityCounts.forEach((k, v) -> s.put(k, v.sum()));
    return new ScanSummary(
        started, Instant.now(), cancelled, admitted.get(), t, r, s, listener.errors());
  }

  /** Virtual threads where the platform has them (Java 21+), else an {@link ElasticPool}. */
  private static ExecutorService newExecutor(
      int concurrency, ScheduledThreadPoolExecutor watchdog) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder =
          ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "tenken-v-", 0L);
      ThreadFactory factory =
          (ThreadFactory)
              Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
      return (ExecutorService)
          Executors.class
              .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
              .invoke(null, factory);
    } catch (ReflectiveOperationException e) {
      // Work items hold a global slot while queued or running, and hosts hold no thread: the
      // concurrency bounds the threads a scan can need.
      return new ElasticPool(concurrency, watchdog);
    }
  }
}
