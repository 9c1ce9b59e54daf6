package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The checks shared by {@link ReportAssert} and {@link TargetResultAssert}: each returns the
 * failure message, or {@code null} when the expectation holds. Not API.
 */
final class Expectations {
  private Expectations() {}

  static @Nullable String noFindingsAtLeast(List<TargetResult> targets, Severity severity) {
    Objects.requireNonNull(severity, "severity");
    List<Finding> bad =
        findings(targets).stream().filter(f -> f.severity().isAtLeast(severity)).toList();
    if (bad.isEmpty()) {
      return null;
    }
    return "Expected no finding of severity "
        + severity
        + " or above, but found "
        + bad.size()
        + ":"
        + Texts.findings(bad);
  }

  static @Nullable String hasFinding(List<TargetResult> targets, String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    List<Finding> all = findings(targets);
    if (all.stream().anyMatch(f -> f.checkId().equals(checkId))) {
      return null;
    }
    return "Expected a finding of check "
        + checkId
        + ", but found none.\n  Results of "
        + checkId
        + ":"
        + Texts.results(results(targets, checkId))
        + "\n  Findings present:"
        + Texts.findings(all);
  }

  static @Nullable String hasNoFinding(List<TargetResult> targets, String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    List<Finding> bad =
        findings(targets).stream().filter(f -> f.checkId().equals(checkId)).toList();
    if (bad.isEmpty()) {
      return null;
    }
    return "Expected no finding of check "
        + checkId
        + ", but found "
        + bad.size()
        + ":"
        + Texts.findings(bad);
  }

  static @Nullable String hasResult(
      List<TargetResult> targets, String checkId, CheckResult.Status status) {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(status, "status");
    List<CheckResult> mine = results(targets, checkId);
    if (mine.stream().anyMatch(r -> r.status() == status)) {
      return null;
    }
    if (mine.isEmpty()) {
      return "Expected a result of check "
          + checkId
          + " with status "
          + status
          + ", but the check has no result.\n  Checks with results: "
          + targets.stream()
              .flatMap(t -> t.results().stream())
              .map(CheckResult::checkId)
              .distinct()
              .sorted()
              .collect(Collectors.joining(", ", "[", "]"))
          + "\n  Targets:"
          + Texts.list(targets.stream().map(Texts::target).toList());
    }
    return "Expected a result of check "
        + checkId
        + " with status "
        + status
        + ", but its results were:"
        + Texts.results(mine);
  }

  static @Nullable String noErrors(List<TargetResult> targets) {
    List<CheckResult> errors =
        targets.stream()
            .flatMap(t -> t.results().stream())
            .filter(r -> r.status() == CheckResult.Status.ERROR)
            .toList();
    List<TargetResult> failedTargets =
        targets.stream().filter(t -> t.status() == TargetResult.Status.ERROR).toList();
    if (errors.isEmpty() && failedTargets.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("Expected no errors, but found ");
    sb.append(errors.size()).append(" check result(s) in ERROR");
    if (!errors.isEmpty()) {
      sb.append(':').append(Texts.results(errors));
    }
    sb.append("\n  and ").append(failedTargets.size()).append(" target(s) ended ERROR");
    if (!failedTargets.isEmpty()) {
      sb.append(':').append(Texts.list(failedTargets.stream().map(Texts::target).toList()));
    }
    return sb.toString();
  }

  static List<Finding> findings(List<TargetResult> targets) {
    return targets.stream().flatMap(TargetResult::findings).toList();
  }

  static List<CheckResult> results(List<TargetResult> targets, String checkId) {
    return targets.stream()
        .flatMap(t -> t.results().stream())
        .filter(r -> r.checkId().equals(checkId))
        .toList();
  }
}
