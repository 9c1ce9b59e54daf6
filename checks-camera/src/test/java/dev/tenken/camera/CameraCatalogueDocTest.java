package dev.tenken.camera;

import dev.tenken.test.CheckCatalogue;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/checks/camera.md lists exactly the checks the module ships, each in English and Japanese.
 */
class CameraCatalogueDocTest {
  @Test
  void theDocumentedTableIsTheCode() {
    CheckCatalogue.assertDocumentMatches(
        Path.of("..", "docs", "checks", "camera.md"), CameraChecks.all());
  }

  @Test
  void everyCheckSpeaksEnglishAndJapanese() {
    CheckCatalogue.verifyTranslations(CameraChecks.all(), Locale.JAPANESE);
  }
}
