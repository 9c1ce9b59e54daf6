package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The PostgreSQL checks (table A.2 rows 33-35 and a version check), all speaking the protocol
 * through {@link PostgresClient} over {@link CheckContext#connect}: {@code
 * database.postgres.tls-not-offered}, {@code database.postgres.trust-auth}, {@code
 * database.postgres.default-credentials}, {@code database.postgres.version-eol}. Stateless.
 */
final class PostgresChecks {
  /** The service name in descriptors and probes. */
  static final String SERVICE = "postgresql";

  /** The default port. */
  static final int PORT = 5432;

  /**
   * The {@code server_version} a login on a port revealed, keyed per port, so the version check can
   * use what the credential checks learned.
   */
  static final FactKey<String> SERVER_VERSION =
      new FactKey<>("postgresql.server-version", String.class);

  /** The user and database every login uses: the superuser PostgreSQL creates by default. */
  static final String USER = "postgres";

  private PostgresChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        PostgresTlsNotOffered.INSTANCE,
        PostgresTrustAuth.INSTANCE,
        PostgresDefaultCredentials.INSTANCE,
        PostgresVersionEol.INSTANCE);
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(PostgresServiceProbe.INSTANCE);
  }

  /**
   * Reports the product, and the version with a CPE-like name when a login revealed it; stores the
   * version for the other checks on this port.
   */
  static void identify(CheckContext context, Endpoint endpoint, String serverVersion) {
    var facts = context.facts();
    facts.identify(
        DeviceIdentity.Attribute.PRODUCT,
        "postgresql",
        "PostgreSQL protocol",
        Confidence.CONFIRMED);
    if (!serverVersion.isBlank()) {
      facts.identify(
          DeviceIdentity.Attribute.VERSION,
          serverVersion,
          "PostgreSQL ParameterStatus server_version",
          Confidence.CONFIRMED);
      dev.tenken.Version.parse(serverVersion)
          .ifPresent(
              v ->
                  facts.identify(
                      DeviceIdentity.Attribute.CPE,
                      "cpe:2.3:a:postgresql:postgresql:" + v.normalized(),
                      "PostgreSQL ParameterStatus server_version",
                      Confidence.CONFIRMED));
      facts.put(SERVER_VERSION.perPort(endpoint.port()), serverVersion);
    }
  }
}
