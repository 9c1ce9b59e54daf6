package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The Japanese bundle holds a title, description and remediation for every database check. */
class DatabaseJapaneseTextsTest {
  private static final List<String> FIELDS = List.of("title", "description", "remediation");
  private static final Pattern KEY = Pattern.compile("(.+)\\.(title|description|remediation)");
  private static final Pattern JAPANESE =
      Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

  /** A polite sentence end, optionally followed by a parenthetical: です・ます調. */
  private static final Pattern POLITE_END = Pattern.compile("(ます|ました|ません|です|でした|ください)(（[^。]*）)?。$");

  private static final Pattern HTML = Pattern.compile("<[a-zA-Z/!]|&[a-zA-Z#][a-zA-Z0-9]*;");

  private final ResourceBundle ja =
      ResourceBundle.getBundle("dev.tenken.database.checks", Locale.JAPANESE);

  @Test
  void everyCheckHasAJapaneseTitleDescriptionAndRemediation() {
    SoftAssertions softly = new SoftAssertions();
    for (Check check : DatabaseChecks.all().checks()) {
      for (String field : FIELDS) {
        String key = check.id() + "." + field;
        softly.assertThat(ja.containsKey(key)).as("%s is in the bundle", key).isTrue();
        if (!ja.containsKey(key)) {
          continue;
        }
        String text = ja.getString(key);
        softly
            .assertThat(text)
            .as(key)
            .isNotBlank()
            .doesNotContain("\n")
            .doesNotContainPattern(HTML);
        softly
            .assertThat(JAPANESE.matcher(text).find())
            .as("%s is Japanese: %s", key, text)
            .isTrue();
        // Titles are noun phrases; descriptions and remediations are sentences in です・ます調.
        if (field.equals("title")) {
          softly.assertThat(text).as(key).doesNotEndWith("。");
        } else {
          softly.assertThat(text).as(key).containsPattern(POLITE_END);
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void theBundleHasNoKeyForACheckTheModuleLacks() {
    Set<String> ids =
        DatabaseChecks.all().checks().stream().map(Check::id).collect(Collectors.toSet());
    assertThat(ja.keySet())
        .allSatisfy(
            key -> {
              var match = KEY.matcher(key);
              assertThat(match.matches())
                  .as("%s ends with .title, .description or .remediation", key)
                  .isTrue();
              assertThat(ids).as("check id of %s", key).contains(match.group(1));
            });
  }
}
