package dev.tenken.printer;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * {@code printer.http.panel-fingerprint}: which vendor's web panel (EWS) the port serves, with
 * model and firmware when the page shows them, recorded in the device identity.
 */
final class PanelFingerprintCheck extends PanelCheck {
  static final PanelFingerprintCheck INSTANCE = new PanelFingerprintCheck();

  private PanelFingerprintCheck() {
    super(
        panel("printer.http.panel-fingerprint", "Printer web panel identified")
            .description(
                "The port serves a multifunction printer's embedded web server (HP EWS, Canon"
                    + " Remote UI, Ricoh Web Image Monitor, Xerox CentreWare, Brother, Kyocera"
                    + " Command Center RX, Epson Web Config, Lexmark, Sharp, Konica Minolta"
                    + " PageScope, Toshiba TopAccess, Samsung SyncThru, OKI or Zebra). Its vendor,"
                    + " model and firmware go to the inventory and to the firmware check.")
            .remediation(
                "Keep printer panels off untrusted networks (a management VLAN or an allow-list"
                    + " of administrator hosts), and track the model and firmware in the asset"
                    + " inventory.")
            .probe(
                "GET of each vendor's recognition page (8 distinct paths), without credentials,"
                    + " following no redirects")
            .proof(
                "every marker of exactly one vendor on a 2xx page (at least two texts each);"
                    + " several vendors matching is treated as a honeypot")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.INVENTORY)
            .references(JPCERT)
            .tags(CheckDescriptor.TAG_MARKER_BASED, "inventory")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    boolean catchAll = http.isCatchAll(endpoint);
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    if (fp.vendor().isEmpty()) {
      if (!fp.ambiguous().isEmpty()) {
        return notAPanel(fp);
      }
      return Outcome.pass(
          "no printer web panel: none of the 15 vendors' markers on "
              + fp.pages()
              + " recognition page(s)",
          Map.of("pages", String.valueOf(fp.pages())));
    }
    PanelVendor v = fp.vendor().get();
    Confidence confidence = catchAll ? Confidence.TENTATIVE : Confidence.FIRM;
    fp.identify(context, confidence);
    Finding.Builder f =
        context
            .finding(endpoint)
            .title(v.name() + " " + v.product() + " identified")
            .confidence(confidence)
            .key(v.id())
            .evidence("vendor", v.name())
            .evidence("panel", v.product())
            .evidence("page", "HTTP " + fp.page())
            .evidence("markers", String.join(" + ", v.markers()));
    if (fp.model() != null) {
      f.evidence("model", fp.model());
    }
    if (fp.firmware() != null) {
      f.evidence("firmware", fp.firmware());
    }
    return Outcome.fail(f.build());
  }
}
