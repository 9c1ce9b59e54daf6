package dev.tenken.printer;

import dev.tenken.test.CheckCatalogue;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/checks/printer.md lists exactly the checks the module ships, each in English and Japanese.
 */
class PrinterCatalogueDocTest {
  @Test
  void theDocumentedTableIsTheCode() {
    CheckCatalogue.assertDocumentMatches(
        Path.of("..", "docs", "checks", "printer.md"), PrinterChecks.all());
  }

  @Test
  void everyCheckSpeaksEnglishAndJapanese() {
    CheckCatalogue.verifyTranslations(PrinterChecks.all(), Locale.JAPANESE);
  }
}
