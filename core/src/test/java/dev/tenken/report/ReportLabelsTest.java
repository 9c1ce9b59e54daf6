package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.AddressClass;
import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportLabelsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

  /** The file of {@code suffix} ("" or "_ja") read on its own, strictly as UTF-8. */
  private static Properties file(String suffix) throws IOException {
    String name = "/dev/tenken/report/labels" + suffix + ".properties";
    try (InputStream in = ReportLabels.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(in.readAllBytes()))
              .toString();
      Properties p = new Properties();
      p.load(new StringReader(text));
      return p;
    }
  }

  @Test
  void bothLanguagesDefineTheSameKeysWithTheSamePlaceholders() throws IOException {
    Properties english = file("");
    Properties japanese = file("_ja");

    assertThat(new TreeSet<>(japanese.stringPropertyNames()))
        .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    for (String key : english.stringPropertyNames()) {
      assertThat(english.getProperty(key)).as(key).isNotBlank();
      assertThat(japanese.getProperty(key)).as(key).isNotBlank();
      assertThat(placeholders(japanese.getProperty(key)))
          .as("placeholders of %s", key)
          .isEqualTo(placeholders(english.getProperty(key)));
    }
  }

  @Test
  void japaneseIsTranslated() throws IOException {
    Properties english = file("");
    Properties japanese = file("_ja");
    for (String key : english.stringPropertyNames()) {
      boolean numbersOnly = english.getProperty(key).matches("[{}0-9:\\s]*");
      if (!numbersOnly) {
        assertThat(japanese.getProperty(key)).as(key).isNotEqualTo(english.getProperty(key));
      }
    }
  }

  @Test
  void everyEnumValueHasANameInBothLanguages() {
    Map<String, List<? extends Enum<?>>> groups =
        Map.of(
            "severity", List.of(Severity.values()),
            "countermeasure", List.of(Countermeasure.values()),
            "hint", List.of(Countermeasure.values()),
            "confidence", List.of(Confidence.values()),
            "result", List.of(CheckResult.Status.values()),
            "target", List.of(TargetResult.Status.values()),
            "address", List.of(AddressClass.values()));
    for (Locale locale : ReportLabels.supported()) {
      ReportLabels labels = ReportLabels.of(locale);
      groups.forEach(
          (group, values) ->
              values.forEach(
                  v -> assertThat(labels.name(group, v)).as("%s %s", locale, v).isNotBlank()));
    }
  }

  @Test
  void languageFollowsTheLocalesLanguageOnly() {
    assertThat(ReportLabels.of(Locale.JAPAN).locale()).isEqualTo(Locale.JAPANESE);
    assertThat(ReportLabels.of(Locale.forLanguageTag("ja")).get("finding.remediation"))
        .isEqualTo("対処方法");
    for (Locale other : List.of(Locale.ENGLISH, Locale.US, Locale.GERMANY, Locale.ROOT)) {
      assertThat(ReportLabels.of(other).locale()).as("%s", other).isEqualTo(Locale.ENGLISH);
      assertThat(ReportLabels.of(other).get("finding.remediation")).isEqualTo("Remediation");
    }
  }

  @Test
  void formatFillsPlaceholdersOnce() {
    ReportLabels en = ReportLabels.of(Locale.ENGLISH);
    assertThat(en.format("unit.minutes", 3, "{1}")).isEqualTo("3 min {1} s");
    assertThat(en.format("report.title", "$1 \\x")).isEqualTo("$1 \\x scan report");
  }

  @Test
  void unknownKeyThrows() {
    assertThatThrownBy(() -> ReportLabels.of(Locale.ENGLISH).get("no.such.key"))
        .isInstanceOf(MissingResourceException.class);
    assertThatThrownBy(() -> ReportLabels.of(null)).isInstanceOf(NullPointerException.class);
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
