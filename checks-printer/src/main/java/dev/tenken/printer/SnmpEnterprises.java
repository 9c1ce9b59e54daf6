package dev.tenken.printer;

import java.util.Map;
import java.util.Optional;

/**
 * IANA private enterprise numbers of printer vendors and SNMP agent software, as they appear in
 * {@code sysObjectID} (1.3.6.1.4.1.N...) and in the first four bytes of an SNMPv3 engine id (RFC
 * 3411). Source: https://www.iana.org/assignments/enterprise-numbers/. Stateless.
 */
final class SnmpEnterprises {
  private SnmpEnterprises() {}

  /** Vendors (the device maker). */
  private static final Map<Long, String> VENDORS =
      Map.ofEntries(
          Map.entry(11L, "HP"),
          Map.entry(236L, "Samsung"),
          Map.entry(253L, "Xerox"),
          Map.entry(367L, "Ricoh"),
          Map.entry(641L, "Lexmark"),
          Map.entry(1129L, "Toshiba"),
          Map.entry(1248L, "Epson"),
          Map.entry(1347L, "Kyocera"),
          Map.entry(1602L, "Canon"),
          Map.entry(2001L, "OKI"),
          Map.entry(2385L, "Sharp"),
          Map.entry(2435L, "Brother"),
          Map.entry(10642L, "Zebra"),
          Map.entry(18334L, "Konica Minolta"));

  /** Agent software rather than a device maker. */
  private static final Map<Long, String> SOFTWARE =
      Map.of(8072L, "net-snmp", 2021L, "net-snmp (UCD-SNMP)", 4976L, "SNMP Research");

  /** The vendor a number belongs to, if it is a printer vendor. */
  static Optional<String> vendor(long enterprise) {
    return Optional.ofNullable(VENDORS.get(enterprise));
  }

  /** A name for any number this class knows, vendor or agent software. */
  static String describe(long enterprise) {
    String name = VENDORS.getOrDefault(enterprise, SOFTWARE.get(enterprise));
    return enterprise + (name == null ? "" : " (" + name + ")");
  }

  /** The agent software a number belongs to, if it is not a device maker. */
  static Optional<String> software(long enterprise) {
    return Optional.ofNullable(SOFTWARE.get(enterprise));
  }

  /** The enterprise number of {@code oid} when it lies under 1.3.6.1.4.1. */
  static Optional<Long> ofOid(String oid) {
    String prefix = "1.3.6.1.4.1.";
    if (!oid.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = oid.substring(prefix.length());
    int dot = rest.indexOf('.');
    String n = dot < 0 ? rest : rest.substring(0, dot);
    try {
      return Optional.of(Long.parseLong(n));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
