package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;

/**
 * Entry point of the AssertJ assertions for Tenken results. Import statically next to AssertJ's own
 * {@code assertThat}; Java picks the most specific overload:
 *
 * <pre>{@code
 * import static dev.tenken.test.TenkenAssertions.assertThat;
 *
 * Report report = runner.scan("redis://127.0.0.1:6379");
 * assertThat(report).hasNoErrors().hasNoFindingsAtLeast(Severity.HIGH);
 * }</pre>
 *
 * <p>Stateless and thread-safe. Every assertion fails with an {@link AssertionError} that says what
 * was expected and what was found; a {@code null} actual value fails the first assertion called.
 */
public final class TenkenAssertions {
  private TenkenAssertions() {}

  /** Assertions on a whole scan's report. */
  public static ReportAssert assertThat(Report actual) {
    return new ReportAssert(actual);
  }

  /** Assertions on one target's result. */
  public static TargetResultAssert assertThat(TargetResult actual) {
    return new TargetResultAssert(actual);
  }

  /** Assertions on one check's result on one endpoint. */
  public static CheckResultAssert assertThat(CheckResult actual) {
    return new CheckResultAssert(actual);
  }

  /** Assertions on one finding. */
  public static FindingAssert assertThat(Finding actual) {
    return new FindingAssert(actual);
  }
}
