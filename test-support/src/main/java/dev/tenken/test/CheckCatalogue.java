package dev.tenken.test;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.CheckTexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps a module's check table in its documentation page true to the code. The page holds the table
 * between the markers {@value #BEGIN} and {@value #END}; {@link #assertDocumentMatches} fails when
 * the table there differs from the one rendered from the checks, and rewrites it instead when the
 * system property {@value #UPDATE_PROPERTY} is {@code true}. {@link #verifyTranslations} keeps the
 * translations of the checks' texts complete. Stateless.
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

  /**
   * Asserts that every check of {@code set} has its title, description and remediation in each of
   * {@code locales} (see {@link CheckTexts}), and that the bundles these checks read hold no other
   * key: a key whose check id no check of the set has is stale (a renamed or removed check), so
   * pass a module's whole set. English needs no file and always passes.
   *
   * @throws AssertionError listing, per bundle file, every missing and every stale key
   * @throws IllegalArgumentException when no locale is given
   */
  public static void verifyTranslations(CheckSet set, Locale... locales) {
    if (locales.length == 0) {
      throw new IllegalArgumentException("name the locales to verify, such as Locale.JAPANESE");
    }
    Set<String> wanted = new TreeSet<>();
    for (Check check : set.checks()) {
      for (CheckTexts.Text text : CheckTexts.Text.values()) {
        wanted.add(text.key(check.id()));
      }
    }
    ResourceBundle.Control names =
        ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    List<String> problems = new ArrayList<>();
    for (Locale locale : locales) {
      Map<String, Set<String>> keysByFile = new TreeMap<>();
      Map<String, List<String>> missingByFile = new TreeMap<>();
      for (Check check : set.checks()) {
        CheckTexts texts = CheckTexts.of(check, locale);
        String file =
            names.toResourceName(names.toBundleName(texts.bundleName(), locale), "properties");
        keysByFile.computeIfAbsent(file, f -> new TreeSet<>()).addAll(texts.bundleKeys());
        for (CheckTexts.Text text : texts.missing()) {
          missingByFile.computeIfAbsent(file, f -> new ArrayList<>()).add(text.key(check.id()));
        }
      }
      missingByFile.forEach(
          (file, keys) ->
              problems.add(
                  file
                      + (keysByFile.get(file).isEmpty()
                          ? " is missing (or unreadable); it needs "
                          : " lacks (or leaves blank) ")
                      + String.join(", ", keys)));
      keysByFile.forEach(
          (file, keys) -> {
            List<String> stale = keys.stream().filter(k -> !wanted.contains(k)).toList();
            if (!stale.isEmpty()) {
              problems.add(
                  file + " has keys of no check (stale or misspelt): " + String.join(", ", stale));
            }
          });
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the checks' texts are not translated into "
              + Arrays.toString(locales)
              + ":\n  "
              + String.join("\n  ", problems));
    }
  }
}
