package dev.tenken.camera;

import dev.tenken.test.CheckCatalogue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/checks/camera.md lists exactly the checks the module ships. */
class CameraCatalogueDocTest {
  @Test
  void theDocumentedTableIsTheCode() {
    CheckCatalogue.assertDocumentMatches(
        Path.of("..", "docs", "checks", "camera.md"), CameraChecks.all());
  }
}
