package dev.tenken.spi;

import java.util.concurrent.atomic.AtomicInteger;

/** {@link LoginBudget#inMemory}: a counter of the attempts left. Thread-safe. */
final class InMemoryLoginBudget implements LoginBudget {
  private final AtomicInteger left;

  InMemoryLoginBudget(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException(
          "a login budget cannot be negative (got " + attempts + "); 0 allows no login attempt");
    }
    this.left = new AtomicInteger(attempts);
  }

  @Override
  public boolean tryAcquire() {
    return left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
  }

  @Override
  public void succeeded() {
    left.incrementAndGet();
  }

  @Override
  public int remaining() {
    return left.get();
  }
}
