package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code printer.snmp.v1v2c-enabled}: the agent answers SNMPv1 or SNMPv2c with the default read
 * community, so community strings (passwords) travel in cleartext and anyone can read the MIB.
 *
 * <p>Sends one SNMPv2c and one SNMPv1 {@code GetRequest} for {@code sysDescr.0} with the default
 * read community. Either answered: FAIL, naming the versions. Neither answered: SNMP silence proves
 * nothing by itself (a wrong community is dropped without a reply), so the check then sends the
 * credential-free SNMPv3 discovery message; a {@code Report} proves a live agent that ignores the
 * default community on v1/v2c: PASS. Nothing answered at all: ERROR. Stateless and thread-safe.
 */
final class SnmpCommunityEnabled implements Check {
  static final String ID = "printer.snmp.v1v2c-enabled";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "SNMPv1/v2c answers the default community")
          .description(
              "SNMPv1 and SNMPv2c authenticate with a community string sent in cleartext in"
                  + " every request; an agent that answers the default read community 'public'"
                  + " lets anyone on the network read its configuration, and anyone who sees the"
                  + " traffic learns the communities in use. JPCERT/CC found office MFPs reachable"
                  + " this way from the Internet.")
          .remediation(
              "Turn SNMPv1/v2c off and use SNMPv3 with authPriv (SHA/AES) users; if v1/v2c must"
                  + " stay, replace the default communities with long random ones, make them"
                  + " read-only and restrict SNMP to the management network.")
          .probe(
              "one SNMPv2c and one SNMPv1 GetRequest for sysDescr.0 with the community 'public';"
                  + " if neither is answered, the credential-free SNMPv3 discovery message")
          .proof(
              "a GetResponse to either GetRequest (PASS needs an SNMPv3 Report proving a live"
                  + " agent that ignored the default community)")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("snmp")
          .transport(Transport.UDP)
          .ports(SnmpChecks.PORT)
          .references(
              Reference.cwe(319),
              Reference.cwe(1188),
              SnmpChecks.RFC_3584,
              SnmpChecks.JPCERT,
              Reference.url("https://nmap.org/nsedoc/scripts/snmp-info.html"))
          .tags("snmp", "printer", "cleartext", "default-credentials")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    List<String> versions = new ArrayList<>();
    String sysDescr = null;
    try {
      for (SnmpClient.Version v : List.of(SnmpClient.Version.V2C, SnmpClient.Version.V1)) {
        Optional<SnmpClient.Response> r =
            SnmpClient.get(context, endpoint, v, SnmpChecks.PUBLIC, List.of(SnmpClient.SYS_DESCR));
        if (r.isPresent()) {
          versions.add(v.label);
          if (sysDescr == null) {
            sysDescr =
                r.get().binding(SnmpClient.SYS_DESCR).map(SnmpClient.Binding::text).orElse(null);
          }
        }
      }
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    if (!versions.isEmpty()) {
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(String.join("+", versions))
              .evidence(
                  "answered",
                  String.join(" and ", versions)
                      + " GetRequest for sysDescr.0 with the default read community")
              .evidence(
                  "sysDescr.0",
                  sysDescr == null ? "(the agent answered without the value)" : sysDescr);
      return Outcome.fail(f.build());
    }
    if (!SnmpClient.hasTime(context)) {
      return Outcome.error("no reply to SNMPv1/v2c and no time left to prove a live agent");
    }
    Optional<SnmpClient.EngineReport> report;
    try {
      report = SnmpClient.discover(context, endpoint);
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    if (report.isEmpty()) {
      return Outcome.error(
          "no SNMP reply on udp/"
              + endpoint.port()
              + " to v1, v2c or v3 discovery: silence proves nothing (a filter or no agent)");
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("SNMPv1/v2c", "no reply to GetRequest sysDescr.0 with the default community");
    evidence.put("SNMPv3", "Report from engine " + report.get().engineIdHex());
    return Outcome.pass(
        "a live SNMPv3 agent (engine "
            + report.get().engineIdHex()
            + ") did not answer SNMPv1/v2c with the default read community",
        evidence);
  }

  @Override
  public String toString() {
    return ID;
  }
}
