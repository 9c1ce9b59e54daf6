package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * {@code camera.rtsp.accepts-any-route}: the catch-all canary. {@code DESCRIBE} of a random route
 * that cannot exist; success means the server answers every route (a honeypot, or a firmware that
 * ignores the route), so route and credential results from this port prove nothing. The canary is
 * run once per port and shared: it sets {@link FactKey#RTSP_CATCH_ALL}, which makes the runner
 * downgrade marker-based findings on the port, and the open-stream and credential checks skip or
 * downgrade on their own. Stateless and thread-safe.
 */
final class RtspAcceptsAnyRoute extends RtspCheck {
  static final RtspAcceptsAnyRoute INSTANCE = new RtspAcceptsAnyRoute();

  private RtspAcceptsAnyRoute() {
    super(
        rtsp("camera.rtsp.accepts-any-route", "RTSP server answers any route")
            .description(
                "The RTSP server answers success to a route that cannot exist. Route and"
                    + " credential results from such a server are unreliable: it is either a"
                    + " honeypot or a firmware that ignores the route, and streams found on it"
                    + " may be nothing at all.")
            .remediation(
                "Nothing to fix for security; treat the port's route and credential results as"
                    + " unreliable and verify the stream by hand.")
            .probe("DESCRIBE rtsp://<host>:<port>/tenken-canary-<random hex>, no credentials")
            .proof("a 2xx answer to the random route")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(RFC2326)
            .tags("camera", "rtsp", "canary", "meta")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Canary c = probe.canary();
    if (!c.catchAll()) {
      return Outcome.pass(
          "a random route is refused: " + c.statusLine(),
          Map.of("route", c.route(), "status", c.statusLine()));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("catch-all")
            .evidence("route", c.route())
            .evidence("status", c.statusLine())
            .evidence("stream description", c.video() ? "SDP with m=video" : "no video description")
            .evidence(
                "consequence",
                "route/credential results unreliable on this port: open-stream findings are"
                    + " tentative and default credentials are not tried")
            .build());
  }
}
