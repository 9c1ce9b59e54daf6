package dev.tenken;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A software or firmware version as a device reports it — {@code 7.2.4}, {@code v2.4.2}, {@code
 * 8.0.0-rc1}, {@code 4.4.29-Percona-29.1}, {@code V5.5.80build 210421}, {@code 1.2.3.4567} —
 * reduced to what can be ordered: up to {@value #MAX_COMPONENTS} dot-separated numeric components
 * and an optional pre-release marker. The text as reported is kept for display.
 *
 * <p>Parsing ({@link #parse}) is lenient and never fails on a non-null string: after leading white
 * space and an optional {@code v}/{@code V}, the text must start with an ASCII digit; the numeric
 * components are read up to the first character that does not continue them. What follows may be a
 * pre-release marker ({@code alpha}, {@code beta}, {@code pre}, {@code preview}, {@code rc}, {@code
 * dev}, {@code snapshot}, case-insensitive, optionally after one of {@code - _ . ~} or a space,
 * optionally followed by a number, as in {@code -rc1}, {@code .beta.2}, {@code alpha}); anything
 * else ({@code build 210421}, {@code -Percona...}) is a build suffix that is kept in the raw text
 * but plays no part in ordering or equality. Work is bounded: the version must start within the
 * first {@value #MAX_INPUT_LENGTH} characters, and at most {@value #MAX_INPUT_LENGTH} characters
 * from there are read. Only ASCII digits are digits: {@code ٣.٤} is not a version.
 *
 * <p>Ordering: numeric components compare numerically, however many digits they have (no overflow),
 * a missing component counts as {@code 0} ({@code 7.2 == 7.2.0}); for equal numbers a pre-release
 * sorts before the release, {@code dev}/{@code snapshot} &lt; {@code alpha} &lt; {@code beta} &lt;
 * {@code pre}/{@code preview} &lt; {@code rc}, then by the pre-release number ({@code rc1 < rc2}).
 * {@link #equals} is consistent with {@link #compareTo}: {@code 4.4.29-Percona} equals {@code
 * 4.4.29}. Use {@link #toString()} to show what the device said.
 *
 * <p>Instances are immutable and thread-safe. Methods throw {@link NullPointerException} when given
 * {@code null}.
 */
public final class Version implements Comparable<Version> {
  /** Characters of input that {@link #parse} reads; the rest is ignored. */
  public static final int MAX_INPUT_LENGTH = 128;

  /** Numeric components that are read; further ones are left in the build suffix. */
  public static final int MAX_COMPONENTS = 8;

  private static final int MAX_LABEL_LENGTH = 16;
  private static final int RELEASE_RANK = 5;

  private final String raw;

  /** Numeric components, ASCII digits without leading zeros ({@code "0"} for zero). */
  private final String[] parts;

  /** Number of components once trailing zeros are dropped; used by equals and hashCode. */
  private final int significant;

  /** {@link #RELEASE_RANK} for a release, lower for a pre-release. */
  private final int preRank;

  /** Lower-case pre-release label ({@code "rc"}) or empty for a release. */
  private final String preLabel;

  /** Pre-release number without leading zeros, or {@code "0"} when absent. */
  private final String preNumber;

  /** Whether the whole text was a version: nothing but components and a pre-release marker. */
  private final boolean exact;

  private Version(
      String raw, String[] parts, int preRank, String preLabel, String preNumber, boolean exact) {
    this.raw = raw;
    this.parts = parts;
    int n = parts.length;
    while (n > 1 && parts[n - 1].equals("0")) {
      n--;
    }
    this.significant = n;
    this.preRank = preRank;
    this.preLabel = preLabel;
    this.preNumber = preNumber;
    this.exact = exact;
  }

  /**
   * Reads a version from what a device reported. Never throws for a non-null argument, however long
   * or strange; reads a bounded prefix (see the class description).
   *
   * @param text a banner fragment such as {@code "7.2.4"}, {@code "v2.4.2"} or {@code "V5.4.5 build
   *     170124"}
   * @return the version, or empty when the text (after white space and an optional {@code v}) does
   *     not start with an ASCII digit
   * @throws NullPointerException when {@code text} is {@code null}
   */
  public static Optional<Version> parse(String text) {
    Objects.requireNonNull(text, "text");
    int start = 0;
    int limit = Math.min(text.length(), MAX_INPUT_LENGTH);
    while (start < limit && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (start == limit) {
      return Optional.empty();
    }
    int end = Math.min(text.length(), start + MAX_INPUT_LENGTH);
    if (end < text.length() && end > start && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    boolean whole = end == text.length();
    String s = text.substring(start, end).strip();
    int i = 0;
    int len = s.length();
    if (i < len && (s.charAt(i) == 'v' || s.charAt(i) == 'V')) {
      i++;
    }
    if (i >= len || !isDigit(s.charAt(i))) {
      return Optional.empty();
    }
    String[] parts = new String[MAX_COMPONENTS];
    int count = 0;
    while (true) {
      int partStart = i;
      while (i < len && isDigit(s.charAt(i))) {
        i++;
      }
      parts[count++] = stripZeros(s, partStart, i);
      if (count < MAX_COMPONENTS && i + 1 < len && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    int preRank = RELEASE_RANK;
    String preLabel = "";
    String preNumber = "0";
    int j = i;
    if (j < len && isSeparator(s.charAt(j))) {
      j++;
    }
    int labelStart = j;
    while (j < len && j - labelStart <= MAX_LABEL_LENGTH && isAsciiLetter(s.charAt(j))) {
      j++;
    }
    int rank = j > labelStart ? rankOf(s.substring(labelStart, j).toLowerCase(Locale.ROOT)) : -1;
    if (rank >= 0) {
      preRank = rank;
      preLabel = s.substring(labelStart, j).toLowerCase(Locale.ROOT);
      int k = j;
      if (k + 1 < len
          && (s.charAt(k) == '.' || s.charAt(k) == '-' || s.charAt(k) == '_')
          && isDigit(s.charAt(k + 1))) {
        k++;
      }
      int numberStart = k;
      while (k < len && isDigit(s.charAt(k))) {
        k++;
      }
      if (k > numberStart) {
        preNumber = stripZeros(s, numberStart, k);
        i = k;
      } else {
        i = j;
      }
    }
    boolean exact = whole && i == len;
    return Optional.of(
        new Version(sanitize(s), Arrays.copyOf(parts, count), preRank, preLabel, preNumber, exact));
  }

  /**
   * A version written by a person, such as a constant in a check or a bound in a catalog file:
   * stricter than {@link #parse}, the whole text must be a version — digits and dots, an optional
   * leading {@code v} and an optional pre-release marker ({@code 8.0.0-rc1}), nothing else.
   *
   * @throws IllegalArgumentException when {@code text} is not such a version ({@code "7.x"}, {@code
   *     "7.2 build 5"}, {@code ""})
   * @throws NullPointerException when {@code text} is {@code null}
   */
  public static Version of(String text) {
    Optional<Version> v = parse(text);
    if (v.isEmpty() || !v.get().exact) {
      throw new IllegalArgumentException("'" + shorten(text) + "' is not a version");
    }
    return v.get();
  }

  /** Whether this version carries a pre-release marker such as {@code -rc1} or {@code beta}. */
  public boolean isPreRelease() {
    return preRank != RELEASE_RANK;
  }

  /**
   * The version without its pre-release marker and build suffix: {@code 8.0.0} for {@code
   * 8.0.0-rc1}, {@code 5.5.80} for {@code V5.5.80build 210421}.
   */
  public Version release() {
    if (!isPreRelease() && exact) {
      return this;
    }
    return new Version(String.join(".", parts), parts, RELEASE_RANK, "", "0", true);
  }

  /**
   * The release branch at {@code depth} components, padded with zeros: {@code branch(2)} of {@code
   * 7.2.4} is {@code "7.2"}, of {@code 7} is {@code "7.0"}; {@code branch(1)} of {@code 7.2.4} is
   * {@code "7"}. Leading zeros are dropped ({@code 07.02} is in branch {@code 7.2}).
   *
   * @param depth number of components, 1 to {@value #MAX_COMPONENTS}
   * @throws IllegalArgumentException when {@code depth} is out of range
   */
  public String branch(int depth) {
    if (depth < 1 || depth > MAX_COMPONENTS) {
      throw new IllegalArgumentException(
          "branch depth must be between 1 and " + MAX_COMPONENTS + ", was " + depth);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(part(i));
    }
    return b.toString();
  }

  /**
   * Whether this version belongs to a release branch: its first components equal the branch's,
   * missing ones counting as zero. {@code 7.2.4} is in {@code "7.2"} and in {@code "7"}, not in
   * {@code "7.20"} or {@code "7.2.5"}; {@code 7.2.0-rc1} is in {@code "7.2"}.
   *
   * @param branch digits and dots, such as {@code "7.2"}, at most {@value #MAX_COMPONENTS}
   *     components
   * @throws IllegalArgumentException when {@code branch} is not such a string
   * @throws NullPointerException when {@code branch} is {@code null}
   */
  public boolean isInBranch(String branch) {
    return compareToBranch(parseBranch(branch)) == 0;
  }

  /** Whether this version sorts before {@code other}. */
  public boolean isBefore(Version other) {
    return compareTo(other) < 0;
  }

  /** Whether this version sorts at or after {@code other}. */
  public boolean isAtLeast(Version other) {
    return compareTo(other) >= 0;
  }

  /**
   * The normalised form: components without leading zeros, then {@code -label} and the pre-release
   * number if any, such as {@code 2.4.2} for {@code v2.4.2} or {@code 8.0.0-rc1} for {@code
   * 8.0.0.RC1}. The build suffix is dropped.
   */
  public String normalized() {
    String numbers = String.join(".", parts);
    if (!isPreRelease()) {
      return numbers;
    }
    return numbers + "-" + preLabel + (preNumber.equals("0") ? "" : preNumber);
  }

  /**
   * The text as reported, without surrounding white space, cut at {@value #MAX_INPUT_LENGTH}
   * characters, control characters replaced by {@code ?}.
   */
  public String raw() {
    return raw;
  }

  /** Orders by numeric components, then release after pre-release; see the class description. */
  @Override
  public int compareTo(Version other) {
    int n = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < n; i++) {
      int c = compareDigits(part(i), other.part(i));
      if (c != 0) {
        return c;
      }
    }
    int c = Integer.compare(preRank, other.preRank);
    return c != 0 ? c : compareDigits(preNumber, other.preNumber);
  }

  /**
   * Equal when {@link #compareTo} says so: same numbers (trailing zeros aside), same pre-release;
   * the raw text and build suffix do not count.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    int h = Integer.hashCode(preRank) * 31 + preNumber.hashCode();
    for (int i = 0; i < significant; i++) {
      h = h * 31 + parts[i].hashCode();
    }
    return h;
  }

  /** The text as reported ({@link #raw()}). */
  @Override
  public String toString() {
    return raw;
  }

  // ---- package-private helpers for VulnerabilityCatalog

  /** Whether this version has the same numbers as {@code other}, pre-release aside. */
  boolean sameNumbers(Version other) {
    int n = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < n; i++) {
      if (!part(i).equals(other.part(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares this version's first {@code branch.length} components to a branch: negative when the
   * version is in an older branch, zero when in the branch, positive when in a newer one.
   */
  int compareToBranch(String[] branch) {
    for (int i = 0; i < branch.length; i++) {
      int c = compareDigits(part(i), branch[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Parses a branch string into its normalised components.
   *
   * @throws IllegalArgumentException unless it is 1 to {@value #MAX_COMPONENTS} dot-separated runs
   *     of ASCII digits
   */
  static String[] parseBranch(String branch) {
    Objects.requireNonNull(branch, "branch");
    String[] out = new String[MAX_COMPONENTS];
    int count = 0;
    int i = 0;
    int len = branch.length();
    boolean ok = len > 0 && len <= 2 * MAX_INPUT_LENGTH;
    while (ok) {
      int start = i;
      while (i < len && isDigit(branch.charAt(i))) {
        i++;
      }
      if (i == start || count == MAX_COMPONENTS) {
        ok = false;
        break;
      }
      out[count++] = stripZeros(branch, start, i);
      if (i == len) {
        break;
      }
      if (branch.charAt(i) != '.') {
        ok = false;
        break;
      }
      i++;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "'" + shorten(branch) + "' is not a release branch like 7.2");
    }
    return Arrays.copyOf(out, count);
  }

  private String part(int i) {
    return i < parts.length ? parts[i] : "0";
  }

  /** Compares two runs of ASCII digits without leading zeros, as numbers of any size. */
  private static int compareDigits(String a, String b) {
    if (a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return Integer.signum(a.compareTo(b));
  }

  private static String stripZeros(String s, int start, int end) {
    int i = start;
    while (i < end - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i, end);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.' || c == '~' || c == ' ';
  }

  private static int rankOf(String label) {
    return switch (label) {
      case "dev", "snapshot" -> 0;
      case "alpha" -> 1;
      case "beta" -> 2;
      case "pre", "preview" -> 3;
      case "rc" -> 4;
      default -> -1;
    };
  }

  private static String sanitize(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (b == null) {
          b = new StringBuilder(s);
        }
        b.setCharAt(i, '?');
      }
    }
    return b == null ? s : b.toString();
  }

  /** A short, printable excerpt of untrusted text for an exception message. */
  static String shorten(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return sanitize(t);
  }
}
