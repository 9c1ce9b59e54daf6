package dev.tenken.printer;

import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * Recognises telnet by the option negotiation a telnet server opens with: the banner starts with
 * {@code IAC} ({@code 0xFF}) followed by {@code WILL}, {@code WONT}, {@code DO} or {@code DONT}
 * ({@code 0xFB}-{@code 0xFE}) and an option byte, or {@code IAC SB}. Servers that send a plain text
 * prompt without negotiation are not recognised (a scheme hint {@code telnet://} names them).
 * Banner only: no request. Stateless and thread-safe.
 */
final class TelnetServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final TelnetServiceProbe INSTANCE = new TelnetServiceProbe();

  static final int IAC = 0xff;
  static final int SB = 0xfa;
  static final int WILL = 0xfb;
  static final int DONT = 0xfe;

  private TelnetServiceProbe() {}

  @Override
  public String service() {
    return "telnet";
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(23);
  }

  @Override
  public boolean recognises(byte[] reply) {
    return startsWithNegotiation(reply);
  }

  /** Whether {@code data} opens with a telnet option negotiation. */
  static boolean startsWithNegotiation(byte[] data) {
    if (data.length < 3 || (data[0] & 0xff) != IAC) {
      return false;
    }
    int cmd = data[1] & 0xff;
    return (cmd >= WILL && cmd <= DONT) || cmd == SB;
  }

  @Override
  public String toString() {
    return "TelnetServiceProbe";
  }
}
