package dev.tenken.camera;

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
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code camera.snapshot.unauthenticated}: a still image of the camera's view served without a
 * password. Tries the vendor still-image endpoints of {@link WebcamPaths#SNAPSHOTS} in order,
 * reading at most {@value WebcamHttp#STREAM_CAP} bytes of each, and stops at the first JPEG. The
 * baseline: when the port answers a random path with success, a random path is fetched too, and if
 * it also returns a JPEG the port hands out images for anything (a honeypot, a misconfigured
 * proxy): SKIP, never a finding. Image bytes are dropped; the evidence holds the size and the
 * magic.
 */
final class SnapshotUnauthenticated extends WebcamCheck {
  static final SnapshotUnauthenticated INSTANCE = new SnapshotUnauthenticated();

  private SnapshotUnauthenticated() {
    super(
        webcam("camera.snapshot.unauthenticated", "Camera snapshot image served without a password")
            .description(
                "The camera returns a current still image of its view (a JPEG snapshot) to"
                    + " anyone who asks, without credentials. Snapshots are what scripts and"
                    + " search engines for exposed cameras collect first.")
            .remediation(
                "Require authentication for the snapshot endpoint (disable anonymous or guest"
                    + " viewing in the camera's user settings), update the firmware if the vendor"
                    + " fixed an authentication bypass there, and do not expose the camera's web"
                    + " port beyond the networks that need it.")
            .probe(
                "GET without credentials of up to "
                    + WebcamPaths.SNAPSHOTS.size()
                    + " vendor still-image paths (/snap.jpg, /snapshot.jpg, /tmpfs/auto.jpg,"
                    + " /cgi-bin/snapshot.cgi, /ISAPI/Streaming/channels/101/picture,"
                    + " /axis-cgi/jpg/image.cgi, /cgi-bin/api.cgi?cmd=Snap, /webcapture.jpg,"
                    + " /onvif-http/snapshot, /image.jpg, /shot.jpg, ...), reading at most 8 KiB"
                    + " each, stopping at the first JPEG; on a catch-all port, one random path")
            .proof(
                "HTTP 200, Content-Type image/jpeg (or application/octet-stream) and a body"
                    + " starting FF D8 FF, while a random path does not return a JPEG; the image"
                    + " is not kept")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(Reference.cwe(306), JPCERT)
            .tags("camera", "webcam", "snapshot")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, WebcamHttp http) throws IOException {
    Map<String, Integer> statuses = new TreeMap<>();
    int typedWithoutJpeg = 0;
    for (WebcamPaths.Path p : WebcamPaths.SNAPSHOTS) {
      HttpReply reply = http.get(endpoint, p.path(), WebcamHttp.STREAM_CAP);
      statuses.merge("HTTP " + reply.status(), 1, Integer::sum);
      if (reply.status() != 200 || !WebcamHttp.isImageType(reply)) {
        continue;
      }
      if (!WebcamHttp.isJpeg(reply.body())) {
        typedWithoutJpeg++;
        continue;
      }
      if (http.isCatchAll(endpoint)) {
        HttpReply canary = http.canary(endpoint, WebcamHttp.STREAM_CAP);
        if (canary.isSuccess() && WebcamHttp.isJpeg(canary.body())) {
          return Outcome.skip(
              "the port returns a JPEG for a random path too (a honeypot or an image for every"
                  + " URL): "
                  + p.path()
                  + " proves nothing, not judged");
        }
      }
      context
          .facts()
          .identify(
              DeviceIdentity.Attribute.DEVICE_CLASS,
              "camera",
              "HTTP JPEG snapshot " + p.path(),
              Confidence.FIRM);
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(p.path())
              .evidence("request", "GET " + p.path() + " -> HTTP " + reply.status())
              .evidence("content type", WebcamHttp.shown(reply.header("Content-Type").orElse("")))
              .evidence("image", "JPEG (FF D8 FF), not kept")
              .evidence("size", WebcamHttp.sizeOf(reply))
              .evidence("baseline", "a random path does not return a JPEG")
              .evidence("known from", p.products())
              .build());
    }
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("paths tried", String.valueOf(WebcamPaths.SNAPSHOTS.size()));
    evidence.put("answers", statuses.toString());
    String reason =
        "no JPEG snapshot without credentials on "
            + WebcamPaths.SNAPSHOTS.size()
            + " vendor still-image paths";
    if (typedWithoutJpeg > 0) {
      evidence.put("image type without JPEG bytes", String.valueOf(typedWithoutJpeg));
      reason += "; " + typedWithoutJpeg + " answer(s) claimed an image but held no JPEG";
    }
    return Outcome.pass(reason, evidence);
  }
}
