package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.HostFacts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.List;

/**
 * {@code device.wsdiscovery.exposed}: the device answers a unicast WS-Discovery {@code Probe} on
 * UDP 3702 with {@code ProbeMatches}, announcing what it is (ONVIF camera, WSD printer), its model
 * and name scopes and the addresses of its web services.
 *
 * <p>Sends one {@link WsDiscoveryMessage#probe Probe} (random {@code MessageID}) to the target's
 * own address only, never multicast. A {@code ProbeMatches} relating to it (or without {@code
 * RelatesTo}) is a FAIL, with the types, scopes and {@code XAddrs} (recorded, never connected to),
 * the reflection ratio of reply to request, and identity facts from the types and ONVIF scopes. A
 * reply that is not a {@code ProbeMatches}, or relates to another message, is an ERROR; silence is
 * an ERROR too (it proves nothing on UDP). Stateless and thread-safe.
 */
final class WsDiscoveryExposed implements Check {
  static final String ID = "device.wsdiscovery.exposed";
  static final String SERVICE = "ws-discovery";
  static final int PORT = 3702;

  /** The check's one instance. */
  static final WsDiscoveryExposed INSTANCE = new WsDiscoveryExposed();

  private static final String SOURCE = "WS-Discovery ProbeMatches";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "WS-Discovery answers unicast probes")
          .description(
              "The device answers WS-Discovery probes (UDP 3702) from anyone who can reach it,"
                  + " telling them what it is (ONVIF camera, network printer), its model and name,"
                  + " and where its management services listen. WS-Discovery is meant for the local"
                  + " link only; answering beyond it helps attackers inventory devices, and since"
                  + " the reply is several times larger than the probe, an exposed responder can be"
                  + " abused to reflect and amplify spoofed UDP floods.")
          .remediation(
              "Block UDP 3702 at the network edge and between network segments that do not need"
                  + " discovery; on ONVIF cameras set the discovery mode to NonDiscoverable once"
                  + " the recorder knows the camera; turn WSD off on printers that are added by"
                  + " address.")
          .probe(
              "one unicast SOAP 1.2 WS-Discovery (2005/04) Probe without Types, random MessageID,"
                  + " to the target's own address; XAddrs in the reply are recorded, never"
                  + " contacted")
          .proof(
              "a ProbeMatches relating to the Probe, with Types (dn:NetworkVideoTransmitter,"
                  + " wprt:PrintDeviceType), Scopes and XAddrs")
          .severity(Severity.LOW)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(SERVICE)
          .transport(Transport.UDP)
          .ports(PORT)
          .references(
              Reference.cwe(200),
              Reference.url(
                  "https://docs.oasis-open.org/ws-dd/discovery/1.1/os/wsdd-discovery-1.1-spec-os.html"),
              Reference.url("https://www.onvif.org/specs/core/ONVIF-Core-Specification.pdf"),
              Reference.url("https://nmap.org/nsedoc/scripts/wsdd-discover.html"))
          .tags("camera", "printer", "discovery", "ws-discovery", "onvif", "exposure", "inventory")
          .build();

  private WsDiscoveryExposed() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    String messageId = WsDiscoveryMessage.newMessageId();
    DiscoveryUdp.Exchange x =
        DiscoveryUdp.exchange(context, endpoint, WsDiscoveryMessage.probe(messageId));
    if (x.reply().isEmpty()) {
      return Outcome.error(x.silence(endpoint, "WS-Discovery"));
    }
    byte[] reply = x.reply().get();
    WsDiscoveryMessage.ProbeMatches pm;
    try {
      pm = WsDiscoveryMessage.parse(reply);
    } catch (ProtocolException e) {
      return Outcome.error("the reply to the WS-Discovery Probe is unusable: " + e.getMessage());
    }
    if (pm.relatesTo().isPresent() && !pm.relatesTo().get().equals(messageId)) {
      return Outcome.error(
          "a ProbeMatches relating to another message ("
              + DiscoveryUdp.printable(pm.relatesTo().get(), 60)
              + "), not to this Probe");
    }
    identify(context.facts(), pm);
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("ws-discovery")
            .evidence(
                "reply",
                "ProbeMatches with "
                    + pm.matches().size()
                    + " match(es)"
                    + (pm.relatesTo().isPresent() ? " relating to the Probe" : ""))
            .evidence("types", joined(pm.types()))
            .evidence("reflection", DiscoveryUdp.amplification(x.request().length, reply.length));
    if (!pm.scopes().isEmpty()) {
      f.evidence("scopes", joined(pm.scopes()));
    }
    if (!pm.xaddrs().isEmpty()) {
      f.evidence("xaddrs", joined(pm.xaddrs()) + " (recorded, not contacted)");
    }
    pm.deviceClass().ifPresent(c -> f.evidence("device class", c));
    return Outcome.fail(f.build());
  }

  /** Identity facts from the types and the ONVIF hardware and name scopes. */
  static void identify(HostFacts facts, WsDiscoveryMessage.ProbeMatches pm) {
    pm.deviceClass()
        .ifPresent(
            c ->
                facts.identify(
                    DeviceIdentity.Attribute.DEVICE_CLASS, c, SOURCE + " Types", Confidence.FIRM));
    pm.onvifScope("hardware")
        .ifPresent(
            m ->
                facts.identify(
                    DeviceIdentity.Attribute.MODEL,
                    m,
                    SOURCE + " hardware scope",
                    Confidence.FIRM));
    pm.onvifScope("name")
        .ifPresent(
            n -> {
              facts.identify(
                  DeviceIdentity.Attribute.NAME, n, SOURCE + " name scope", Confidence.FIRM);
              // Most cameras put the maker in the name scope; a renamed one does not.
              facts.identify(
                  DeviceIdentity.Attribute.VENDOR, n, SOURCE + " name scope", Confidence.TENTATIVE);
            });
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? "(none)" : DiscoveryUdp.printable(String.join(" ", values), 400);
  }

  @Override
  public String toString() {
    return ID;
  }
}
