package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.Reference;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The MongoDB checks: table A.2 rows 13-17 and 19 (the legacy HTTP interface of row 18, gone since
 * 3.6, is not covered). Every check speaks the wire protocol through {@link MongoWire}, whose
 * allow-list admits only {@code hello}/{@code isMaster}, {@code buildInfo}, {@code listDatabases}
 * (names only), {@code connectionStatus}, {@code getLog startupWarnings} and the SCRAM commands.
 * Stateless.
 */
final class MongoChecks {
  /** The service name of the checks and the probe. */
  static final String SERVICE = "mongodb";

  /** mongod/mongos, shard server and config server default ports. */
  static final int[] PORTS = {27017, 27018, 27019};

  /** The MongoDB catalog shipped with the module: CVE-2025-14847 and end-of-life dates. */
  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(MongoChecks.class, "mongodb-catalog.json");

  static final Reference SECURITY_CHECKLIST =
      Reference.url("https://www.mongodb.com/docs/manual/administration/security-checklist/");

  private MongoChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        MongoExposed.INSTANCE,
        MongoNoAuth.INSTANCE,
        MongoVersionEol.INSTANCE,
        MongoBleed.INSTANCE,
        MongoTlsNotRequired.INSTANCE,
        MongoDefaultCredentials.INSTANCE);
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(MongoServiceProbe.INSTANCE);
  }
}
