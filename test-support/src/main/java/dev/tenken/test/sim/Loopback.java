package dev.tenken.test.sim;

import java.io.Closeable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;

/** Shared helpers of the loopback servers. Not API. */
final class Loopback {
  /** How long {@code close()} waits for a server's threads, in total. */
  static final Duration JOIN_BOUND = Duration.ofSeconds(2);

  private Loopback() {}

  /** {@code 127.0.0.1}, never a name lookup. */
  static InetAddress address() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4-byte address is always valid", e);
    }
  }

  static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // Best effort: the peer may be gone already.
    }
  }

  /** Joins {@code threads}, all within {@link #JOIN_BOUND}; keeps the interrupt flag. */
  static void join(Collection<Thread> threads) {
    long until = System.nanoTime() + JOIN_BOUND.toNanos();
    for (Thread t : threads) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static void requirePositive(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
  }
}
