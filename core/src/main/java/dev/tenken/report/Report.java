package dev.tenken.report;

import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything one scan found: one model that every output format is rendered from. Immutable and
 * thread-safe.
 *
 * @param tool the tool's name, {@code Tenken}
 * @param version the tool's version
 * @param checks the descriptors of every check the runner had, in its order
 * @param targets one result per admitted target, in admission order
 * @param summary the counts
 * @param locale the language of the findings and of the checks' texts, for writers to pick their
 *     labels in ({@link Locale#ENGLISH} unless the runner was given another)
 */
public record Report(
    String tool,
    String version,
    List<CheckDescriptor> checks,
    List<TargetResult> targets,
    ScanSummary summary,
    Locale locale) {

  public Report {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(version, "version");
    checks = List.copyOf(checks);
    targets = List.copyOf(targets);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(locale, "locale");
  }

  /** An English report. */
  public Report(
      String tool,
      String version,
      List<CheckDescriptor> checks,
      List<TargetResult> targets,
      ScanSummary summary) {
    this(tool, version, checks, targets, summary, Locale.ENGLISH);
  }

  /** Every check result of every target. */
  public Stream<CheckResult> results() {
    return targets.stream().flatMap(t -> t.results().stream());
  }

  /** Every finding of every target. */
  public Stream<Finding> findings() {
    return targets.stream().flatMap(TargetResult::findings);
  }

  /** The findings at or above {@code severity}. */
  public List<Finding> findingsAtLeast(Severity severity) {
    return findings().filter(f -> f.severity().isAtLeast(severity)).toList();
  }
}
