package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.http.AuthChallenge;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code camera.rtsp.default-credentials}: a stream route refused without credentials describes its
 * video with a vendor's factory login. Differential proof: 401 without credentials, then 2xx with
 * {@code application/sdp} and {@code m=video} with them.
 *
 * <p>Budget: at most 2 defaults of the vendor recognised from the {@code Server} header or realm
 * ({@link RtspVendor}), or the 2 generic ones when none is, each through {@link CredentialAttempts}
 * (the host's login budget, stop at the first success).
 *
 * <p>False positives, by design: on a port that answers any route (the catch-all canary) nothing is
 * tried and the check skips, since a 2xx there proves nothing. After a default is accepted, one
 * control login with the same user and a random password is made, also within the budget: a device
 * that accepts it accepts any password (or is a honeypot), and the finding is only TENTATIVE; when
 * the budget leaves no room for the control, the finding is FIRM, not CONFIRMED. Passwords never
 * appear in evidence. Stateless and thread-safe.
 */
final class RtspDefaultCredentials extends RtspCheck {
  static final RtspDefaultCredentials INSTANCE = new RtspDefaultCredentials();

  private RtspDefaultCredentials() {
    super(
        rtsp(
                "camera.rtsp.default-credentials",
                "Camera stream accepts the factory default password")
            .description(
                "The camera's RTSP stream asks for a password but accepts the vendor's factory"
                    + " default login (such as Hikvision admin/12345 on old firmware, Dahua"
                    + " admin/admin, Axis root/pass). Anyone who can reach the port can watch the"
                    + " video, and usually log in to the camera's panel with the same account.")
            .remediation(
                "Set a unique, strong password on every camera account, remove unused accounts,"
                    + " and restrict RTSP to the recording hosts.")
            .probe(
                "the catch-all canary and the route scan without credentials; on the first route"
                    + " refused with 401: DESCRIBE with at most 2 vendor defaults within the host's"
                    + " login budget (Basic or Digest as the device asks, Digest uri = the rtsp://"
                    + " URL), then one control login with a random password")
            .proof(
                "401 without credentials, and 2xx application/sdp with an m=video section with"
                    + " the default; the control login refused")
            .severity(Severity.CRITICAL)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(RFC2326, Reference.cwe(1392), Reference.cwe(1393))
            .tags("camera", "rtsp", "default-credentials")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Canary canary = probe.canary();
    if (canary.catchAll()) {
      return Outcome.skip(
          "the port answers success to any route ("
              + canary.statusLine()
              + " to a random one): a login there proves nothing, not tried");
    }
    RtspProbe.RouteScan scan = probe.routes();
    if (scan.open().isPresent()) {
      return Outcome.skip(
          "route "
              + scan.open().get().route()
              + " streams without any password (see camera.rtsp.unauthenticated-stream):"
              + " nothing to guess");
    }
    Optional<RtspProbe.Answer> refused = scan.protectedRoute();
    if (refused.isEmpty()) {
      return Outcome.skip(
          "no route asked for credentials"
              + (scan.answers().isEmpty() ? "" : " (" + scan.summary() + ")")
              + ": nothing to try");
    }
    RtspProbe.Answer route = refused.get();
    Optional<AuthChallenge> challenge = pick(route.challenges());
    if (challenge.isEmpty()) {
      return Outcome.skip(
          "route "
              + route.route()
              + " asks for an authentication scheme Tenken does not answer: "
              + String.join(
                  ", ", route.challenges().stream().map(AuthChallenge::describe).toList()));
    }
    Optional<RtspVendor> vendor = probe.vendor(route.challenges());
    List<Credentials> defaults =
        vendor.map(RtspVendor::defaults).orElse(RtspVendor.GENERIC_DEFAULTS);
    String who = vendor.map(RtspVendor::name).orElse("no recognised vendor (generic defaults)");
    if (defaults.isEmpty()) {
      return Outcome.skip(who + ": no documented factory login is tried for this vendor");
    }
    SdpSession[] accepted = new SdpSession[1];
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context, defaults, c -> attempt(probe, route, challenge.get(), c, accepted));
    if (result.accepted().isEmpty()) {
      if (result.budgetSpent()) {
        return Outcome.skip(
            "login budget spent after "
                + result.tried()
                + " of "
                + defaults.size()
                + " default(s), none accepted: not all were tried");
      }
      return Outcome.pass(
          who
              + ": route "
              + route.route()
              + " is refused without credentials ("
              + route.statusLine()
              + ") and all "
              + result.tried()
              + " default(s) were refused",
          Map.of(
              "route", route.route(),
              "authentication", challenge.get().describe(),
              "tried", String.valueOf(result.tried())));
    }
    Credentials c = result.accepted().get();
    SdpSession sdp = accepted[0];
    // Control: the same user with a random password. Within the budget, like any login.
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    Credentials control = Credentials.of(c.user(), "tenken-" + HexFormat.of().formatHex(random));
    CredentialAttempts.Result check =
        CredentialAttempts.run(
            context, List.of(control), x -> attempt(probe, route, challenge.get(), x, accepted));
    Confidence confidence;
    String controlEvidence;
    if (check.accepted().isPresent()) {
      confidence = Confidence.TENTATIVE;
      controlEvidence =
          "a random password was accepted too: the device accepts any password (or is a"
              + " honeypot); the default proves nothing";
    } else if (check.budgetSpent()) {
      confidence = Confidence.FIRM;
      controlEvidence = "not tried: the host's login budget is spent";
    } else {
      confidence = Confidence.CONFIRMED;
      controlEvidence = "a random password was refused";
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(confidence)
            .key(vendor.map(RtspVendor::name).orElse("generic") + ":" + c.user())
            .evidence("vendor", who)
            .evidence("user", c.user().isEmpty() ? "(empty)" : c.user())
            .evidence(
                "password",
                c.secret().isEmpty()
                    ? "(empty: the vendor's documented default)"
                    : Secret.MASK + " (the vendor's documented default; not shown)")
            .evidence("route", route.route())
            .evidence("without credentials", route.statusLine() + ", " + challenge.get().describe())
            .evidence("with credentials", "2xx application/sdp: " + sdp.describeMedia())
            .evidence("control login", controlEvidence)
            .build());
  }

  /** Digest when offered and answerable, else Basic. */
  private static Optional<AuthChallenge> pick(List<AuthChallenge> challenges) {
    return challenges.stream()
        .filter(ch -> ch.isDigest() && ch.isSupported())
        .findFirst()
        .or(() -> challenges.stream().filter(AuthChallenge::isBasic).findFirst());
  }

  private static CredentialAttempts.Verdict attempt(
      RtspProbe probe,
      RtspProbe.Answer route,
      AuthChallenge first,
      Credentials c,
      SdpSession[] accepted)
      throws IOException {
    RtspClient client = probe.client();
    AuthChallenge challenge = first;
    if (first.isDigest()) {
      // A fresh nonce on this connection: devices tie nonces to the connection or expire them.
      RtspReply again = client.describe(route.route(), null);
      Optional<AuthChallenge> fresh =
          again.status() == 401 ? pick(again.challenges()) : Optional.empty();
      if (fresh.isPresent() && fresh.get().isDigest()) {
        challenge = fresh.get();
      }
    }
    String url = client.url(route.route());
    RtspReply reply = client.describe(route.route(), challenge.authorization(c, "DESCRIBE", url));
    if (reply.provesVideo()) {
      accepted[0] = reply.sdp().orElseThrow();
      return CredentialAttempts.Verdict.ACCEPTED;
    }
    return CredentialAttempts.Verdict.REJECTED;
  }
}
