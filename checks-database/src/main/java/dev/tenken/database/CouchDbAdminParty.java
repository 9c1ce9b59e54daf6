package dev.tenken.database;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
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
import java.util.Map;

/**
 * {@code database.couchdb.admin-party}: CouchDB runs in "admin party" mode, where every anonymous
 * request is a server admin. {@code GET /_session} without credentials shows who the caller is: a
 * {@code userCtx} with no name and the role {@code _admin} is the proof. CouchDB 3.0 refuses to
 * start without an admin, so this is mostly 1.x and 2.x. Stateless.
 */
final class CouchDbAdminParty extends SearchCheck {
  static final CouchDbAdminParty INSTANCE = new CouchDbAdminParty();

  private CouchDbAdminParty() {
    super(
        couch("database.couchdb.admin-party", "CouchDB admin party: anonymous requests are admin")
            .description(
                "No server admin is configured, so CouchDB treats every anonymous request as a"
                    + " server admin: anyone who reaches the port can read, change and delete"
                    + " every database, create users and change the configuration (which leads"
                    + " to code execution on the host).")
            .remediation(
                "Create a server admin (CouchDB 3 requires one at start-up), upgrade to a"
                    + " maintained 3.x release, and keep port 5984 off untrusted networks.")
            .probe("GET /_session without credentials")
            .proof("userCtx with name null and the role _admin; roles [] (or a 401) is the PASS")
            .severity(Severity.CRITICAL)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(306),
                Reference.cwe(1188),
                Reference.url("https://docs.couchdb.org/en/stable/intro/security.html"))
            .tags("no-auth", "couchdb", "http", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root)
      throws IOException {
    if (root.kind() != SearchRoot.Kind.COUCHDB) {
      return Outcome.skip(root.notApplicable("CouchDB"));
    }
    HttpReply reply = http.get(endpoint, root, SearchHttp.SESSION);
    if (refused(reply)) {
      return Outcome.pass(refusal("/_session", reply));
    }
    if (reply.status() != 200) {
      return Outcome.error(
          "GET /_session answered " + reply.status() + ", neither a session nor a refusal");
    }
    JsonNode body = SearchJson.parse(reply, "GET /_session");
    JsonNode ctx = body.get("userCtx");
    if (ctx == null || !ctx.isObject()) {
      throw new ProtocolException("GET /_session: no userCtx object in the reply");
    }
    JsonNode rolesNode = ctx.get("roles");
    if (rolesNode == null || !rolesNode.isArray()) {
      throw new ProtocolException("GET /_session: userCtx.roles is not a list");
    }
    List<String> roles = new ArrayList<>();
    for (JsonNode r : rolesNode) {
      roles.add(r.isTextual() ? r.asText() : r.toString());
    }
    JsonNode name = ctx.get("name");
    boolean anonymous = name == null || name.isNull();
    String shown =
        "userCtx {name: "
            + (anonymous ? "null" : "\"" + SearchJson.shown(name.asText()) + "\"")
            + ", roles: ["
            + SearchJson.list(roles, 10)
            + "]}";
    if (anonymous && roles.contains("_admin")) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .title(root.label() + " is in admin party: anonymous requests have the _admin role")
              .confidence(confidence(root, Confidence.CONFIRMED))
              .key("admin-party")
              .evidence("request", "GET /_session without credentials")
              .evidence("session", shown)
              .build());
    }
    if (!anonymous) {
      return Outcome.error(
          "GET /_session without credentials answered a named user; cannot judge: " + shown);
    }
    return Outcome.pass(
        "GET /_session without credentials: " + shown + " (no admin role for anonymous requests)",
        Map.of("session", shown));
  }
}
