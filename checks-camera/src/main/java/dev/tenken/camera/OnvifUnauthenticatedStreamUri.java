package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code camera.onvif.unauthenticated-stream-uri}: the ONVIF media service hands out the camera's
 * RTSP stream URI without WS-Security. Finds the media service with GetCapabilities (category
 * Media; its XAddr's path is used on the scanned endpoint, whatever host it names; the device path
 * when GetCapabilities is refused), then GetProfiles and GetStreamUri (RTP-Unicast over RTSP) for
 * the first profile. An {@code rtsp://} URI is a FAIL, with any password in it masked; a refused
 * GetProfiles or GetStreamUri is a PASS; a port without ONVIF is a SKIP. On a catch-all port the
 * finding is TENTATIVE.
 */
final class OnvifUnauthenticatedStreamUri extends OnvifCheck {
  static final OnvifUnauthenticatedStreamUri INSTANCE = new OnvifUnauthenticatedStreamUri();

  static final String ID = "camera.onvif.unauthenticated-stream-uri";

  private OnvifUnauthenticatedStreamUri() {
    super(
        onvif(ID, "ONVIF stream URI handed out without authentication")
            .description(
                "The ONVIF media service answers GetProfiles and GetStreamUri to a request"
                    + " without WS-Security credentials, handing anyone the RTSP address of the"
                    + " camera's video. Cameras that do this often stream without a password too,"
                    + " and some put the RTSP credentials in the URI itself.")
            .remediation(
                "Turn on ONVIF user authentication (WS-Security UsernameToken or HTTP Digest) for"
                    + " every ONVIF service, require RTSP authentication, update the firmware,"
                    + " and keep ONVIF and RTSP off untrusted networks.")
            .probe(
                "SOAP 1.2 POSTs without WS-Security: GetCapabilities (Media) to"
                    + " /onvif/device_service, then GetProfiles and GetStreamUri (RTP-Unicast,"
                    + " RTSP, first profile token) to the media XAddr's path on the same endpoint")
            .proof(
                "a GetStreamUriResponse whose MediaUri/Uri is an rtsp:// URI; a ter:NotAuthorized"
                    + " / Sender fault or HTTP 401/403 to GetProfiles or GetStreamUri is a PASS")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(ONVIF_CORE, Reference.cwe(306))
            .tags("authentication", "stream")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, OnvifClient client) throws IOException {
    OnvifDeviceService service = OnvifClient.deviceService(context, endpoint, client);
    if (!service.isOnvif()) {
      return notOnvif(service);
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    String path = mediaPath(endpoint, client, evidence);
    evidence.put("media-path", path);

    OnvifClient.Answer profiles = client.call(endpoint, path, OnvifOperation.GET_PROFILES);
    if (profiles.isRefusal()) {
      evidence.put("get-profiles", profiles.describe());
      return Outcome.pass(
          "GetProfiles without credentials was refused: " + profiles.describe(), evidence);
    }
    if (!(profiles instanceof OnvifClient.Response p)) {
      String refused = evidence.get("get-capabilities");
      if (refused != null && !(profiles instanceof OnvifClient.Fault)) {
        // Not located: GetCapabilities was refused, and the device path serves no media.
        evidence.put("get-profiles", profiles.describe());
        return Outcome.pass(
            "the media service cannot be found without credentials: GetCapabilities "
                + refused
                + "; GetProfiles on "
                + path
                + ": "
                + profiles.describe(),
            evidence);
      }
      return Outcome.skip("no ONVIF media service at " + path + ": " + profiles.describe());
    }
    Optional<SoapElement> first =
        p.element().children("Profiles").stream()
            .findFirst()
            .or(() -> p.element().find("Profiles"));
    Optional<String> token = first.flatMap(e -> e.attribute("token"));
    if (token.isEmpty()) {
      return Outcome.skip("GetProfiles was answered without a profile token: nothing to ask for");
    }
    String shownToken = OnvifClient.printable(token.get(), OnvifOperation.MAX_TOKEN);
    OnvifClient.Answer uri;
    try {
      uri = client.streamUri(endpoint, path, token.get());
    } catch (IllegalArgumentException e) {
      return Outcome.error(
          "the device's first profile token '" + shownToken + "' is not a plain token: not sent");
    }
    if (uri.isRefusal()) {
      evidence.put("profile", shownToken);
      evidence.put("get-stream-uri", uri.describe());
      return Outcome.pass(
          "GetProfiles was answered, but GetStreamUri without credentials was refused: "
              + uri.describe(),
          evidence);
    }
    if (!(uri instanceof OnvifClient.Response u)) {
      return Outcome.error("the media service answered GetStreamUri with " + uri.describe());
    }
    String value = u.element().text("Uri").orElse("");
    String scheme = value.strip().toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("rtsp://") && !scheme.startsWith("rtsps://")) {
      return Outcome.error(
          "GetStreamUri answered "
              + (value.isBlank() ? "no URI" : "a URI that is not rtsp://")
              + " ("
              + OnvifClient.maskUri(value)
              + ")");
    }
    streamPath(value).ifPresent(sp -> context.facts().put(OnvifClient.STREAM_PATH, sp));
    var f =
        context
            .finding(endpoint)
            .confidence(client.isCatchAll(endpoint) ? Confidence.TENTATIVE : Confidence.CONFIRMED)
            .key(path + " " + shownToken);
    evidence.forEach(f::evidence);
    f.evidence("profile", shownToken)
        .evidence("stream-uri", OnvifClient.maskUri(value))
        .evidence("reply", "GetProfiles and GetStreamUri answered without WS-Security");
    return Outcome.fail(f.build());
  }

  /** The media service's path, from GetCapabilities, or the device path. */
  private static String mediaPath(
      Endpoint endpoint, OnvifClient client, Map<String, String> evidence) throws IOException {
    OnvifClient.Answer caps =
        client.call(endpoint, OnvifClient.DEVICE_PATH, OnvifOperation.GET_CAPABILITIES);
    if (!(caps instanceof OnvifClient.Response c)) {
      if (caps.isRefusal()) {
        evidence.put("get-capabilities", "refused: " + caps.describe());
      }
      return OnvifClient.DEVICE_PATH;
    }
    Optional<String> xaddr =
        c.element().find("Media").flatMap(m -> m.text("XAddr")).map(String::strip);
    if (xaddr.isEmpty()) {
      evidence.put("media-xaddr", "none in the GetCapabilities answer");
      return OnvifClient.DEVICE_PATH;
    }
    String shown = OnvifClient.maskUri(xaddr.get());
    Optional<String> path = OnvifClient.servicePath(xaddr.get());
    if (OnvifClient.elsewhere(xaddr.get(), endpoint)) {
      evidence.put(
          "media-xaddr", shown + " (another host or port: only its path is used, on this port)");
    } else {
      evidence.put("media-xaddr", shown);
    }
    return path.orElse(OnvifClient.DEVICE_PATH);
  }

  /** The path of an RTSP URI, without user information or query, for the RTSP checks. */
  static Optional<String> streamPath(String uri) {
    try {
      String p = new URI(uri.strip()).getRawPath();
      return p == null || p.isEmpty() || p.length() > 256 || !p.matches("/[!-~]*")
          ? Optional.empty()
          : Optional.of(p);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
