package dev.tenken.test;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check that connects and then hangs, ignoring its deadline and interrupts, until {@link
 * #release()} (or 30 s at most, so a test JVM never keeps it). The runner must end it ERROR.
 */
final class HangingCheck implements Check {
  private final CheckDescriptor descriptor;
  private final CountDownLatch released = new CountDownLatch(1);
  final AtomicInteger runs = new AtomicInteger();
  final AtomicInteger hung = new AtomicInteger();

  HangingCheck(String id) {
    this.descriptor = DemoBannerCheck.descriptorBuilder(id).build();
  }

  @Override
  public CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    runs.incrementAndGet();
    context.connect(endpoint);
    hung.incrementAndGet();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      try {
        if (released.await(100, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException ignored) {
        // Deliberately ignores the runner's interrupt.
      }
    }
    return Outcome.pass("finally done, long after the deadline");
  }

  void release() {
    released.countDown();
  }
}
