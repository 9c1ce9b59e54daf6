package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.UdpConnection;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The one unicast datagram exchange of the UDP discovery checks (WS-Discovery, SSDP): one request
 * to the target's own address and port, one reply awaited for at most {@value #WAIT_MILLIS} ms
 * (never past the deadline), the reply's size compared with the request's for the reflection note.
 * Never multicast, never broadcast. Stateless and thread-safe.
 */
final class DiscoveryUdp {
  /** How long to wait for a reply: SSDP devices delay theirs up to {@code MX} (1 s) at random. */
  static final int WAIT_MILLIS = 2500;

  private DiscoveryUdp() {}

  /**
   * What came back.
   *
   * @param request the bytes sent
   * @param reply the datagram received, empty when none came
   * @param unreachable whether the network answered ICMP port unreachable
   */
  record Exchange(byte[] request, Optional<byte[]> reply, boolean unreachable) {

    /** Why there is no reply, for an ERROR reason. */
    String silence(Endpoint endpoint, String what) {
      return unreachable
          ? "ICMP port unreachable: no " + what + " responder on udp/" + endpoint.port()
          : "no "
              + what
              + " reply on udp/"
              + endpoint.port()
              + ": silence proves nothing (filtered, turned off, or no responder)";
    }
  }

  /** Sends {@code request} to {@code endpoint} and waits for one reply. */
  static Exchange exchange(CheckContext context, Endpoint endpoint, byte[] request)
      throws IOException {
    Duration wait = Duration.ofMillis(WAIT_MILLIS);
    if (context.remaining().compareTo(wait) < 0) {
      wait = context.remaining();
    }
    try (UdpConnection udp = context.udp(endpoint)) {
      return new Exchange(request, udp.exchange(request, wait), false);
    } catch (PortUnreachableException e) {
      return new Exchange(request, Optional.empty(), true);
    }
  }

  /**
   * The reflection note: {@code reply 2400 bytes to a 520-byte request (x4.6)}. A device that
   * answers a small spoofable datagram with a bigger one can be abused for reflected floods.
   */
  static String amplification(int requestBytes, int replyBytes) {
    double factor = requestBytes == 0 ? 0 : (double) replyBytes / requestBytes;
    return "reply "
        + replyBytes
        + " bytes to a "
        + requestBytes
        + "-byte request (x"
        + String.format(Locale.ROOT, "%.1f", factor)
        + ")"
        + (factor > 1 ? ": usable for reflected, amplified UDP floods" : "");
  }

  /** {@code text} with control characters replaced, cut to {@code max} characters. */
  static String printable(String text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && sb.length() < max; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (text.length() > max) {
      sb.append("...");
    }
    return sb.toString();
  }
}
