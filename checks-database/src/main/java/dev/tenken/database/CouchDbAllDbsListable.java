package dev.tenken.database;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code database.couchdb.all-dbs-listable}: {@code GET /_all_dbs} lists the database names without
 * credentials (CouchDB before 3.0 allows it by default; 3.x makes it admin-only with {@code
 * admin_only_all_dbs}). Names that look like ransom notes add a critical inventory finding. A list
 * longer than the read cap is read up to the cap. Stateless.
 */
final class CouchDbAllDbsListable extends SearchCheck {
  static final CouchDbAllDbsListable INSTANCE = new CouchDbAllDbsListable();

  private CouchDbAllDbsListable() {
    super(
        couch(
                "database.couchdb.all-dbs-listable",
                "CouchDB database list readable without authentication")
            .description(
                "Anyone who reaches the port can list every database name, the map of what to"
                    + " read next; databases that are themselves readable anonymously leak their"
                    + " documents too. Names that are ransom notes show the server has probably"
                    + " been wiped already.")
            .remediation(
                "Upgrade to CouchDB 3.x (admin_only_all_dbs is on by default) or set [chttpd]"
                    + " admin_only_all_dbs = true, give every database a _security object with"
                    + " members, and keep port 5984 off untrusted networks.")
            .probe("GET /_all_dbs without credentials")
            .proof("200 with a JSON list of database names; a 401/403 is the PASS")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(306),
                Reference.cwe(200),
                Reference.url(
                    "https://docs.couchdb.org/en/stable/config/http.html#chttpd/admin_only_all_dbs"))
            .tags("no-auth", "couchdb", "http", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root)
      throws IOException {
    if (root.kind() != SearchRoot.Kind.COUCHDB) {
      return Outcome.skip(root.notApplicable("CouchDB"));
    }
    HttpReply reply = http.get(endpoint, root, SearchHttp.ALL_DBS);
    if (refused(reply)) {
      return Outcome.pass(refusal("/_all_dbs", reply));
    }
    if (reply.status() != 200) {
      return Outcome.error(
          "GET /_all_dbs answered " + reply.status() + ", neither a list nor a refusal");
    }
    SearchJson.Listing listing = SearchJson.readArray(reply, "GET /_all_dbs");
    List<String> names = new ArrayList<>();
    for (JsonNode e : listing.elements()) {
      if (!e.isTextual()) {
        throw new ProtocolException("GET /_all_dbs: an entry is not a database name");
      }
      names.add(e.asText());
    }
    String total = (listing.cut() ? "at least " : "") + names.size();
    Confidence confidence = confidence(root, Confidence.CONFIRMED);
    Finding.Builder f =
        context
            .finding(endpoint)
            .title(root.label() + " lists its databases to anyone (" + total + " databases)")
            .confidence(confidence)
            .key("all-dbs")
            .evidence("request", "GET /_all_dbs without credentials")
            .evidence("databases", total)
            .evidence(
                "database names",
                names.isEmpty() ? "(none)" : SearchJson.list(names, ElasticIndicesListable.SHOWN));
    if (listing.cut()) {
      f.evidence(
          "list cut",
          "the reply was longer than the read cap (" + reply.bodyLength() + " bytes read)");
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(f.build());
    List<String> notes = SearchRansomNotes.matches(names);
    if (!notes.isEmpty()) {
      findings.add(
          ElasticIndicesListable.ransomFinding(
              context, endpoint, root, notes, confidence, "database"));
    }
    return Outcome.fail(findings);
  }
}
