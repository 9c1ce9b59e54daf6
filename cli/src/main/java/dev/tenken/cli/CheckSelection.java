package dev.tenken.cli;

import dev.tenken.CheckSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code --checks ID-GLOB,...}: keeps the checks whose id matches one of the patterns, where {@code
 * *} stands for any text and {@code ?} for one character ({@code database.redis.*}, {@code
 * *.no-auth}). Every pattern must match at least one check, so a typo is an error rather than a
 * scan that silently runs nothing.
 */
final class CheckSelection {
  private CheckSelection() {}

  /**
   * The checks of {@code all} matching {@code globs}, with every probe; {@code all} itself when
   * {@code globs} is empty.
   *
   * @throws UsageException naming the first pattern that matches no check
   */
  static CheckSet select(CheckSet all, List<String> globs) {
    if (globs.isEmpty()) {
      return all;
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String glob : globs) {
      String g = glob.strip().toLowerCase(Locale.ROOT);
      if (g.isEmpty()) {
        throw new UsageException(
            "empty --checks pattern: give check ids or globs such as database.redis.*");
      }
      Pattern p = toRegex(g);
      if (all.checks().stream().noneMatch(c -> p.matcher(c.id()).matches())) {
        throw new UsageException(
            "--checks pattern '"
                + glob
                + "' matches no check id"
                + (all.checks().isEmpty()
                    ? " (no checks are installed)"
                    : " (" + all.checks().size() + " installed; 'tenken checks' lists them)"));
      }
      patterns.add(p);
    }
    return all.filter(d -> patterns.stream().anyMatch(p -> p.matcher(d.id()).matches()));
  }

  static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString());
  }
}
