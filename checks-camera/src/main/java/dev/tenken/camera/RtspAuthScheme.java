package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.AuthChallenge;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code camera.rtsp.auth-scheme}: the RTSP server asks for credentials with Basic only, so every
 * viewer sends the password base64-encoded, readable by anyone on the path. Reads the challenges of
 * the first route refused with 401 in the shared route scan (no extra request); Digest offered is a
 * PASS, no route asking for credentials a SKIP. Stateless and thread-safe.
 */
final class RtspAuthScheme extends RtspCheck {
  static final RtspAuthScheme INSTANCE = new RtspAuthScheme();

  private RtspAuthScheme() {
    super(
        rtsp("camera.rtsp.auth-scheme", "RTSP server accepts only Basic authentication")
            .description(
                "The RTSP server asks viewers for credentials with HTTP Basic authentication"
                    + " only. RTSP runs in cleartext, so every viewer and recorder sends the"
                    + " camera's password base64-encoded to anyone who can watch the network.")
            .remediation(
                "Switch RTSP authentication to Digest in the device's settings (Hikvision:"
                    + " Security > Authentication; Dahua: RTSP Digest) and change the password"
                    + " if it was used over Basic.")
            .probe(
                "the route scan of camera.rtsp.unauthenticated-stream: DESCRIBE without"
                    + " credentials; the WWW-Authenticate headers of the first 401")
            .proof("a 401 whose WWW-Authenticate offers Basic and no Digest")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(RFC2326, Reference.cwe(319), Reference.cwe(523))
            .tags("camera", "rtsp", "authentication", "cleartext")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Canary canary = probe.canary();
    if (canary.catchAll()) {
      return Outcome.skip(
          "the port answers success to any route ("
              + canary.statusLine()
              + " to a random one): no route asks for credentials");
    }
    RtspProbe.RouteScan scan = probe.routes();
    Optional<RtspProbe.Answer> protectedRoute = scan.protectedRoute();
    if (protectedRoute.isEmpty()) {
      return Outcome.skip(
          "no route asked for credentials"
              + (scan.answers().isEmpty() ? "" : " (" + scan.summary() + ")"));
    }
    RtspProbe.Answer a = protectedRoute.get();
    List<AuthChallenge> challenges = a.challenges();
    String offered = String.join(", ", challenges.stream().map(AuthChallenge::describe).toList());
    boolean digest = challenges.stream().anyMatch(AuthChallenge::isDigest);
    boolean basic = challenges.stream().anyMatch(AuthChallenge::isBasic);
    if (digest) {
      return Outcome.pass(
          "route " + a.route() + " asks for Digest" + (basic ? " (Basic offered too)" : ""),
          Map.of("route", a.route(), "offered", offered));
    }
    if (!basic) {
      return Outcome.skip("route " + a.route() + " offers neither Basic nor Digest: " + offered);
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("basic-only")
            .evidence("route", a.route())
            .evidence("status", a.statusLine())
            .evidence("offered", offered)
            .build());
  }
}
