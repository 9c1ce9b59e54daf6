package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code camera.webcam.control-page-open}: the control or configuration page of webcam or camera
 * server software ({@link WebcamProducts}) answers without credentials. A product is recognised
 * when one reply shows at least two of its markers; its page is open when that reply is a 200
 * without a login prompt (a password field, or the product's own "log in" text). When the port
 * answers a random path with success, the random page is fetched too and a product whose markers
 * show there is not judged. Each table page is fetched once, at most {@value WebcamHttp#PAGE_CAP}
 * bytes.
 */
final class WebcamControlPageOpen extends WebcamCheck {
  static final WebcamControlPageOpen INSTANCE = new WebcamControlPageOpen();

  private WebcamControlPageOpen() {
    super(
        webcam("camera.webcam.control-page-open", "Webcam software control page open")
            .description(
                "The control or configuration page of webcam or camera server software"
                    + " (MJPG-Streamer, webcamXP / Webcam 7, Motion, Android IP Webcam, Yawcam,"
                    + " iSpy / Agent DVR, ZoneMinder) is reachable without credentials: anyone"
                    + " who reaches the port can watch, and often change settings, move the"
                    + " camera or turn detection and recording off.")
            .remediation(
                "Turn on the software's authentication (MJPG-Streamer: -c user:password;"
                    + " webcamXP/Webcam 7: user accounts, no guest access; Motion:"
                    + " webcontrol_authentication and webcontrol_localhost on; IP Webcam: login"
                    + " and password; ZoneMinder: OPT_USE_AUTH), and keep the port off networks"
                    + " that do not need it.")
            .probe(
                "GET without credentials of the table's control pages (/, /control.htm,"
                    + " /mobile.html, /home.html, /zm/), each once, at most 64 KiB; on a"
                    + " catch-all port, one random path")
            .proof(
                "HTTP 200 showing two or more of one product's markers (Server header, page"
                    + " title, product texts and links) and no login prompt")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(306),
                JPCERT,
                Reference.url(
                    "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/iot/open-mjpg-streamer.yaml"))
            .tags("camera", "webcam", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, WebcamHttp http) throws IOException {
    Map<String, HttpReply> pages = new LinkedHashMap<>();
    List<String> locked = new ArrayList<>();
    List<String> notJudged = new ArrayList<>();
    Optional<HttpReply> canary = Optional.empty();
    boolean canaryFetched = false;
    for (WebcamProduct product : WebcamProducts.ALL) {
      for (String path : product.paths()) {
        HttpReply reply = pages.get(path);
        if (reply == null) {
          reply = http.get(endpoint, path, WebcamHttp.PAGE_CAP);
          pages.put(path, reply);
          if (reply.status() == 401 || reply.status() == 403) {
            locked.add("GET " + path + " -> HTTP " + reply.status());
          }
        }
        if (reply.status() != 200) {
          continue;
        }
        String body = reply.bodyText();
        List<String> markers = WebcamHttp.matching(product.markers(), reply, body);
        if (markers.size() < WebcamProduct.MIN_MARKERS) {
          continue;
        }
        List<WebcamProduct.Marker> prompt = new ArrayList<>(product.locked());
        prompt.add(WebcamProducts.PASSWORD_FIELD);
        if (!WebcamHttp.matching(prompt, reply, body).isEmpty()) {
          locked.add(product.name() + " GET " + path + " -> login prompt");
          continue;
        }
        if (!canaryFetched) {
          canaryFetched = true;
          canary =
              http.isCatchAll(endpoint)
                  ? Optional.of(http.canary(endpoint, WebcamHttp.PAGE_CAP))
                  : Optional.empty();
        }
        if (canary.isPresent()
            && WebcamHttp.matching(product.markers(), canary.get(), canary.get().bodyText()).size()
                >= WebcamProduct.MIN_MARKERS) {
          notJudged.add(product.name());
          continue;
        }
        String source = "HTTP " + path + " markers";
        context
            .facts()
            .identify(DeviceIdentity.Attribute.PRODUCT, product.name(), source, Confidence.FIRM);
        context
            .facts()
            .identify(DeviceIdentity.Attribute.DEVICE_CLASS, "camera", source, Confidence.FIRM);
        return Outcome.fail(
            context
                .finding(endpoint)
                .title(product.name() + " control page open without a password")
                .confidence(Confidence.FIRM)
                .key(product.id())
                .evidence("product", product.name())
                .evidence("request", "GET " + path + " -> HTTP 200, no login prompt")
                .evidence("markers", String.join("; ", markers))
                .build());
      }
    }
    if (!notJudged.isEmpty()) {
      return Outcome.skip(
          "the port answers a random path with the markers of "
              + String.join(", ", notJudged)
              + ": a honeypot or a catch-all page, not judged");
    }
    if (!locked.isEmpty()) {
      Map<String, String> evidence = new TreeMap<>();
      evidence.put("asks for credentials", String.join("; ", locked));
      evidence.put("pages tried", String.valueOf(pages.size()));
      return Outcome.pass("no webcam control page is open: " + String.join("; ", locked), evidence);
    }
    return Outcome.skip(
        "no webcam software recognised on " + pages.size() + " control page path(s)");
  }
}
