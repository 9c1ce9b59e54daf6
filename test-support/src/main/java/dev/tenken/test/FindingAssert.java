package dev.tenken.test;

import dev.tenken.Confidence;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one {@link Finding}. Obtain one with {@link
 * TenkenAssertions#assertThat(Finding)}.
 *
 * <pre>{@code
 * assertThat(finding)
 *     .hasSeverity(Severity.HIGH)
 *     .hasConfidence(Confidence.CONFIRMED)
 *     .hasEvidenceContaining("redis_version")
 *     .hasReference("CWE-306");
 * }</pre>
 *
 * <p>Each assertion returns this object for chaining and fails with an {@link AssertionError}
 * naming the finding (severity, check id, endpoint, title), the expected and the actual value. A
 * {@code null} finding fails every assertion. Not thread-safe; the finding itself is immutable.
 */
public final class FindingAssert extends AbstractAssert<FindingAssert, Finding> {

  /** Assertions on {@code actual}; prefer {@link TenkenAssertions#assertThat(Finding)}. */
  public FindingAssert(@Nullable Finding actual) {
    super(actual, FindingAssert.class);
  }

  /**
   * Verifies the finding's severity (after any raise for a public address).
   *
   * @throws AssertionError naming the actual severity
   */
  public FindingAssert hasSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    Finding f = finding();
    if (f.severity() != severity) {
      fail(
          "Expected severity "
              + severity
              + " but was "
              + f.severity()
              + (f.raisedForPublicAddress() ? " (raised for a public address)" : "")
              + " in "
              + Texts.finding(f));
    }
    return myself;
  }

  /**
   * Verifies the finding's confidence.
   *
   * @throws AssertionError naming the actual confidence
   */
  public FindingAssert hasConfidence(Confidence confidence) {
    Objects.requireNonNull(confidence, "confidence");
    Finding f = finding();
    if (f.confidence() != confidence) {
      fail(
          "Expected confidence "
              + confidence
              + " but was "
              + f.confidence()
              + " in "
              + Texts.finding(f));
    }
    return myself;
  }

  /**
   * Verifies that the finding was reported by check {@code checkId}.
   *
   * @throws AssertionError naming the actual check id
   */
  public FindingAssert hasCheckId(String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    Finding f = finding();
    if (!f.checkId().equals(checkId)) {
      fail("Expected check id " + checkId + " but was " + f.checkId() + " in " + Texts.finding(f));
    }
    return myself;
  }

  /**
   * Verifies that some evidence value (case-sensitive) contains {@code text}.
   *
   * @throws AssertionError listing the evidence
   */
  public FindingAssert hasEvidenceContaining(String text) {
    Objects.requireNonNull(text, "text");
    Finding f = finding();
    if (f.evidence().values().stream().noneMatch(v -> v.contains(text))) {
      fail(
          "Expected evidence containing \""
              + Texts.oneLine(text)
              + "\" in "
              + Texts.finding(f)
              + ", but the evidence was:"
              + Texts.list(
                  f.evidence().entrySet().stream()
                      .map(FindingAssert::entry)
                      .collect(Collectors.toList())));
    }
    return myself;
  }

  /**
   * Verifies that the finding names the reference {@code id}: a CVE ({@code CVE-2025-49844}), a CWE
   * ({@code CWE-306}) or a URL, compared exactly (CVE and CWE ids ignoring case).
   *
   * @throws AssertionError listing the references
   */
  public FindingAssert hasReference(String id) {
    Objects.requireNonNull(id, "id");
    Finding f = finding();
    boolean found =
        f.references().stream()
            .anyMatch(
                r ->
                    r.kind() == Reference.Kind.URL
                        ? r.id().equals(id)
                        : r.id().equalsIgnoreCase(id));
    if (!found) {
      fail(
          "Expected reference "
              + id
              + " in "
              + Texts.finding(f)
              + ", but the references were "
              + f.references().stream()
                  .map(Reference::id)
                  .collect(Collectors.joining(", ", "[", "]")));
    }
    return myself;
  }

  private static String entry(Map.Entry<String, String> e) {
    return e.getKey() + ": " + Texts.shorten(Texts.oneLine(e.getValue()), 200);
  }

  private Finding finding() {
    isNotNull();
    return actual;
  }

  private void fail(String message) {
    failWithMessage(Texts.literal(message));
  }
}
