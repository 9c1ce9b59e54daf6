package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckTexts.Text;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fixture bundles: {@code dev/tenken/checks_ja.properties} and {@code checks_ja_JP.properties}. */
class CheckTextsTest {

  static Check check(String id) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "English title of " + id)
            .description("English description.")
            .remediation("English remediation.")
            .probe("PING")
            .services("test")
            .build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return d;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) {
        return Outcome.pass("fixture");
      }
    };
  }

  @Test
  void aCompleteBundleGivesEveryTextInItsLanguage() {
    CheckTexts t = CheckTexts.of(check("texts.full.one"), Locale.JAPANESE);

    assertThat(t.title()).isEqualTo("テスト用の完全なチェック");
    assertThat(t.description()).isEqualTo("説明です。");
    assertThat(t.remediation()).isEqualTo("対処です。");
    assertThat(t.missing()).isEmpty();
    assertThat(t.bundleName()).isEqualTo("dev.tenken.checks");
    assertThat(t.bundleKeys()).contains("texts.full.one.title", "texts.partial.one.title");
    CheckDescriptor d = t.descriptor();
    assertThat(d.title()).isEqualTo("テスト用の完全なチェック");
    assertThat(d.remediation()).isEqualTo("対処です。");
    assertThat(d.probe()).isEqualTo("PING");
    assertThat(d.id()).isEqualTo("texts.full.one");
  }

  @Test
  void aCountryFileOverridesTheLanguageFileKeyByKey() {
    CheckTexts t = CheckTexts.of(check("texts.full.one"), Locale.JAPAN);

    assertThat(t.remediation()).isEqualTo("日本向けの対処です。");
    assertThat(t.title()).isEqualTo("テスト用の完全なチェック");
  }

  @Test
  void eachMissingOrBlankTextFallsBackToEnglishAlone() {
    CheckTexts t = CheckTexts.of(check("texts.partial.one"), Locale.JAPANESE);

    assertThat(t.title()).isEqualTo("一部だけ訳されたチェック");
    assertThat(t.description()).isEqualTo("English description.");
    assertThat(t.remediation()).isEqualTo("English remediation.");
    assertThat(t.missing()).containsExactlyInAnyOrder(Text.DESCRIPTION, Text.REMEDIATION);
    assertThat(Text.REMEDIATION.key("texts.partial.one"))
        .isEqualTo("texts.partial.one.remediation");
  }

  @Test
  void aLanguageWithoutAFileIsEnglishEvenWhenTheJvmDefaultHasOne() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.JAPANESE);
    try {
      CheckTexts t = CheckTexts.of(check("texts.full.one"), Locale.GERMAN);

      assertThat(t.title()).isEqualTo("English title of texts.full.one");
      assertThat(t.missing()).containsExactlyInAnyOrder(Text.values());
      assertThat(t.bundleKeys()).isEmpty();
      assertThat(t.descriptor())
          .isSameAs(t.descriptor())
          .isEqualTo(check("texts.full.one").descriptor());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void englishIsTheDescriptorAndReadsNoFile() {
    Check c = check("texts.full.one");
    for (Locale english : List.of(Locale.ENGLISH, Locale.US, Locale.ROOT)) {
      CheckTexts t = CheckTexts.of(c, english);

      assertThat(t.title()).isEqualTo("English title of texts.full.one");
      assertThat(t.missing()).isEmpty();
      assertThat(t.bundleKeys()).isEmpty();
      assertThat(t.descriptor()).isSameAs(c.descriptor());
    }
  }

  @Test
  void concurrentLookupsAgree() {
    Check c = check("texts.full.one");
    List<String> titles =
        IntStream.range(0, 2_000)
            .parallel()
            .mapToObj(i -> CheckTexts.of(c, i % 2 == 0 ? Locale.JAPANESE : Locale.KOREAN).title())
            .distinct()
            .toList();

    assertThat(titles).containsExactlyInAnyOrder("テスト用の完全なチェック", "English title of texts.full.one");
  }
}
