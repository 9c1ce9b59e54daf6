package dev.tenken.cli;

import java.util.Locale;

/**
 * Makes text safe to print on a terminal: device-provided text (banners, titles, evidence) could
 * otherwise carry escape sequences that recolour, hide or rewrite what the user sees, or bidi
 * controls that reorder it. Control, line-separator and bidi characters become visible escapes such
 * as {@code \u001B}; the result is one line.
 */
final class Terminal {
  private Terminal() {}

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
