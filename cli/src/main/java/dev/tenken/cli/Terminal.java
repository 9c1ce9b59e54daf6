package dev.tenken.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Makes text safe to print on a terminal: device-provided text (banners, titles, evidence) could
 * otherwise carry escape sequences that recolour, hide or rewrite what the user sees, or bidi
 * controls that reorder it. Control, line-separator and bidi characters become visible escapes such
 * as {@code \u001B}; the result is one line.
 */
final class Terminal {
  private Terminal() {}

  /**
   * Whether file descriptor {@code fd} of this process (0: standard input, 2: standard error) is a
   * terminal. Java 17 cannot ask directly; on Linux the descriptor's link names its device,
   * elsewhere the console's presence (stdin and stdout both terminals) stands in.
   */
  static boolean isTerminal(int fd) {
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** {@code s} on one line with every unsafe character escaped. */
  static String clean(String s) {
    StringBuilder sb = null;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isUnsafe(cp)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(
            switch (cp) {
              case '\t' -> "\\t";
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              default -> String.format(Locale.ROOT, "\\u%04X", cp);
            });
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i = next;
    }
    return sb == null ? s : sb.toString();
  }

  /** {@link #clean} of {@code s}, cut to {@code max} characters with an ellipsis. */
  static String clean(String s, int max) {
    String c = clean(s);
    return c.length() <= max ? c : c.substring(0, Math.max(0, max - 3)) + "...";
  }

  private static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.SURROGATE
        || type == Character.FORMAT // zero-width and bidi controls
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0xFFFE
        || cp == 0xFFFF;
  }
}
