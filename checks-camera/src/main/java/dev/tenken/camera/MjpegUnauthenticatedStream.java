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
 * {@code camera.mjpeg.unauthenticated-stream}: live video as an MJPEG stream ({@code
 * multipart/x-mixed-replace} of JPEG parts) that anyone can watch without a password. Recognised by
 * what the server sends, not by its banner: tries the paths of {@link WebcamPaths#STREAMS} in
 * order, reads at most {@value WebcamHttp#STREAM_CAP} bytes of each and closes, and stops at the
 * first stream whose first part is a JPEG. The bytes are dropped; the evidence names the path, the
 * content type and the magic only. On a port that answers any path (Motion's stream port does, and
 * so do honeypots) the finding is FIRM, not CONFIRMED.
 */
final class MjpegUnauthenticatedStream extends WebcamCheck {
  static final MjpegUnauthenticatedStream INSTANCE = new MjpegUnauthenticatedStream();

  private MjpegUnauthenticatedStream() {
    super(
        webcam("camera.mjpeg.unauthenticated-stream", "Camera MJPEG stream open without a password")
            .description(
                "The camera or webcam software streams live video as MJPEG over HTTP to anyone"
                    + " who asks, without credentials: whoever reaches the port can watch. The"
                    + " JPCERT/CC alert of January 2016 found such streams from cameras reachable"
                    + " from the Internet by accident.")
            .remediation(
                "Turn on authentication for the stream (mjpg-streamer: -c user:password on"
                    + " output_http; Motion: stream_auth_method 2 with stream_authentication;"
                    + " webcamXP/Webcam 7: user accounts without guest access; cameras: disable"
                    + " anonymous viewing), prefer Digest over Basic, and do not expose the port"
                    + " beyond the networks that need it.")
            .probe(
                "GET without credentials of up to "
                    + WebcamPaths.STREAMS.size()
                    + " common MJPEG paths (/?action=stream, /video.mjpg, /mjpg/video.mjpg,"
                    + " /axis-cgi/mjpg/video.cgi, /videostream.cgi, /cgi-bin/mjpg/video.cgi,"
                    + " /nphMotionJpeg, /video, /cam_1.cgi, /stream, /), reading at most 8 KiB"
                    + " of each, stopping at the first stream")
            .proof(
                "HTTP 200 with Content-Type multipart/x-mixed-replace and a part whose body"
                    + " starts with the JPEG magic FF D8 FF; the image is not kept")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(Reference.cwe(306), JPCERT)
            .tags("camera", "webcam", "mjpeg", "video")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, WebcamHttp http) throws IOException {
    Map<String, Integer> statuses = new TreeMap<>();
    int multipartWithoutJpeg = 0;
    for (WebcamPaths.Path p : WebcamPaths.STREAMS) {
      HttpReply reply = http.get(endpoint, p.path(), WebcamHttp.STREAM_CAP);
      statuses.merge("HTTP " + reply.status(), 1, Integer::sum);
      if (reply.status() != 200 || !WebcamHttp.isMultipartReplace(reply)) {
        continue;
      }
      int at = WebcamHttp.firstJpegPart(reply.body());
      if (at < 0) {
        multipartWithoutJpeg++;
        continue;
      }
      boolean catchAll = http.isCatchAll(endpoint);
      context
          .facts()
          .identify(
              DeviceIdentity.Attribute.DEVICE_CLASS,
              "camera",
              "HTTP MJPEG stream " + p.path(),
              catchAll ? Confidence.TENTATIVE : Confidence.FIRM);
      var f =
          context
              .finding(endpoint)
              .confidence(catchAll ? Confidence.FIRM : Confidence.CONFIRMED)
              .key(p.path())
              .evidence("request", "GET " + p.path() + " -> HTTP " + reply.status())
              .evidence("content type", WebcamHttp.shown(reply.header("Content-Type").orElse("")))
              .evidence("first part", "JPEG (FF D8 FF) at byte " + at + ", image not kept")
              .evidence("read", WebcamHttp.sizeOf(reply))
              .evidence("known from", p.products());
      if (catchAll) {
        f.evidence(
            "catch-all",
            "the port also answers a random path with success (a stream served on every path, as"
                + " Motion's stream port does, or a honeypot)");
      }
      return Outcome.fail(f.build());
    }
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("paths tried", String.valueOf(WebcamPaths.STREAMS.size()));
    evidence.put("answers", statuses.toString());
    String reason =
        "no MJPEG stream without credentials on " + WebcamPaths.STREAMS.size() + " common paths";
    if (multipartWithoutJpeg > 0) {
      evidence.put("multipart without a JPEG part", String.valueOf(multipartWithoutJpeg));
      reason += "; " + multipartWithoutJpeg + " multipart answer(s) held no JPEG part";
    }
    return Outcome.pass(reason, evidence);
  }
}
