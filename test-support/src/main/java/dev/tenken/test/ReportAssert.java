package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link Report}: the results of every target of one scan. Obtain one with
 * {@link TenkenAssertions#assertThat(Report)}.
 *
 * <pre>{@code
 * assertThat(report)
 *     .allTargetsEndedIn(TargetResult.Status.SCANNED)
 *     .hasNoErrors()
 *     .hasResult("database.redis.no-auth", CheckResult.Status.PASS)
 *     .hasNoFindingsAtLeast(Severity.MEDIUM);
 * }</pre>
 *
 * <p>Each assertion returns this object for chaining and fails with an {@link AssertionError}
 * saying what was expected and listing what was found (findings as severity, check id, endpoint and
 * title). A {@code null} report fails every assertion. Not thread-safe (as any AssertJ assertion
 * object); the report itself is immutable.
 */
public final class ReportAssert extends AbstractAssert<ReportAssert, Report> {

  /** Assertions on {@code actual}; prefer {@link TenkenAssertions#assertThat(Report)}. */
  public ReportAssert(@Nullable Report actual) {
    super(actual, ReportAssert.class);
  }

  /**
   * Verifies that no finding of any target is at {@code severity} or above.
   *
   * @throws AssertionError listing every offending finding
   */
  public ReportAssert hasNoFindingsAtLeast(Severity severity) {
    return check(Expectations.noFindingsAtLeast(targets(), severity));
  }

  /**
   * Verifies that check {@code checkId} reported at least one finding on some target.
   *
   * @throws AssertionError showing the check's results and every finding present
   */
  public ReportAssert hasFinding(String checkId) {
    return check(Expectations.hasFinding(targets(), checkId));
  }

  /**
   * Verifies that check {@code checkId} reported no finding on any target (a check that did not run
   * passes this too: combine with {@link #hasResult} to prove it ran).
   *
   * @throws AssertionError listing the check's findings
   */
  public ReportAssert hasNoFinding(String checkId) {
    return check(Expectations.hasNoFinding(targets(), checkId));
  }

  /**
   * Verifies that check {@code checkId} has at least one result with {@code status}, on any target.
   *
   * @throws AssertionError showing the check's results, or the checks that have results when it has
   *     none
   */
  public ReportAssert hasResult(String checkId, CheckResult.Status status) {
    return check(Expectations.hasResult(targets(), checkId, status));
  }

  /**
   * Verifies that no check result is {@link CheckResult.Status#ERROR} and no target ended {@link
   * TargetResult.Status#ERROR} (Tenken itself failed). Unreachable, timed-out or out-of-scope
   * targets are not errors here: assert them with {@link #allTargetsEndedIn}.
   *
   * @throws AssertionError listing the results and targets in error
   */
  public ReportAssert hasNoErrors() {
    return check(Expectations.noErrors(targets()));
  }

  /**
   * Verifies that the report has at least one target and that every target ended in {@code status}.
   *
   * @throws AssertionError when the report has no target, listing the targets that ended otherwise
   */
  public ReportAssert allTargetsEndedIn(TargetResult.Status status) {
    Objects.requireNonNull(status, "status");
    List<TargetResult> targets = targets();
    if (targets.isEmpty()) {
      return check("Expected every target to end " + status + ", but the report has no target");
    }
    List<TargetResult> other = targets.stream().filter(t -> t.status() != status).toList();
    if (other.isEmpty()) {
      return myself;
    }
    return check(
        "Expected every target to end "
            + status
            + ", but "
            + other.size()
            + " of "
            + targets.size()
            + " ended otherwise:"
            + Texts.list(other.stream().map(Texts::target).toList()));
  }

  /** AssertJ list assertions on every finding of every target, in report order. */
  public ListAssert<Finding> findings() {
    ListAssert<Finding> list = Assertions.assertThat(Expectations.findings(targets()));
    String description = descriptionText();
    return description == null || description.isEmpty() ? list : list.as(description);
  }

  private List<TargetResult> targets() {
    isNotNull();
    return actual.targets();
  }

  private ReportAssert check(@Nullable String failure) {
    if (failure != null) {
      failWithMessage(Texts.literal(failure));
    }
    return myself;
  }
}
