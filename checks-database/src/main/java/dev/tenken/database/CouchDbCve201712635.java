package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.util.Optional;

/**
 * {@code database.couchdb.cve-2017-12635}: by version only (before 1.7.0, 2.0.x, 2.1.0). The
 * exploit — a {@code PUT} of a {@code _users} document with two {@code roles} keys — creates an
 * admin user and is never sent; {@link SearchHttp} could not send it. Stateless.
 */
final class CouchDbCve201712635 extends SearchCheck {
  static final CouchDbCve201712635 INSTANCE = new CouchDbCve201712635();

  static final String CVE = "CVE-2017-12635";

  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(CouchDbCve201712635.class, "couchdb-catalog.json");

  private CouchDbCve201712635() {
    super(
        couch(
                "database.couchdb.cve-2017-12635",
                "CouchDB version affected by CVE-2017-12635 (privilege escalation to admin)")
            .description(
                "CouchDB before 1.7.0 and 2.x before 2.1.1 let any user who may create a _users"
                    + " document (by default anyone who can sign up) give themselves the _admin"
                    + " role through duplicate 'roles' keys; chained with CVE-2017-12636 it runs"
                    + " commands on the host. Judged by version alone: the exploit is never sent.")
            .remediation(
                "Upgrade CouchDB to a maintained 3.x release (at the very least 1.7.0 / 2.1.1).")
            .probe("GET / (version), compared with the catalog")
            .proof("a version before 1.7.0, or 2.0.0 to 2.1.0")
            .severity(Severity.CRITICAL)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cve(CVE),
                Reference.cve("CVE-2017-12636"),
                Reference.url("https://docs.couchdb.org/en/stable/cve/2017-12635.html"))
            .tags("cve", "version", "couchdb", "http")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root) {
    return assess(context, endpoint, root, CVE, Confidence.TENTATIVE);
  }

  /** The catalog's verdict on CVE {@code id} for the CouchDB version of {@code root}. */
  static Outcome assess(
      CheckContext context, Endpoint endpoint, SearchRoot root, String id, Confidence confidence) {
    if (root.kind() != SearchRoot.Kind.COUCHDB) {
      return Outcome.skip(root.notApplicable("CouchDB"));
    }
    Optional<Version> v = root.version();
    if (v.isEmpty()) {
      return Outcome.skip("CouchDB reported no readable version");
    }
    return VersionVerdicts.assess(
        context,
        endpoint,
        CATALOG,
        "couchdb",
        v.get(),
        vuln -> vuln.id().equals(id),
        "HTTP " + root.versionSource(),
        confidence);
  }
}
