package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity.Attribute;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.AuthChallenge;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code camera.rtsp.service-exposed}: the port answers RTSP. One {@code OPTIONS} request; the
 * status line is the proof, {@code Public} and {@code Server} are kept as evidence, and the {@code
 * Server} header (or the realm of a 401) identifies the vendor and product. A web server on the
 * port, or a service that closes without answering, is a PASS; garbage is an ERROR. Stateless and
 * thread-safe.
 */
final class RtspServiceExposed extends RtspCheck {
  static final RtspServiceExposed INSTANCE = new RtspServiceExposed();

  private RtspServiceExposed() {
    super(
        rtsp("camera.rtsp.service-exposed", "RTSP video streaming service exposed")
            .description(
                "The device runs an RTSP server, the protocol cameras, DVRs and NVRs stream video"
                    + " with. Reachable RTSP lets anyone who can connect try stream routes and"
                    + " passwords, and its Server header names the product.")
            .remediation(
                "Allow RTSP (554, 8554) only from the recorders and viewers that need it, never"
                    + " from the Internet; turn RTSP off on cameras recorded over other means.")
            .probe("OPTIONS rtsp://<host>:<port>/ RTSP/1.0 with CSeq and User-Agent")
            .proof("an RTSP/1.0 status line; Public and Server headers kept as evidence")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(RFC2326, Reference.cwe(200))
            .tags("camera", "rtsp", "exposure", "inventory")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Service s;
    try {
      s = probe.service();
    } catch (RtspClient.NoReply e) {
      return Outcome.pass(
          "the service closed the connection without an RTSP reply to OPTIONS",
          Map.of("reply", "connection closed, no bytes"));
    } catch (RtspClient.NotRtsp e) {
      if (e.isHttp()) {
        return Outcome.pass("the port answers HTTP, not RTSP", Map.of("first line", e.firstLine));
      }
      throw e;
    }
    Optional<RtspVendor> vendor = probe.vendor(java.util.List.of());
    var f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("rtsp")
            .evidence("request", "OPTIONS")
            .evidence("status", "RTSP/1.0 " + s.statusLine());
    if (!s.methods().isEmpty()) {
      f.evidence("methods", s.methods());
    }
    if (!s.server().isEmpty()) {
      f.evidence("server", s.server());
      context
          .facts()
          .identify(Attribute.PRODUCT, s.server(), "RTSP Server header", Confidence.FIRM);
    }
    if (!s.challenges().isEmpty()) {
      f.evidence(
          "authentication",
          String.join(", ", s.challenges().stream().map(AuthChallenge::describe).toList()));
    }
    if (vendor.isPresent()) {
      String source =
          RtspVendor.byServer(s.server()).isPresent()
              ? "RTSP Server header"
              : "RTSP WWW-Authenticate realm";
      f.evidence("vendor", vendor.get().name());
      context.facts().identify(Attribute.VENDOR, vendor.get().name(), source, Confidence.FIRM);
      context.facts().identify(Attribute.DEVICE_CLASS, "camera", source, Confidence.FIRM);
    } else {
      context
          .facts()
          .identify(Attribute.DEVICE_CLASS, "camera", "RTSP OPTIONS", Confidence.TENTATIVE);
    }
    return Outcome.fail(f.build());
  }
}
