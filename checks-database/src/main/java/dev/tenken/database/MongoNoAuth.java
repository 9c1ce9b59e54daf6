package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code database.mongodb.no-auth}: {@code listDatabases} with {@code nameOnly: true} on {@code
 * admin}, without credentials. Success proves access control is off (FAIL, with the database names
 * and, when {@code getLog startupWarnings} shows it, the server's own "access control is not
 * enabled" warning); {@code Unauthorized} (code 13) is the PASS, with the server's words as
 * evidence; any other refusal is an ERROR. Reads names only, never documents. Stateless and
 * thread-safe.
 */
final class MongoNoAuth implements Check {
  static final MongoNoAuth INSTANCE = new MongoNoAuth();

  /** Most database names put into evidence. */
  static final int MAX_NAMES = 10;

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.no-auth", "MongoDB lets anyone read it without authentication")
          .description(
              "The server runs without access control: anyone who reaches the port can list,"
                  + " read, change and delete every database. Unprotected MongoDB servers are"
                  + " routinely emptied and held for ransom.")
          .remediation(
              "Enable access control (security.authorization: enabled, or --auth), create an"
                  + " administrator and per-application users with least privilege, and restrict"
                  + " network access to the port.")
          .probe(
              "OP_MSG hello, then listDatabases with nameOnly: true on admin (names only); when"
                  + " that succeeds, getLog startupWarnings")
          .proof(
              "listDatabases answers ok: 1 without a login; Unauthorized (code 13) is recorded"
                  + " as the PASS")
          .severity(Severity.CRITICAL)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.mongodb.com/docs/manual/tutorial/enable-authentication/"),
              MongoChecks.SECURITY_CHECKLIST)
          .tags("no-auth", "authentication", "mongodb")
          .build();

  private MongoNoAuth() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** What {@code listDatabases} without credentials showed. */
  record Probe(boolean open, Map<String, Object> reply) {}

  /** Sends {@code listDatabases nameOnly} on a fresh connection after the handshake. */
  static Probe listDatabases(MongoWire wire) throws IOException {
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put("listDatabases", 1);
    cmd.put("nameOnly", true);
    Map<String, Object> reply = wire.command("admin", cmd);
    return new Probe(MongoWire.ok(reply), reply);
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of())) {
      Probe probe = listDatabases(h.wire());
      Map<String, Object> reply = probe.reply();
      if (!probe.open()) {
        if (MongoWire.code(reply) == MongoWire.UNAUTHORIZED
            || "Unauthorized".equals(reply.get("codeName"))) {
          return Outcome.pass(
              "listDatabases without credentials was refused: " + MongoWire.errorText(reply),
              Map.of("listDatabases", MongoWire.errorText(reply)));
        }
        return Outcome.error(
            "listDatabases failed for another reason than a missing login: "
                + MongoWire.errorText(reply));
      }
      if (!(reply.get("databases") instanceof List<?> databases)) {
        throw new ProtocolException("listDatabases reply without a databases array");
      }
      List<String> names = new ArrayList<>();
      for (Object o : databases) {
        if (o instanceof Map<?, ?> db && db.get("name") instanceof String name) {
          if (names.size() < MAX_NAMES) {
            names.add(MongoBson.shorten(name));
          }
        }
      }
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("listDatabases")
              .title(
                  "MongoDB lists its "
                      + databases.size()
                      + " database(s) to a client that did not log in")
              .evidence("listDatabases", "ok: 1 without credentials")
              .evidence("databases", Integer.toString(databases.size()))
              .evidence(
                  "database names",
                  String.join(", ", names) + (databases.size() > names.size() ? ", ..." : ""));
      startupWarning(h.wire()).ifPresent(w -> f.evidence("startup warning", w));
      return Outcome.fail(f.build());
    }
  }

  /** The "access control is not enabled" startup warning, when the server logged it. */
  private static java.util.Optional<String> startupWarning(MongoWire wire) throws IOException {
    Map<String, Object> reply = wire.command("admin", Map.of("getLog", "startupWarnings"));
    if (!MongoWire.ok(reply) || !(reply.get("log") instanceof List<?> lines)) {
      return java.util.Optional.empty();
    }
    for (Object line : lines) {
      if (line instanceof String s
          && s.toLowerCase(Locale.ROOT).contains("access control is not enabled")) {
        return java.util.Optional.of("Access control is not enabled for the database");
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
