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
 * {@code database.mysql.exposed-version}: reads the server's first packet only. A protocol-10
 * handshake discloses the product and exact version, the default authentication plugin and the
 * capability flags to anyone who connects: an info finding (raised for public addresses). An error
 * packet instead (such as 1130, host not allowed) discloses no version: PASS with that evidence.
 * Stateless.
 */
final class MySqlExposedVersion implements Check {
  static final MySqlExposedVersion INSTANCE = new MySqlExposedVersion();

  private static final CheckDescriptor DESCRIPTOR =
      MySqlChecks.descriptor(
              "database.mysql.exposed-version",
              "MySQL/MariaDB discloses its version to anyone who connects")
          .description(
              "The server sends its initial handshake, with product and exact version, default"
                  + " authentication plugin and capabilities, to this address before any login:"
                  + " the database is reachable from here and tells attackers which flaws apply.")
          .remediation(
              "Keep the database off networks that do not need it (bind-address, firewall);"
                  + " grant accounts only for the client hosts that need them, so other hosts get"
                  + " error 1130 instead of a handshake.")
          .probe("connects and reads the first packet; sends nothing")
          .proof("a protocol-10 handshake packet with a server version")
          .severity(Severity.INFO)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .references(Reference.cwe(200), MySqlChecks.MYSQL_DOCS)
          .tags("exposure", "inventory")
          .build();

  private MySqlExposedVersion() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MySqlClient.Greeting g = MySqlChecks.greet(context, endpoint);
    if (g instanceof MySqlClient.Handshake h) {
      Finding.Builder f =
          context
              .finding(endpoint)
              .title(
                  ("mariadb".equals(h.product()) ? "MariaDB " : "MySQL ")
                      + h.productVersion()
                      + " discloses its version to anyone who connects")
              .confidence(Confidence.CONFIRMED);
      MySqlChecks.evidence(h).forEach(f::evidence);
      f.evidence("product", h.product());
      return Outcome.fail(f.build());
    }
    MySqlClient.ErrorPacket e = (MySqlClient.ErrorPacket) g;
    return Outcome.pass(
        "no version disclosed: the server answered error " + e.code() + " before any handshake",
        Map.of("error", e.code() + " " + e.message()));
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
