package dev.tenken.spi;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the checks on one host have learned so far, shared between them: the merged {@link
 * DeviceIdentity} and typed facts such as the catch-all canaries. Lives for one host in one scan.
 * Thread-safe: checks of one host may run at the same time.
 */
public interface HostFacts {

  /** The identity merged from every fact reported so far. */
  DeviceIdentity identity();

  /** Adds one identity fact; the more confident source wins when two disagree. */
  void identify(
      DeviceIdentity.Attribute attribute, String value, String source, Confidence confidence);

  /** The value stored under {@code key}, if any. */
  <T> Optional<T> get(FactKey<T> key);

  /** Stores {@code value} under {@code key}, replacing what was there. */
  <T> void put(FactKey<T> key, T value);

  /**
   * The value under {@code key}, computing and storing it first if absent. Concurrent callers for
   * the same key wait for one computation, so a canary probe runs once per host and port. A
   * computation that throws stores nothing; a waiter then computes it itself.
   *
   * @throws java.io.UncheckedIOException wrapping a {@link java.net.SocketTimeoutException} when
   *     the calling check's deadline passes while another check is still computing the value
   */
  <T> T computeIfAbsent(FactKey<T> key, Supplier<T> compute);
}
