package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor page that shows live video to anyone when guest or anonymous viewing is on, as data: the
 * checks {@code camera.axis.anonymous-live-view} ({@link #AXIS_LIVE_VIEW}) and {@code
 * camera.mobotix.guest-image} ({@link #MOBOTIX_GUEST_IMAGE}).
 *
 * <p>When it runs: the fingerprint ({@link PanelFingerprint}) decides first. Another vendor
 * recognised: SKIP. Several vendors (a honeypot): SKIP. This vendor, or no vendor recognised: the
 * page is fetched and judged on its own markers, which name the vendor (an Axis camera whose root
 * page the table does not know still titles its viewer {@code Live view - AXIS}). Without the
 * markers, a PASS needs the vendor to be known (from the fingerprint, or a 401 realm naming it);
 * otherwise SKIP, not a camera of that vendor.
 */
final class PanelAnonymousPage extends PanelCheck {
  static final PanelAnonymousPage AXIS_LIVE_VIEW =
      new PanelAnonymousPage(
          "axis",
          "AXIS",
          "/view/viewer_index.shtml",
          List.of("Live view - AXIS"),
          panel("camera.axis.anonymous-live-view", "Axis camera live view open to anyone")
              .description(
                  "The Axis camera's live view page answers without a login: anonymous"
                      + " viewing is turned on, so anyone who reaches the port watches the"
                      + " video.")
              .remediation(
                  "In the Axis web interface turn off anonymous viewing (System > Users /"
                      + " Security > Users: untick 'Enable anonymous viewer login') and keep the"
                      + " camera off untrusted networks.")
              .probe("GET /view/viewer_index.shtml without credentials, no redirects")
              .proof("HTTP 200 with the title 'Live view - AXIS' (a 401 is a PASS)")
              .references(
                  JPCERT,
                  Reference.cwe(306),
                  Reference.url(
                      "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/iot/liveview-axis-camera.yaml"))
              .tags("camera", "web-panel", "axis", CheckDescriptor.TAG_MARKER_BASED));

  static final PanelAnonymousPage MOBOTIX_GUEST_IMAGE =
      new PanelAnonymousPage(
          "mobotix",
          "MOBOTIX",
          "/cgi-bin/guestimage.html",
          List.of("MOBOTIX"),
          panel("camera.mobotix.guest-image", "Mobotix camera guest image open to anyone")
              .description(
                  "The Mobotix camera's guest page shows the live image without a login: guest"
                      + " access is on, so anyone who reaches the port sees the picture.")
              .remediation(
                  "In the Mobotix Admin Menu (Page Options / Users and Passwords) turn off"
                      + " public access to the guest page, and keep the camera off untrusted"
                      + " networks.")
              .probe("GET /cgi-bin/guestimage.html without credentials, no redirects")
              .proof("HTTP 200 with the text MOBOTIX (a 401 or 403 is a PASS)")
              .references(
                  JPCERT,
                  Reference.cwe(306),
                  Reference.url(
                      "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/iot/mobotix-guest-camera.yaml"))
              .tags("camera", "web-panel", "mobotix", CheckDescriptor.TAG_MARKER_BASED));

  private final String vendorId;
  private final String realmWord;
  private final String path;
  private final List<String> markers;

  private PanelAnonymousPage(
      String vendorId,
      String realmWord,
      String path,
      List<String> markers,
      CheckDescriptor.Builder descriptor) {
    super(
        descriptor
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .build());
    this.vendorId = vendorId;
    this.realmWord = realmWord;
    this.path = path;
    this.markers = List.copyOf(markers);
  }

  /** The pages of both checks, for the read allow-list. */
  static List<String> paths() {
    return List.of("/view/viewer_index.shtml", "/cgi-bin/guestimage.html");
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (!fp.ambiguous().isEmpty()) {
      return ambiguous(fp);
    }
    Optional<PanelVendor> vendor = fp.vendor();
    PanelVendor own = PanelVendors.byId(vendorId).orElseThrow();
    if (vendor.isPresent() && !vendor.get().id().equals(vendorId)) {
      return Outcome.skip(
          "the panel is " + vendor.get().name() + "'s, not " + own.name() + "'s: not applicable");
    }
    HttpReply reply = http.get(endpoint, path);
    if (reply.status() == 200 && markers.stream().allMatch(reply.bodyText()::contains)) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .title(own.name() + " camera page open without login: " + path)
              .confidence(Confidence.FIRM)
              .key(vendorId + ":" + path)
              .evidence("vendor", own.name() + (fp.model() == null ? "" : " " + fp.model()))
              .evidence("request", "GET " + path + " without credentials -> 200")
              .evidence("markers", String.join(" + ", markers))
              .build());
    }
    String answer = HttpLogin.describe(reply);
    boolean known = vendor.isPresent() || (reply.status() == 401 && realmNamesVendor(reply));
    if (!known) {
      return Outcome.skip(
          "not recognised as " + own.name() + ": GET " + path + " -> " + answer + ", not judged");
    }
    return Outcome.pass(
        own.name() + " page is not open: GET " + path + " -> " + answer,
        Map.of("request", "GET " + path, "status", String.valueOf(reply.status())));
  }

  private boolean realmNamesVendor(HttpReply reply) {
    return dev.tenken.http.AuthChallenge.parse(reply.headers("WWW-Authenticate")).stream()
        .anyMatch(c -> c.realm().contains(realmWord));
  }
}
