package dev.tenken.http.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * A request whose path is sent exactly as given (no {@link java.net.URI} round trip) and that can
 * be cancelled from another thread: cancelling shuts its connection at once, without reading what
 * is left of the reply. Used for the deadline and for bodies abandoned at the read cap.
 */
public final class CancellableRequest extends BasicClassicHttpRequest
    implements CancellableDependency {
  private static final long serialVersionUID = 1L;

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final transient AtomicReference<@Nullable Cancellable> dependency =
      new AtomicReference<>();

  /** A request of {@code method} for {@code path} on {@code host}. */
  public CancellableRequest(String method, HttpHost host, String path) {
    super(method, host, path);
  }

  @Override
  public void setDependency(@Nullable Cancellable cancellable) {
    if (cancelled.get()) {
      if (cancellable != null) {
        cancellable.cancel();
      }
      return;
    }
    dependency.set(cancellable);
    if (cancelled.get() && cancellable != null) {
      cancellable.cancel();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public boolean cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return false;
    }
    Cancellable c = dependency.getAndSet(null);
    if (c != null) {
      c.cancel();
    }
    return true;
  }
}
