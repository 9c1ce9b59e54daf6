package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.Severity;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one {@link CheckResult}: one check's verdict on one endpoint. Obtain one
 * with {@link TenkenAssertions#assertThat(CheckResult)}.
 *
 * <pre>{@code
 * assertThat(result).isFail().hasFindingAtLeast(Severity.HIGH);
 * assertThat(other).isPass().detailContains("-NOAUTH");
 * }</pre>
 *
 * <p>Each assertion returns this object for chaining and fails with an {@link AssertionError}
 * naming the expected and the actual status, detail and findings. A {@code null} result fails every
 * assertion. Not thread-safe; the result itself is immutable.
 */
public final class CheckResultAssert extends AbstractAssert<CheckResultAssert, CheckResult> {

  /** Assertions on {@code actual}; prefer {@link TenkenAssertions#assertThat(CheckResult)}. */
  public CheckResultAssert(@Nullable CheckResult actual) {
    super(actual, CheckResultAssert.class);
  }

  /**
   * Verifies that the result is {@code status}.
   *
   * @throws AssertionError naming the actual status, detail and findings
   */
  public CheckResultAssert hasStatus(CheckResult.Status status) {
    Objects.requireNonNull(status, "status");
    CheckResult r = result();
    if (r.status() != status) {
      fail(
          "Expected check "
              + r.checkId()
              + " on "
              + r.endpoint().uri()
              + " to be "
              + status
              + ", but it was "
              + Texts.result(r)
              + (r.findings().isEmpty() ? "" : Texts.findings(r.findings())));
    }
    return myself;
  }

  /**
   * Verifies that the result is {@code PASS}.
   *
   * @throws AssertionError naming the actual status, detail and findings
   */
  public CheckResultAssert isPass() {
    return hasStatus(CheckResult.Status.PASS);
  }

  /**
   * Verifies that the result is {@code FAIL}.
   *
   * @throws AssertionError naming the actual status, detail and findings
   */
  public CheckResultAssert isFail() {
    return hasStatus(CheckResult.Status.FAIL);
  }

  /**
   * Verifies that the result is {@code ERROR}.
   *
   * @throws AssertionError naming the actual status, detail and findings
   */
  public CheckResultAssert isError() {
    return hasStatus(CheckResult.Status.ERROR);
  }

  /**
   * Verifies that the result is {@code SKIP}.
   *
   * @throws AssertionError naming the actual status, detail and findings
   */
  public CheckResultAssert isSkip() {
    return hasStatus(CheckResult.Status.SKIP);
  }

  /**
   * Verifies that at least one finding is at {@code severity} or above.
   *
   * @throws AssertionError naming the result and its findings
   */
  public CheckResultAssert hasFindingAtLeast(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    CheckResult r = result();
    if (r.findings().stream().noneMatch(f -> f.severity().isAtLeast(severity))) {
      fail(
          "Expected a finding of severity "
              + severity
              + " or above, but "
              + (r.findings().isEmpty()
                  ? "there is none: " + Texts.result(r)
                  : "the findings were:" + Texts.findings(r.findings())));
    }
    return myself;
  }

  /**
   * Verifies that {@link CheckResult#detail()} contains {@code text} (case-sensitive).
   *
   * @throws AssertionError showing the actual detail
   */
  public CheckResultAssert detailContains(String text) {
    Objects.requireNonNull(text, "text");
    CheckResult r = result();
    if (!r.detail().contains(text)) {
      fail(
          "Expected the detail of "
              + r.status()
              + " "
              + r.checkId()
              + " on "
              + r.endpoint().uri()
              + " to contain \""
              + Texts.oneLine(text)
              + "\", but it was \""
              + Texts.oneLine(r.detail())
              + "\"");
    }
    return myself;
  }

  /** AssertJ list assertions on the findings (empty unless the result is FAIL). */
  public ListAssert<Finding> findings() {
    ListAssert<Finding> list = Assertions.assertThat(result().findings());
    String description = descriptionText();
    return description == null || description.isEmpty() ? list : list.as(description);
  }

  private CheckResult result() {
    isNotNull();
    return actual;
  }

  private void fail(String message) {
    failWithMessage(Texts.literal(message));
  }
}
