package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * {@code camera.http.panel-exposed}: the port serves a network camera's or DVR's web panel from one
 * of the vendor table's vendors; vendor and model go to the inventory. INFO, raised one step on a
 * public address (NETWORK_EXPOSURE).
 */
final class PanelExposed extends PanelCheck {
  static final PanelExposed INSTANCE = new PanelExposed();

  private PanelExposed() {
    super(
        panel("camera.http.panel-exposed", "Camera web panel exposed")
            .description(
                "The port serves the web panel of a network camera, NVR or DVR (Hikvision, Dahua,"
                    + " Amcrest, Axis, Reolink, AVTECH, Mobotix, Vivotek, Foscam, Uniview,"
                    + " GeoVision, Hanwha Vision/Wisenet, Panasonic i-PRO, Sony, TP-Link VIGI/Tapo"
                    + " or D-Link DCS). Camera panels are what strangers found by the thousand in"
                    + " the 2016 JPCERT/CC alert; its vendor and model go to the inventory.")
            .remediation(
                "Keep camera panels off the Internet and untrusted networks: no port forwarding"
                    + " or UPnP mapping on the router, a management VLAN or an allow-list of"
                    + " administrator hosts, a VPN for remote viewing. Track vendor, model and"
                    + " firmware in the asset inventory.")
            .probe(
                "the catch-all canary, then GET of /, /doc/page/login.asp and"
                    + " /view/viewer_index.shtml without credentials, following no redirects")
            .proof(
                "every marker of exactly one vendor (at least two, on different parts: Server"
                    + " header, challenge realm, title, body); several vendors matching is treated"
                    + " as a honeypot")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(JPCERT)
            .tags("camera", "web-panel", "inventory", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (fp.vendor().isEmpty()) {
      if (!fp.ambiguous().isEmpty()) {
        return ambiguous(fp);
      }
      return Outcome.pass(
          "no camera web panel: none of the "
              + PanelVendors.ALL.size()
              + " vendors' markers on "
              + String.join(", ", fp.pages()),
          Map.of("pages", String.join(", ", fp.pages())));
    }
    PanelVendor v = fp.vendor().get();
    Finding.Builder f =
        context
            .finding(endpoint)
            .title(v.name() + " camera web panel exposed")
            .confidence(fp.catchAll() ? Confidence.TENTATIVE : Confidence.FIRM)
            .key(v.id())
            .evidence("vendor", v.name())
            .evidence("source", fp.source())
            .evidence("markers", v.describeMarkers())
            .evidence("login page", v.loginPage());
    if (fp.model() != null) {
      f.evidence("model", fp.model());
    }
    return Outcome.fail(f.build());
  }
}
