package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes target parsing: any text either parses or throws {@link TargetParseException} with a
 * message; nothing else escapes and no input takes a second. Plain test runs replay {@code
 * TargetFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class TargetFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    TargetFuzzTest test = new TargetFuzzTest();
    test.targetParse(new byte[0]);
    test.targetsRead(new byte[0]);
  }

  /** {@link Target#parse}: one target text. */
  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void targetParse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      Target t = Target.parse(text);
      assertThat(t.host()).isNotEmpty();
      assertThat(t.toString()).isNotEmpty();
    } catch (TargetParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /** {@link Targets#read}: a targets file, blocks and ranges counted, never all expanded. */
  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void targetsRead(byte[] data) throws IOException {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      Targets targets = Targets.read(new StringReader(text), "fuzz.txt");
      assertThat(targets.count()).isNotNegative();
      assertThat(targets.scopeEntries()).isNotNull();
      int walked = 0;
      for (Target t : targets) {
        assertThat(t.host()).isNotEmpty();
        if (++walked == 4) {
          break;
        }
      }
    } catch (TargetParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
