package dev.tenken.database;

import dev.tenken.test.CheckCatalogue;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/checks/database.md lists exactly the checks the module ships, each in English and Japanese.
 */
class DatabaseCatalogueDocTest {
  @Test
  void theDocumentedTableIsTheCode() {
    CheckCatalogue.assertDocumentMatches(
        Path.of("..", "docs", "checks", "database.md"), DatabaseChecks.all());
  }

  @Test
  void everyCheckSpeaksEnglishAndJapanese() {
    CheckCatalogue.verifyTranslations(DatabaseChecks.all(), Locale.JAPANESE);
  }
}
