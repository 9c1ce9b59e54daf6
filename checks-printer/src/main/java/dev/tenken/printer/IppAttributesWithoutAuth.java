package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpProbe;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code printer.ipp.attributes-without-auth}: the printer answers Get-Printer-Attributes without
 * credentials, telling anyone its make and model, firmware, IEEE 1284 device id and which
 * authentication and security it offers. An HTTP 401/403 or an IPP not-authenticated /
 * not-authorized / forbidden status is a PASS with that evidence. Reports the identity it learns.
 * Stateless and thread-safe.
 */
final class IppAttributesWithoutAuth implements Check {
  static final String ID = "printer.ipp.attributes-without-auth";

  static final String[] ATTRIBUTES = {
    "printer-make-and-model",
    "printer-firmware-string-version",
    "printer-device-id",
    "printer-uri-supported",
    "uri-authentication-supported",
    "uri-security-supported",
    "printer-name",
    "printer-is-accepting-jobs"
  };

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              ID, "Printer answers IPP Get-Printer-Attributes without authentication")
          .description(
              "IPP (RFC 8011) printers and CUPS servers answer Get-Printer-Attributes to anyone"
                  + " unless access is restricted. The reply names the make and model, firmware"
                  + " version, IEEE 1284 device id and the authentication and security the"
                  + " printer offers: enough to pick an exploit for its firmware and to see"
                  + " whether it takes jobs from strangers.")
          .remediation(
              "Restrict IPP (port 631) to the networks that print, at the printer's or CUPS's"
                  + " access control (CUPS: <Location /> with Allow from the office network,"
                  + " or AuthType/Require valid-user) and the firewall; never expose it to the"
                  + " Internet.")
          .probe(
              "IPP Get-Printer-Attributes (POST application/ipp) to /ipp/print, or the first"
                  + " queue CUPS-Get-Printers lists, asking for make-and-model, firmware,"
                  + " device-id, uri-authentication-supported and uri-security-supported")
          .proof(
              "successful-ok with printer attributes and no credentials; HTTP 401/403 or"
                  + " client-error-not-authenticated/not-authorized is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("ipp", "ipps")
          .ports(IppClient.PORT)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.rfc-editor.org/rfc/rfc8011#section-4.2.5"))
          .tags("ipp", "exposure", "inventory")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (HttpProbe http = HttpProbe.of(context)) {
      IppClient.Answer answer = IppClient.printerAttributes(http, context, endpoint, ATTRIBUTES);
      if (IppClient.isAccessRefusal(answer)) {
        String e = IppClient.refusal(answer);
        return Outcome.pass(
            "Get-Printer-Attributes without credentials was refused: " + e, Map.of("reply", e));
      }
      if (!(answer instanceof IppClient.Reply reply) || !reply.message().isSuccess()) {
        return Outcome.skip(
            "no IPP printer answered Get-Printer-Attributes: " + IppClient.refusal(answer));
      }
      IppMessage m = reply.message();
      IppChecks.identify(context, m);
      var finding =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(reply.path())
              .evidence(
                  "reply",
                  "Get-Printer-Attributes on "
                      + reply.path()
                      + " answered "
                      + m.statusText()
                      + " without credentials");
      Map<String, String> shown = new LinkedHashMap<>();
      for (String name :
          new String[] {
            "printer-make-and-model",
            "printer-firmware-string-version",
            "printer-device-id",
            "uri-authentication-supported",
            "uri-security-supported"
          }) {
        m.printer(name)
            .ifPresent(
                a -> shown.put(name, IppClient.printable(String.join(", ", a.texts()), 200)));
      }
      shown.forEach(finding::evidence);
      return Outcome.fail(finding.build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
