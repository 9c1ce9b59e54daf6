package dev.tenken.camera;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code device.upnp.internet-gateway}: the SSDP responder is a UPnP Internet Gateway Device (IGD),
 * whose {@code WANIPConnection}/{@code WANPPPConnection} service lets any device on the LAN open
 * ports on the router: how cameras and DVRs end up reachable from the Internet without anyone
 * deciding it.
 *
 * <p>Uses the {@link UpnpSurvey} of the port. An {@code InternetGatewayDevice} device type or a WAN
 * connection service type in the description, the {@code ST} or the {@code USN} is a FAIL. A
 * description read and free of them (and an {@code ST}/{@code USN} free of them) is a PASS. No
 * description and no marker in the search response: ERROR (cannot tell). Never sends a SOAP action
 * to the gateway: not even {@code GetExternalIPAddress}. Stateless and thread-safe.
 */
final class UpnpInternetGateway implements Check {
  static final String ID = "device.upnp.internet-gateway";

  /** The check's one instance. */
  static final UpnpInternetGateway INSTANCE = new UpnpInternetGateway();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "UPnP Internet gateway allows automatic port forwarding")
          .description(
              "The device announces itself as a UPnP Internet Gateway Device with a"
                  + " WANIPConnection or WANPPPConnection service. Any program on the local network"
                  + " can ask it, without a password, to forward a port from the Internet to any"
                  + " device: that is how cameras and recorders end up reachable from the"
                  + " Internet with their default passwords, and how malware opens its own way in.")
          .remediation(
              "Turn UPnP IGD (automatic port forwarding) off on the router; forward the few ports"
                  + " that must be reachable by hand, and review the forwarding table for rules"
                  + " nobody asked for. Make sure the router never answers UPnP on its WAN side.")
          .probe(
              "the UPnP survey of device.upnp.exposed (one M-SEARCH, one GET of the description on"
                  + " the target's own address); no SOAP action is ever sent")
          .proof(
              "device type urn:schemas-upnp-org:device:InternetGatewayDevice:1/2 or a"
                  + " WANIPConnection/WANPPPConnection service type in the description, ST or USN;"
                  + " PASS needs a description without them")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(UpnpSurvey.SERVICE)
          .transport(Transport.UDP)
          .ports(UpnpSurvey.PORT)
          .references(
              Reference.cwe(284),
              Reference.url(
                  "https://openconnectivity.org/developer/specifications/upnp-resources/upnp/internet-gateway-device-igd-v-2-0/"),
              Reference.url("https://www.jpcert.or.jp/english/at/2016/at160006.html"))
          .tags("camera", "router", "upnp", "igd", "port-forwarding", "exposure")
          .build();

  private UpnpInternetGateway() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    UpnpSurvey s = UpnpSurvey.of(context, endpoint);
    if (s.exchange().reply().isEmpty()) {
      return Outcome.error(s.exchange().silence(endpoint, "SSDP"));
    }
    if (s.reply().isEmpty()) {
      return Outcome.error(
          "the reply to the SSDP M-SEARCH is unusable: " + s.replyError().orElse("unknown"));
    }
    SsdpSearch.Reply r = s.reply().get();
    List<String> shown = new ArrayList<>();
    for (String h : new String[] {"ST", "USN"}) {
      r.header(h).filter(UpnpDescription::isGatewayType).ifPresent(v -> shown.add(h + ": " + v));
    }
    s.description().ifPresent(d -> d.gatewayTypes().forEach(t -> shown.add("type " + t)));
    if (!shown.isEmpty()) {
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("igd")
              .evidence("gateway", DiscoveryUdp.printable(String.join("; ", shown), 400))
              .evidence("description", s.descriptionNote())
              .evidence("actions sent", "none (no SOAP action was sent to the gateway)");
      s.description()
          .flatMap(UpnpDescription::friendlyName)
          .ifPresent(v -> f.evidence("friendlyName", v));
      s.description()
          .flatMap(UpnpDescription::modelName)
          .ifPresent(v -> f.evidence("modelName", v));
      return Outcome.fail(f.build());
    }
    if (s.description().isEmpty()) {
      return Outcome.error(
          "the UPnP description was not read ("
              + s.descriptionNote()
              + ") and the search response does not show a gateway: cannot tell");
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("description", s.descriptionNote());
    evidence.put(
        "device types",
        DiscoveryUdp.printable(String.join(" ", s.description().get().deviceTypes()), 300));
    return Outcome.pass(
        "the UPnP description shows no InternetGatewayDevice and no WAN connection service",
        evidence);
  }

  @Override
  public String toString() {
    return ID;
  }
}
