package dev.tenken.database;

import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * Recognises PostgreSQL (and servers speaking its protocol) by what it answers. PostgreSQL sends no
 * banner, and it closes the connection without a word on the PJL status query identification sends
 * first (its first four bytes read as an impossible startup-packet length; postgres 15 logs
 * "invalid length of startup packet"). So the probe's own request, an {@code SSLRequest}, is sent
 * on a fresh connection, and it recognises:
 *
 * <ul>
 *   <li>the one-byte answer to it, {@code S} or {@code N}, and nothing else: a reply of exactly one
 *       byte. That is weak evidence on its own — another protocol could answer a lone {@code N} —
 *       so it is only a match when the reply is exactly that byte;
 *   <li>an ErrorResponse: {@code E}, a length between 8 and 8192 that the reply can hold, then the
 *       severity field {@code S} with a printable word, and next the non-localised severity {@code
 *       V} ({@code FATAL}, {@code ERROR}, {@code PANIC}) or the SQLSTATE field {@code C} with five
 *       characters — what PostgreSQL answers to a startup it refuses, for example {@code SFATAL
 *       VFATAL C0A000 Munsupported frontend protocol ...}.
 * </ul>
 *
 * <p>Stateless and thread-safe; {@link #recognises} allocates nothing.
 */
final class PostgresServiceProbe implements ServiceProbe {
  static final PostgresServiceProbe INSTANCE = new PostgresServiceProbe();

  private static final List<Integer> PORTS = List.of(PostgresChecks.PORT);

  private PostgresServiceProbe() {}

  @Override
  public String service() {
    return PostgresChecks.SERVICE;
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** An SSLRequest; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(PostgresClient.sslRequestBytes());
  }

  @Override
  public boolean recognises(byte[] reply) {
    if (reply.length == 1) {
      return reply[0] == 'S' || reply[0] == 'N';
    }
    return isErrorResponse(reply);
  }

  static boolean isErrorResponse(byte[] r) {
    if (r.length < 9 || r[0] != 'E') {
      return false;
    }
    int length = PostgresClient.readInt(r, 1);
    if (length < 8 || length > 8192) {
      return false;
    }
    if (r[5] != 'S') {
      return false;
    }
    int i = 6;
    int limit = Math.min(r.length, 1 + length);
    int start = i;
    while (i < limit && r[i] != 0) {
      if (r[i] < 0x20 || r[i] > 0x7e) {
        return false;
      }
      i++;
    }
    if (i >= limit || i == start || i - start > 32) {
      return false;
    }
    i++;
    if (i >= limit) {
      return false;
    }
    if (r[i] == 'V') {
      return matches(r, i + 1, limit, "FATAL")
          || matches(r, i + 1, limit, "ERROR")
          || matches(r, i + 1, limit, "PANIC");
    }
    if (r[i] == 'C') {
      if (i + 6 >= limit || r[i + 6] != 0) {
        return false;
      }
      for (int k = i + 1; k <= i + 5; k++) {
        byte b = r[k];
        if (!((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z'))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean matches(byte[] r, int at, int limit, String word) {
    if (at + word.length() >= limit) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (r[at + k] != word.charAt(k)) {
        return false;
      }
    }
    return r[at + word.length()] == 0;
  }

  @Override
  public String toString() {
    return "PostgresServiceProbe";
  }
}
