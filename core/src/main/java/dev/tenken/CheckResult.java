package dev.tenken;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check concluded about one endpoint. Immutable and thread-safe.
 *
 * <p>A {@link Status#PASS} carries the evidence that proves it (a {@code -NOAUTH} reply, a 401, a
 * CONNACK 5), not just the absence of a finding. {@link Status#FAIL} carries at least one finding.
 * {@link Status#SKIP} and {@link Status#ERROR} carry the reason in {@link #detail()}.
 *
 * @param checkId the check's id
 * @param endpoint where it ran
 * @param status the verdict
 * @param detail the evidence of a PASS, the reason of a SKIP or an ERROR; secrets masked
 * @param evidence structured evidence of a PASS (label to value, in the order the check gave it),
 *     possibly empty
 * @param findings the findings of a FAIL, empty otherwise
 * @param elapsed how long the check ran
 */
public record CheckResult(
    String checkId,
    Endpoint endpoint,
    Status status,
    String detail,
    Map<String, String> evidence,
    List<Finding> findings,
    Duration elapsed) {

  /** The four verdicts of a check. */
  public enum Status {
    /** The endpoint is not affected; {@link #detail()} says what proves it. */
    PASS,
    /** The endpoint is affected; see {@link #findings()}. */
    FAIL,
    /** Not applicable or not allowed by policy; {@link #detail()} says why. */
    SKIP,
    /**
     * The check could not decide (a malformed reply, a deadline, a bug); {@link #detail()} says
     * why.
     */
    ERROR
  }

  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    findings = List.copyOf(findings);
    Objects.requireNonNull(elapsed, "elapsed");
    if (status == Status.FAIL && findings.isEmpty()) {
      throw new IllegalArgumentException("a FAIL result needs at least one finding");
    }
    if (status != Status.FAIL && !findings.isEmpty()) {
      throw new IllegalArgumentException("only a FAIL result carries findings");
    }
  }

  /** The most severe finding's severity, or empty when there is none. */
  public Optional<Severity> worstSeverity() {
    return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
  }
}
