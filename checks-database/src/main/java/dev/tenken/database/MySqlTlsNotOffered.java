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
import java.io.IOException;
import java.util.Map;

/**
 * {@code database.mysql.tls-not-offered}: the capability flags of the handshake lack {@code
 * CLIENT_SSL} (0x800), so clients can only talk to the server in cleartext. With the flag: PASS. An
 * error packet instead of a handshake: SKIP (nothing to judge). Reads the first packet only.
 * Stateless.
 */
final class MySqlTlsNotOffered implements Check {
  static final MySqlTlsNotOffered INSTANCE = new MySqlTlsNotOffered();

  private static final CheckDescriptor DESCRIPTOR =
      MySqlChecks.descriptor("database.mysql.tls-not-offered", "MySQL/MariaDB does not offer TLS")
          .description(
              "The server's handshake does not announce CLIENT_SSL: every login, query and result"
                  + " crosses the network in cleartext, readable and changeable on the path.")
          .remediation(
              "Configure a certificate and key (ssl_cert, ssl_key; MySQL 5.7+ and MariaDB 11.4+"
                  + " can generate them), and set require_secure_transport=ON or REQUIRE SSL for"
                  + " remote accounts.")
          .probe("connects and reads the handshake packet; sends nothing")
          .proof("handshake capability flags without CLIENT_SSL (0x800)")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .references(Reference.cwe(319), MySqlChecks.MYSQL_DOCS)
          .tags("tls", "cleartext")
          .build();

  private MySqlTlsNotOffered() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MySqlClient.Greeting g = MySqlChecks.greet(context, endpoint);
    if (!(g instanceof MySqlClient.Handshake h)) {
      MySqlClient.ErrorPacket e = (MySqlClient.ErrorPacket) g;
      return Outcome.skip(
          "no handshake to judge: the server answered error " + e.code() + " " + e.message());
    }
    String caps = "0x" + Integer.toHexString(h.capabilities());
    if (h.offersTls()) {
      return Outcome.pass(
          "the handshake announces CLIENT_SSL: TLS is offered",
          Map.of("capabilities", caps, "server version", h.serverVersion()));
    }
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .evidence("capabilities", caps + " (CLIENT_SSL 0x800 absent)")
            .evidence("server version", h.serverVersion());
    return Outcome.fail(f.build());
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
