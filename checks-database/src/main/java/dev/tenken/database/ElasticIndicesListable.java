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
import java.util.Optional;

/**
 * {@code database.elasticsearch.indices-listable}: the index list (names, document counts, sizes)
 * is readable without credentials. Reads metadata only ({@code _cat/indices}), never a document.
 * Index names that look like ransom notes ({@link SearchRansomNotes}) add a critical inventory
 * finding: the cluster has probably been wiped already. A list longer than the read cap is read up
 * to the cap: the entries read prove the exposure, and the count says "at least". Stateless.
 */
final class ElasticIndicesListable extends SearchCheck {
  static final ElasticIndicesListable INSTANCE = new ElasticIndicesListable();

  /** Index names shown in evidence. */
  static final int SHOWN = 20;

  private ElasticIndicesListable() {
    super(
        elastic(
                "database.elasticsearch.indices-listable",
                "Elasticsearch/OpenSearch index list readable without authentication")
            .description(
                "Anyone who reaches the port can list every index with its document count and"
                    + " size, the map an attacker uses to pick what to copy or delete. Index names"
                    + " that are ransom notes (read_me, warning, *-meow...) show the data has"
                    + " probably been deleted already.")
            .remediation(
                "Turn security on so that _cat and every other API need credentials, and keep"
                    + " the port off untrusted networks. If ransom-note indices are present,"
                    + " treat the cluster as compromised: restore from a backup and rotate"
                    + " credentials; do not pay.")
            .probe("GET /_cat/indices?format=json&h=index,docs.count,store.size (metadata only)")
            .proof(
                "200 with a JSON list of indices; ransom-note names add an indicator of"
                    + " compromise; a 401/403 is the PASS")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(306),
                Reference.cwe(200),
                Reference.url(
                    "https://www.elastic.co/guide/en/elasticsearch/reference/current/cat-indices.html"))
            .tags(
                "no-auth", "elasticsearch", "opensearch", "http", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root)
      throws IOException {
    if (!root.isSearch()) {
      return Outcome.skip(root.notApplicable("Elasticsearch or OpenSearch"));
    }
    HttpReply reply = http.get(endpoint, root, SearchHttp.CAT_INDICES);
    if (refused(reply)) {
      return Outcome.pass(refusal("/_cat/indices", reply));
    }
    if (reply.status() != 200) {
      return Outcome.error(
          "GET /_cat/indices answered " + reply.status() + ", neither a list nor a refusal");
    }
    SearchJson.Listing listing = SearchJson.readArray(reply, "GET /_cat/indices");
    List<String> names = new ArrayList<>();
    long docs = 0;
    for (JsonNode e : listing.elements()) {
      Optional<String> name = SearchJson.text(e, "index");
      if (name.isEmpty()) {
        throw new ProtocolException("GET /_cat/indices: an entry without an index name");
      }
      names.add(name.get());
      long n = count(e);
      docs = docs > Long.MAX_VALUE - n ? Long.MAX_VALUE : docs + n;
    }
    String total = (listing.cut() ? "at least " : "") + names.size();
    Confidence confidence = confidence(root, Confidence.CONFIRMED);
    Finding.Builder f =
        context
            .finding(endpoint)
            .title(root.label() + " lists its indices to anyone (" + total + " indices)")
            .confidence(confidence)
            .key("indices")
            .evidence("request", "GET /_cat/indices without credentials")
            .evidence("indices", total)
            .evidence("documents", (listing.cut() ? "at least " : "") + docs)
            .evidence("index names", names.isEmpty() ? "(none)" : SearchJson.list(names, SHOWN));
    if (listing.cut()) {
      f.evidence(
          "list cut",
          "the reply was longer than the read cap (" + reply.bodyLength() + " bytes read)");
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(f.build());
    List<String> notes = SearchRansomNotes.matches(names);
    if (!notes.isEmpty()) {
      findings.add(ransomFinding(context, endpoint, root, notes, confidence, "index"));
    }
    return Outcome.fail(findings);
  }

  /** The indicator-of-compromise finding for ransom-note names. */
  static Finding ransomFinding(
      CheckContext context,
      Endpoint endpoint,
      SearchRoot root,
      List<String> notes,
      Confidence confidence,
      String kind) {
    return context
        .finding(endpoint)
        .title("Indicator of compromise: " + root.label() + " holds ransom-note " + kind + " names")
        .severity(Severity.CRITICAL)
        .countermeasure(Countermeasure.INVENTORY)
        .confidence(confidence == Confidence.CONFIRMED ? Confidence.FIRM : confidence)
        .description(
            "Campaigns against open databases delete the data and leave a "
                + kind
                + " named like a note (read_me, warning, how_to_recover, *-meow) demanding"
                + " payment. Such names mean the data has probably been deleted or copied.")
        .remediation(
            "Treat the server as compromised: isolate it, restore from a backup, turn"
                + " authentication on and rotate credentials before reconnecting it; do not pay.")
        .key("ransom-note")
        .evidence(kind + " names", SearchJson.list(notes, SHOWN))
        .evidence("matched", notes.size() + " name(s)")
        .build();
  }

  private static long count(JsonNode entry) {
    JsonNode c = entry.get("docs.count");
    if (c == null || c.isNull()) {
      return 0;
    }
    if (c.isNumber()) {
      return Math.max(0, c.asLong());
    }
    String s = c.asText("");
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    return Long.parseLong(s);
  }
}
