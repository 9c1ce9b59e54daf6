package dev.tenken.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.CheckSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCatalogueTest {
  private static final CheckSet SET =
      CheckSet.of(
          new DemoBannerCheck(
              DemoBannerCheck.Flaw.NONE,
              DemoBannerCheck.descriptorBuilder(DemoBannerCheck.ID)
                  .probe("connect, read the banner | nothing sent")
                  .proof("banner says OPEN")
                  .build()));

  @Test
  void rendersOneRowPerCheckWithPortsAndEscapedCells() {
    String table = CheckCatalogue.markdown(SET);

    assertThat(table)
        .contains("| `demo.banner.exposed` | high | passive | 10007/tcp |")
        .contains("connect, read the banner \\| nothing sent")
        .contains("| banner says OPEN |");
    assertThat(table.lines()).hasSize(3);
  }

  @Test
  void aMatchingDocumentPassesAndAStaleOneFailsNamingTheFix(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("demo.md");
    String fresh =
        "# Demo\n\n"
            + CheckCatalogue.BEGIN
            + "\n"
            + CheckCatalogue.markdown(SET)
            + CheckCatalogue.END
            + "\n\nMore text.\n";
    Files.writeString(doc, fresh, StandardCharsets.UTF_8);
    CheckCatalogue.assertDocumentMatches(doc, SET);

    Files.writeString(doc, fresh.replace("high", "low"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CheckCatalogue.assertDocumentMatches(doc, SET))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("out of date")
        .hasMessageContaining(CheckCatalogue.UPDATE_PROPERTY);
  }

  @Test
  void theUpdatePropertyRewritesOnlyTheTable(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("demo.md");
    Files.writeString(
        doc,
        "# Demo\n" + CheckCatalogue.BEGIN + "\nold\n" + CheckCatalogue.END + "\nTail.\n",
        StandardCharsets.UTF_8);
    System.setProperty(CheckCatalogue.UPDATE_PROPERTY, "true");
    try {
      CheckCatalogue.assertDocumentMatches(doc, SET);
    } finally {
      System.clearProperty(CheckCatalogue.UPDATE_PROPERTY);
    }

    String text = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(text).startsWith("# Demo\n").endsWith("Tail.\n").doesNotContain("old");
    CheckCatalogue.assertDocumentMatches(doc, SET);
  }

  @Test
  void aDocumentWithoutMarkersFails(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("demo.md");
    Files.writeString(doc, "# Demo\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CheckCatalogue.assertDocumentMatches(doc, SET))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("checks:begin");
  }
}
