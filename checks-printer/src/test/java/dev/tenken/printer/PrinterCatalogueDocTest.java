package dev.tenken.printer;

import dev.tenken.test.CheckCatalogue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/checks/printer.md lists exactly the checks the module ships. */
class PrinterCatalogueDocTest {
  @Test
  void theDocumentedTableIsTheCode() {
    CheckCatalogue.assertDocumentMatches(
        Path.of("..", "docs", "checks", "printer.md"), PrinterChecks.all());
  }
}
