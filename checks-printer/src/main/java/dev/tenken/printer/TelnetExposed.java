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
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code printer.telnet.exposed}: the printer offers a telnet console. Passive: connects, reads
 * what arrives within {@value #WAIT_MILLIS} ms (at most {@value #MAX_BYTES} bytes), sends nothing —
 * not even answers to the option negotiation — and closes. Telnet option negotiation ({@code IAC
 * WILL/WONT/DO/DONT/SB}) or a login/password prompt is a FAIL; a connection the service closes
 * without a byte (telnet turned off behind an access list, or a stub that refuses) is a PASS;
 * silence, or something that is not telnet, is a SKIP. Stateless and thread-safe.
 */
final class TelnetExposed implements Check {
  static final String ID = "printer.telnet.exposed";

  static final int WAIT_MILLIS = 1000;
  static final int MAX_BYTES = 1024;

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
    TcpConnection conn = context.connect(endpoint);
    byte[] banner;
    try {
      banner = conn.readAvailable(Duration.ofMillis(WAIT_MILLIS), MAX_BYTES);
    } finally {
      conn.close();
    }
    if (banner.length == 0) {
      if (conn.peerClosed()) {
        return Outcome.pass(
            "the service closed the connection without a telnet negotiation or prompt",
            Map.of("banner", "connection closed, no bytes"));
      }
      return Outcome.skip("nothing arrived within " + WAIT_MILLIS + " ms");
    }
    boolean negotiation = TelnetServiceProbe.startsWithNegotiation(banner);
    String text = text(banner);
    String lower = text.toLowerCase(Locale.ROOT);
    boolean prompt =
        lower.contains("login:")
            || lower.contains("password:")
            || lower.contains("username:")
            || lower.contains("user name:")
            || lower.contains("telnet")
            || lower.contains("jetdirect")
            || lower.endsWith("> ")
            || lower.endsWith("# ");
    if (!negotiation && !prompt) {
      return Outcome.skip("the banner is not telnet: " + PjlClient.printable(text, 60));
    }
    var f =
        context
            .finding(endpoint)
            .confidence(negotiation ? Confidence.CONFIRMED : Confidence.FIRM)
            .key("telnet")
            .evidence(
                "banner",
                negotiation
                    ? "telnet option negotiation (" + options(banner) + ")"
                    : "prompt without negotiation");
    if (!text.isBlank()) {
      f.evidence("text", PjlClient.printable(text.strip(), 120));
    }
    return Outcome.fail(f.build());
  }

  /** The printable text of the banner, telnet commands removed. */
  static String text(byte[] banner) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < banner.length; i++) {
      int b = banner[i] & 0xff;
      if (b == TelnetServiceProbe.IAC && i + 1 < banner.length) {
        int cmd = banner[i + 1] & 0xff;
        if (cmd >= TelnetServiceProbe.WILL) {
          i += 2; // IAC verb option
        } else if (cmd == TelnetServiceProbe.SB) {
          int se = i + 2;
          while (se + 1 < banner.length
              && !((banner[se] & 0xff) == TelnetServiceProbe.IAC
                  && (banner[se + 1] & 0xff) == 0xf0)) {
            se++;
          }
          i = se + 1;
        } else {
          i += 1;
        }
      } else if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7f)) {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  /** The first few negotiations, such as {@code WILL ECHO, WILL SUPPRESS-GO-AHEAD}. */
  static String options(byte[] banner) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i + 2 < banner.length && shown < 4; i++) {
      if ((banner[i] & 0xff) == TelnetServiceProbe.IAC) {
        int cmd = banner[i + 1] & 0xff;
        if (cmd >= TelnetServiceProbe.WILL && cmd <= TelnetServiceProbe.DONT) {
          String verb = new String[] {"WILL", "WONT", "DO", "DONT"}[cmd - TelnetServiceProbe.WILL];
          int opt = banner[i + 2] & 0xff;
          String name =
              switch (opt) {
                case 1 -> "ECHO";
                case 3 -> "SUPPRESS-GO-AHEAD";
                case 24 -> "TERMINAL-TYPE";
                case 31 -> "NAWS";
                case 32 -> "TERMINAL-SPEED";
                case 33 -> "LINEMODE";
                case 39 -> "NEW-ENVIRON";
                default -> "option " + opt;
              };
          sb.append(shown == 0 ? "" : ", ").append(verb).append(' ').append(name);
          shown++;
          i += 2;
        }
      }
    }
    return sb.length() == 0 ? "IAC SB" : sb.toString();
  }

  @Override
  public String toString() {
    return ID;
  }
}
