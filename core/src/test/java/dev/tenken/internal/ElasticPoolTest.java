package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElasticPoolTest {
  private final ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stopTicker() {
    ticker.shutdownNow();
  }

  private static long poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t -> t.isAlive() && t.getName().startsWith("tenken-") && t.getName().matches(".*\\d"))
        .count();
  }

  /** A task that says it started, then blocks its thread until {@code release} opens. */
  private static Runnable blocking(Runnable started, CountDownLatch release) {
    return () -> {
      started.run();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void blockedTasksEachGetAThreadUpToTheLimit() throws Exception {
    ElasticPool pool = new ElasticPool(200, ticker);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    for (int i = 0; i < 300; i++) {
      pool.execute(blocking(running::incrementAndGet, release));
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.get() < 200 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    // All 200 threads blocked at once, none beyond the limit.
    assertThat(running.get()).isEqualTo(200);
    release.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(running.get()).isEqualTo(300);
  }

  @Test
  void aTaskCountingOnAnIdleThreadThatBlocksElsewhereStillRuns() throws Exception {
    ElasticPool pool = new ElasticPool(4, ticker);
    CountDownLatch warm = new CountDownLatch(1);
    pool.execute(warm::countDown);
    assertThat(warm.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50); // the one thread is back waiting for work
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bothRunning = new CountDownLatch(2);
    // Both are added while that thread is idle: each sees it, but it can take only one.
    for (int i = 0; i < 2; i++) {
      pool.execute(blocking(bothRunning::countDown, release));
    }
    assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void fastTasksShareAFewThreads() throws Exception {
    ElasticPool pool = new ElasticPool(8_192, ticker);
    long before = poolThreads();
    AtomicInteger done = new AtomicInteger();
    Future<?> last = null;
    for (int i = 0; i < 20_000; i++) {
      last = pool.submit(done::incrementAndGet);
    }
    last.get(10, TimeUnit.SECONDS);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (done.get() < 20_000 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(done.get()).isEqualTo(20_000);
    assertThat(poolThreads() - before).isLessThanOrEqualTo(64);
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shutdownNowInterruptsRunningTasksAndEndsEveryThread() throws Exception {
    ElasticPool pool = new ElasticPool(16, ticker);
    CountDownLatch started = new CountDownLatch(4);
    AtomicInteger interrupted = new AtomicInteger();
    for (int i = 0; i < 4; i++) {
      pool.execute(
          () -> {
            started.countDown();
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              interrupted.incrementAndGet();
            }
          });
    }
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted.get()).isEqualTo(4);
  }
}
