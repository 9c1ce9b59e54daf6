package dev.tenken.camera;

import static dev.tenken.camera.WebcamProduct.Marker.body;
import static dev.tenken.camera.WebcamProduct.Marker.header;

import dev.tenken.camera.WebcamProduct.Marker;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table of webcam and camera server software whose control pages {@code
 * camera.webcam.control-page-open} looks for. Markers come from the products' own pages and from
 * public detection templates (nuclei {@code http/iot/open-mjpg-streamer.yaml}, {@code
 * xp-webcam.yaml}, {@code webcamxp-5.yaml}, {@code ip-webcam.yaml}).
 */
final class WebcamProducts {

  /** A login form: whatever the product, a page with a password field is not open. */
  static final Marker PASSWORD_FIELD = body("(?i)<input[^>]{0,200}type\\s*=\\s*[\"']?password");

  /** The products, in the order they are tried. */
  static final List<WebcamProduct> ALL =
      List.of(
          new WebcamProduct(
              "mjpg-streamer",
              "MJPG-Streamer",
              List.of("/", "/control.htm"),
              List.of(
                  header("Server", "MJPG-Streamer"),
                  body("MJPG-Streamer"),
                  body("\\?action=(command|stream|snapshot)")),
              List.of()),
          new WebcamProduct(
              "webcamxp",
              "webcamXP / Webcam 7",
              List.of("/mobile.html", "/home.html"),
              List.of(
                  header("Server", "webcamXP|webcam 7"),
                  body("(?i)webcamXP|webcam 7"),
                  body("cam_\\d+\\.(jpg|cgi)")),
              List.of(body("(?i)valid username/password"))),
          new WebcamProduct(
              "motion",
              "Motion",
              List.of("/"),
              List.of(
                  body("Motion \\d[\\w.+~-]* Running"),
                  body("Running \\[\\d+\\] (Camera|Thread)"),
                  body("href=['\"]?/\\d+/")),
              List.of()),
          new WebcamProduct(
              "ip-webcam",
              "IP Webcam (Android)",
              List.of("/"),
              List.of(
                  body("(?i)<title>\\s*IP Webcam"),
                  body("/shot\\.jpg"),
                  body("/(videofeed|audio\\.wav|browserfs)")),
              List.of()),
          new WebcamProduct(
              "yawcam",
              "Yawcam",
              List.of("/"),
              List.of(
                  body("(?i)<title>[^<]{0,40}yawcam"), body("(?i)yawcam\\.com"), body("out\\.jpg")),
              List.of()),
          new WebcamProduct(
              "agent-dvr",
              "iSpy / Agent DVR",
              List.of("/"),
              List.of(
                  body("(?i)<title>[^<]{0,40}(Agent DVR|iSpy)"),
                  body("(?i)ispyconnect\\.com"),
                  body("(?i)agent ?dvr")),
              List.of()),
          new WebcamProduct(
              "zoneminder",
              "ZoneMinder",
              List.of("/zm/"),
              List.of(
                  body("ZoneMinder"),
                  body("(?i)view=console|ZM - Console"),
                  body("(?i)zmBandwidth|skins/classic")),
              List.of(body("(?i)ZoneMinder Login|view=login"))));

  private WebcamProducts() {}

  /** Every control page of the table, each once, in order. */
  static List<String> paths() {
    Set<String> s = new LinkedHashSet<>();
    ALL.forEach(p -> s.addAll(p.paths()));
    return List.copyOf(s);
  }
}
