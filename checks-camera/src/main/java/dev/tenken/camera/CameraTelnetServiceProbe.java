package dev.tenken.camera;

import dev.tenken.spi.ServiceProbe;
import dev.tenken.spi.TelnetBanner;
import java.util.List;

/**
 * Recognises telnet on the ports cameras and DVRs use (23, and 2323 where the firmware moved it) by
 * the option negotiation a telnet server opens with ({@link TelnetBanner#startsWithNegotiation}).
 * Banner only: no request. A prompt without negotiation needs a {@code telnet://} hint. Stateless
 * and thread-safe.
 */
final class CameraTelnetServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final CameraTelnetServiceProbe INSTANCE = new CameraTelnetServiceProbe();

  private CameraTelnetServiceProbe() {}

  @Override
  public String service() {
    return "telnet";
  }

  @Override
  public List<Integer> likelyPorts() {
    return CameraTelnetExposed.PORTS;
  }

  @Override
  public boolean recognises(byte[] reply) {
    return TelnetBanner.startsWithNegotiation(reply);
  }

  @Override
  public String toString() {
    return "CameraTelnetServiceProbe";
  }
}
