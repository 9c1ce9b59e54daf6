package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The SNMP checks (v1/v2c communities, v3 discovery, Printer-MIB inventory). Stateless. */
final class SnmpChecks {
  private SnmpChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of();
  }
}
