package dev.tenken.database;

import dev.tenken.spi.ServiceProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Recognises memcached by what it answers.
 *
 * <ul>
 *   <li>To the PJL status query identification sends first, memcached 1.6.18 (Debian 12) answers
 *       {@code ERROR CR LF} once for the query's one complete line and keeps the connection open,
 *       waiting for the end of the trailing UEL's line; with ASCII authentication ({@code -Y}) it
 *       answers {@code CLIENT_ERROR unauthenticated CR LF} instead. A reply made only of one or
 *       more of exactly these lines is recognised. A bare {@code ERROR} is also what other servers
 *       of the memcached text protocol send; AT-command modems answer {@code CR LF ERROR CR LF},
 *       with a leading blank line, which does not match.
 *   <li>SASL-enabled memcached speaks only the binary protocol and closes the connection on the PJL
 *       query; identification then sends this probe's request, a binary {@code VERSION} header (24
 *       bytes, read-only, answered without authentication), answered with response magic {@code
 *       0x81}, opcode {@code 0x0b} and a body of at most 64 bytes. Memcached in automatic mode
 *       answers it the same way.
 *   <li>A text {@code VERSION x.y.z CR LF} line, as memcached answers {@code version}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class MemcachedServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final MemcachedServiceProbe INSTANCE = new MemcachedServiceProbe();

  private static final byte[] ERROR = "ERROR\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNAUTHENTICATED =
      "CLIENT_ERROR unauthenticated\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION = "VERSION ".getBytes(StandardCharsets.US_ASCII);

  private MemcachedServiceProbe() {}

  @Override
  public String service() {
    return "memcached";
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(11211);
  }

  /** A binary-protocol {@code VERSION} request; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(MemcachedClient.Command.VERSION.binary());
  }

  @Override
  public boolean recognises(byte[] reply) {
    if (reply.length == 0) {
      return false;
    }
    if ((reply[0] & 0xff) == MemcachedClient.RESPONSE_MAGIC) {
      return binaryVersion(reply);
    }
    if (startsWith(reply, 0, VERSION)) {
      return textVersion(reply);
    }
    int i = 0;
    while (i < reply.length) {
      if (startsWith(reply, i, ERROR)) {
        i += ERROR.length;
      } else if (startsWith(reply, i, UNAUTHENTICATED)) {
        i += UNAUTHENTICATED.length;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean binaryVersion(byte[] r) {
    if (r.length < 24 || (r[1] & 0xff) != MemcachedClient.OP_VERSION) {
      return false;
    }
    int keyLen = ((r[2] & 0xff) << 8) | (r[3] & 0xff);
    long body =
        ((long) (r[8] & 0xff) << 24)
            | ((r[9] & 0xff) << 16)
            | ((r[10] & 0xff) << 8)
            | (r[11] & 0xff);
    return keyLen == 0 && r[4] == 0 && body > 0 && body <= 64;
  }

  private static boolean textVersion(byte[] r) {
    int i = VERSION.length;
    int start = i;
    while (i < r.length && i - start < 64 && r[i] >= 0x21 && r[i] < 0x7f) {
      i++;
    }
    return i > start && i + 1 < r.length && r[i] == '\r' && r[i + 1] == '\n';
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (data.length - at < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (data[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "MemcachedServiceProbe";
  }
}
