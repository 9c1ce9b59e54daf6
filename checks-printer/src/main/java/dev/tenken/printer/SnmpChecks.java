package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.Reference;
import dev.tenken.Secret;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The SNMP checks (v1/v2c communities, v3 discovery, Printer-MIB inventory). Stateless. */
final class SnmpChecks {
  private SnmpChecks() {}

  /** The well-known default read community; only ever sent in GET and GETNEXT requests. */
  static final Secret PUBLIC = Secret.of("public");

  /** The SNMP port. */
  static final int PORT = 161;

  static final Reference RFC_3414 = Reference.url("https://www.rfc-editor.org/rfc/rfc3414");
  static final Reference RFC_3584 = Reference.url("https://www.rfc-editor.org/rfc/rfc3584");
  static final Reference PRINTER_MIB = Reference.url("https://www.rfc-editor.org/rfc/rfc3805");
  static final Reference JPCERT =
      Reference.url("https://www.jpcert.or.jp/english/at/2016/at160006.html");

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        new SnmpDefaultCommunity(),
        new SnmpCommunityEnabled(),
        new SnmpEngineDisclosure(),
        new SnmpPrinterMibInventory());
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(SnmpServiceProbe.INSTANCE);
  }
}
