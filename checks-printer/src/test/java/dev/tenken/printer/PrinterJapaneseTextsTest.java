package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Japanese bundle covers every printer check, in Japanese, and nothing else. */
class PrinterJapaneseTextsTest {
  private static final List<String> FIELDS = List.of("title", "description", "remediation");
  private static final ResourceBundle JA =
      ResourceBundle.getBundle("dev.tenken.printer.checks", Locale.JAPANESE);

  @Test
  void everyCheckHasAJapaneseTitleDescriptionAndRemediation() {
    assertThat(PrinterChecks.all().checks())
        .isNotEmpty()
        .allSatisfy(
            check -> {
              for (String field : FIELDS) {
                String key = check.id() + "." + field;
                assertThat(JA.containsKey(key)).as("key %s", key).isTrue();
                // A key missing from checks_ja would fall back to a parent bundle in English.
                assertThat(JA.getString(key))
                    .as(key)
                    .isNotBlank()
                    .matches(PrinterJapaneseTextsTest::hasKana, "contains kana");
              }
            });
  }

  @Test
  void titlesArePhrasesAndTheOtherTextsAreSentences() {
    for (Check check : PrinterChecks.all().checks()) {
      assertThat(JA.getString(check.id() + ".title")).as(check.id()).doesNotEndWith("。");
      assertThat(JA.getString(check.id() + ".description")).as(check.id()).endsWith("。");
      assertThat(JA.getString(check.id() + ".remediation")).as(check.id()).endsWith("。");
    }
  }

  @Test
  void bundleHasNoKeyForAnIdTheModuleLacks() {
    Set<String> known =
        PrinterChecks.all().checks().stream()
            .flatMap(check -> FIELDS.stream().map(field -> check.id() + "." + field))
            .collect(Collectors.toSet());
    // Also catches a misspelt field such as ".titel".
    assertThat(JA.keySet()).isSubsetOf(known);
  }

  private static boolean hasKana(String text) {
    return text.codePoints()
        .mapToObj(UnicodeScript::of)
        .anyMatch(s -> s == UnicodeScript.HIRAGANA || s == UnicodeScript.KATAKANA);
  }
}
