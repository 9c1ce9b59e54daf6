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
import java.util.Map;
import java.util.Optional;

/**
 * {@code camera.rtsp.unauthenticated-stream}: a stream route describes its video without
 * credentials. {@code DESCRIBE} over a short list of vendor and generic routes (at most {@value
 * RtspVendor#MAX_ROUTES}, the recognised vendor's first), stopping at the first proof: a 2xx {@code
 * application/sdp} answer with an {@code m=video} section. A 2xx without video proves nothing. On a
 * port that answers any route (the catch-all canary), a video description on a made-up route is
 * reported as a TENTATIVE finding, never a confirmed one; otherwise the check skips. Nothing beyond
 * DESCRIBE is sent: no stream is started, no frame received. Stateless and thread-safe.
 */
final class RtspUnauthenticatedStream extends RtspCheck {
  static final RtspUnauthenticatedStream INSTANCE = new RtspUnauthenticatedStream();

  private RtspUnauthenticatedStream() {
    super(
        rtsp("camera.rtsp.unauthenticated-stream", "Camera video stream open without a password")
            .description(
                "An RTSP stream route of the camera or recorder describes its video to anyone"
                    + " without credentials. Anyone who can reach the port can watch the live"
                    + " picture with any video player.")
            .remediation(
                "Turn on RTSP authentication (Digest) in the device's settings, set a strong"
                    + " password, and restrict RTSP to the hosts that record or view it.")
            .probe(
                "the catch-all canary, then DESCRIBE without credentials over at most 16 routes"
                    + " (vendor routes such as /Streaming/Channels/101,"
                    + " /cam/realmonitor?channel=1&subtype=0, /axis-media/media.amp, then generic"
                    + " ones), stopping at the first proof; never SETUP or PLAY")
            .proof("RTSP 2xx with Content-Type application/sdp and an m=video section")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(RFC2326, Reference.cwe(306))
            .tags("camera", "rtsp", "stream", "authentication")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Canary canary = probe.canary();
    if (canary.catchAll()) {
      if (!canary.video()) {
        return Outcome.skip(
            "the port answers success to any route ("
                + canary.statusLine()
                + " to a random one) without a video description: route results prove nothing");
      }
      return Outcome.fail(
          context
              .finding(endpoint)
              .title("RTSP server describes video on any route, even a made-up one")
              .confidence(Confidence.TENTATIVE)
              .key("catch-all")
              .evidence("route", canary.route() + " (random)")
              .evidence("status", canary.statusLine())
              .evidence("proof", "application/sdp with m=video, no credentials")
              .evidence(
                  "caution",
                  "every route answers: an open camera that ignores the route, or a honeypot;"
                      + " verify with a player")
              .build());
    }
    RtspProbe.RouteScan scan = probe.routes();
    Optional<RtspProbe.Answer> open = scan.open();
    if (open.isPresent()) {
      RtspProbe.Answer a = open.get();
      var f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("route:" + a.route())
              .evidence("route", a.route())
              .evidence("url", probe.client().url(a.route()))
              .evidence("status", a.statusLine())
              .evidence("media", a.sdp().describeMedia())
              .evidence("canary", canary.route() + " -> " + canary.statusLine());
      if (!a.sdp().name().isEmpty()) {
        f.evidence("session name", a.sdp().name());
      }
      return Outcome.fail(f.build());
    }
    if (!scan.complete()) {
      return Outcome.skip(
          "the deadline came after "
              + scan.answers().size()
              + " of "
              + scan.planned()
              + " routes, none open so far: not judged");
    }
    if (scan.answers().isEmpty()) {
      return Outcome.skip("no route was asked for");
    }
    return Outcome.pass(
        "no route of "
            + scan.answers().size()
            + " describes video without credentials: "
            + scan.summary(),
        Map.of(
            "routes", String.valueOf(scan.answers().size()),
            "answers", scan.summary(),
            "canary", canary.statusLine()));
  }
}
