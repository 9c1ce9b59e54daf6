package dev.tenken.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scan's executor where there are no virtual threads (Java 17): platform threads, at most
 * {@code max}, but only as many as the work needs. A cached pool starts a thread per task submitted
 * while none is idle, so a scan of 1,000 fast hosts made 1,000+ threads in a second, and creating
 * and ending them (kernel time, under the address-space lock) cost more CPU than the checks. Here a
 * few threads start at once; more start (doubling per tick) only while tasks wait and the threads
 * there are blocked, taking {@link #BLOCKED_NANOS} or more per task: blocked I/O (filtered ports,
 * silent devices) still gets a thread per task within a few ticks, fast work shares a few threads.
 */
final class ElasticPool extends AbstractExecutorService {
  /** How long a task may wait before the pool considers growing, and how often it looks. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  /**
   * Threads whose tasks take longer than this on average count as blocked. Fast work on a slow peer
   * (a loaded device, our own loaded machine) stays below it and stays on few threads: adding
   * threads there adds CPU, not throughput.
   */
  private static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

  private static final long KEEP_ALIVE_MILLIS = 2_000;

  /** Threads started without waiting. */
  private static final int EAGER = 32;

  private final int max;
  private final int eager;
  private final ScheduledExecutorService ticker;
  private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger workers = new AtomicInteger();
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicBoolean growing = new AtomicBoolean();
  private final LongAdder completed = new LongAdder();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong names = new AtomicLong();
  private long completedAtLastTick;
  private long lastTick = System.nanoTime();
  private volatile boolean shutdown;
  private volatile boolean stopping;

  private record Queued(Runnable task, long since) {}

  /**
   * @param max most threads (the scan's concurrency)
   * @param ticker where growth is decided (the scan's watchdog)
   */
  ElasticPool(int max, ScheduledExecutorService ticker) {
    this.max = Math.max(1, max);
    // Enough for fast loopback work to overlap its round trips (32 measured better than 128 here:
    // 863 vs 1,033 µs CPU per Redis check); blocked work grows the pool from there.
    this.eager = Math.min(this.max, EAGER);
    this.ticker = ticker;
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("the scan has ended");
    }
    queue.add(new Queued(task, System.nanoTime()));
    // An idle thread is no promise: several tasks may count on the same one, and it may block on
    // the first. Whatever is not given a thread of its own is left to the growth tick, which keeps
    // looking while anything waits (at most one tick scheduled at a time).
    if (idle.get() > 0 || !spawnBelow(eager)) {
      scheduleGrowth();
    }
  }

  /** Starts a worker if fewer than {@code limit} run; whether it did. */
  private boolean spawnBelow(int limit) {
    while (true) {
      int n = workers.get();
      if (n >= limit) {
        return false;
      }
      if (workers.compareAndSet(n, n + 1)) {
        break;
      }
    }
    Thread t = new Thread(this::work, "tenken-" + names.incrementAndGet());
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return true;
  }

  private void scheduleGrowth() {
    if (growing.compareAndSet(false, true)) {
      try {
        ticker.schedule(this::grow, TICK_NANOS, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        growing.set(false);
      }
    }
  }

  /** On the ticker: doubles the workers while tasks wait behind blocked ones. */
  private void grow() {
    growing.set(false);
    if (shutdown) {
      return;
    }
    Queued head = queue.peek();
    long now = System.nanoTime();
    long done = completed.sum();
    long finished = done - completedAtLastTick;
    long elapsed = Math.max(1, now - lastTick);
    completedAtLastTick = done;
    lastTick = now;
    if (head == null) {
      return;
    }
    int n = workers.get();
    // Blocked: tasks took longer than BLOCKED_NANOS each on average (Little's law), or none ended.
    boolean blocked = (double) finished * BLOCKED_NANOS < (double) n * elapsed;
    if (now - head.since() >= TICK_NANOS && blocked) {
      int add = Math.max(1, Math.min(n, queue.size() - idle.get()));
      for (int i = 0; i < add && spawnBelow(max); i++) {
        // started
      }
    }
    if (!queue.isEmpty()) {
      scheduleGrowth();
    }
  }

  private void work() {
    try {
      while (!stopping) {
        Queued q;
        idle.incrementAndGet();
        try {
          q = queue.poll(shutdown ? 0 : KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          q = null;
        } finally {
          idle.decrementAndGet();
        }
        if (q == null) {
          // Checked after leaving the idle count: a task added meanwhile is seen here or by
          // execute(), which then starts a thread or schedules growth.
          if (queue.isEmpty()) {
            return;
          }
          continue;
        }
        // A cancelled task's interrupt must not reach the next one.
        Thread.interrupted();
        if (stopping) {
          return;
        }
        try {
          q.task().run();
        } catch (RuntimeException | Error e) {
          // FutureTask keeps what its task throws; anything else ends here, not the worker.
        } finally {
          completed.increment();
        }
      }
    } finally {
      threads.remove(Thread.currentThread());
      workers.decrementAndGet();
    }
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    stopping = true;
    List<Runnable> left = new ArrayList<>();
    for (Queued q; (q = queue.poll()) != null; ) {
      left.add(q.task());
    }
    threads.forEach(Thread::interrupt);
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && workers.get() == 0;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long until = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated()) {
      if (System.nanoTime() >= until) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
