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
import java.util.Map;
import java.util.Optional;

/**
 * {@code printer.http.admin-without-password}: the vendor's administrator page answers with its
 * administrator-only content to a request without credentials. Differential: the same page on a
 * locked device is a login form, a 401 or a redirect, and a catch-all port whose random page shows
 * the same markers is not judged.
 */
final class PanelAdminWithoutPassword extends PanelCheck {
  static final PanelAdminWithoutPassword INSTANCE = new PanelAdminWithoutPassword();

  private PanelAdminWithoutPassword() {
    super(
        panel(
                "printer.http.admin-without-password",
                "Printer administrator pages open without a password")
            .description(
                "The printer's web panel shows its administrator pages (security settings,"
                    + " passwords, address book, network settings) to anyone who can reach it:"
                    + " no administrator password is set. Anyone can change the device's"
                    + " configuration, read stored scans and address books, and redirect scans"
                    + " or faxes.")
            .remediation(
                "Set an administrator password on the web panel (and on the control panel),"
                    + " restrict the panel to administrator hosts, and turn on HTTPS.")
            .probe(
                "the catch-all canary (a random path); then GET of the recognised vendor's"
                    + " administrator page without credentials, following no redirects")
            .proof(
                "200 with every administrator-only marker of that vendor (e.g. HP General"
                    + " Security with Local Administrator Password; Canon Remote UI : Portal with"
                    + " Log Out), while a locked device answers a login page, 401 or redirect;"
                    + " not judged when the random page shows the same markers")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(JPCERT, Reference.cwe(306))
            .tags(CheckDescriptor.TAG_MARKER_BASED)
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
    if (admin == null) {
      return Outcome.skip(v.name() + " " + v.product() + ": no administrator page is known");
    }
    if (canary.isPresent() && admin.shownIn(canary.get())) {
      return Outcome.skip(
          "the port answers a random path with the administrator markers of "
              + v.name()
              + ": not judged");
    }
    HttpReply reply = http.get(endpoint, admin.path());
    if (reply.status() == 200 && admin.shownIn(reply.bodyText())) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .title(v.name() + " " + v.product() + " administrator page open without a password")
              .confidence(canary.isPresent() ? Confidence.TENTATIVE : Confidence.CONFIRMED)
              .key(v.id())
              .evidence("vendor", v.name() + (fp.model() == null ? "" : " " + fp.model()))
              .evidence("page", "GET " + admin.path() + " -> 200 without credentials")
              .evidence("markers", String.join(" + ", admin.markers()))
              .build());
    }
    return Outcome.pass(
        v.name()
            + " administrator page "
            + admin.path()
            + " refused without credentials: "
            + describe(reply),
        Map.of("page", admin.path(), "status", String.valueOf(reply.status())));
  }

  /** Status, and the redirect target or challenge when there is one. */
  static String describe(HttpReply reply) {
    StringBuilder sb = new StringBuilder("HTTP ").append(reply.status());
    reply.header("Location").ifPresent(l -> sb.append(" to ").append(PanelHttp.shown(l)));
    reply
        .header("WWW-Authenticate")
        .ifPresent(a -> sb.append(", challenge ").append(PanelHttp.shown(a)));
    if (reply.status() == 200) {
      sb.append(" without the administrator markers (a login page)");
    }
    return sb.toString();
  }
}
