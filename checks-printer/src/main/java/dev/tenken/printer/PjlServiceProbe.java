package dev.tenken.printer;

import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * Recognises PJL (HP Printer Job Language), spoken on the raw print ports of printers, by its
 * answer to the status query that identification sends anyway ({@link
 * PrintPortGuard#STATUS_QUERY}): a printer echoes the query and adds the status,
 *
 * <pre>
 * &#64;PJL INFO STATUS
 * CODE=10001
 * DISPLAY="Ready"
 * ONLINE=TRUE
 * </pre>
 *
 * The probe has no request of its own: nothing but that query may ever reach a port that may print.
 *
 * <p>A reply is PJL when, after optional leading NUL, white space, form feeds and UEL sequences
 * ({@code ESC%-12345X}), it starts with {@code @PJL} followed by a space, a line end or nothing.
 * Requiring the {@code @PJL} at the start matters: servers that quote an unknown command back, such
 * as Redis ({@code -ERR unknown command 'ESC%-12345X@PJL', with args beginning with: 'INFO'
 * 'STATUS'}), contain {@code @PJL} too and are not printers.
 *
 * <p>Stateless and thread-safe; {@link #recognises} reads the reply in place, allocates nothing and
 * looks at no more than the leading bytes it needs.
 */
final class PjlServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final PjlServiceProbe INSTANCE = new PjlServiceProbe();

  private static final List<Integer> PORTS =
      List.of(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999);

  /** {@code ESC%-12345X} as bytes. */
  private static final byte[] UEL = {0x1b, '%', '-', '1', '2', '3', '4', '5', 'X'};

  private static final byte[] PJL = {'@', 'P', 'J', 'L'};

  /** Most filler bytes (white space, UELs) skipped before the {@code @PJL}. */
  private static final int MAX_LEADING = 64;

  private PjlServiceProbe() {}

  @Override
  public String service() {
    return "pjl";
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** Whether {@code reply} starts, after filler, with a {@code @PJL} line. */
  @Override
  public boolean recognises(byte[] reply) {
    int i = 0;
    while (i < reply.length && i <= MAX_LEADING) {
      byte b = reply[i];
      if (b == 0 || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f') {
        i++;
      } else if (startsWith(reply, i, UEL)) {
        i += UEL.length;
      } else {
        break;
      }
    }
    if (i > MAX_LEADING || !startsWith(reply, i, PJL)) {
      return false;
    }
    int after = i + PJL.length;
    if (after == reply.length) {
      return true;
    }
    byte next = reply[after];
    return next == ' ' || next == '\r' || next == '\n';
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (data.length - offset < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (data[offset + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "PjlServiceProbe";
  }
}
