package dev.tenken.printer;

import dev.tenken.spi.ServiceProbe;
import dev.tenken.spi.TelnetBanner;
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
    return TelnetBanner.startsWithNegotiation(reply);
  }

  @Override
  public String toString() {
    return "TelnetServiceProbe";
  }
}
