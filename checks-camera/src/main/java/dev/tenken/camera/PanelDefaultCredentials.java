package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.camera.PanelVendor.LoginPage;
import dev.tenken.http.AuthChallenge;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code camera.http.default-credentials}: the camera's HTTP Basic or Digest login accepts a
 * factory default. Which page and defaults: the recognised vendor's login page ({@link
 * PanelVendors}), else, for a camera or DVR no vendor was recognised for, the realm table matched
 * against the 401 on {@code /} ({@link PanelVendors#REALMS}).
 *
 * <p>Differential proof: the page is refused without credentials (401 with a challenge), a default
 * is accepted, and the page then shows markers only an authenticated user sees. A page that accepts
 * anything is ruled out two ways: on a catch-all port nothing is tried (SKIP), and after an
 * accepted default one control login with a random password (within the same login budget) must be
 * refused; if it is accepted too the result is SKIP, and if the budget leaves no room for it the
 * finding is only {@link Confidence#FIRM}.
 */
final class PanelDefaultCredentials extends PanelCheck {
  static final PanelDefaultCredentials INSTANCE = new PanelDefaultCredentials();

  private static final SecureRandom RANDOM = new SecureRandom();

  private PanelDefaultCredentials() {
    super(
        panel(
                "camera.http.default-credentials",
                "Camera web login accepts a factory default password")
            .description(
                "The camera's web login (HTTP Basic or Digest) accepts a product-wide default"
                    + " user and password from the vendor's documentation (old Hikvision"
                    + " firmware, Dahua and Amcrest, Axis, Mobotix, Vivotek, Samsung/Hanwha,"
                    + " Sony, D-Link DCS, Speco, TRENDnet, Netwave). Anyone who reaches the port"
                    + " can watch the video and change the camera's settings.")
            .remediation(
                "Set a unique, strong administrator password on every camera (and every other"
                    + " account), update the firmware so the device refuses to run with the"
                    + " factory password, and keep the panel off untrusted networks.")
            .probe(
                "the catch-all canary; the fingerprint pages; GET of the vendor's (or realm's)"
                    + " login page without credentials; only when it answers 401 with a Basic or"
                    + " Digest challenge: at most 2 defaults within the host's login budget, each"
                    + " a GET of that page with Authorization; after an accepted default one"
                    + " control GET with a random password")
            .proof(
                "401 without credentials, 200 with the default and the page's post-login"
                    + " markers, and the control's random password refused")
            .severity(Severity.CRITICAL)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(JPCERT, Reference.cwe(1392), Reference.cwe(1393))
            .tags("camera", "web-panel", "default-credentials", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  /** What is tried: a name for findings, a key prefix, the page and its defaults. */
  private record Plan(String name, String key, LoginPage page, HttpReply before) {}

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    if (http.isCatchAll(endpoint)) {
      return Outcome.skip(
          "the port answers success to random paths: a login there proves nothing, not tried");
    }
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (!fp.ambiguous().isEmpty()) {
      return ambiguous(fp);
    }
    Plan plan;
    Optional<PanelVendor> vendor = fp.vendor();
    if (vendor.isPresent()) {
      PanelVendor v = vendor.get();
      if (v.login() == null) {
        return Outcome.skip(
            v.name()
                + ": its login is not HTTP Basic/Digest with a documented factory default,"
                + " nothing tried");
      }
      String name = v.name() + (fp.model() == null ? "" : " " + fp.model());
      plan = new Plan(name, v.id(), v.login(), http.get(endpoint, v.login().path()));
    } else {
      Optional<Plan> realm = byRealm(endpoint, http);
      if (realm.isEmpty()) {
        return Outcome.skip(
            "no camera vendor recognised and / shows no challenge of the realm table"
                + " (Speco, TRENDnet, Netwave, Mobotix, Axis): nothing tried");
      }
      plan = realm.get();
    }
    LoginPage page = plan.page();
    HttpReply before = plan.before();
    if (before.status() == 200 && page.shownIn(before.bodyText())) {
      return Outcome.skip(
          "GET " + page.path() + " shows its content without any password: nothing to guess");
    }
    if (before.status() != 401) {
      return Outcome.skip(
          "GET " + page.path() + " answered HTTP " + before.status() + ", not 401: not tried");
    }
    Optional<AuthChallenge> challenge = HttpLogin.challenge(before);
    if (challenge.isEmpty()) {
      return Outcome.skip(
          "GET "
              + page.path()
              + " -> "
              + HttpLogin.describe(before)
              + ": no Basic or Digest challenge that can be answered, not tried");
    }
    String refused = HttpLogin.describe(before);
    HttpLogin login = new HttpLogin(endpoint, http, page, challenge.get());
    CredentialAttempts.Result result =
        CredentialAttempts.run(context, page.defaults(), login::attempt);
    if (result.accepted().isEmpty()) {
      if (result.budgetSpent()) {
        return Outcome.skip(
            "login budget spent after "
                + result.tried()
                + " of "
                + page.defaults().size()
                + " default(s), none accepted: not all were tried");
      }
      return Outcome.pass(
          plan.name()
              + ": "
              + page.path()
              + " is refused without credentials ("
              + refused
              + ") and all "
              + result.tried()
              + " documented default(s) were refused (HTTP "
              + login.lastStatus()
              + ")",
          Map.of("page", page.path(), "tried", String.valueOf(result.tried())));
    }
    Credentials accepted = result.accepted().get();
    Credentials random =
        Credentials.of(accepted.user(), "tenken-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
    CredentialAttempts.Result control =
        CredentialAttempts.run(context, List.of(random), login::attempt);
    if (control.accepted().isPresent()) {
      return Outcome.skip(
          "GET "
              + page.path()
              + " accepts a random password as well as the default: a page that takes any"
              + " password (or a honeypot), not a default-password finding");
    }
    String controlText =
        control.tried() == 0
            ? "not sent: the host's login budget is spent"
            : "a random password for the same user was refused (HTTP " + login.lastStatus() + ")";
    return Outcome.fail(
        context
            .finding(endpoint)
            .title(plan.name() + " camera accepts the factory default login")
            .confidence(control.tried() == 0 ? Confidence.FIRM : Confidence.CONFIRMED)
            .key(plan.key() + ":" + accepted.user())
            .evidence("vendor", plan.name())
            .evidence("user", accepted.user())
            .evidence(
                "password",
                Secret.MASK
                    + (accepted.secret().isEmpty() ? " (empty)" : "")
                    + " (the documented default; not shown)")
            .evidence("scheme", login.scheme())
            .evidence("without credentials", "GET " + page.path() + " -> " + refused)
            .evidence(
                "after login",
                "GET " + page.path() + " -> 200 with " + String.join(" + ", page.markers()))
            .evidence("control", controlText)
            .evidence("logout", "none: HTTP Basic/Digest keeps no session to end")
            .build());
  }

  /** The realm-table plan for an unrecognised camera whose {@code /} answers 401. */
  private static Optional<Plan> byRealm(Endpoint endpoint, PanelHttp http) throws IOException {
    HttpReply root = http.get(endpoint, "/");
    if (root.status() != 401) {
      return Optional.empty();
    }
    String realms =
        String.join(
            "\n",
            AuthChallenge.parse(root.headers("WWW-Authenticate")).stream()
                .map(AuthChallenge::realm)
                .toList());
    String server = String.join(" ", root.headers("Server"));
    for (PanelVendors.Realm r : PanelVendors.REALMS) {
      String seen = r.part() == PanelVendor.Part.REALM ? realms : server;
      if (seen.contains(r.text())) {
        HttpReply before =
            r.login().path().equals("/") ? root : http.get(endpoint, r.login().path());
        return Optional.of(new Plan(r.name(), r.id(), r.login(), before));
      }
    }
    return Optional.empty();
  }
}
