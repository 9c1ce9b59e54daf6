package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void safeTextIsReturnedAsItIs() {
    String s = "Redis 7.2.4 <b>&amp;</b> | `x` 日本語 😀";
    assertThat(Text.oneLine(s)).isSameAs(s);
    assertThat(Text.multiLine(s)).isSameAs(s);
  }

  @Test
  void controlCharactersBecomeVisible() {
    assertThat(Text.oneLine("a\u0000b\u0001c\u001Bd\u007Fe\u0085f"))
        .isEqualTo("a\\u0000b\\u0001c\\u001Bd\\u007Fe\\u0085f");
    assertThat(Text.multiLine("a\u0000b")).isEqualTo("a\\u0000b");
  }

  @Test
  void lineBreaksAreKeptOnlyInMultiLineText() {
    assertThat(Text.multiLine("a\tb\nc\r\nd")).isEqualTo("a\tb\nc\r\nd");
    assertThat(Text.oneLine("a\tb\nc\r\nd")).isEqualTo("a\\tb\\nc\\r\\nd");
    assertThat(Text.oneLine("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
  }

  @Test
  void bidirectionalOverridesAndNonCharactersBecomeVisible() {
    assertThat(Text.oneLine("admin\u202Etxt.exe")).isEqualTo("admin\\u202Etxt.exe");
    assertThat(Text.multiLine("x\u2066y\u2069\u200F")).isEqualTo("x\\u2066y\\u2069\\u200F");
    assertThat(Text.multiLine("\uFFFE\uFFFF")).isEqualTo("\\uFFFE\\uFFFF");
  }

  @Test
  void unpairedSurrogatesBecomeVisibleAndPairsAreKept() {
    assertThat(Text.multiLine("a\uD800b")).isEqualTo("a\\uD800b");
    assertThat(Text.multiLine("a\uDC00")).isEqualTo("a\\uDC00");
    assertThat(Text.multiLine("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }
}
