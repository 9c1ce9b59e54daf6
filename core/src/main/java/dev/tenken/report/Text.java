package dev.tenken.report;

import java.util.Locale;

/**
 * Makes device-provided text safe to show: characters that are invisible, that break a line, that
 * reorder text (bidirectional controls, the "Trojan Source" trick) or that XML 1.0 forbids are
 * replaced by a visible escape: a backslash, {@code u} and four hex digits. Stateless and
 * thread-safe.
 */
final class Text {
  private Text() {}

  /**
   * {@code s} with every unsafe character escaped except tab, line feed and carriage return, which
   * are kept. Fit for XML text content.
   */
  static String multiLine(String s) {
    return escape(s, true);
  }

  /**
   * {@code s} on one line: unsafe characters, tabs and line breaks escaped ({@code \n}, {@code
   * \t}).
   */
  static String oneLine(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean keepLineBreaks) {
    StringBuilder sb = null;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean lineBreak = cp == '\t' || cp == '\n' || cp == '\r';
      boolean unsafe = lineBreak ? !keepLineBreaks : isUnsafe(cp);
      if (unsafe) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(visible(cp));
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i = next;
    }
    return sb == null ? s : sb.toString();
  }

  /** Whether {@code cp} (never tab, line feed or carriage return) must not be shown as it is. */
  private static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.SURROGATE // an unpaired surrogate: not a character at all
        || cp == 0xFFFE
        || cp == 0xFFFF
        || cp == 0x2028 // line separator
        || cp == 0x2029 // paragraph separator
        || cp == 0x061C // Arabic letter mark
        || cp == 0x200E // left-to-right mark
        || cp == 0x200F // right-to-left mark
        || (cp >= 0x202A && cp <= 0x202E) // bidirectional embeddings and overrides
        || (cp >= 0x2066 && cp <= 0x2069); // bidirectional isolates
  }

  private static String visible(int cp) {
    return switch (cp) {
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      default -> String.format(Locale.ROOT, "\\u%04X", cp);
    };
  }
}
