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
 * {@code printer.sharp.cve-2024-33605}: a Sharp MFP serves its e-manual list page without
 * authentication, the page of the improper query-parameter processing of CVE-2024-33605
 * (JVNVU#93051062). Read-only: the page is fetched without any parameter and never followed to the
 * download page (whose traversal reads files).
 */
final class PanelSharpCve202433605 extends PanelCheck {
  static final PanelSharpCve202433605 INSTANCE = new PanelSharpCve202433605();

  private PanelSharpCve202433605() {
    super(
        CheckDescriptor.builder(
                "printer.sharp.cve-2024-33605",
                "Sharp MFP e-manual pages reachable (CVE-2024-33605)")
            .services("http", "https")
            .ports(80, 443, 8080, 8000)
            .description(
                "Sharp multifunction printers with firmware before the fixes of JVNVU#93051062"
                    + " (Sharp advisory of May 2024) serve the installed e-manual pages without"
                    + " authentication, and some device web pages allow path traversal"
                    + " (CVE-2024-33605): an unauthenticated attacker can read files on the"
                    + " device.")
            .remediation(
                "Update the firmware to the fixed version Sharp lists for the model, and keep"
                    + " the panel off untrusted networks.")
            .probe(
                "only when the panel was recognised as Sharp: the catch-all canary, then GET"
                    + " /installed_emanual_list.html without parameters; nothing else")
            .proof(
                "200 with ServiceEmanualList and a link to /installed_emanual_down.html and a"
                    + " Set-Cookie MFPSESSIONID (value never shown); a catch-all port whose random"
                    + " page shows the same is not judged")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cve("CVE-2024-33605"),
                Reference.url("https://jvn.jp/en/vu/JVNVU93051062/"),
                Reference.url(
                    "https://global.sharp/products/copier/info/info_security_2024-05.html"),
                Reference.cwe(22))
            .tags("printer", "ews", "sharp", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    Optional<String> canary = http.catchAllBody(endpoint);
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (fp.vendor().isEmpty()) {
      return notAPanel(fp);
    }
    if (!fp.vendor().get().id().equals(PanelVendors.SHARP.id())) {
      return Outcome.skip("the panel is " + fp.vendor().get().name() + ", not Sharp");
    }
    if (canary.isPresent() && shows(canary.get())) {
      return Outcome.skip("the port answers a random path with the e-manual markers: not judged");
    }
    HttpReply reply = http.get(endpoint, PanelHttp.SHARP_EMANUAL_LIST);
    boolean session =
        reply.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("MFPSESSIONID="));
    if (reply.status() == 200 && shows(reply.bodyText()) && session) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.FIRM)
              .key("CVE-2024-33605")
              .evidence("model", fp.model() == null ? "Sharp (model not shown)" : fp.model())
              .evidence(
                  "page", "GET " + PanelHttp.SHARP_EMANUAL_LIST + " -> 200 without credentials")
              .evidence("markers", "ServiceEmanualList + /installed_emanual_down.html")
              .evidence("session cookie", "MFPSESSIONID=**** (value not shown)")
              .build());
    }
    return Outcome.pass(
        "Sharp "
            + (fp.model() == null ? "" : fp.model() + " ")
            + "does not serve the e-manual list: "
            + PanelAdminWithoutPassword.describe(reply),
        Map.of("status", String.valueOf(reply.status())));
  }

  private static boolean shows(String body) {
    return body.contains("ServiceEmanualList") && body.contains("/installed_emanual_down.html");
  }
}
