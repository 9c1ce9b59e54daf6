package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.cli.MainTest.Result;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in English and Japanese: the bundles, the choice, and what a user sees. */
class LangTest {
  @TempDir Path dir;

  private Result run(String... args) {
    return MainTest.run(new Main(DoorService.checks(), dir), args);
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = LangTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyMessageIsInBothLanguagesWithTheSamePlaceholders() throws Exception {
    Properties en = load("messages.properties");
    Properties ja = load("messages_ja.properties");

    assertThat(ja.stringPropertyNames())
        .as("keys of messages_ja.properties")
        .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    for (String key : en.stringPropertyNames()) {
      assertThat(placeholders(ja.getProperty(key)))
          .as("placeholders of %s", key)
          .isEqualTo(placeholders(en.getProperty(key)));
      assertThat(ja.getProperty(key)).as("Japanese text of %s", key).isNotBlank();
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{\\d}|\\$\\{[A-Z-]+}").matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void theLanguageComesFromLangElseTheLocale() {
    assertThat(Lang.of(Locale.JAPAN).locale()).isEqualTo(Locale.JAPANESE);
    assertThat(Lang.of(Locale.US).locale()).isEqualTo(Locale.ENGLISH);
    assertThat(Lang.choose(new String[] {"scan", "--lang", "ja"}, Locale.US).locale())
        .isEqualTo(Locale.JAPANESE);
    assertThat(Lang.choose(new String[] {"scan", "--lang=en"}, Locale.JAPAN).locale())
        .isEqualTo(Locale.ENGLISH);
    assertThat(Lang.choose(new String[] {"scan", "--", "--lang", "ja"}, Locale.US).locale())
        .isEqualTo(Locale.ENGLISH);
    assertThat(Lang.of(Locale.ENGLISH).text("scan.wrote", "{1}", "x"))
        .as("a value is never itself filled in")
        .isEqualTo("wrote the {1} report to x");
  }

  @Test
  void helpIsInTheChosenLanguage() {
    Result ja = run("scan", "--lang", "ja", "--help");
    assertThat(ja.code()).isZero();
    assertThat(ja.out().replaceAll("\\s+", " "))
        .contains("使い方:")
        .contains("既定: 128")
        .contains("既定: 2000ms")
        .contains("終了コード")
        .contains("--lang=LANG");
    assertThat(run("checks", "--lang", "ja", "--help").out()).contains("チェック");
    assertThat(run("--lang", "ja", "--help").out()).contains("コマンド:");
    Result demo = run("demo", "--lang", "ja", "--help");
    assertThat(demo.code()).isZero();
    assertThat(demo.out()).contains("--lang");

    assertThat(run("scan", "--help").out().replaceAll("\\s+", " "))
        .contains("Usage:")
        .contains("One or more of: text, json, jsonl, sarif, junit, markdown");
  }

  @Test
  void errorsAreInTheChosenLanguage() {
    Result r = run("scan", "127.0.0.1", "--lang", "ja", "--fail-on", "severe");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .contains("--fail-on の値が正しくありません")
        .contains("重大度 'severe'")
        .contains("'tenken scan --help'");

    Result lang = run("scan", "127.0.0.1", "--lang", "fr");
    assertThat(lang.code()).isEqualTo(Main.USAGE);
    assertThat(lang.errLines()).singleElement().asString().contains("'fr'").contains("en, ja");
  }

  @Test
  void checksListInJapanese() {
    Result r = run("checks", "--lang", "ja");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("重大度").contains("チェック 1 件。");
  }
}
