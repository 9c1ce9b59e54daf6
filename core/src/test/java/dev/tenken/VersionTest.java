package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  static Stream<Arguments> parsed() {
    return Stream.of(
        // input, normalized, pre-release, exact (accepted by Version.of)
        Arguments.of("7.2.4", "7.2.4", false, true),
        Arguments.of("6.0.16", "6.0.16", false, true),
        Arguments.of("v2.4.2", "2.4.2", false, true),
        Arguments.of("8.0.0-rc1", "8.0.0-rc1", true, true),
        Arguments.of("4.4.29-Percona-29.1", "4.4.29", false, false),
        Arguments.of("V5.5.80build 210421", "5.5.80", false, false),
        Arguments.of("1.2.3.4567", "1.2.3.4567", false, true),
        Arguments.of("V5.4.5 build 170124", "5.4.5", false, false),
        Arguments.of("5.7.44-log", "5.7.44", false, false),
        Arguments.of("1.0alpha", "1.0-alpha", true, true),
        Arguments.of("2.0.0-BETA.2", "2.0.0-beta2", true, true),
        Arguments.of("8.0.0.RC1", "8.0.0-rc1", true, true),
        Arguments.of("3.0 preview", "3.0-preview", true, true),
        Arguments.of("1.0-SNAPSHOT", "1.0-snapshot", true, true),
        Arguments.of("1.0-alpine", "1.0", false, false),
        Arguments.of("1.0 development", "1.0", false, false),
        Arguments.of("1.0-rc1-hotfix", "1.0-rc1", true, false),
        Arguments.of("  7.2.4\n", "7.2.4", false, true),
        Arguments.of("07.02.004", "7.2.4", false, true),
        Arguments.of("0", "0", false, true),
        Arguments.of("1.2.3.4.5.6.7.8.9", "1.2.3.4.5.6.7.8", false, false),
        Arguments.of("7.2.", "7.2", false, false),
        Arguments.of("7..2", "7", false, false),
        Arguments.of("7.x", "7", false, false),
        Arguments.of("7.2.4\u0663", "7.2.4", false, false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("parsed")
  void parsesWhatDevicesReport(String input, String normalized, boolean pre, boolean exact) {
    Version v = Version.parse(input).orElseThrow();
    assertThat(v.normalized()).isEqualTo(normalized);
    assertThat(v.isPreRelease()).isEqualTo(pre);
    assertThat(v.raw()).isEqualTo(input.strip());
    assertThat(v.toString()).isEqualTo(input.strip());
    if (exact) {
      assertThat(Version.of(input)).isEqualTo(v);
    } else {
      assertThatThrownBy(() -> Version.of(input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a version");
    }
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "",
        " ",
        "....",
        ".7",
        "v",
        "V.1",
        "vv1",
        "-1.2",
        "abc 1.2",
        "Redis 7.2.4",
        "\u0663.\u0664", // Arabic-Indic digits
        "\uFF17.\uFF12", // full-width digits
        "\u0000",
        "\uD800",
        "\u202E7.2"
      })
  void noLeadingNumberIsNoVersion(String input) {
    assertThat(Version.parse(input)).isEmpty();
    assertThatThrownBy(() -> Version.of(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a version");
  }

  @Test
  void nullIsRefusedWithNullPointerException() {
    assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Version.of(null)).isInstanceOf(NullPointerException.class);
    Version v = Version.of("7.2.4");
    assertThatThrownBy(() -> v.isInBranch(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> v.compareTo(null)).isInstanceOf(NullPointerException.class);
  }

  static Stream<Arguments> ordered() {
    return Stream.of(
        // a, b, sign of a.compareTo(b)
        Arguments.of("7.2.4", "7.2.11", -1),
        Arguments.of("7.9.9", "7.10", -1),
        Arguments.of("0.9", "1.0", -1),
        Arguments.of("7.2", "7.2.0", 0),
        Arguments.of("7", "7.0.0.0", 0),
        Arguments.of("v2.4.2", "2.4.2", 0),
        Arguments.of("07.2", "7.2", 0),
        Arguments.of("1.2.3", "1.2.3.4567", -1),
        Arguments.of("8.0.0-rc1", "8.0.0", -1),
        Arguments.of("8.0.0-rc1", "7.9.99", 1),
        Arguments.of("8.0.0-rc1", "8.0.0-rc2", -1),
        Arguments.of("8.0.0-rc2", "8.0.0-rc10", -1),
        Arguments.of("8.0.0-rc", "8.0.0-rc0", 0),
        Arguments.of("8.0.0-RC1", "8.0.0.rc1", 0),
        Arguments.of("1.0-dev", "1.0-alpha", -1),
        Arguments.of("1.0-snapshot", "1.0-dev", 0),
        Arguments.of("1.0-alpha", "1.0-beta", -1),
        Arguments.of("1.0-beta9", "1.0-pre", -1),
        Arguments.of("1.0-preview", "1.0-rc", -1),
        Arguments.of("1.0-rc", "1.0", -1),
        Arguments.of("1.0-beta", "0.9", 1),
        Arguments.of("4.4.29-Percona-29.1", "4.4.29", 0),
        Arguments.of("V5.4.5 build 170124", "5.4.5", 0),
        Arguments.of("V5.5.80build 210421", "V5.5.80build 200101", 0),
        Arguments.of("9223372036854775807", "9223372036854775808", -1),
        Arguments.of("99999999999999999999", "100000000000000000000", -1),
        Arguments.of("1.123456789012345678901234567890", "1.123456789012345678901234567891", -1),
        Arguments.of("1.0000000000000000000000000000001", "1.1", 0));
  }

  @ParameterizedTest(name = "[{index}] {0} vs {1}")
  @MethodSource("ordered")
  void ordersNumericallyWithPreReleasesFirst(String a, String b, int sign) {
    Version va = Version.parse(a).orElseThrow();
    Version vb = Version.parse(b).orElseThrow();
    assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(sign);
    assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-sign);
    assertThat(va.equals(vb)).isEqualTo(sign == 0);
    assertThat(va.isBefore(vb)).isEqualTo(sign < 0);
    assertThat(va.isAtLeast(vb)).isEqualTo(sign >= 0);
    if (sign == 0) {
      assertThat(va.hashCode()).isEqualTo(vb.hashCode());
    }
  }

  @Test
  void sortsAShuffledList() {
    List<String> expected =
        List.of(
            "0.9",
            "1.0-dev",
            "1.0-alpha",
            "1.0-alpha2",
            "1.0-beta",
            "1.0-rc1",
            "1.0",
            "1.0.1",
            "1.2",
            "1.10",
            "2.0.0-rc1",
            "2.0.0",
            "10.0");
    List<Version> versions = new ArrayList<>();
    for (String s : expected) {
      versions.add(Version.of(s));
    }
    Collections.shuffle(versions, new Random(42));
    Collections.sort(versions);
    assertThat(versions).extracting(Version::raw).containsExactlyElementsOf(expected);
  }

  @Test
  void hugeNumbersAreComparedWithoutOverflowAndInputIsCapped() {
    Version nines = Version.parse("9".repeat(10_000)).orElseThrow();
    Version ones = Version.parse("1".repeat(10_000)).orElseThrow();
    assertThat(nines.raw()).hasSize(Version.MAX_INPUT_LENGTH);
    assertThat(nines.normalized()).isEqualTo("9".repeat(Version.MAX_INPUT_LENGTH));
    assertThat(nines).isGreaterThan(ones);
    assertThat(ones).isGreaterThan(Version.of(String.valueOf(Long.MAX_VALUE)));
    assertThat(Version.of("1" + "0".repeat(100))).isGreaterThan(Version.of("9".repeat(100)));
    assertThat(nines.branch(2)).isEqualTo("9".repeat(Version.MAX_INPUT_LENGTH) + ".0");
  }

  @Test
  void readsABoundedPrefixOnly() {
    Version v = Version.parse("7.2.4 " + "x".repeat(100_000)).orElseThrow();
    assertThat(v.raw()).hasSize(Version.MAX_INPUT_LENGTH).startsWith("7.2.4 xx");
    assertThat(v.normalized()).isEqualTo("7.2.4");
    // leading white space beyond the cap means no version: the work stays bounded
    assertThat(Version.parse(" ".repeat(Version.MAX_INPUT_LENGTH) + "7.2")).isEmpty();
    assertThat(Version.parse(" ".repeat(Version.MAX_INPUT_LENGTH - 1) + "7.2")).isPresent();
    // a surrogate pair is not split at the cap
    String cut = Version.parse("1" + "\uD83D\uDE00".repeat(100)).orElseThrow().raw();
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
  }

  @Test
  void rawTextHasNoControlCharacters() {
    Version v = Version.parse("7.2.4\u0000\r\nX-Injected: yes\u2028Z\n").orElseThrow();
    assertThat(v.raw()).isEqualTo("7.2.4???X-Injected: yes?Z");
    assertThat(v).isEqualTo(Version.of("7.2.4"));
  }

  @Test
  void branchesAtEveryDepth() {
    Version v = Version.of("7.2.4");
    assertThat(v.branch(1)).isEqualTo("7");
    assertThat(v.branch(2)).isEqualTo("7.2");
    assertThat(v.branch(3)).isEqualTo("7.2.4");
    assertThat(v.branch(4)).isEqualTo("7.2.4.0");
    assertThat(Version.of("7").branch(2)).isEqualTo("7.0");
    assertThat(Version.of("07.02.1").branch(2)).isEqualTo("7.2");
    assertThat(Version.of("8.0.0-rc1").branch(2)).isEqualTo("8.0");
    assertThatThrownBy(() -> v.branch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 8");
    assertThatThrownBy(() -> v.branch(Version.MAX_COMPONENTS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> branchMembership() {
    return Stream.of(
        Arguments.of("7.2.4", "7.2", true),
        Arguments.of("7.2.4", "7", true),
        Arguments.of("7.2.4", "7.2.4", true),
        Arguments.of("7.2.4", "7.2.4.0", true),
        Arguments.of("7.2.4", "07.02", true),
        Arguments.of("7.2.4", "7.20", false),
        Arguments.of("7.2.4", "7.2.5", false),
        Arguments.of("7.2.4", "8", false),
        Arguments.of("7.2.0-rc1", "7.2", true),
        Arguments.of("7", "7.0", true),
        Arguments.of("7", "7.1", false),
        Arguments.of("V5.4.5 build 170124", "5.4", true));
  }

  @ParameterizedTest(name = "[{index}] {0} in {1}: {2}")
  @MethodSource("branchMembership")
  void knowsItsBranch(String version, String branch, boolean expected) {
    assertThat(Version.parse(version).orElseThrow().isInBranch(branch)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", "7.x", "7..2", ".7", "7.2.", "v7.2", "7.2-rc1", "1.2.3.4.5.6.7.8.9"})
  void refusesMalformedBranches(String branch) {
    assertThatThrownBy(() -> Version.of("7.2.4").isInBranch(branch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a release branch like 7.2");
  }

  @Test
  void releaseDropsPreReleaseAndSuffix() {
    assertThat(Version.of("8.0.0-rc1").release()).isEqualTo(Version.of("8.0.0"));
    assertThat(Version.of("8.0.0-rc1").release().isPreRelease()).isFalse();
    assertThat(Version.of("8.0.0-rc1").release().raw()).isEqualTo("8.0.0");
    Version firmware = Version.parse("V5.4.5 build 170124").orElseThrow();
    assertThat(firmware.release().raw()).isEqualTo("5.4.5");
    Version plain = Version.of("7.2.4");
    assertThat(plain.release()).isSameAs(plain);
  }

  @Test
  void ofIsStrictButToleratesSurroundingSpace() {
    assertThat(Version.of(" 7.2.11 ").raw()).isEqualTo("7.2.11");
    assertThatThrownBy(() -> Version.of("7.2 build 5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'7.2 build 5' is not a version");
    assertThatThrownBy(() -> Version.of("7.2.4\n" + "x".repeat(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'7.2.4?" + "x".repeat(34) + "...' is not a version");
  }

  @Test
  void neverThrowsOnRandomInput() {
    Random random = new Random(20260127L);
    String alphabet = "0123456789....--__~~ vVrcRCalphbetdvsnpshotiwxyz\u0663\uFF17\u0000\n\uD83D";
    int parsed = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(n % 100 == 0 ? 400 : 24);
      for (int i = 0; i < len; i++) {
        b.append(
            random.nextInt(10) == 0
                ? (char) random.nextInt(Character.MAX_VALUE + 1)
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = b.toString();
      Optional<Version> result = Version.parse(input);
      if (result.isEmpty()) {
        continue;
      }
      parsed++;
      Version v = result.get();
      assertThat(v.compareTo(v)).isZero();
      assertThat(v.raw().length()).isLessThanOrEqualTo(Version.MAX_INPUT_LENGTH);
      assertThat(v.branch(2)).matches("\\d+\\.\\d+");
      assertThat(v.isInBranch(v.branch(3))).isTrue();
      if (v.normalized().length() <= Version.MAX_INPUT_LENGTH) {
        assertThat(Version.of(v.normalized())).as("round trip of %s", input).isEqualTo(v);
      }
    }
    assertThat(parsed).isGreaterThan(1000);
  }
}
