package dev.tenken;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a scan learned about one target. Every target admitted to a scan ends in exactly one
 * {@link Status}. Immutable and thread-safe.
 *
 * @param target the target as given
 * @param address the pinned address, empty when the name did not resolve
 * @param addressClass where the address sits, {@code RESERVED} when unresolved
 * @param status the terminal state
 * @param detail why the target ended in a state other than {@code SCANNED}, or a short summary
 * @param endpoints the open ports found, with their identified services
 * @param identity what the device said about itself
 * @param results one result per check run, in completion order
 * @param elapsed wall time spent on the target
 */
public record TargetResult(
    Target target,
    Optional<InetAddress> address,
    AddressClass addressClass,
    Status status,
    String detail,
    List<Endpoint> endpoints,
    DeviceIdentity identity,
    List<CheckResult> results,
    Duration elapsed) {

  /** The terminal states of a target. */
  public enum Status {
    /** Reached and checked; the results tell what was found, including nothing. */
    SCANNED,
    /** No connection succeeded (the name did not resolve, or connections timed out repeatedly). */
    UNREACHABLE,
    /** The per-host budget ran out before every check finished; finished results are kept. */
    TIMEOUT,
    /** The address is outside the scope; no packet was sent. */
    OUT_OF_SCOPE,
    /** The scan was cancelled before the target was finished; finished results are kept. */
    CANCELLED,
    /**
     * Tenken itself failed on this target (a bug, please report it); {@link #detail()} says how.
     */
    ERROR
  }

  public TargetResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(addressClass, "addressClass");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(identity, "identity");
    results = List.copyOf(results);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** All findings of all results. */
  public Stream<Finding> findings() {
    return results.stream().flatMap(r -> r.findings().stream());
  }
}
