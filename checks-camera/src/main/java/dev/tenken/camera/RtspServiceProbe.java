package dev.tenken.camera;

import dev.tenken.spi.ServiceProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Recognises RTSP (RFC 2326 and RFC 7826), the streaming protocol of network cameras, by its status
 * line: {@code RTSP/1.0} or {@code RTSP/2.0}, a space and a three-digit status code. Real servers
 * answer with such a line to anything, including a request they cannot parse ({@code RTSP/1.0 400
 * Bad Request}), so the reply to the PJL status query usually identifies them already; otherwise
 * its request is {@code OPTIONS *}, which every RTSP server must answer and which changes nothing.
 * Stateless and thread-safe; {@link #recognises} reads at most the first 12 bytes.
 */
final class RtspServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final RtspServiceProbe INSTANCE = new RtspServiceProbe();

  private static final byte[] REQUEST =
      "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Tenken\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private static final List<Integer> PORTS = List.of(554, 8554, 10554);

  private RtspServiceProbe() {}

  @Override
  public String service() {
    return "rtsp";
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** {@code OPTIONS * RTSP/1.0} with {@code CSeq: 1}; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(REQUEST.clone());
  }

  /** Whether {@code reply} starts with an RTSP/1.0 or RTSP/2.0 status line. */
  @Override
  public boolean recognises(byte[] reply) {
    // "RTSP/1.0 200" : 12 bytes.
    if (reply.length < 12
        || reply[0] != 'R'
        || reply[1] != 'T'
        || reply[2] != 'S'
        || reply[3] != 'P'
        || reply[4] != '/'
        || (reply[5] != '1' && reply[5] != '2')
        || reply[6] != '.'
        || reply[7] != '0'
        || reply[8] != ' ') {
      return false;
    }
    return isDigit(reply[9]) && isDigit(reply[10]) && isDigit(reply[11]);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  @Override
  public String toString() {
    return "RtspServiceProbe";
  }
}
