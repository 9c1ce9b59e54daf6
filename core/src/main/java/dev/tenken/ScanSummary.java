package dev.tenken;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The counts of a finished scan. Every admitted target is counted in exactly one target status, so
 * the target counts add up to {@link #targets()}.
 *
 * @param started when the scan started
 * @param finished when it ended
 * @param cancelled whether it was cancelled
 * @param targets targets admitted (this shard's only, when sharded)
 * @param targetsByStatus targets per terminal state (every state present, zero when none)
 * @param resultsByStatus check results per status (every status present)
 * @param findingsBySeverity findings per severity (every severity present)
 * @param listenerErrors exceptions thrown by listeners and swallowed
 */
public record ScanSummary(
    Instant started,
    Instant finished,
    boolean cancelled,
    long targets,
    Map<TargetResult.Status, Long> targetsByStatus,
    Map<CheckResult.Status, Long> resultsByStatus,
    Map<Severity, Long> findingsBySeverity,
    long listenerErrors) {

  public ScanSummary {
    targetsByStatus = Map.copyOf(targetsByStatus);
    resultsByStatus = Map.copyOf(resultsByStatus);
    findingsBySeverity = Map.copyOf(findingsBySeverity);
  }

  /** Wall time of the scan. */
  public Duration elapsed() {
    return Duration.between(started, finished);
  }

  /** Total findings. */
  public long findings() {
    return findingsBySeverity.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The most severe finding's severity, if there is any finding. */
  public Optional<Severity> worstSeverity() {
    Severity worst = null;
    for (Severity s : Severity.values()) {
      if (findingsBySeverity.getOrDefault(s, 0L) > 0) {
        worst = s;
      }
    }
    return Optional.ofNullable(worst);
  }
}
