package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.mysql.version-eol-cve}: the version from the handshake, judged per product and
 * release branch against {@code mysql-catalog.json}: an end-of-life branch (MySQL 5.7 ended
 * 2023-10-31, 8.0 ended 2026-04-30; MariaDB 10.6 ended 2026-07-06...) and the known CVEs of the
 * branch (CVE-2012-2122), through {@link VersionVerdicts}.
 *
 * <p>MariaDB is its own product: {@code 5.5.5-10.11.6-MariaDB} is MariaDB 10.11.6 (the {@code
 * 5.5.5-} prefix is a replication-compatibility marker) and is never judged by MySQL's branches.
 * TiDB, which announces a MySQL-compatible version ({@code 5.7.25-TiDB-v7.5.0}), is not judged at
 * all. Percona Server and distribution builds ({@code 8.0.36-0ubuntu0.22.04.1}) follow MySQL's
 * branches. A branch the catalog does not list is a SKIP; findings are {@link Confidence#FIRM} for
 * end of life, {@link Confidence#TENTATIVE} for CVEs (a banner alone; backports are invisible).
 * Reads the first packet only. Stateless; "today" is the runner's clock ({@link
 * CheckContext#today()}).
 */
final class MySqlVersionEolCve implements Check {
  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(MySqlVersionEolCve.class, "mysql-catalog.json");

  static final MySqlVersionEolCve INSTANCE = new MySqlVersionEolCve();

  private static final CheckDescriptor DESCRIPTOR =
      MySqlChecks.descriptor(
              "database.mysql.version-eol-cve",
              "MySQL/MariaDB runs an end-of-life branch or a version with known flaws")
          .description(
              "The version the server announces belongs to a release branch that no longer gets"
                  + " security fixes, or is older than the fix of a known vulnerability in its"
                  + " branch.")
          .remediation(
              "Upgrade to a supported release: MySQL 8.4 LTS, or a supported MariaDB LTS (10.11,"
                  + " 11.4, 11.8), at its latest minor release.")
          .probe("connects and reads the handshake packet; sends nothing")
          .proof("server version in an end-of-life branch, or below a branch's fixed release")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .references(
              Reference.cwe(1104),
              Reference.cve("CVE-2012-2122"),
              Reference.url("https://www.mysql.com/support/eol-notice.html"),
              Reference.url("https://mariadb.org/about/#maintenance-policy"))
          .tags("eol", "version", "cve")
          .build();

  private MySqlVersionEolCve() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MySqlClient.Greeting g = MySqlChecks.greet(context, endpoint);
    if (!(g instanceof MySqlClient.Handshake h)) {
      MySqlClient.ErrorPacket e = (MySqlClient.ErrorPacket) g;
      return Outcome.skip("version unknown: the server answered error " + e.code() + " first");
    }
    return assess(h, endpoint, context, context.today());
  }

  static Outcome assess(
      MySqlClient.Handshake h, Endpoint endpoint, CheckContext context, LocalDate today) {
    String product = h.product();
    if (product.equals("tidb")) {
      return Outcome.skip(
          "TiDB announces a MySQL-compatible version ("
              + h.serverVersion()
              + "); not judged by MySQL's branches");
    }
    Optional<Version> parsed = Version.parse(h.productVersion());
    if (parsed.isEmpty()) {
      return Outcome.skip("version unknown: '" + h.serverVersion() + "' is no version");
    }
    Version v = parsed.get();
    String name = product.equals("mariadb") ? "MariaDB" : "MySQL";
    List<Finding> findings = new ArrayList<>();
    Optional<VulnerabilityCatalog.EndOfLife> eol = CATALOG.endOfLife(product, v, today);
    eol.filter(VulnerabilityCatalog.EndOfLife::past)
        .ifPresent(
            e ->
                findings.add(
                    context
                        .finding(endpoint)
                        .title(
                            name
                                + " "
                                + v
                                + " runs branch "
                                + e.branch()
                                + ", past its end of life on "
                                + e.date())
                        .confidence(Confidence.FIRM)
                        .evidence("server version", h.serverVersion())
                        .evidence("product", product)
                        .evidence("branch", e.branch())
                        .evidence("end of life", e.date().toString())
                        .key("eol-" + e.branch())
                        .build()));
    Outcome cves =
        VersionVerdicts.assess(
            context,
            endpoint,
            CATALOG,
            product,
            v,
            x -> true,
            "MySQL handshake server version",
            Confidence.TENTATIVE);
    if (cves.status() == CheckResult.Status.FAIL) {
      findings.addAll(cves.findings());
    }
    if (!findings.isEmpty()) {
      return Outcome.fail(findings);
    }
    if (eol.isEmpty()) {
      return Outcome.skip(
          name + " " + v + ": the catalog lists no end of life for its branch; not judged");
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("server version", h.serverVersion());
    ev.put("product", product);
    ev.put("branch", eol.get().branch());
    ev.put("end of life", eol.get().date().toString());
    ev.put("CVEs", cves.detail());
    return Outcome.pass(
        name
            + " "
            + v
            + ": branch "
            + eol.get().branch()
            + " is supported until "
            + eol.get().date()
            + "; no listed CVE applies",
        ev);
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
