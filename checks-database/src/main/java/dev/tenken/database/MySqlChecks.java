package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Version;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ServiceProbe;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The MySQL and MariaDB checks (table A.2 rows 36-39 and 41), all from the server's first packet
 * read by {@link MySqlClient} over {@link CheckContext#connect}, plus one empty-password login.
 * Stateless.
 */
final class MySqlChecks {
  static final String SERVICE = "mysql";
  static final int PORT = 3306;

  private MySqlChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        MySqlExposedVersion.INSTANCE,
        MySqlTlsNotOffered.INSTANCE,
        MySqlHostRestricted.INSTANCE,
        MySqlEmptyPassword.INSTANCE,
        MySqlVersionEolCve.INSTANCE);
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(MySqlServiceProbe.INSTANCE);
  }

  /** A descriptor builder pre-filled with the service, port and tag. */
  static CheckDescriptor.Builder descriptor(String id, String title) {
    return CheckDescriptor.builder(id, title)
        .services(SERVICE)
        .ports(PORT)
        .tags("mysql", "mariadb");
  }

  /** Opens a connection and reads the server's first packet; identifies the product from it. */
  static MySqlClient.Greeting greet(CheckContext context, Endpoint endpoint) throws IOException {
    try (MySqlClient client = MySqlClient.open(context, endpoint)) {
      MySqlClient.Greeting g = client.greeting();
      if (g instanceof MySqlClient.Handshake h) {
        identify(context, h);
      }
      return g;
    }
  }

  /** Reports product, version and a CPE-like name read from the handshake. */
  static void identify(CheckContext context, MySqlClient.Handshake h) {
    var facts = context.facts();
    String source = "MySQL handshake server version";
    String product = h.product();
    facts.identify(DeviceIdentity.Attribute.PRODUCT, product, source, Confidence.FIRM);
    facts.identify(DeviceIdentity.Attribute.VERSION, h.productVersion(), source, Confidence.FIRM);
    String vendor =
        switch (product) {
          case "mariadb" -> "mariadb:mariadb";
          case "tidb" -> "pingcap:tidb";
          default -> "oracle:mysql";
        };
    Version.parse(h.productVersion())
        .ifPresent(
            v ->
                facts.identify(
                    DeviceIdentity.Attribute.CPE,
                    "cpe:2.3:a:" + vendor + ":" + v.normalized(),
                    source,
                    Confidence.FIRM));
  }

  /** Evidence of a handshake. */
  static Map<String, String> evidence(MySqlClient.Handshake h) {
    return Map.of(
        "server version",
        h.serverVersion(),
        "auth plugin",
        h.authPlugin().isEmpty() ? "(not announced)" : h.authPlugin(),
        "capabilities",
        "0x" + Integer.toHexString(h.capabilities()));
  }

  static final Reference MYSQL_DOCS =
      Reference.url(
          "https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html");
}
