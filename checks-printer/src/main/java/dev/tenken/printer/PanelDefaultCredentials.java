package dev.tenken.printer;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * {@code printer.http.default-credentials}: the panel accepts a factory administrator login from
 * the vendor's own manual. Differential proof: the administrator page is refused without
 * credentials, the login is accepted, and the administrator-only markers then appear on that page;
 * the vendor's logout path is requested after.
 */
final class PanelDefaultCredentials extends PanelCheck {
  static final PanelDefaultCredentials INSTANCE = new PanelDefaultCredentials();

  private PanelDefaultCredentials() {
    super(
        panel(
                "printer.http.default-credentials",
                "Printer web panel accepts the factory administrator password")
            .description(
                "The printer's web panel asks for a password but accepts the vendor's factory"
                    + " default administrator login printed in its public manual (Canon, Kyocera,"
                    + " Sharp, Ricoh, Brother HL). Anyone can log in as administrator, read the"
                    + " address book and stored documents and change the settings.")
            .remediation(
                "Change the administrator password to a unique one per device, restrict the"
                    + " panel to administrator hosts and turn on HTTPS.")
            .probe(
                "the catch-all canary; GET of the administrator page without credentials; only"
                    + " when refused: at most 2 vendor defaults within the host's login budget"
                    + " (a form POST to the vendor's login path, after reading its anti-forgery"
                    + " token, or Authorization: Basic on the administrator page); the"
                    + " administrator page again with the session; then the vendor's logout path")
            .proof(
                "administrator page refused without credentials, login accepted, and the"
                    + " administrator-only markers shown on that page with the session")
            .severity(Severity.CRITICAL)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(JPCERT, Reference.cwe(1392), Reference.cwe(1393))
            .tags(CheckDescriptor.TAG_MARKER_BASED, "default-credentials")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    Optional<String> canary = http.catchAllBody(endpoint);
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (fp.vendor().isEmpty()) {
      return notAPanel(fp);
    }
    PanelVendor v = fp.vendor().get();
    PanelVendor.AdminPage admin = v.admin();
    PanelVendor.Login login = v.login();
    if (admin == null || login == null || v.defaults().isEmpty()) {
      return Outcome.skip(
          v.name() + " " + v.product() + ": no documented factory login is tried for this vendor");
    }
    if (canary.isPresent()) {
      return Outcome.skip(
          "the port answers success to random paths: a login there proves nothing, not tried");
    }
    HttpReply before = http.get(endpoint, admin.path());
    if (before.status() == 200 && admin.shownIn(before.bodyText())) {
      return Outcome.skip(
          "the administrator page is open without any password (see"
              + " printer.http.admin-without-password): nothing to guess");
    }
    String refused = PanelAdminWithoutPassword.describe(before);
    if (login.tokenPage() != null && token(endpoint, http, login).isEmpty()) {
      return Outcome.skip(
          "the login page " + login.tokenPage() + " shows no anti-forgery token: not tried");
    }
    String[] logout = {"none (Basic authentication keeps no session)"};
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context, v.defaults(), c -> attempt(endpoint, http, admin, login, c, logout));
    if (result.accepted().isPresent()) {
      Credentials c = result.accepted().get();
      return Outcome.fail(
          context
              .finding(endpoint)
              .title(v.name() + " " + v.product() + " accepts the factory administrator login")
              .confidence(Confidence.CONFIRMED)
              .key(v.id() + ":" + c.user())
              .evidence("vendor", v.name() + (fp.model() == null ? "" : " " + fp.model()))
              .evidence("user", c.user())
              .evidence("password", Secret.MASK + " (the vendor's documented default; not shown)")
              .evidence("without credentials", "GET " + admin.path() + ": " + refused)
              .evidence(
                  "login",
                  login.kind() == PanelVendor.Kind.BASIC ? "HTTP Basic" : "POST " + login.path())
              .evidence(
                  "after login",
                  "GET " + admin.path() + " -> 200 with " + String.join(" + ", admin.markers()))
              .evidence("logout", logout[0])
              .build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip(
          "login budget spent after "
              + result.tried()
              + " of "
              + v.defaults().size()
              + " default(s), none accepted: not all were tried");
    }
    return Outcome.pass(
        v.name()
            + ": the administrator page is refused without credentials ("
            + refused
            + ") and all "
            + result.tried()
            + " documented default(s) were refused",
        Map.of("page", admin.path(), "tried", String.valueOf(result.tried())));
  }

  private static CredentialAttempts.Verdict attempt(
      Endpoint endpoint,
      PanelHttp http,
      PanelVendor.AdminPage admin,
      PanelVendor.Login login,
      Credentials c,
      String[] logout)
      throws IOException {
    String password = c.secret().reveal();
    if (login.kind() == PanelVendor.Kind.BASIC) {
      String basic =
          Base64.getEncoder()
              .encodeToString((c.user() + ":" + password).getBytes(StandardCharsets.UTF_8));
      HttpReply after = http.getWith(endpoint, admin.path(), "Authorization", "Basic " + basic);
      return after.status() == 200 && admin.shownIn(after.bodyText())
          ? CredentialAttempts.Verdict.ACCEPTED
          : CredentialAttempts.Verdict.REJECTED;
    }
    String token = "";
    if (login.tokenPage() != null) {
      Optional<String> t = token(endpoint, http, login);
      if (t.isEmpty()) {
        return CredentialAttempts.Verdict.REJECTED;
      }
      token = t.get();
    }
    String form =
        login
            .form()
            .replace("{user64}", enc(b64(c.user())))
            .replace("{password64}", enc(b64(password)))
            .replace("{user}", enc(c.user()))
            .replace("{password}", enc(password))
            .replace("{token}", enc(token));
    HttpReply reply = http.postLogin(endpoint, login.path(), form);
    String cookie = PanelHttp.cookies(reply);
    if (cookie == null || reply.status() >= 400) {
      return CredentialAttempts.Verdict.REJECTED;
    }
    HttpReply after = http.getWith(endpoint, admin.path(), "Cookie", cookie);
    if (after.status() != 200 || !admin.shownIn(after.bodyText())) {
      return CredentialAttempts.Verdict.REJECTED;
    }
    if (login.logout() != null) {
      try {
        HttpReply out = http.getWith(endpoint, login.logout(), "Cookie", cookie);
        logout[0] = "GET " + login.logout() + " -> HTTP " + out.status();
      } catch (IOException e) {
        logout[0] = "GET " + login.logout() + " failed: " + e.getClass().getSimpleName();
      }
    }
    return CredentialAttempts.Verdict.ACCEPTED;
  }

  private static Optional<String> token(Endpoint endpoint, PanelHttp http, PanelVendor.Login login)
      throws IOException {
    HttpReply page = http.get(endpoint, login.tokenPage());
    if (!page.isSuccess() || login.token() == null) {
      return Optional.empty();
    }
    Matcher m = login.token().matcher(page.bodyText());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
