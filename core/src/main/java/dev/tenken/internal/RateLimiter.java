package dev.tenken.internal;

import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket on new connections for the whole scan: at most {@code perSecond} permits a second,
 * with a burst of one second's worth. Uses a lock rather than {@code synchronized} so waiting
 * virtual threads never pin their carrier.
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final ReentrantLock lock = new ReentrantLock();
  private double tokens;
  private long last = System.nanoTime();

  RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, perSecond);
    this.tokens = burst;
  }

  /** Whether connects wait for permits at all (a rate was set). */
  boolean limited() {
    return perSecond > 0;
  }

  /**
   * Takes one permit, waiting as long as needed but not past {@code deadline}.
   *
   * @throws InterruptedIOException when interrupted or when the deadline comes first
   */
  void acquire(Instant deadline) throws InterruptedIOException {
    if (perSecond <= 0) {
      return;
    }
    while (true) {
      long waitNanos;
      lock.lock();
      try {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        waitNanos = (long) ((1 - tokens) * 1e9 / perSecond);
      } finally {
        lock.unlock();
      }
      if (Instant.now().plusNanos(waitNanos).isAfter(deadline)) {
        throw new InterruptedIOException("rate limit: no connection slot before the deadline");
      }
      LockSupport.parkNanos(Math.max(waitNanos, TimeUnit.MICROSECONDS.toNanos(50)));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the rate limit");
      }
    }
  }
}
