package dev.tenken.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * One unit of a host's work (probing a port, running a check), run by {@link HostScan} on the
 * scan's executor within its own deadline.
 *
 * @param <T> what it produces
 */
interface Work<T> {

  /** Does the work; everything it opens goes into {@code resources}. */
  T run(Resources resources, Instant deadline) throws Exception;

  /** The result when {@link #run} threw {@code failure}. */
  T failed(Throwable failure, Duration elapsed);

  /** The result when the deadline passed first. */
  T timedOut(Duration elapsed);

  /**
   * The TCP port this work connects to before anything else, when the runner may make that connect
   * before the work has a thread ({@link ConnectSelector}); empty when it does not.
   */
  default OptionalInt connectsFirstTo() {
    return OptionalInt.empty();
  }
}
