package dev.tenken;

import java.time.Duration;
import java.util.Optional;

/** A running scan, returned by {@link CheckRunner#start}. Thread-safe. */
public interface Scan {

  /**
   * Stops the scan: no new target starts, running checks are interrupted and their connections
   * closed, unfinished targets end {@code CANCELLED} with what they found so far, and the scan's
   * threads end. Returns at once; {@link #await()} waits for the end. Idempotent.
   */
  void cancel();

  /** Waits for the scan to end and returns its summary. */
  ScanSummary await() throws InterruptedException;

  /** Waits at most {@code timeout}; empty when the scan is still running. */
  Optional<ScanSummary> await(Duration timeout) throws InterruptedException;

  /** Whether the scan has ended. */
  boolean isDone();

  /** Progress so far. */
  ScanProgress progress();
}
