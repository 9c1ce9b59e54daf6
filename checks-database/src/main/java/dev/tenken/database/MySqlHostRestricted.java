package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code database.mysql.host-restricted}, a PASS check: the server refuses this host with error
 * 1130 ("Host ... is not allowed to connect to this MySQL server") before any handshake, which
 * proves that its account host allow-list works for this vantage point — recorded as PASS with the
 * error as evidence.
 *
 * <p>Decision: a handshake instead means the server accepts connections from this network; that is
 * an <b>info</b> FAIL ("accepts connections from this network"), since whether this network should
 * reach the database is the operator's call — the severity is raised for public addresses. Any
 * other error (1040 too many connections, 1129 host blocked after errors) proves neither: ERROR
 * with the code. Reads the first packet only. Stateless.
 */
final class MySqlHostRestricted implements Check {
  static final MySqlHostRestricted INSTANCE = new MySqlHostRestricted();

  private static final CheckDescriptor DESCRIPTOR =
      MySqlChecks.descriptor(
              "database.mysql.host-restricted",
              "MySQL/MariaDB accepts connections from this network")
          .description(
              "The server greets this address with a handshake instead of refusing it with error"
                  + " 1130: its accounts admit connections from here (a '%' host or a matching"
                  + " pattern), so any weakness in authentication is reachable from this network.")
          .remediation(
              "Create accounts only for the client hosts that need them (user@'10.0.0.5', not"
                  + " user@'%'), bind the server to internal interfaces and firewall the port.")
          .probe("connects and reads the first packet; sends nothing")
          .proof(
              "a handshake (FAIL, info) rather than error 1130 'Host ... is not allowed to"
                  + " connect' (PASS)")
          .severity(Severity.INFO)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .references(
              Reference.url(
                  "https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html"))
          .tags("exposure", "allow-list")
          .build();

  private MySqlHostRestricted() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MySqlClient.Greeting g = MySqlChecks.greet(context, endpoint);
    if (g instanceof MySqlClient.Handshake h) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .evidence("answer", "protocol-10 handshake (no error 1130)")
              .evidence("server version", h.serverVersion())
              .build());
    }
    MySqlClient.ErrorPacket e = (MySqlClient.ErrorPacket) g;
    if (e.code() == MySqlClient.ER_HOST_NOT_PRIVILEGED) {
      Map<String, String> ev = new LinkedHashMap<>();
      ev.put("error", String.valueOf(e.code()));
      ev.put("message", e.message());
      return Outcome.pass(
          "the server refuses this host before the handshake (error 1130): its allow-list works",
          ev);
    }
    return Outcome.error(
        "the server answered error " + e.code() + " (" + e.message() + "), which proves neither");
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
