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
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code printer.snmp.v3-engine-disclosure}: the agent discloses its SNMPv3 engine id, boot count
 * and uptime to anyone, without credentials.
 *
 * <p>Sends the discovery message of RFC 3414 §4 (no user, no credentials, reportable flag). The
 * {@code Report} it provokes carries msgAuthoritativeEngineID — whose first four bytes name the
 * IANA enterprise (the vendor) and whose rest is often the MAC or IP address — and snmpEngineBoots
 * and snmpEngineTime (reboots and uptime, hence patch cadence). This is how SNMPv3 works, so the
 * finding is low and for inventory. No Report, but the agent answers SNMPv1/v2c with the default
 * community: PASS (v3 is off). Nothing answers: ERROR. Stateless and thread-safe.
 */
final class SnmpEngineDisclosure implements Check {
  static final String ID = "printer.snmp.v3-engine-disclosure";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "SNMPv3 engine discovery discloses the engine id and uptime")
          .description(
              "Any SNMPv3 agent answers a credential-free discovery request with its engine id,"
                  + " boot count and engine time. The engine id names the vendor (IANA"
                  + " enterprise number) and often embeds the MAC or IP address; boots and time"
                  + " reveal reboots and uptime. This is inherent to SNMPv3 and mostly useful for"
                  + " inventory, but it also tells an attacker an SNMP agent listens here.")
          .remediation(
              "Restrict SNMP (UDP 161) to the management network; SNMPv3 discovery cannot be"
                  + " turned off on an agent that serves SNMPv3.")
          .probe("the SNMPv3 discovery message of RFC 3414 (empty user, no credentials)")
          .proof("a Report carrying msgAuthoritativeEngineID, snmpEngineBoots and snmpEngineTime")
          .severity(Severity.LOW)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.INVENTORY)
          .services("snmp")
          .transport(Transport.UDP)
          .ports(SnmpChecks.PORT)
          .references(
              SnmpChecks.RFC_3414,
              dev.tenken.Reference.url("https://www.rfc-editor.org/rfc/rfc3411#section-5"),
              dev.tenken.Reference.url("https://nmap.org/nsedoc/scripts/snmp-info.html"))
          .tags("snmp", "snmpv3", "printer", "inventory", "information-disclosure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Optional<SnmpClient.EngineReport> report;
    try {
      report = SnmpClient.discover(context, endpoint);
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    if (report.isPresent()) {
      SnmpClient.EngineReport r = report.get();
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("engine-id")
              .evidence("engine id", r.engineIdHex());
      r.enterprise()
          .ifPresent(
              n -> {
                f.evidence("enterprise", SnmpEnterprises.describe(n));
                SnmpEnterprises.vendor(n)
                    .ifPresent(
                        v ->
                            context
                                .facts()
                                .identify(
                                    DeviceIdentity.Attribute.VENDOR,
                                    v,
                                    "SNMPv3 engine id enterprise " + n,
                                    Confidence.TENTATIVE));
                SnmpEnterprises.software(n)
                    .ifPresent(
                        s ->
                            context
                                .facts()
                                .identify(
                                    DeviceIdentity.Attribute.PRODUCT,
                                    s,
                                    "SNMPv3 engine id enterprise " + n,
                                    Confidence.TENTATIVE));
              });
      r.formatted().ifPresent(t -> f.evidence("engine id names", t));
      f.evidence("engine boots", String.valueOf(r.boots()));
      f.evidence(
          "engine time",
          r.time() + " s (up " + Duration.ofSeconds(r.time()).toString().substring(2) + ")");
      if (r.reportOid() != null) {
        f.evidence("report", r.reportOid());
      }
      return Outcome.fail(f.build());
    }
    Optional<SnmpClient.Response> v2;
    try {
      v2 =
          SnmpClient.get(
              context,
              endpoint,
              SnmpClient.Version.V2C,
              SnmpChecks.PUBLIC,
              List.of(SnmpClient.SYS_DESCR));
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    if (v2.isPresent()) {
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("SNMPv3", "no Report to the discovery message");
      evidence.put("SNMPv2c", "the agent answered a GetRequest (live agent without SNMPv3)");
      return Outcome.pass(
          "the live SNMP agent ignores SNMPv3 discovery: no engine id disclosed", evidence);
    }
    return Outcome.error(
        "no SNMP reply on udp/"
            + endpoint.port()
            + " to v3 discovery or a v2c GetRequest: silence proves nothing");
  }

  @Override
  public String toString() {
    return ID;
  }
}
