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
import java.io.IOException;
import java.util.Optional;

/**
 * {@code device.upnp.exposed}: the device answers a unicast SSDP {@code M-SEARCH} on UDP 1900, and
 * its UPnP description tells who made it, the model and often the serial number.
 *
 * <p>Uses the {@link UpnpSurvey} of the port (one {@code M-SEARCH}, one {@code GET} of a {@code
 * LOCATION} on the target's own address). A search response is a FAIL, with {@code SERVER}, {@code
 * ST}, {@code USN}, {@code LOCATION} (and whether it was followed), the description's fields and
 * the reflection ratio; identity facts come from the description. An unusable reply is an ERROR,
 * silence too. Stateless and thread-safe.
 */
final class UpnpExposed implements Check {
  static final String ID = "device.upnp.exposed";

  /** The check's one instance. */
  static final UpnpExposed INSTANCE = new UpnpExposed();

  private static final String SOURCE = "UPnP device description";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "UPnP/SSDP answers unicast searches")
          .description(
              "The device answers SSDP searches (UDP 1900) from anyone who can reach it and serves"
                  + " its UPnP description: manufacturer, model, often the serial number and the"
                  + " services it offers. SSDP is meant for the local network only; answering"
                  + " beyond it helps attackers inventory devices, and its replies can be abused"
                  + " to reflect and amplify spoofed UDP floods. UPnP stacks on cameras and DVRs"
                  + " are old and have had remotely exploitable flaws.")
          .remediation(
              "Turn UPnP off on the device unless a local application needs it, and block UDP"
                  + " 1900 (and the description port) at the network edge and between segments.")
          .probe(
              "one unicast SSDP M-SEARCH (ST: upnp:rootdevice, MX: 1) to the target's own"
                  + " address; a GET of the LOCATION description only when LOCATION names the"
                  + " target's own address")
          .proof(
              "an HTTP/1.1 200 search response with LOCATION, SERVER, ST/USN; the description's"
                  + " friendlyName, manufacturer, modelName, modelNumber, serialNumber, deviceType")
          .severity(Severity.LOW)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(UpnpSurvey.SERVICE)
          .transport(Transport.UDP)
          .ports(UpnpSurvey.PORT)
          .references(
              Reference.cwe(200),
              Reference.url(
                  "https://openconnectivity.org/upnp-specs/UPnP-arch-DeviceArchitecture-v2.0-20200417.pdf"),
              Reference.url("https://nmap.org/nsedoc/scripts/upnp-info.html"))
          .tags("camera", "printer", "discovery", "upnp", "ssdp", "exposure", "inventory")
          .build();

  private UpnpExposed() {}

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
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("ssdp")
            .evidence("reply", DiscoveryUdp.printable(r.statusLine(), 60));
    for (String h : new String[] {"SERVER", "ST", "USN", "LOCATION"}) {
      r.header(h).ifPresent(v -> f.evidence(h, v));
    }
    f.evidence("description", s.descriptionNote());
    s.description()
        .ifPresent(
            d -> {
              d.friendlyName().ifPresent(v -> f.evidence("friendlyName", v));
              d.manufacturer().ifPresent(v -> f.evidence("manufacturer", v));
              d.modelName().ifPresent(v -> f.evidence("modelName", v));
              d.modelNumber().ifPresent(v -> f.evidence("modelNumber", v));
              d.serialNumber().ifPresent(v -> f.evidence("serialNumber", v));
              d.deviceType().ifPresent(v -> f.evidence("deviceType", v));
              identify(context.facts(), d);
            });
    f.evidence(
        "reflection",
        DiscoveryUdp.amplification(
            s.exchange().request().length, s.exchange().reply().get().length));
    return Outcome.fail(f.build());
  }

  /** Identity facts from the description's root device. */
  static void identify(HostFacts facts, UpnpDescription d) {
    fact(facts, DeviceIdentity.Attribute.VENDOR, d.manufacturer(), "manufacturer");
    fact(facts, DeviceIdentity.Attribute.MODEL, d.modelName(), "modelName");
    fact(facts, DeviceIdentity.Attribute.SERIAL, d.serialNumber(), "serialNumber");
    fact(facts, DeviceIdentity.Attribute.NAME, d.friendlyName(), "friendlyName");
    fact(facts, DeviceIdentity.Attribute.DEVICE_CLASS, d.deviceClass(), "deviceType");
  }

  private static void fact(
      HostFacts facts, DeviceIdentity.Attribute attribute, Optional<String> value, String field) {
    value.ifPresent(v -> facts.identify(attribute, v, SOURCE + " " + field, Confidence.FIRM));
  }

  @Override
  public String toString() {
    return ID;
  }
}
