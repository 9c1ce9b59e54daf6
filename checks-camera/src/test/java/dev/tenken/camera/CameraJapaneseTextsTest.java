package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every camera check has its title, description and remediation in Japanese, and no more. */
class CameraJapaneseTextsTest {
  private static final ResourceBundle JA =
      ResourceBundle.getBundle("dev.tenken.camera.checks", Locale.JAPANESE);

  /** The three texts of a descriptor, by the key suffix the bundle uses for them. */
  private static final List<Part> PARTS =
      List.of(
          new Part("title", CheckDescriptor::title),
          new Part("description", CheckDescriptor::description),
          new Part("remediation", CheckDescriptor::remediation));

  private static final Pattern JAPANESE =
      Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

  /**
   * Text a translation must carry over unchanged: CVE ids and URL paths such as /config/user.xml.
   */
  private static final Pattern LITERAL =
      Pattern.compile("CVE-\\d{4}-\\d{4,}|(?<![\\w/])/[\\w.][\\w./?=&*-]*");

  private record Part(String suffix, Function<CheckDescriptor, String> english) {}

  private static List<CheckDescriptor> descriptors() {
    return CameraChecks.all().checks().stream().map(Check::descriptor).toList();
  }

  @Test
  void theJapaneseBundleIsFound() {
    assertThat(JA.getLocale()).isEqualTo(Locale.JAPANESE);
  }

  @Test
  void everyCheckHasItsThreeTextsInJapanese() {
    assertThat(descriptors()).isNotEmpty();
    for (CheckDescriptor d : descriptors()) {
      for (Part part : PARTS) {
        String key = d.id() + "." + part.suffix();
        assertThat(JA.containsKey(key)).as("bundle key %s", key).isTrue();
        assertThat(JA.getString(key)).as(key).isNotBlank().containsPattern(JAPANESE);
      }
    }
  }

  @Test
  void translationsKeepTheCveIdsAndPathsOfTheEnglish() {
    int checked = 0;
    for (CheckDescriptor d : descriptors()) {
      for (Part part : PARTS) {
        String key = d.id() + "." + part.suffix();
        for (String literal :
            LITERAL.matcher(part.english().apply(d)).results().map(r -> r.group()).toList()) {
          assertThat(JA.getString(key)).as(key).contains(literal);
          checked++;
        }
      }
    }
    assertThat(checked).as("CVE ids and paths found in the English texts").isGreaterThan(10);
  }

  @Test
  void bundleHoldsNoKeyForACheckTheModuleLacks() {
    Set<String> expected =
        descriptors().stream()
            .flatMap(d -> PARTS.stream().map(p -> d.id() + "." + p.suffix()))
            .collect(Collectors.toSet());
    assertThat(JA.keySet()).as("stale or misspelt keys").isSubsetOf(expected);
  }
}
