package dev.tenken.cli;

import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Countermeasure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code --checks SELECTOR,...} and {@code --exclude SELECTOR,...}. A selector with a dot or a
 * wildcard is a check id pattern, where {@code *} stands for any text and {@code ?} for one
 * character ({@code camera.rtsp.*}, {@code *.no-auth}); a plain word selects the checks whose area
 * ({@code camera}, {@code printer}, {@code database}...), countermeasure ({@code authentication},
 * {@code network-exposure}, {@code software-update}, {@code inventory}) or tag it names. Every
 * selector must select at least one installed check, so a typo is an error rather than a scan that
 * silently runs something else.
 */
final class CheckSelection {
  private CheckSelection() {}

  /**
   * The checks of {@code all} that {@code include} selects (all when it is empty) and {@code
   * exclude} does not, with every probe.
   *
   * @throws UsageException naming the first selector that selects nothing, or when nothing is left
   */
  static CheckSet select(CheckSet all, List<String> include, List<String> exclude) {
    List<CheckDescriptor> checks = all.checks().stream().map(c -> c.descriptor()).toList();
    Predicate<CheckDescriptor> wanted =
        include.isEmpty() ? d -> true : anyOf(checks, include, "--checks");
    Predicate<CheckDescriptor> unwanted =
        exclude.isEmpty() ? d -> false : anyOf(checks, exclude, "--exclude");
    CheckSet selected = all.filter(wanted.and(unwanted.negate()));
    if (selected.checks().isEmpty() && !checks.isEmpty()) {
      throw new UsageException("error.selector.nothing-left");
    }
    return selected;
  }

  private static Predicate<CheckDescriptor> anyOf(
      List<CheckDescriptor> checks, List<String> selectors, String option) {
    List<Predicate<CheckDescriptor>> parts = new ArrayList<>();
    for (String selector : selectors) {
      parts.add(selector(checks, selector, option));
    }
    return d -> parts.stream().anyMatch(p -> p.test(d));
  }

  private static Predicate<CheckDescriptor> selector(
      List<CheckDescriptor> checks, String selector, String option) {
    String s = selector.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new UsageException("error.selector.empty", option);
    }
    Predicate<CheckDescriptor> p;
    if (s.contains(".") || s.contains("*") || s.contains("?")) {
      Pattern id = toRegex(s);
      p = d -> id.matcher(d.id()).matches();
      if (checks.stream().noneMatch(p)) {
        throw new UsageException("error.selector.no-id", option, selector, checks.size());
      }
      return p;
    }
    p = d -> d.area().equals(s) || label(d.countermeasure()).equals(s) || d.tags().contains(s);
    if (checks.stream().noneMatch(p)) {
      boolean countermeasure =
          Arrays.stream(Countermeasure.values()).anyMatch(c -> label(c).equals(s));
      if (countermeasure) {
        throw new UsageException("error.selector.no-check", option, selector);
      }
      throw new UsageException(
          "error.selector.unknown",
          option,
          selector,
          String.join(", ", words(checks, CheckDescriptor::area)),
          String.join(
              ", ", Arrays.stream(Countermeasure.values()).map(CheckSelection::label).toList()),
          String.join(", ", tags(checks)));
    }
    return p;
  }

  private static Set<String> words(
      List<CheckDescriptor> checks, java.util.function.Function<CheckDescriptor, String> f) {
    Set<String> out = new TreeSet<>();
    checks.forEach(d -> out.add(f.apply(d)));
    return out;
  }

  private static Set<String> tags(List<CheckDescriptor> checks) {
    Set<String> out = new TreeSet<>();
    checks.forEach(d -> out.addAll(d.tags()));
    return out;
  }

  /** {@code NETWORK_EXPOSURE} as selectors and listings spell it: {@code network-exposure}. */
  static String label(Countermeasure c) {
    return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
