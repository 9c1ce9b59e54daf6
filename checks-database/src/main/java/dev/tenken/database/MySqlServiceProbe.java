package dev.tenken.database;

import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * Recognises MySQL and MariaDB by the banner they send unasked: the first packet, a 3-byte
 * little-endian length, sequence number 0, and either
 *
 * <ul>
 *   <li>a protocol-10 initial handshake: byte {@code 0x0a}, then a NUL-terminated server version of
 *       printable characters starting with a digit ({@code 8.0.36}, {@code 5.5.5-10.11.6-MariaDB}),
 *       with a length between 40 and 1024 bytes; or
 *   <li>an error packet: {@code 0xff}, an error code from 1000 to 9999 (1130 "Host ... is not
 *       allowed to connect", 1040 too many connections) and a printable message, with a length
 *       between 4 and 1024 bytes.
 * </ul>
 *
 * <p>No request: the server speaks first. Stateless and thread-safe; allocates nothing.
 */
final class MySqlServiceProbe implements ServiceProbe {
  static final MySqlServiceProbe INSTANCE = new MySqlServiceProbe();

  private static final List<Integer> PORTS = List.of(MySqlChecks.PORT);

  private MySqlServiceProbe() {}

  @Override
  public String service() {
    return MySqlChecks.SERVICE;
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  @Override
  public boolean recognises(byte[] r) {
    if (r.length < 8 || r[3] != 0) {
      return false;
    }
    int length = (r[0] & 0xff) | (r[1] & 0xff) << 8 | (r[2] & 0xff) << 16;
    int end = Math.min(r.length, 4 + length);
    if ((r[4] & 0xff) == 0x0a) {
      if (length < 40 || length > 1024 || r[5] < '0' || r[5] > '9') {
        return false;
      }
      for (int i = 5; i < end; i++) {
        if (r[i] == 0) {
          return i > 5;
        }
        if (r[i] < 0x20 || r[i] > 0x7e) {
          return false;
        }
      }
      return false;
    }
    if ((r[4] & 0xff) == 0xff) {
      if (length < 4 || length > 1024 || r.length < 7) {
        return false;
      }
      int code = (r[5] & 0xff) | (r[6] & 0xff) << 8;
      if (code < 1000 || code > 9999) {
        return false;
      }
      for (int i = 7; i < end; i++) {
        if ((r[i] >= 0 && r[i] < 0x20 && r[i] != '\n') || r[i] == 0x7f) {
          return false;
        }
      }
      return end > 7;
    }
    return false;
  }

  @Override
  public String toString() {
    return "MySqlServiceProbe";
  }
}
