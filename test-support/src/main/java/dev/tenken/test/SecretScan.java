package dev.tenken.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Searches texts for secrets, also in the escaped forms report formats use: JSON ({@code \"},
 * {@code \u002d}), XML ({@code &amp;}, {@code &#45;}), Markdown ({@code \-}) and URL encoding
 * ({@code %2D}) of every character that is not an ASCII letter or digit; and base64 (standard and
 * URL-safe, padding ignored) of the secret and of {@code user:secret} for credentials, as an HTTP
 * Basic {@code Authorization} value carries them. Not API; not thread-safe.
 */
final class SecretScan {
  /**
   * One secret to look for.
   *
   * @param name where it came from, for messages (never its value)
   * @param value the secret
   * @param user the user name it belongs to, or empty
   */
  record Entry(String name, String value, String user) {}

  /**
   * Most places reported per secret (one per report format, then the finding or result itself); the
   * count of the rest is given.
   */
  private static final int MAX_REPORTED = 10;

  private final List<Pattern> patterns = new ArrayList<>();
  private final Map<Integer, List<String>> leaks = new LinkedHashMap<>();
  private final Map<Integer, Integer> counts = new LinkedHashMap<>();
  private final List<String> names;

  /** A scan for {@code entries}. */
  SecretScan(List<Entry> entries) {
    List<String> n = new ArrayList<>();
    for (Entry e : entries) {
      patterns.add(pattern(e.value(), e.user()));
      n.add(e.name());
    }
    this.names = List.copyOf(n);
  }

  /** Searches {@code text}, found at {@code where}, for every secret. */
  void scan(String where, String text) {
    for (int i = 0; i < patterns.size(); i++) {
      Matcher m = patterns.get(i).matcher(text);
      if (m.find()) {
        int count = counts.merge(i, 1, Integer::sum);
        if (count <= MAX_REPORTED) {
          leaks.computeIfAbsent(i, k -> new ArrayList<>()).add(where + ": " + snippet(text, m, i));
        }
      }
    }
  }

  /** One message per leaked secret, naming every place (up to a limit) where it appeared. */
  List<String> violations() {
    List<String> out = new ArrayList<>();
    leaks.forEach(
        (i, places) -> {
          int more = counts.get(i) - places.size();
          StringBuilder sb =
              new StringBuilder(names.get(i))
                  .append(" appears in ")
                  .append(counts.get(i))
                  .append(" place(s) (shown as «")
                  .append(label(i))
                  .append("»):");
          for (String p : places) {
            sb.append("\n       - ").append(p);
          }
          if (more > 0) {
            sb.append("\n       - ... and ").append(more).append(" more");
          }
          out.add(sb.toString());
        });
    return out;
  }

  private static String label(int i) {
    return "secret #" + (i + 1);
  }

  private String snippet(String text, Matcher m, int index) {
    int from = Math.max(0, m.start() - 40);
    int to = Math.min(text.length(), m.end() + 40);
    String around = text.substring(from, to);
    String masked = patterns.get(index).matcher(around).replaceAll("«" + label(index) + "»");
    return (from > 0 ? "..." : "")
        + Texts.oneLine(masked).replace("\t", " ")
        + (to < text.length() ? "..." : "");
  }

  /**
   * A pattern matching {@code secret} as written, escaped character by character, or base64-encoded
   * alone or as {@code user:secret}.
   */
  static Pattern pattern(String secret, String user) {
    StringBuilder re = new StringBuilder(escaped(secret));
    List<String> plain = new ArrayList<>(List.of(secret));
    if (!user.isEmpty()) {
      plain.add(user + ":" + secret);
    }
    for (String p : plain) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      for (Base64.Encoder encoder :
          List.of(Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding())) {
        re.append('|').append(Pattern.quote(encoder.encodeToString(bytes)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** A regular expression matching {@code secret} as written or escaped character by character. */
  private static String escaped(String secret) {
    StringBuilder re = new StringBuilder();
    secret
        .codePoints()
        .forEach(
            cp -> {
              String literal = Pattern.quote(new String(Character.toChars(cp)));
              boolean plain =
                  (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
              if (plain) {
                re.append(literal);
                return;
              }
              List<String> forms = new ArrayList<>();
              forms.add(literal);
              forms.add("\\\\" + literal);
              if (cp < 0x10000) {
                forms.add("\\\\u(?i:" + String.format(Locale.ROOT, "%04x", cp) + ")");
              }
              forms.add("&#0*" + cp + ";");
              forms.add("&#(?i:x0*" + Integer.toHexString(cp) + ");");
              switch (cp) {
                case '&' -> forms.add("&amp;");
                case '<' -> forms.add("&lt;");
                case '>' -> forms.add("&gt;");
                case '"' -> forms.add("&quot;");
                case '\'' -> forms.add("&apos;");
                default -> {}
              }
              if (cp < 0x80) {
                forms.add("%(?i:" + String.format(Locale.ROOT, "%02x", cp) + ")");
              }
              re.append("(?:").append(String.join("|", forms)).append(')');
            });
    return re.toString();
  }
}
