package dev.tenken.test;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Keeps a module's check table in its documentation page true to the code. The page holds the table
 * between the markers {@value #BEGIN} and {@value #END}; {@link #assertDocumentMatches} fails when
 * the table there differs from the one rendered from the checks, and rewrites it instead when the
 * system property {@value #UPDATE_PROPERTY} is {@code true}. Stateless.
 */
public final class CheckCatalogue {
  /** The line before the generated table. */
  public static final String BEGIN = "<!-- checks:begin (generated from the code; do not edit) -->";

  /** The line after the generated table. */
  public static final String END = "<!-- checks:end -->";

  /** Set to {@code true} to rewrite the table instead of failing. */
  public static final String UPDATE_PROPERTY = "tenken.updateDocs";

  private CheckCatalogue() {}

  /**
   * The Markdown table of every check in {@code set}: id, severity, safety, ports, what is sent,
   * what proves a failure.
   */
  public static String markdown(CheckSet set) {
    String header =
        "| Check | Severity | Safety | Ports | What is sent | What proves it |\n"
            + "|---|---|---|---|---|---|\n";
    return header
        + set.checks().stream()
            .map(Check::descriptor)
            .map(CheckCatalogue::row)
            .collect(Collectors.joining());
  }

  private static String row(CheckDescriptor d) {
    String ports =
        d.defaultPorts().stream().map(String::valueOf).collect(Collectors.joining(", "))
            + "/"
            + d.transport().name().toLowerCase(Locale.ROOT);
    return "| `"
        + d.id()
        + "` | "
        + d.severity().label()
        + " | "
        + d.safety().name().toLowerCase(Locale.ROOT).replace('_', '-')
        + " | "
        + ports
        + " | "
        + cell(d.probe())
        + " | "
        + cell(d.proof())
        + " |\n";
  }

  private static String cell(String text) {
    return text.isBlank() ? "—" : text.replace("|", "\\|").replace("\n", " ");
  }

  /**
   * Asserts that the table between the markers in {@code document} is {@link #markdown(CheckSet)}.
   *
   * @throws AssertionError naming the document and the command that regenerates it, when they
   *     differ or the markers are missing
   * @throws UncheckedIOException when the document cannot be read or written
   */
  public static void assertDocumentMatches(Path document, CheckSet set) {
    try {
      String text = Files.readString(document, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new AssertionError(document + " has no " + BEGIN + " ... " + END + " section");
      }
      String current = text.substring(begin + BEGIN.length(), end).strip();
      String wanted = markdown(set).strip();
      if (current.equals(wanted)) {
        return;
      }
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.writeString(
            document,
            text.substring(0, begin + BEGIN.length()) + "\n" + wanted + "\n" + text.substring(end),
            StandardCharsets.UTF_8);
        return;
      }
      throw new AssertionError(
          "the check table in "
              + document
              + " is out of date; regenerate it with -D"
              + UPDATE_PROPERTY
              + "=true, or fix the descriptors.\nExpected:\n"
              + wanted
              + "\nFound:\n"
              + current);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
