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
import java.util.Set;

/**
 * {@code printer.ipp.print-without-auth}: the printer takes jobs from anyone. Read from the
 * printer's own attributes — never by submitting a job: {@code uri-authentication-supported} for
 * the printer URI used is {@code none} or {@code requesting-user-name} (a name the client asserts,
 * which RFC 8011 section 5.4.2 says is not authentication) and {@code printer-is-accepting-jobs} is
 * true. {@code basic}, {@code digest}, {@code certificate} or {@code negotiate}, a printer not
 * accepting jobs, or a refused Get-Printer-Attributes is a PASS with that evidence. Stateless and
 * thread-safe.
 */
final class IppPrintWithoutAuth implements Check {
  static final String ID = "printer.ipp.print-without-auth";

  /** Values of uri-authentication-supported that authenticate nobody. */
  static final Set<String> UNAUTHENTICATED = Set.of("none", "requesting-user-name");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer accepts IPP print jobs without authentication")
          .description(
              "A printer whose IPP URI requires no authentication (uri-authentication-supported"
                  + " none or requesting-user-name, a name the client merely claims) and that is"
                  + " accepting jobs prints whatever anyone who reaches port 631 sends: paper and"
                  + " toner wasted, offensive or phishing printouts, and documents that exploit"
                  + " flaws in the printer's page-description interpreters.")
          .remediation(
              "Require authentication for printing (CUPS: AuthType Basic or Negotiate with"
                  + " Require valid-user in the printer's policy; printers: IPP authentication in"
                  + " the web panel) and restrict port 631 to the networks that print.")
          .probe(
              "IPP Get-Printer-Attributes for printer-uri-supported, uri-authentication-supported"
                  + " and printer-is-accepting-jobs; no job is ever sent")
          .proof(
              "uri-authentication-supported none or requesting-user-name for the URI used and"
                  + " printer-is-accepting-jobs true")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("ipp", "ipps")
          .ports(IppClient.PORT)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.rfc-editor.org/rfc/rfc8011#section-5.4.2"))
          .tags("ipp", "no-auth")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (HttpProbe http = HttpProbe.of(context)) {
      IppClient.Answer answer =
          IppClient.printerAttributes(http, context, endpoint, IppAttributesWithoutAuth.ATTRIBUTES);
      if (IppClient.isAccessRefusal(answer)) {
        String e = IppClient.refusal(answer);
        return Outcome.pass(
            "the printer refuses IPP requests without credentials: " + e, Map.of("reply", e));
      }
      if (!(answer instanceof IppClient.Reply reply) || !reply.message().isSuccess()) {
        return Outcome.skip(
            "no IPP printer answered Get-Printer-Attributes: " + IppClient.refusal(answer));
      }
      IppMessage m = reply.message();
      IppChecks.identify(context, m);
      boolean tls = endpoint.service().equals("ipps");
      int index = IppChecks.uriIndex(m, reply.path(), tls);
      String auth = IppChecks.valueAt(m, "uri-authentication-supported", index).orElse(null);
      String uri = IppChecks.valueAt(m, "printer-uri-supported", index).orElse(reply.path());
      String accepting = IppChecks.valueAt(m, "printer-is-accepting-jobs", 0).orElse(null);
      if (auth == null) {
        return Outcome.error(
            "the printer did not report uri-authentication-supported; cannot tell");
      }
      if (!UNAUTHENTICATED.contains(auth)) {
        return Outcome.pass(
            "the printer requires " + auth + " authentication for " + uri,
            Map.of("uri-authentication-supported", auth, "printer-uri", uri));
      }
      if ("false".equals(accepting)) {
        return Outcome.pass(
            "no authentication for " + uri + ", but printer-is-accepting-jobs is false",
            Map.of("uri-authentication-supported", auth, "printer-is-accepting-jobs", "false"));
      }
      var finding =
          context
              .finding(endpoint)
              .confidence("true".equals(accepting) ? Confidence.CONFIRMED : Confidence.FIRM)
              .key(reply.path())
              .evidence("printer-uri", uri)
              .evidence("uri-authentication-supported", auth)
              .evidence(
                  "printer-is-accepting-jobs", accepting == null ? "(not reported)" : accepting)
              .evidence("note", "read from the printer's attributes; no job was sent");
      return Outcome.fail(finding.build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
