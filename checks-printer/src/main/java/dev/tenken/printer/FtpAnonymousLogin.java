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
import java.util.Map;

/**
 * {@code printer.ftp.anonymous-login}: the printer's FTP server accepts anonymous logins. Sends
 * {@code USER anonymous}, {@code PASS tenken@} (only after {@code 331}), then {@code QUIT}; {@code
 * 230} is a FAIL, {@code 530} (or another 5xx refusal of the user) a PASS.
 *
 * <p>Safety {@link Safety#READ_ONLY}, not {@code CREDENTIAL_ATTEMPT}: anonymous FTP is a public
 * convention (RFC 1635) for guest access, not a credential — nothing is guessed, no secret is sent
 * ({@code tenken@} stands where an e-mail address goes), and {@code anonymous} is not an account a
 * refusal could lock. This is the same classification as nmap's {@code ftp-anon} script (categories
 * "default, safe"). It does not count against the host's login budget. The login opens no data
 * connection and stores nothing: on a printer a stored file prints. Stateless and thread-safe.
 */
final class FtpAnonymousLogin implements Check {
  static final String ID = "printer.ftp.anonymous-login";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer FTP server accepts anonymous login")
          .description(
              "The printer's FTP server lets anyone log in as `anonymous`. On printers and MFPs"
                  + " FTP is a print path (every file stored is printed) and often reaches the"
                  + " device's file system: stored jobs, scans and firmware files. Anyone who"
                  + " reaches the port can print, waste paper and toner, and read what the FTP"
                  + " server exposes.")
          .remediation(
              "Turn the FTP service of the printer off (HP: Networking > Other Settings > FTP"
                  + " Printing), or disable anonymous access and restrict the port to the print"
                  + " server.")
          .probe("`USER anonymous`, `PASS tenken@` (after 331), `QUIT`; no data connection")
          .proof("`230` after the anonymous login; `530` is a PASS")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("ftp")
          .ports(21)
          .references(
              Reference.cwe(287),
              Reference.url("https://www.rfc-editor.org/rfc/rfc1635"),
              Reference.url("https://nmap.org/nsedoc/scripts/ftp-anon.html"))
          .tags("printer", "ftp", "anonymous", "no-auth")
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
      FtpClient.Reply user = ftp.send(FtpClient.Command.USER_ANONYMOUS);
      FtpClient.Reply last = user;
      if (user.code() == 331 || user.code() == 332) {
        last = ftp.send(FtpClient.Command.PASS_ANONYMOUS);
      }
      ftp.quit();
      if (last.code() == 230) {
        return Outcome.fail(
            context
                .finding(endpoint)
                .confidence(Confidence.CONFIRMED)
                .key("anonymous")
                .evidence("user", "anonymous")
                .evidence("greeting", greeting.summary())
                .evidence("reply", last.summary())
                .build());
      }
      if (last.code() >= 500) {
        return Outcome.pass(
            "anonymous login refused: " + last.summary(),
            Map.of("greeting", greeting.summary(), "reply", last.summary()));
      }
      return Outcome.error("unexpected reply to the anonymous login: " + last.summary());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
