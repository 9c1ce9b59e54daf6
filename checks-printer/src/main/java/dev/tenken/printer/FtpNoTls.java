package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code printer.ftp.no-tls}: the printer's FTP server does not offer TLS (RFC 4217), so user
 * names, passwords and the documents sent travel in cleartext. Sends {@code FEAT} (before any
 * login) and {@code QUIT}: a feature list without {@code AUTH TLS}, or {@code FEAT} refused with
 * 500/502 (a server with RFC 4217 support must list {@code AUTH TLS} there), is a FAIL; {@code AUTH
 * TLS} listed is a PASS. Stateless and thread-safe.
 */
final class FtpNoTls implements Check {
  static final String ID = "printer.ftp.no-tls";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer FTP server without TLS")
          .description(
              "The printer's FTP server offers no AUTH TLS (RFC 4217): logins and every document"
                  + " sent to be printed cross the network in cleartext, readable by anyone on the"
                  + " path.")
          .remediation(
              "Turn the FTP service off and print over IPPS, or enable FTPS (AUTH TLS) where the"
                  + " printer supports it and refuse cleartext logins.")
          .probe("`FEAT`, then `QUIT` (no login)")
          .proof(
              "the `211` feature list lacks `AUTH TLS`, or `FEAT` is not implemented; `AUTH TLS`"
                  + " listed is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("ftp")
          .ports(21)
          .references(
              Reference.cwe(319),
              Reference.url("https://www.rfc-editor.org/rfc/rfc4217"),
              Reference.url("https://www.rfc-editor.org/rfc/rfc2389"))
          .tags("printer", "ftp", "cleartext", "tls")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (FtpClient ftp = FtpClient.open(context, endpoint)) {
      FtpClient.Reply greeting = ftp.greeting();
      if (greeting.code() != 220) {
        return Outcome.skip("the FTP server does not serve: " + greeting.summary());
      }
      FtpClient.Reply feat = ftp.send(FtpClient.Command.FEAT);
      ftp.quit();
      boolean tls = false;
      if (feat.code() == 211) {
        for (String line : feat.lines()) {
          String l = line.strip().toUpperCase(Locale.ROOT);
          if (l.equals("AUTH TLS") || l.startsWith("AUTH TLS") || l.matches("AUTH .*\\bTLS\\b.*")) {
            tls = true;
          }
        }
      } else if (feat.code() != 500 && feat.code() != 502) {
        return Outcome.error("unexpected reply to FEAT: " + feat.summary());
      }
      if (tls) {
        return Outcome.pass(
            "FEAT lists AUTH TLS", Map.of("greeting", greeting.summary(), "feat", "AUTH TLS"));
      }
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(feat.code() == 211 ? Confidence.CONFIRMED : Confidence.FIRM)
              .key("no-auth-tls")
              .evidence("greeting", greeting.summary())
              .evidence(
                  "feat",
                  feat.code() == 211
                      ? Math.max(0, feat.lines().size() - 2) + " feature(s) listed, no AUTH TLS"
                      : "FEAT not implemented: " + feat.summary())
              .build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
