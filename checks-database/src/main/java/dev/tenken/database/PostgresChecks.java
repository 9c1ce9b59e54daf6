package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The PostgreSQL checks. Stateless. */
final class PostgresChecks {
  private PostgresChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of();
  }
}
