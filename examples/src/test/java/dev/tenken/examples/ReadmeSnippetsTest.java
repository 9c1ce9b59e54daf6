package dev.tenken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation's code honest. In {@code README.md} and {@code docs/**.md}, a line
 *
 * <pre>{@code <!-- example: examples/src/main/java/dev/tenken/examples/UseFromJava.java#name -->}
 * </pre>
 *
 * directly before a fenced {@code java} block ties the block to the region between {@code // begin
 * name} and {@code // end name} of that file, which the build compiles and runs. Block and region
 * must be the same code; line breaks, indentation and {@code //} comments may differ.
 */
class ReadmeSnippetsTest {
  private static final Pattern MARKER =
      Pattern.compile("^<!-- example: (\\S+)#([\\w-]+) -->$", Pattern.MULTILINE);

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** A marked block: where it is, the code it shows, the file and region it must match. */
  record Snippet(String where, String code, Path source, String region) {}

  @Test
  void theReadmeQuickStartIsMarked() throws IOException {
    assertThat(snippets(ROOT.resolve("README.md")))
        .as("README.md needs a line <!-- example: <file>#<region> --> before its Java quick start")
        .isNotEmpty();
  }

  @Test
  void everyMarkedBlockIsTheCodeOfItsExample() throws IOException {
    List<Snippet> all = new ArrayList<>(snippets(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        all.addAll(snippets(doc));
      }
    }
    for (Snippet s : all) {
      assertThat(normalize(s.code()))
          .as(
              "%s: the block differs from %s#%s",
              s.where(), ROOT.relativize(s.source()), s.region())
          .isEqualTo(normalize(region(s.source(), s.region())));
    }
  }

  static List<Snippet> snippets(Path markdown) throws IOException {
    String text = Files.readString(markdown);
    List<Snippet> found = new ArrayList<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      String where =
          ROOT.relativize(markdown) + ":" + (text.substring(0, m.start()).lines().count() + 1);
      String after = text.substring(m.end()).stripLeading();
      assertThat(after)
          .as("%s: a ```java block must follow the marker", where)
          .startsWith("```java\n");
      int end = after.indexOf("\n```", "```java".length());
      assertThat(end).as("%s: the ```java block is not closed", where).isPositive();
      found.add(
          new Snippet(
              where,
              after.substring("```java\n".length(), end),
              ROOT.resolve(m.group(1)),
              m.group(2)));
    }
    return found;
  }

  private static String region(Path source, String name) throws IOException {
    String text = Files.readString(source);
    String begin = "// begin " + name + "\n";
    int from = text.indexOf(begin);
    int to = text.indexOf("// end " + name + "\n");
    assertThat(from).as("%s has no line // begin %s", source, name).isNotNegative();
    assertThat(to).as("%s has no line // end %s", source, name).isGreaterThan(from);
    return text.substring(from + begin.length(), to);
  }

  /** The code alone: comments out, whitespace only where it separates two words. */
  static String normalize(String code) {
    StringBuilder out = new StringBuilder();
    for (String line : code.lines().toList()) {
      out.append(stripComment(line)).append(' ');
    }
    return out.toString().replaceAll("\\s+", " ").replaceAll(" ?([^\\w\\s\"]) ?", "$1").strip();
  }

  /** The line without its {@code //} comment; a {@code //} inside a string literal stays. */
  private static String stripComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && line.startsWith("//", i)) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
