package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one {@link TargetResult}: what a scan learned about one target. Obtain one
 * with {@link TenkenAssertions#assertThat(TargetResult)}.
 *
 * <p>Each assertion returns this object for chaining (or, for {@link #result}, an assertion on the
 * chosen result) and fails with an {@link AssertionError} saying what was expected and what was
 * found. A {@code null} target result fails every assertion. Not thread-safe; the result itself is
 * immutable.
 */
public final class TargetResultAssert extends AbstractAssert<TargetResultAssert, TargetResult> {

  /** Assertions on {@code actual}; prefer {@link TenkenAssertions#assertThat(TargetResult)}. */
  public TargetResultAssert(@Nullable TargetResult actual) {
    super(actual, TargetResultAssert.class);
  }

  /**
   * Verifies that the target ended in {@code status}.
   *
   * @throws AssertionError naming the actual status and its detail
   */
  public TargetResultAssert hasStatus(TargetResult.Status status) {
    Objects.requireNonNull(status, "status");
    TargetResult t = target();
    if (t.status() != status) {
      return check(
          "Expected target "
              + t.target()
              + " to end "
              + status
              + ", but it ended "
              + t.status()
              + (t.detail().isBlank() ? "" : ": " + Texts.oneLine(t.detail())));
    }
    return myself;
  }

  /**
   * Verifies that no finding is at {@code severity} or above.
   *
   * @throws AssertionError listing every offending finding
   */
  public TargetResultAssert hasNoFindingsAtLeast(Severity severity) {
    return check(Expectations.noFindingsAtLeast(targets(), severity));
  }

  /**
   * Verifies that check {@code checkId} reported at least one finding here.
   *
   * @throws AssertionError showing the check's results and every finding present
   */
  public TargetResultAssert hasFinding(String checkId) {
    return check(Expectations.hasFinding(targets(), checkId));
  }

  /**
   * Verifies that check {@code checkId} reported no finding here.
   *
   * @throws AssertionError listing the check's findings
   */
  public TargetResultAssert hasNoFinding(String checkId) {
    return check(Expectations.hasNoFinding(targets(), checkId));
  }

  /**
   * Verifies that check {@code checkId} has at least one result with {@code status} here.
   *
   * @throws AssertionError showing the check's results
   */
  public TargetResultAssert hasResult(String checkId, CheckResult.Status status) {
    return check(Expectations.hasResult(targets(), checkId, status));
  }

  /**
   * Verifies that no check result is {@code ERROR} and the target did not end {@code ERROR}.
   *
   * @throws AssertionError listing what is in error
   */
  public TargetResultAssert hasNoErrors() {
    return check(Expectations.noErrors(targets()));
  }

  /**
   * Assertions on the one result of check {@code checkId} on this target.
   *
   * @throws AssertionError when the check has no result or more than one (one per endpoint)
   */
  public CheckResultAssert result(String checkId) {
    List<CheckResult> mine = Expectations.results(targets(), checkId);
    if (mine.size() != 1) {
      check(
          "Expected exactly one result of check "
              + checkId
              + " on target "
              + actual.target()
              + ", but found "
              + mine.size()
              + ":"
              + Texts.results(mine));
    }
    CheckResultAssert result = new CheckResultAssert(mine.get(0));
    String description = descriptionText();
    return description == null || description.isEmpty() ? result : result.as(description);
  }

  /** AssertJ list assertions on every finding of this target, in result order. */
  public ListAssert<Finding> findings() {
    ListAssert<Finding> list = Assertions.assertThat(Expectations.findings(targets()));
    String description = descriptionText();
    return description == null || description.isEmpty() ? list : list.as(description);
  }

  private TargetResult target() {
    isNotNull();
    return actual;
  }

  private List<TargetResult> targets() {
    return List.of(target());
  }

  private TargetResultAssert check(@Nullable String failure) {
    if (failure != null) {
      failWithMessage(Texts.literal(failure));
    }
    return myself;
  }
}
