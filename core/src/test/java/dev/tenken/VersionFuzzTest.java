package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link Version}: parsing never throws on text, and ordering is a total order consistent
 * with {@code equals}, {@code hashCode}, {@link Version#normalized()} and {@link
 * Version#isInBranch}. Input: up to three lines, two versions and a branch. Plain test runs replay
 * {@code VersionFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class VersionFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    VersionFuzzTest test = new VersionFuzzTest();
    test.parseAndCompare(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void parseAndCompare(byte[] data) {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", 3);
    Optional<Version> a = Version.parse(lines[0]);
    Optional<Version> b = Version.parse(lines.length > 1 ? lines[1] : "");
    a.ifPresent(VersionFuzzTest::selfConsistent);
    b.ifPresent(VersionFuzzTest::selfConsistent);
    if (a.isPresent() && b.isPresent()) {
      Version x = a.get();
      Version y = b.get();
      assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
      assertThat(x.equals(y)).isEqualTo(x.compareTo(y) == 0);
      if (x.equals(y)) {
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
      }
    }
    if (a.isPresent() && lines.length > 2) {
      String branch = lines[2];
      try {
        a.get().isInBranch(branch);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  private static void selfConsistent(Version v) {
    assertThat(v.compareTo(v)).isZero();
    assertThat(v.raw().length()).isLessThanOrEqualTo(Version.MAX_INPUT_LENGTH);
    // The normal form reads back as the same version, within the window parse reads: "rc1" becomes
    // "-rc1", so a version that fills the window can come out one character longer (found by
    // fuzzing; seed normalized-longer-than-window).
    if (v.normalized().length() <= Version.MAX_INPUT_LENGTH) {
      assertThat(Version.of(v.normalized())).isEqualTo(v);
    }
    assertThat(v.release().isPreRelease()).isFalse();
    for (int depth = 1; depth <= Version.MAX_COMPONENTS; depth++) {
      assertThat(v.isInBranch(v.branch(depth))).isTrue();
    }
    assertThatThrownBy(() -> v.branch(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
