package dev.tenken.database;

import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code database.couchdb.cve-2022-24706}: CouchDB before 3.2.2, whose packages started the Erlang
 * distribution with a well-known default cookie reachable from the network (admin and code
 * execution without credentials). The version decides; when it is affected, the check asks EPMD
 * (port 4369) on the same host for its registered nodes with the read-only {@code NAMES} request
 * ({@link CouchDbEpmd}): a node listed there means the distribution port is reachable, and the
 * finding is FIRM instead of TENTATIVE. No Erlang handshake, no cookie is ever sent. Stateless.
 */
final class CouchDbCve202224706 extends SearchCheck {
  static final CouchDbCve202224706 INSTANCE = new CouchDbCve202224706();

  static final String CVE = "CVE-2022-24706";

  private CouchDbCve202224706() {
    super(
        couch(
                "database.couchdb.cve-2022-24706",
                "CouchDB version affected by CVE-2022-24706 (default Erlang cookie, remote admin)")
            .description(
                "CouchDB before 3.2.2 was packaged with a default Erlang cookie and its"
                    + " distribution port open: anyone who reaches EPMD (4369) and the node's"
                    + " port can join the Erlang cluster and run code as CouchDB. Judged by"
                    + " version; EPMD answering a NAMES request raises the confidence.")
            .remediation(
                "Upgrade to CouchDB 3.2.2 or later, set a random Erlang cookie (vm.args"
                    + " -setcookie), and firewall ports 4369 and the distribution range so that"
                    + " only cluster members reach them.")
            .probe(
                "GET / (version); when affected, EPMD NAMES_REQ (00 01 6E) to port 4369 on the"
                    + " same host")
            .proof("a version up to 3.2.1 (TENTATIVE), and EPMD listing the node (FIRM)")
            .severity(Severity.CRITICAL)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cve(CVE),
                Reference.cwe(1188),
                Reference.url("https://docs.couchdb.org/en/stable/cve/2022-24706.html"))
            .tags("cve", "version", "couchdb", "epmd", "http")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root) {
    Outcome byVersion =
        CouchDbCve201712635.assess(context, endpoint, root, CVE, Confidence.TENTATIVE);
    if (byVersion.status() != CheckResult.Status.FAIL) {
      return byVersion;
    }
    Optional<List<CouchDbEpmd.Node>> nodes = CouchDbEpmd.names(context, endpoint);
    List<Finding> findings = new ArrayList<>();
    for (Finding f : byVersion.findings()) {
      Finding.Builder b = f.toBuilder();
      if (nodes.isPresent() && !nodes.get().isEmpty()) {
        List<String> shown = new ArrayList<>();
        for (CouchDbEpmd.Node n : nodes.get()) {
          shown.add(n.name() + " at port " + n.port());
        }
        b.confidence(root.catchAll() ? Confidence.TENTATIVE : Confidence.FIRM)
            .evidence(
                "EPMD",
                "NAMES on port " + epmdPort(context) + " lists " + SearchJson.list(shown, 5));
      } else {
        b.evidence(
            "EPMD",
            "no EPMD answer on port " + epmdPort(context) + " from here: judged by version alone");
      }
      findings.add(b.build());
    }
    return Outcome.fail(findings);
  }

  private static String epmdPort(CheckContext context) {
    return context.option(CouchDbEpmd.PORT_OPTION).map(String::strip).orElse("4369");
  }
}
