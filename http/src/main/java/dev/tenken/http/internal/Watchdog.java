package dev.tenken.http.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Enforces an absolute deadline on an exchange, however slowly a device trickles bytes: at the
 * deadline it cancels the request, which closes its connection. One daemon thread for the whole
 * JVM, started on first use; tasks of finished exchanges are removed at once.
 */
public final class Watchdog {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Watchdog() {}

  /** A guard that runs {@code onExpiry} after {@code delay} unless closed first. */
  public static Guard arm(Duration delay, Runnable onExpiry) {
    Guard guard = new Guard(onExpiry);
    long millis = Math.max(0, Math.min(delay.toMillis(), Long.MAX_VALUE / 2));
    guard.future = TIMER.schedule(guard::expire, millis, TimeUnit.MILLISECONDS);
    return guard;
  }

  /** One armed deadline. */
  public static final class Guard implements AutoCloseable {
    private final Runnable onExpiry;
    private final AtomicBoolean expired = new AtomicBoolean();
    private volatile @Nullable ScheduledFuture<?> future;

    private Guard(Runnable onExpiry) {
      this.onExpiry = onExpiry;
    }

    private void expire() {
      expired.set(true);
      onExpiry.run();
    }

    /** Whether the deadline fired. */
    public boolean expired() {
      return expired.get();
    }

    /** Disarms the guard. */
    @Override
    public void close() {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "tenken-http-deadline");
              thread.setDaemon(true);
              return thread;
            });
    t.setRemoveOnCancelPolicy(true);
    t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return t;
  }
}
