package dev.tenken.database;

import dev.tenken.spi.ServiceProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Recognises Redis and servers that speak its protocol (RESP: Valkey, KeyDB, Dragonfly...) by the
 * first line of a reply. Redis sends no banner; it answers the PJL status query that identification
 * sends first with an error that quotes the unknown command, as redis-server 7.0 does:
 *
 * <pre>
 * -ERR unknown command 'ESC%-12345X@PJL', with args beginning with: 'INFO' 'STATUS' CR LF
 * </pre>
 *
 * and keeps the connection open. When a port closed on that query instead, the probe's own request
 * is the inline command {@code PING}, read-only and answered with {@code +PONG}, or {@code -NOAUTH}
 * when a password is set.
 *
 * <p>A reply is RESP when its first line is {@code +PONG}, or a simple error: {@code -}, an error
 * code of at least two upper-case letters ({@code ERR}, {@code NOAUTH}, {@code WRONGPASS}, {@code
 * DENIED}, {@code WRONGTYPE}...), optionally a space and a message, and {@code CR LF} within the
 * first {@value #MAX_LINE} bytes. Arbitrary text, HTTP and RTSP status lines, SSH banners and
 * lower-case words do not match. A POP3 server's {@code -ERR} would, but POP3 servers greet with a
 * {@code +OK} banner first, which is not offered as a reply to a request.
 *
 * <p>Stateless and thread-safe; {@link #recognises} reads the reply in place, allocates nothing and
 * looks at no more than its first line.
 */
final class RespServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final RespServiceProbe INSTANCE = new RespServiceProbe();

  /** Longest first line looked at; Redis's protected-mode {@code -DENIED} is about 1.1 KB. */
  static final int MAX_LINE = 4096;

  private static final byte[] REQUEST = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

  private static final List<Integer> PORTS = List.of(6379, 6380, 26379);

  private RespServiceProbe() {}

  @Override
  public String service() {
    return "redis";
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** The inline command {@code PING}; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(REQUEST.clone());
  }

  /** Whether the first line of {@code reply} is {@code +PONG} or a RESP simple error. */
  @Override
  public boolean recognises(byte[] reply) {
    if (reply.length == 0) {
      return false;
    }
    if (reply[0] == '+') {
      return startsWith(reply, PONG);
    }
    if (reply[0] != '-') {
      return false;
    }
    int limit = Math.min(reply.length, MAX_LINE);
    int i = 1;
    while (i < limit && reply[i] >= 'A' && reply[i] <= 'Z') {
      i++;
    }
    if (i - 1 < 2 || i >= limit) {
      return false;
    }
    if (reply[i] == ' ') {
      i++;
      while (i < limit && reply[i] != '\r' && reply[i] != '\n') {
        i++;
      }
    }
    return i + 1 < limit && reply[i] == '\r' && reply[i + 1] == '\n';
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (data[k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "RespServiceProbe";
  }
}
