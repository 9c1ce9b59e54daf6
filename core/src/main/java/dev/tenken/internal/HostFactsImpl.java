package dev.tenken.internal;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.HostFacts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Facts of one host; lock-free apart from the one-computation-per-key guarantee. */
final class HostFactsImpl implements HostFacts {
  private final Redactor redactor;
  private final AtomicReference<DeviceIdentity> identity = new AtomicReference<>(DeviceIdentity.EMPTY);
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
      return key.type().cast(existing.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for fact " + key.name(), e);
    } catch (ExecutionException e) {
      return computeIfAbsent(key, compute);
    }
  }
}
