package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TelnetBanner;
import java.io.IOException;
import java.util.List;

/**
 * {@code printer.telnet.exposed}: the printer offers a telnet console. Passive: reads the banner
 * with {@link TelnetBanner#read} (sends nothing, not even answers to the option negotiation).
 * Telnet option negotiation ({@code IAC WILL/WONT/DO/DONT/SB}) or a login/password prompt is a
 * FAIL; a connection the service closes without a byte (telnet turned off behind an access list, or
 * a stub that refuses) is a PASS; silence, or something that is not telnet, is a SKIP. Stateless
 * and thread-safe.
 */
final class TelnetExposed implements Check {
  static final String ID = "printer.telnet.exposed";

  /** Printer consoles that prompt without the generic words. */
  private static final List<String> PROMPT_WORDS = List.of("jetdirect");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer telnet console exposed")
          .description(
              "The printer offers a telnet console (HP JetDirect and many print servers do). Telnet"
                  + " carries the administrator password in cleartext, and on many models the"
                  + " console changes the network and security configuration; without a password"
                  + " set, anyone who reaches it can.")
          .remediation(
              "Turn telnet off in the printer's network settings (HP: Telnet config off), use the"
                  + " web panel over HTTPS instead, and set an administrator password.")
          .probe("none: connect, read the banner for 1 s, send nothing, close")
          .proof(
              "telnet option negotiation (IAC WILL/DO ...) or a login prompt; a connection closed"
                  + " without a byte is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("telnet")
          .ports(23)
          .references(Reference.cwe(319), Reference.url("https://www.rfc-editor.org/rfc/rfc854"))
          .tags("printer", "telnet", "cleartext", "exposure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    return TelnetBanner.exposure(context, endpoint, PROMPT_WORDS);
  }

  @Override
  public String toString() {
    return ID;
  }
}
