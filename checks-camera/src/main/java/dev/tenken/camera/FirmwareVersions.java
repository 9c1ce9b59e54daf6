package dev.tenken.camera;

import dev.tenken.Version;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads camera firmware strings as the vendors write them into versions the firmware catalog can
 * compare, and says "unknown" (empty) rather than guess. Stateless.
 *
 * <ul>
 *   <li>Hikvision: {@code V5.4.5 build 170124}, {@code V5.5.800_210628}: the version with the build
 *       date as a fourth component, {@code 5.4.5.170124}, since Hikvision fixes flaws in new builds
 *       of one version. Without a build the date is unknown: the reading is the range from build
 *       000000 to 999999, and the check decides only when both ends get the same verdict.
 *   <li>Others: dot-separated numbers ({@code v3.0.0.716_21012800}, {@code 2.800.0000016.0.R}), the
 *       build suffix ignored. Anything else, such as AVTECH's {@code 1017-1003-1009-1003}, is
 *       unknown.
 * </ul>
 */
final class FirmwareVersions {
  private FirmwareVersions() {}

  private static final Pattern HIKVISION =
      Pattern.compile(
          "[vV]?(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,4})(?:\\s{0,3}(?:build|_)\\s{0,3}(\\d{6}))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DOTTED = Pattern.compile("[vV]?(\\d{1,9}(?:\\.\\d{1,9}){1,5})");
  private static final int MAX_TEXT = 128;

  /**
   * A firmware reading: {@code low == high} when exact, else the range of builds it may be.
   *
   * @param low the lowest version the text may stand for
   * @param high the highest
   */
  record Reading(Version low, Version high) {
    boolean exact() {
      return low.equals(high);
    }
  }

  /**
   * The comparable version of {@code firmware} as {@code vendor} writes it, or empty when unknown.
   */
  static Optional<Reading> read(String vendor, String firmware) {
    if (firmware.length() > MAX_TEXT) {
      return Optional.empty();
    }
    String f = firmware.strip();
    if (vendor.toLowerCase(Locale.ROOT).contains("hikvision")) {
      Matcher m = HIKVISION.matcher(f);
      if (!m.lookingAt() || !rest(f, m.end())) {
        return Optional.empty();
      }
      String base = m.group(1) + "." + m.group(2) + "." + m.group(3);
      if (m.group(4) != null) {
        Version v = Version.of(base + "." + m.group(4));
        return Optional.of(new Reading(v, v));
      }
      return Optional.of(new Reading(Version.of(base + ".0"), Version.of(base + ".999999")));
    }
    Matcher m = DOTTED.matcher(f);
    if (!m.lookingAt() || !rest(f, m.end())) {
      return Optional.empty();
    }
    Version v = Version.of(m.group(1));
    return Optional.of(new Reading(v, v));
  }

  /** Whether what follows the version is a build suffix, not more of a version (a - or digit). */
  private static boolean rest(String f, int end) {
    if (end == f.length()) {
      return true;
    }
    char c = f.charAt(end);
    return c == ' '
        || c == '_'
        || c == ','
        || c == '('
        || (c == '.' && end + 1 < f.length() && Character.isLetter(f.charAt(end + 1)));
  }
}
