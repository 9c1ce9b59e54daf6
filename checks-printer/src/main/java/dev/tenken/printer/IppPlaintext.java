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
import java.util.Map;

/**
 * {@code printer.ipp.plaintext}: IPP answers over plain HTTP and the printer URI's {@code
 * uri-security-supported} is {@code none}, so documents, job names and any credentials travel
 * unencrypted. HTTP {@code 426 Upgrade Required} (TLS demanded) or {@code uri-security-supported}
 * {@code tls} is a PASS. A 401/403 before any IPP answer is a SKIP: nothing shows what the printer
 * would do. Stateless and thread-safe.
 */
final class IppPlaintext implements Check {
  static final String ID = "printer.ipp.plaintext";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "IPP answers over plain HTTP without TLS")
          .description(
              "IPP without TLS sends every document, job name, user name and HTTP Basic"
                  + " password in the clear; anyone on the path can read or alter them.")
          .remediation(
              "Require TLS for IPP (CUPS: DefaultEncryption Required or Encryption Required in"
                  + " the locations; printers: turn on IPPS and turn off plain IPP) and give the"
                  + " printer a certificate clients can check.")
          .probe("IPP Get-Printer-Attributes over plain HTTP on the IPP port")
          .proof(
              "successful-ok over plain HTTP with uri-security-supported none for the URI used;"
                  + " 426 Upgrade Required or tls is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("ipp")
          .ports(IppClient.PORT)
          .references(
              Reference.cwe(319),
              Reference.url("https://www.rfc-editor.org/rfc/rfc8011#section-5.4.3"))
          .tags("ipp", "cleartext")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    if (endpoint.service().equals("ipps")) {
      return Outcome.skip("the endpoint speaks IPP over TLS (ipps)");
    }
    try (HttpProbe http = HttpProbe.of(context)) {
      IppClient.Answer answer =
          IppClient.printerAttributes(http, context, endpoint, IppAttributesWithoutAuth.ATTRIBUTES);
      if (answer instanceof IppClient.Refused r && r.status() == 426) {
        return Outcome.pass(
            "plain-HTTP IPP is refused with " + r.evidence() + ": TLS is required",
            Map.of("reply", r.evidence()));
      }
      if (!(answer instanceof IppClient.Reply reply) || !reply.message().isSuccess()) {
        return Outcome.skip(
            "IPP over plain HTTP did not answer with printer attributes: "
                + IppClient.refusal(answer));
      }
      IppMessage m = reply.message();
      int index = IppChecks.uriIndex(m, reply.path(), false);
      String security = IppChecks.valueAt(m, "uri-security-supported", index).orElse(null);
      String uri = IppChecks.valueAt(m, "printer-uri-supported", index).orElse(reply.path());
      if (security != null && !security.equals("none")) {
        return Outcome.pass(
            "the printer announces " + security + " for " + uri,
            Map.of("uri-security-supported", security, "printer-uri", uri));
      }
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(security == null ? Confidence.FIRM : Confidence.CONFIRMED)
              .key(reply.path())
              .evidence(
                  "reply", "Get-Printer-Attributes answered over plain HTTP: " + m.statusText())
              .evidence("printer-uri", uri)
              .evidence("uri-security-supported", security == null ? "(not reported)" : security)
              .build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
