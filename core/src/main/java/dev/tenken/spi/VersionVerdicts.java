package dev.tenken.spi;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Version;
import dev.tenken.Vulnerability;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.VulnerabilityMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns a {@link VulnerabilityCatalog}'s verdicts on a device's version into an {@link Outcome},
 * the same way in every module: one finding per affected entry (keyed by its id, severity from the
 * catalog, the fixed release of the device's branch in the remedy); PASS when every entry says not
 * affected; SKIP, saying so, when the catalog cannot decide for the version's branch — never a
 * guess. Stateless.
 */
public final class VersionVerdicts {
  private VersionVerdicts() {}

  /**
   * Assesses {@code version} of {@code product} against the entries {@code which} selects.
   *
   * @param source where the version was read, for the evidence ({@code "INFO server"})
   * @param confidence how far the version proves the flaw: {@link Confidence#TENTATIVE} for a
   *     banner alone, {@link Confidence#FIRM} when a precondition was also observed
   */
  public static Outcome assess(
      CheckContext context,
      Endpoint endpoint,
      VulnerabilityCatalog catalog,
      String product,
      Version version,
      Predicate<Vulnerability> which,
      String source,
      Confidence confidence) {
    List<Finding> findings = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> clean = new ArrayList<>();
    for (VulnerabilityMatch m : catalog.assess(product, version)) {
      Vulnerability v = m.vulnerability();
      if (!which.test(v)) {
        continue;
      }
      switch (m.verdict()) {
        case AFFECTED -> findings.add(finding(context, endpoint, m, source, confidence));
        case UNKNOWN -> unknown.add(v.id() + " (" + m.reason() + ")");
        case NOT_AFFECTED -> clean.add(v.id());
      }
    }
    if (!findings.isEmpty()) {
      return Outcome.fail(findings);
    }
    if (!unknown.isEmpty()) {
      return Outcome.skip(
          product + " " + version + ": the catalog cannot decide " + String.join("; ", unknown));
    }
    if (clean.isEmpty()) {
      return Outcome.skip("the catalog lists nothing for " + product);
    }
    return Outcome.pass(
        product
            + " "
            + version
            + " ("
            + source
            + ") is not affected by "
            + String.join(", ", clean));
  }

  private static Finding finding(
      CheckContext context,
      Endpoint endpoint,
      VulnerabilityMatch m,
      String source,
      Confidence confidence) {
    Vulnerability v = m.vulnerability();
    Finding.Builder b =
        context
            .finding(endpoint)
            .title(v.product() + " " + m.version() + " is affected by " + v.id() + ": " + v.title())
            .severity(v.severity())
            .confidence(confidence)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .key(v.id())
            .evidence("version", m.version().raw())
            .evidence("version source", source)
            .evidence("verdict", m.reason());
    m.fixedIn().ifPresent(f -> b.evidence("fixed in", f.raw()));
    if (v.id().matches("CVE-\\d{4}-\\d{4,}")) {
      b.reference(Reference.cve(v.id()));
    }
    b.references(v.references());
    String upgrade =
        m.fixedIn()
            .map(f -> "Upgrade to " + f.raw() + " or later in this release branch.")
            .orElse("No fixed release is listed for this branch: move to a supported branch.");
    return b.remediation(upgrade + " " + context.check().remediation()).build();
  }
}
