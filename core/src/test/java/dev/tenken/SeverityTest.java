package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

  @Test
  void orderRunsFromInfoToCritical() {
    assertThat(Severity.values())
        .containsExactly(
            Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
    List<Severity> shuffled =
        new java.util.ArrayList<>(
            List.of(
                Severity.HIGH, Severity.INFO, Severity.CRITICAL, Severity.LOW, Severity.MEDIUM));
    shuffled.sort(null);
    assertThat(shuffled).containsExactly(Severity.values());
    assertThat(Severity.CRITICAL).isGreaterThan(Severity.HIGH);
    assertThat(Severity.INFO).isLessThan(Severity.LOW);
  }

  @ParameterizedTest(name = "{0} raised is {1}")
  @CsvSource({
    "INFO, LOW",
    "LOW, MEDIUM",
    "MEDIUM, HIGH",
    "HIGH, CRITICAL",
    "CRITICAL, CRITICAL",
  })
  void raisedIsOneStepUpCappedAtCritical(Severity from, Severity to) {
    assertThat(from.raised()).isEqualTo(to);
  }

  @Test
  void isAtLeast() {
    for (Severity a : Severity.values()) {
      for (Severity b : Severity.values()) {
        assertThat(a.isAtLeast(b)).as("%s at least %s", a, b).isEqualTo(a.ordinal() >= b.ordinal());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "info, INFO",
    "INFO, INFO",
    "Low, LOW",
    "mEdIuM, MEDIUM",
    "high, HIGH",
    "' critical ', CRITICAL",
    "'\tHigh ', HIGH",
  })
  void parseIsCaseInsensitiveAndTrims(String text, Severity expected) {
    assertThat(Severity.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "severe", "hi", "critical!", "MEDIUM HIGH", "0", "warning"})
  void parseRejectsUnknownNamesListingTheAcceptedOnes(String text) {
    assertThatThrownBy(() -> Severity.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("info, low, medium, high, critical");
  }

  @Test
  void theErrorListsEveryValue() {
    String message =
        org.assertj.core.api.Assertions.catchThrowable(() -> Severity.parse("x")).getMessage();

    for (Severity s : Severity.values()) {
      assertThat(message).contains(s.label());
    }
  }

  @Test
  void labelIsTheLowerCaseNameAndParsesBack() {
    assertThat(Arrays.stream(Severity.values()).map(Severity::label))
        .containsExactly("info", "low", "medium", "high", "critical");
    for (Severity s : Severity.values()) {
      assertThat(Severity.parse(s.label())).isEqualTo(s);
    }
  }

  @Test
  void parseOfNullFails() {
    assertThatThrownBy(() -> Severity.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
