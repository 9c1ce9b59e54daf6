package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code camera.http.cleartext-admin}: a recognised camera's login page (a form with a password
 * field, or a Basic/Digest challenge) is served over plain HTTP without a redirect to HTTPS. PASS
 * when the port speaks TLS or {@code /} or the login page redirects to {@code https://}.
 */
final class PanelCleartextAdmin extends PanelCheck {
  static final PanelCleartextAdmin INSTANCE = new PanelCleartextAdmin();

  private static final Pattern PASSWORD_FIELD =
      Pattern.compile("<input[^>]{0,200}type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);

  private PanelCleartextAdmin() {
    super(
        panel("camera.http.cleartext-admin", "Camera login served over plain HTTP")
            .description(
                "The camera's login page is served over plain HTTP and does not redirect to"
                    + " HTTPS. With Basic authentication or a login form the password crosses"
                    + " the network readable by anyone on the path; with Digest the session and"
                    + " the video links still do.")
            .remediation(
                "Turn on HTTPS on the camera and its option to redirect HTTP to HTTPS (or close"
                    + " the plain-HTTP port), and prefer Digest over Basic authentication.")
            .probe(
                "GET / and the recognised vendor's login page over plain HTTP, without"
                    + " credentials, following no redirects")
            .proof(
                "a 401 with a Basic or Digest challenge, or a 2xx page with an <input"
                    + " type=password>, on plain HTTP; a redirect to https:// is a PASS")
            .severity(Severity.LOW)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(Reference.cwe(319), JPCERT)
            .tags("camera", "web-panel", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    if (endpoint.service().equalsIgnoreCase("https")) {
      return Outcome.pass("the port speaks HTTPS", Map.of("service", "https"));
    }
    HttpReply root = http.get(endpoint, "/");
    Optional<String> toHttps = httpsRedirect(root);
    if (toHttps.isPresent()) {
      return Outcome.pass(
          "GET / -> " + root.status() + " " + toHttps.get() + ": plain HTTP redirects to HTTPS",
          Map.of("redirect", toHttps.get()));
    }
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (!fp.ambiguous().isEmpty()) {
      return ambiguous(fp);
    }
    if (fp.vendor().isEmpty()) {
      return Outcome.skip("no camera web panel recognised: no camera login page to judge");
    }
    PanelVendor v = fp.vendor().get();
    String path = v.loginPage();
    HttpReply page = path.equals("/") ? root : http.get(endpoint, path);
    String trail = "GET " + path + " -> " + page.status();
    toHttps = httpsRedirect(page);
    if (toHttps.isPresent()) {
      return Outcome.pass(
          v.name() + " login page redirects to HTTPS: " + trail + " " + toHttps.get(),
          Map.of("redirect", toHttps.get()));
    }
    Optional<dev.tenken.http.AuthChallenge> challenge = HttpLogin.challenge(page);
    if (page.status() == 401 && challenge.isPresent()) {
      return fail(context, endpoint, v, "HTTP " + challenge.get().describe() + " challenge", trail);
    }
    if (page.isSuccess() && PASSWORD_FIELD.matcher(page.bodyText()).find()) {
      return fail(context, endpoint, v, "login form with a password field", trail);
    }
    return Outcome.skip(
        v.name() + ": " + trail + " asks for no password (no challenge, no password field)");
  }

  private static Outcome fail(
      CheckContext context, Endpoint endpoint, PanelVendor v, String what, String trail) {
    return Outcome.fail(
        context
            .finding(endpoint)
            .title(v.name() + " camera login served over plain HTTP")
            .confidence(Confidence.FIRM)
            .key(v.id())
            .evidence("vendor", v.name())
            .evidence("login", what)
            .evidence("request", trail)
            .build());
  }

  /** The {@code https://} location of a 3xx answer, bounded for evidence. */
  static Optional<String> httpsRedirect(HttpReply reply) {
    if (reply.status() < 300 || reply.status() > 399) {
      return Optional.empty();
    }
    String location = reply.header("Location").orElse("").strip();
    return location.toLowerCase(Locale.ROOT).startsWith("https://")
        ? Optional.of(PanelHttp.shown(location))
        : Optional.empty();
  }
}
