package dev.tenken.printer;

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
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code printer.http.cleartext-admin-login}: the panel's administrator login (a form with a
 * password field, or an HTTP Basic challenge) is served over plain HTTP instead of redirecting to
 * HTTPS, so the administrator password crosses the network in clear text.
 */
final class PanelCleartextLogin extends PanelCheck {
  static final PanelCleartextLogin INSTANCE = new PanelCleartextLogin();

  private static final Pattern PASSWORD_FIELD =
      Pattern.compile("<input[^>]{0,200}type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTTPS_ACTION =
      Pattern.compile("action\\s*=\\s*[\"']https://", Pattern.CASE_INSENSITIVE);
  private static final int MAX_HOPS = 3;

  private PanelCleartextLogin() {
    super(
        CheckDescriptor.builder(
                "printer.http.cleartext-admin-login",
                "Printer administrator login served over plain HTTP")
            .services("http")
            .ports(80, 8080, 8000)
            .description(
                "The printer's web panel asks for the administrator password on a plain-HTTP"
                    + " page (a login form or an HTTP Basic challenge) and does not redirect to"
                    + " HTTPS: anyone on the path can read the password when an administrator"
                    + " logs in.")
            .remediation(
                "Turn on HTTPS on the panel and the option that redirects HTTP to HTTPS (HP"
                    + " 'Encrypt all web communication', Canon 'Use TLS', Ricoh 'Permit SSL/TLS"
                    + " communication: Ciphertext only', Brother 'HTTPS only'), or close port 80.")
            .probe(
                "GET of the recognised vendor's administrator page over plain HTTP, following up"
                    + " to 3 same-host redirects on the allow-list by hand (never to HTTPS)")
            .proof(
                "the final plain-HTTP page carries an <input type=password> posting to a"
                    + " non-HTTPS action, or a 401 with WWW-Authenticate: Basic; a redirect to"
                    + " https:// is a PASS")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(Reference.cwe(319), JPCERT)
            .tags("printer", "ews", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    Optional<String> canary = http.catchAllBody(endpoint);
    if (canary.isPresent() && PASSWORD_FIELD.matcher(canary.get()).find()) {
      return Outcome.skip("the port answers a random path with a password form: not judged");
    }
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (fp.vendor().isEmpty()) {
      return notAPanel(fp);
    }
    PanelVendor v = fp.vendor().get();
    if (v.admin() == null) {
      return Outcome.skip(v.name() + " " + v.product() + ": no administrator page is known");
    }
    String path = v.admin().path();
    StringBuilder trail = new StringBuilder("GET " + path);
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      HttpReply reply = http.get(endpoint, path);
      trail.append(" -> ").append(reply.status());
      int status = reply.status();
      if (status >= 300 && status < 400) {
        String location = reply.header("Location").orElse("");
        if (location.toLowerCase(Locale.ROOT).startsWith("https://")) {
          return Outcome.pass(
              v.name()
                  + " administrator page redirects plain HTTP to HTTPS: "
                  + trail
                  + " "
                  + PanelHttp.shown(location),
              Map.of("redirect", PanelHttp.shown(location)));
        }
        Optional<String> next = sameHostPath(location);
        if (next.isEmpty()) {
          return Outcome.skip(
              "redirect to " + PanelHttp.shown(location) + " not followed: " + trail);
        }
        path = next.get();
        trail.append(" ").append(PanelHttp.shown(path));
        continue;
      }
      String challenge = reply.header("WWW-Authenticate").orElse("");
      if (status == 401 && challenge.toLowerCase(Locale.ROOT).startsWith("basic")) {
        return fail(
            context, endpoint, v, "HTTP Basic challenge " + PanelHttp.shown(challenge), trail);
      }
      String body = status == 200 ? reply.bodyText() : "";
      if (PASSWORD_FIELD.matcher(body).find()) {
        if (HTTPS_ACTION.matcher(body).find()) {
          return Outcome.pass(
              v.name() + " login form on plain HTTP posts to an https:// action: " + trail,
              Map.of("page", path));
        }
        return fail(context, endpoint, v, "login form with a password field", trail);
      }
      if (status == 200 && v.admin().shownIn(body)) {
        return Outcome.skip(
            "the administrator page is open without a login (see"
                + " printer.http.admin-without-password): "
                + trail);
      }
      return Outcome.skip("no login form or Basic challenge found: " + trail);
    }
    return Outcome.skip("more than " + MAX_HOPS + " redirects: " + trail);
  }

  private static Outcome fail(
      CheckContext context, Endpoint endpoint, PanelVendor v, String what, CharSequence trail) {
    return Outcome.fail(
        context
            .finding(endpoint)
            .title(v.name() + " administrator login served over plain HTTP")
            .confidence(Confidence.FIRM)
            .key(v.id())
            .evidence("vendor", v.name())
            .evidence("login", what)
            .evidence("requests", trail.toString())
            .build());
  }

  /** The path of a redirect to the same host over HTTP, when it is on the allow-list. */
  static Optional<String> sameHostPath(String location) {
    String path;
    try {
      URI uri = new URI(location);
      if (uri.getScheme() != null && !uri.getScheme().equalsIgnoreCase("http")) {
        return Optional.empty();
      }
      if (uri.getHost() != null) {
        // Another host's page proves nothing about this one; stay on relative redirects.
        return Optional.empty();
      }
      path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    // The login page itself, without the return address a device appends (HP: ?ReturnUrl=...).
    for (String candidate : new String[] {path, path.split("\\?", 2)[0]}) {
      try {
        PanelHttp.read(candidate);
        return Optional.of(candidate);
      } catch (IllegalArgumentException e) {
        // not on the allow-list; try the next form
      }
    }
    return Optional.empty();
  }
}
