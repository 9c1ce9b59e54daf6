package dev.tenken.spi;

import dev.tenken.CheckResult.Status;
import dev.tenken.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link dev.tenken.Check#run} returns; the runner turns it into a {@link
 * dev.tenken.CheckResult} with the check id, endpoint and timing. Immutable.
 *
 * @param status the verdict
 * @param detail the evidence of a PASS, the reason of a SKIP or ERROR, a summary of a FAIL
 * @param evidence structured evidence of a PASS, label to value, order kept
 * @param findings the findings of a FAIL
 */
public record Outcome(
    Status status, String detail, Map<String, String> evidence, List<Finding> findings) {
  public Outcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    findings = List.copyOf(findings);
    if ((status == Status.FAIL) == findings.isEmpty()) {
      throw new IllegalArgumentException("a FAIL outcome, and only a FAIL, carries findings");
    }
  }

  /** Not affected; {@code evidence} says what the device answered that proves it. */
  public static Outcome pass(String evidence) {
    return new Outcome(Status.PASS, evidence, Map.of(), List.of());
  }

  /** Not affected, with structured evidence. */
  public static Outcome pass(String evidence, Map<String, String> details) {
    return new Outcome(Status.PASS, evidence, details, List.of());
  }

  /** Affected: one or more findings. */
  public static Outcome fail(Finding first, Finding... more) {
    Finding[] all = new Finding[more.length + 1];
    all[0] = first;
    System.arraycopy(more, 0, all, 1, more.length);
    return fail(List.of(all));
  }

  /**
   * Affected: the given findings.
   *
   * @throws IllegalArgumentException when {@code findings} is empty
   */
  public static Outcome fail(List<Finding> findings) {
    return new Outcome(Status.FAIL, findings.size() + " finding(s)", Map.of(), findings);
  }

  /** Not applicable here; {@code reason} says why. */
  public static Outcome skip(String reason) {
    return new Outcome(Status.SKIP, reason, Map.of(), List.of());
  }

  /** Could not decide; {@code reason} says why (a malformed reply, an unexpected status). */
  public static Outcome error(String reason) {
    return new Outcome(Status.ERROR, reason, Map.of(), List.of());
  }
}
