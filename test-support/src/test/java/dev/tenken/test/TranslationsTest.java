package dev.tenken.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckCatalogue#verifyTranslations}; fixture bundles {@code dev/tenken/test/checks_ja}
 * (complete) and {@code checks_fr} (a key missing, one blank, one stale).
 */
class TranslationsTest {
  private static final CheckSet SET =
      CheckSet.of(check("fixture.i18n.first"), check("fixture.i18n.second"));

  private static Check check(String id) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "English " + id)
            .description("Why.")
            .remediation("What to do.")
            .services("fixture")
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
  void completeTranslationsAndEnglishPass() {
    assertThatCode(() -> CheckCatalogue.verifyTranslations(SET, Locale.ENGLISH, Locale.JAPANESE))
        .doesNotThrowAnyException();
  }

  @Test
  void missingBlankAndStaleKeysAreEachListed() {
    assertThatThrownBy(() -> CheckCatalogue.verifyTranslations(SET, Locale.JAPANESE, Locale.FRENCH))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "dev/tenken/test/checks_fr.properties lacks (or leaves blank)"
                + " fixture.i18n.first.description, fixture.i18n.second.remediation")
        .hasMessageContaining(
            "dev/tenken/test/checks_fr.properties has keys of no check (stale or misspelt):"
                + " fixture.i18n.removed.title")
        .hasMessageNotContaining("checks_ja");
  }

  @Test
  void aMissingFileNamesEveryKeyItNeeds() {
    assertThatThrownBy(() -> CheckCatalogue.verifyTranslations(SET, Locale.GERMAN))
        .hasMessageContaining("dev/tenken/test/checks_de.properties is missing")
        .hasMessageContaining("fixture.i18n.first.title")
        .hasMessageContaining("fixture.i18n.second.remediation");
  }

  @Test
  void aCheckWithoutTranslationsFailsAnOtherwiseCompleteLocale() {
    CheckSet more = SET.plus(check("fixture.i18n.third"));

    assertThatThrownBy(() -> CheckCatalogue.verifyTranslations(more, Locale.JAPANESE))
        .hasMessageContaining(
            "lacks (or leaves blank) fixture.i18n.third.title, fixture.i18n.third.description,"
                + " fixture.i18n.third.remediation");
  }

  @Test
  void noLocaleIsAMistake() {
    assertThatThrownBy(() -> CheckCatalogue.verifyTranslations(SET))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
