package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.HostFacts;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snmp4j.smi.OID;

/**
 * {@code printer.snmp.printer-mib-inventory}: the MIB-II, Host Resources and Printer MIB objects
 * that identify a printer are readable with the default read community.
 *
 * <p>With {@code public} only (the inventory never tries another community), SNMPv2c (SNMPv1 when
 * v2c is silent): one {@code GetRequest} for sysDescr, sysObjectID, sysName, sysUpTime,
 * prtGeneralPrinterName.1, prtGeneralSerialNumber.1 and prtConsoleDisplayBufferText.1.1; then
 * {@code GetNextRequest}s down the hrDeviceType column (at most {@value #MAX_ROWS} rows) for a row
 * of type hrDevicePrinter (1.3.6.1.2.1.25.3.1.5), a GET of that row's hrDeviceDescr, and the first
 * rows of prtInterpreterDescription. What was read becomes the host's {@link DeviceIdentity}
 * (vendor, model, serial, firmware, each with its SNMP source) and one informational finding.
 * Nothing answers {@code public} but an SNMPv3 Report proves a live agent: PASS. Nothing answers at
 * all: ERROR. Stateless and thread-safe.
 */
final class SnmpPrinterMibInventory implements Check {
  static final String ID = "printer.snmp.printer-mib-inventory";

  static final int MAX_ROWS = 8;

  static final OID HR_DEVICE_TYPE = new OID("1.3.6.1.2.1.25.3.2.1.2");
  static final OID HR_DEVICE_DESCR = new OID("1.3.6.1.2.1.25.3.2.1.3");
  static final String HR_DEVICE_PRINTER = "1.3.6.1.2.1.25.3.1.5";
  static final OID PRT_NAME = new OID("1.3.6.1.2.1.43.5.1.1.16.1");
  static final OID PRT_SERIAL = new OID("1.3.6.1.2.1.43.5.1.1.17.1");
  static final OID PRT_INTERPRETER_DESCR = new OID("1.3.6.1.2.1.43.15.1.1.5");
  static final OID PRT_CONSOLE_TEXT = new OID("1.3.6.1.2.1.43.16.5.1.2.1.1");

  private static final List<OID> SCALARS =
      List.of(
          SnmpClient.SYS_DESCR,
          SnmpClient.SYS_OBJECT_ID,
          SnmpClient.SYS_NAME,
          SnmpClient.SYS_UPTIME,
          PRT_NAME,
          PRT_SERIAL,
          PRT_CONSOLE_TEXT);

  /** Vendor names as they start a description, with the canonical name. */
  private static final List<Map.Entry<Pattern, String>> VENDOR_NAMES =
      List.of(
          Map.entry(
              Pattern.compile("\\b(HP|Hewlett[- ]Packard|JETDIRECT)\\b", Pattern.CASE_INSENSITIVE),
              "HP"),
          Map.entry(Pattern.compile("\\bCanon\\b", Pattern.CASE_INSENSITIVE), "Canon"),
          Map.entry(Pattern.compile("\\bRICOH\\b", Pattern.CASE_INSENSITIVE), "Ricoh"),
          Map.entry(Pattern.compile("\\b(Fuji )?Xerox\\b", Pattern.CASE_INSENSITIVE), "Xerox"),
          Map.entry(Pattern.compile("\\bBrother\\b", Pattern.CASE_INSENSITIVE), "Brother"),
          Map.entry(Pattern.compile("\\bKYOCERA\\b", Pattern.CASE_INSENSITIVE), "Kyocera"),
          Map.entry(Pattern.compile("\\bEPSON\\b", Pattern.CASE_INSENSITIVE), "Epson"),
          Map.entry(Pattern.compile("\\bLexmark\\b", Pattern.CASE_INSENSITIVE), "Lexmark"),
          Map.entry(Pattern.compile("\\bSHARP\\b", Pattern.CASE_INSENSITIVE), "Sharp"),
          Map.entry(
              Pattern.compile("\\bKONICA MINOLTA\\b", Pattern.CASE_INSENSITIVE), "Konica Minolta"),
          Map.entry(Pattern.compile("\\bTOSHIBA\\b", Pattern.CASE_INSENSITIVE), "Toshiba"),
          Map.entry(Pattern.compile("\\bSamsung\\b", Pattern.CASE_INSENSITIVE), "Samsung"),
          Map.entry(Pattern.compile("\\bOKI\\b", Pattern.CASE_INSENSITIVE), "OKI"),
          Map.entry(Pattern.compile("\\bZebra\\b", Pattern.CASE_INSENSITIVE), "Zebra"));

  /** Firmware strings in sysDescr: JetDirect's EEPROM, and the usual version labels. */
  private static final List<Pattern> FIRMWARE =
      List.of(
          Pattern.compile("\\bEEPROM[ :]+([A-Za-z0-9][A-Za-z0-9._-]{1,40})"),
          Pattern.compile(
              "\\b(?:firmware|FW)(?: ?ver(?:sion)?)?[ .:=]+([A-Za-z0-9][A-Za-z0-9._-]{0,40})",
              Pattern.CASE_INSENSITIVE));

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer inventory readable over SNMP with the default community")
          .description(
              "With the default read community, anyone can read the printer's model, serial"
                  + " number, firmware, page description languages and front-panel text from the"
                  + " Host Resources and Printer MIBs: exactly what an attacker needs to pick the"
                  + " matching exploit, and what an administrator needs for inventory.")
          .remediation(
              "Remove the default read community; use SNMPv3 authPriv for inventory tools, and"
                  + " restrict SNMP to the management network.")
          .probe(
              "SNMPv2c (else v1) with the community 'public' only: GET sysDescr, sysObjectID,"
                  + " sysName, sysUpTime, prtGeneralPrinterName.1, prtGeneralSerialNumber.1,"
                  + " prtConsoleDisplayBufferText.1.1; GETNEXT down hrDeviceType for"
                  + " hrDevicePrinter and its hrDeviceDescr; GETNEXT prtInterpreterDescription")
          .proof("any of these objects answered (vendor, model, serial, firmware reported)")
          .severity(Severity.INFO)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.INVENTORY)
          .services("snmp")
          .transport(Transport.UDP)
          .ports(SnmpChecks.PORT)
          .references(
              SnmpChecks.PRINTER_MIB,
              dev.tenken.Reference.url("https://www.rfc-editor.org/rfc/rfc2790"),
              dev.tenken.Reference.url("https://github.com/RUB-NDS/PRET"))
          .tags("snmp", "printer", "inventory", "printer-mib", "host-resources-mib")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    SnmpClient.Version version;
    try {
      Optional<SnmpClient.Response> first =
          SnmpClient.get(context, endpoint, SnmpClient.Version.V2C, SnmpChecks.PUBLIC, SCALARS);
      version = SnmpClient.Version.V2C;
      if (first.isEmpty() && SnmpClient.hasTime(context)) {
        // SNMPv1 fails a whole GET on one missing object: ask for sysDescr alone first.
        version = SnmpClient.Version.V1;
        first =
            SnmpClient.get(
                context, endpoint, version, SnmpChecks.PUBLIC, List.of(SnmpClient.SYS_DESCR));
      }
      if (first.isEmpty()) {
        return noAnswer(endpoint, context);
      }
      collect(first.get(), found, SCALARS);
      if (version == SnmpClient.Version.V1) {
        for (OID oid : SCALARS.subList(1, SCALARS.size())) {
          if (!SnmpClient.hasTime(context)) {
            break;
          }
          SnmpClient.get(context, endpoint, version, SnmpChecks.PUBLIC, List.of(oid))
              .ifPresent(r -> collect(r, found, List.of(oid)));
        }
      }
      walkDevices(endpoint, context, version, found);
      walkInterpreters(endpoint, context, version, found);
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    identify(context.facts(), found);
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("inventory")
            .evidence(
                "readable",
                "inventory readable by anyone with the default read community ("
                    + version.label
                    + ")");
    found.forEach(f::evidence);
    return Outcome.fail(f.build());
  }

  private static Outcome noAnswer(Endpoint endpoint, CheckContext context) throws IOException {
    if (!SnmpClient.hasTime(context)) {
      return Outcome.error("no reply to the default community and no time left to probe SNMPv3");
    }
    Optional<SnmpClient.EngineReport> report = SnmpClient.discover(context, endpoint);
    if (report.isEmpty()) {
      return Outcome.error(
          "no SNMP reply on udp/"
              + endpoint.port()
              + " to v2c, v1 or v3 discovery: silence proves nothing");
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("SNMPv1/v2c", "no reply to the default read community");
    evidence.put("SNMPv3", "Report from engine " + report.get().engineIdHex() + " (live agent)");
    return Outcome.pass(
        "the live SNMP agent does not disclose its inventory to the default read community",
        evidence);
  }

  private static void collect(SnmpClient.Response r, Map<String, String> found, List<OID> asked) {
    if (r.errorStatus() != 0) {
      return;
    }
    for (OID oid : asked) {
      r.binding(oid)
          .filter(b -> !b.text().isBlank())
          .ifPresent(b -> found.put(name(oid), b.text()));
    }
  }

  private static void walkDevices(
      Endpoint endpoint,
      CheckContext context,
      SnmpClient.Version version,
      Map<String, String> found)
      throws IOException {
    OID cursor = HR_DEVICE_TYPE;
    for (int i = 0; i < MAX_ROWS && SnmpClient.hasTime(context); i++) {
      Optional<SnmpClient.Response> r =
          SnmpClient.getNext(context, endpoint, version, SnmpChecks.PUBLIC, List.of(cursor));
      if (r.isEmpty() || r.get().errorStatus() != 0 || r.get().bindings().size() != 1) {
        return;
      }
      SnmpClient.Binding b = r.get().bindings().get(0);
      OID next = new OID(b.oid());
      if (!b.present() || !next.startsWith(HR_DEVICE_TYPE) || next.compareTo(cursor) <= 0) {
        return;
      }
      cursor = next;
      if (HR_DEVICE_PRINTER.equals(b.oidValue())) {
        int index = next.last();
        found.put("hrDeviceType." + index, "hrDevicePrinter");
        OID descr = new OID(HR_DEVICE_DESCR).append(index);
        if (SnmpClient.hasTime(context)) {
          SnmpClient.get(context, endpoint, version, SnmpChecks.PUBLIC, List.of(descr))
              .flatMap(d -> d.binding(descr))
              .filter(d -> !d.text().isBlank())
              .ifPresent(d -> found.put("hrDeviceDescr." + index, d.text()));
        }
        return;
      }
    }
  }

  private static void walkInterpreters(
      Endpoint endpoint,
      CheckContext context,
      SnmpClient.Version version,
      Map<String, String> found)
      throws IOException {
    OID cursor = PRT_INTERPRETER_DESCR;
    StringBuilder languages = new StringBuilder();
    for (int i = 0; i < MAX_ROWS && SnmpClient.hasTime(context); i++) {
      Optional<SnmpClient.Response> r =
          SnmpClient.getNext(context, endpoint, version, SnmpChecks.PUBLIC, List.of(cursor));
      if (r.isEmpty() || r.get().errorStatus() != 0 || r.get().bindings().size() != 1) {
        break;
      }
      SnmpClient.Binding b = r.get().bindings().get(0);
      OID next = new OID(b.oid());
      if (!b.present() || !next.startsWith(PRT_INTERPRETER_DESCR) || next.compareTo(cursor) <= 0) {
        break;
      }
      cursor = next;
      if (!b.text().isBlank()) {
        languages.append(languages.length() == 0 ? "" : "; ").append(b.text());
      }
    }
    if (languages.length() > 0) {
      found.put("prtInterpreterDescription", SnmpClient.cap(languages.toString()));
    }
  }

  private static String name(OID oid) {
    if (oid.equals(SnmpClient.SYS_DESCR)) {
      return "sysDescr";
    } else if (oid.equals(SnmpClient.SYS_OBJECT_ID)) {
      return "sysObjectID";
    } else if (oid.equals(SnmpClient.SYS_NAME)) {
      return "sysName";
    } else if (oid.equals(SnmpClient.SYS_UPTIME)) {
      return "sysUpTime";
    } else if (oid.equals(PRT_NAME)) {
      return "prtGeneralPrinterName";
    } else if (oid.equals(PRT_SERIAL)) {
      return "prtGeneralSerialNumber";
    } else if (oid.equals(PRT_CONSOLE_TEXT)) {
      return "prtConsoleDisplayBufferText";
    }
    return oid.toDottedString();
  }

  /** Turns what was read into identity facts, each naming its SNMP source. */
  static void identify(HostFacts facts, Map<String, String> found) {
    String sysDescr = found.get("sysDescr");
    String deviceDescr =
        found.entrySet().stream()
            .filter(e -> e.getKey().startsWith("hrDeviceDescr."))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    boolean printer =
        found.keySet().stream().anyMatch(k -> k.startsWith("hrDeviceType."))
            || found.containsKey("prtGeneralPrinterName")
            || found.containsKey("prtGeneralSerialNumber")
            || found.containsKey("prtInterpreterDescription");
    if (printer) {
      facts.identify(
          DeviceIdentity.Attribute.DEVICE_CLASS,
          "printer",
          found.keySet().stream().anyMatch(k -> k.startsWith("hrDeviceType."))
              ? "SNMP hrDeviceType"
              : "SNMP Printer-MIB",
          Confidence.FIRM);
    }
    Optional<String> vendor = Optional.empty();
    String objectId = found.get("sysObjectID");
    if (objectId != null) {
      vendor = SnmpEnterprises.ofOid(objectId).flatMap(SnmpEnterprises::vendor);
      vendor.ifPresent(
          v ->
              facts.identify(
                  DeviceIdentity.Attribute.VENDOR, v, "SNMP sysObjectID", Confidence.FIRM));
    }
    if (vendor.isEmpty()) {
      for (Map.Entry<String, String> src :
          List.of(
              Map.entry("SNMP hrDeviceDescr", deviceDescr == null ? "" : deviceDescr),
              Map.entry("SNMP sysDescr", sysDescr == null ? "" : sysDescr))) {
        Optional<String> v = vendorIn(src.getValue());
        if (v.isPresent()) {
          facts.identify(DeviceIdentity.Attribute.VENDOR, v.get(), src.getKey(), Confidence.FIRM);
          break;
        }
      }
    }
    if (deviceDescr != null) {
      facts.identify(
          DeviceIdentity.Attribute.MODEL, deviceDescr, "SNMP hrDeviceDescr", Confidence.FIRM);
    } else if (found.containsKey("prtGeneralPrinterName")) {
      facts.identify(
          DeviceIdentity.Attribute.MODEL,
          found.get("prtGeneralPrinterName"),
          "SNMP prtGeneralPrinterName",
          Confidence.TENTATIVE);
    }
    if (found.containsKey("prtGeneralSerialNumber")) {
      facts.identify(
          DeviceIdentity.Attribute.SERIAL,
          found.get("prtGeneralSerialNumber"),
          "SNMP prtGeneralSerialNumber",
          Confidence.FIRM);
    }
    firmware(sysDescr)
        .ifPresent(
            fw ->
                facts.identify(
                    DeviceIdentity.Attribute.FIRMWARE, fw, "SNMP sysDescr", Confidence.FIRM));
  }

  static Optional<String> vendorIn(String text) {
    for (Map.Entry<Pattern, String> e : VENDOR_NAMES) {
      if (e.getKey().matcher(text).find()) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  static Optional<String> firmware(String sysDescr) {
    if (sysDescr == null) {
      return Optional.empty();
    }
    for (Pattern p : FIRMWARE) {
      Matcher m = p.matcher(sysDescr);
      if (m.find() && !m.group(1).toLowerCase(Locale.ROOT).equals("none")) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return ID;
  }
}
