package dev.tenken.internal;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.HostFacts;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Facts of one host; lock-free apart from the one-computation-per-key guarantee. */
final class HostFactsImpl implements HostFacts {
  private final Redactor redactor;
  private final AtomicReference<DeviceIdentity> identity =
      new AtomicReference<>(DeviceIdentity.EMPTY);
  private final ConcurrentHashMap<FactKey<?>, CompletableFuture<Object>> values =
      new ConcurrentHashMap<>();

  HostFactsImpl(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public DeviceIdentity identity() {
    return identity.get();
  }

  @Override
  public void identify(
      DeviceIdentity.Attribute attribute, String value, String source, Confidence confidence) {
    // Device text goes into every report: mask secrets like any other evidence.
    String masked = redactor.redact(value);
    identity.updateAndGet(id -> id.with(attribute, masked, source, confidence));
  }

  @Override
  public <T> Optional<T> get(FactKey<T> key) {
    CompletableFuture<Object> f = values.get(key);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return Optional.ofNullable(key.type().cast(f.join()));
  }

  @Override
  public <T> void put(FactKey<T> key, T value) {
    values.put(key, CompletableFuture.completedFuture(key.type().cast(value)));
  }

  @Override
  public <T> T computeIfAbsent(FactKey<T> key, Supplier<T> compute) {
    return computeIfAbsent(key, compute, null);
  }

  /**
   * As {@link #computeIfAbsent(FactKey, Supplier)}, but a caller waiting for another check's
   * computation gives up at {@code deadline} (that check may itself be stuck).
   */
  <T> T computeIfAbsent(FactKey<T> key, Supplier<T> compute, @Nullable Instant deadline) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> existing = values.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        T value = compute.get();
        mine.complete(key.type().cast(value));
        return value;
      } catch (RuntimeException | Error e) {
        values.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      if (deadline == null) {
        return key.type().cast(existing.get());
      }
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      return key.type().cast(existing.get(left, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new InterruptedIOException("interrupted while waiting for fact " + key.name()));
    } catch (TimeoutException e) {
      throw new UncheckedIOException(
          new SocketTimeoutException(
              "the deadline passed while another check was working out fact " + key.name()));
    } catch (ExecutionException e) {
      return computeIfAbsent(key, compute, deadline);
    }
  }

  /** A view whose waits end at {@code deadline}: what a check's context hands out. */
  HostFacts boundedBy(Instant deadline) {
    HostFactsImpl self = this;
    return new HostFacts() {
      @Override
      public DeviceIdentity identity() {
        return self.identity();
      }

      @Override
      public void identify(
          DeviceIdentity.Attribute attribute, String value, String source, Confidence confidence) {
        self.identify(attribute, value, source, confidence);
      }

      @Override
      public <T> Optional<T> get(FactKey<T> key) {
        return self.get(key);
      }

      @Override
      public <T> void put(FactKey<T> key, T value) {
        self.put(key, value);
      }

      @Override
      public <T> T computeIfAbsent(FactKey<T> key, Supplier<T> compute) {
        return self.computeIfAbsent(key, compute, deadline);
      }
    };
  }
}
