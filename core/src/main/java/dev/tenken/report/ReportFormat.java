package dev.tenken.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The formats a {@link Report} can be written in, all rendered from the same model.
 *
 * <ul>
 *   <li>{@link #JSON} — one document with everything; for programs.
 *   <li>{@link #JSONL} — JSON Lines, one event per line; {@link JsonLinesListener} writes the same
 *       lines while a scan runs.
 *   <li>{@link #SARIF} — SARIF 2.1.0, for GitHub code scanning and CI dashboards.
 *   <li>{@link #JUNIT} — JUnit XML, for CI test reports: one suite per target, one case per check.
 *   <li>{@link #MARKDOWN} — for people: summary, inventory, findings by severity, errors.
 *   <li>{@link #HTML} — one self-contained page for people who decide: charts, inventory, findings
 *       by device with evidence and remedy; see {@link HtmlReportWriter}.
 * </ul>
 *
 * <p>Every format is deterministic: the same report gives the same bytes, on any platform (UTF-8,
 * {@code \n} line ends, unordered maps written sorted). Device-provided text is escaped for each
 * format, so a hostile banner cannot break a document or inject markup.
 *
 * <p>Thread-safe: a format holds no state, so several threads may write at once, each to its own
 * stream.
 */
public enum ReportFormat {
  /** One pretty-printed JSON document ({@code schemaVersion} "1"). */
  JSON("json"),
  /** JSON Lines: result, finding and target events in scan order, then one summary line. */
  JSONL("jsonl"),
  /** SARIF 2.1.0 with one run: a rule per check, a result per finding. */
  SARIF("sarif"),
  /** JUnit XML: a testsuite per target, a testcase per check result. */
  JUNIT("xml"),
  /** GitHub-flavoured Markdown. */
  MARKDOWN("md"),
  /** One self-contained HTML page, in the report's language ({@link Report#locale()}). */
  HTML("html");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /**
   * The usual file name extension of this format.
   *
   * @return the extension without the dot: {@code json}, {@code jsonl}, {@code sarif}, {@code xml},
   *     {@code md} or {@code html}
   */
  public String extension() {
    return extension;
  }

  /**
   * The format named {@code name}: {@code json}, {@code jsonl}, {@code sarif}, {@code junit},
   * {@code markdown} or {@code html}, in any case, surrounding blanks ignored.
   *
   * @param name the format's name, as given on a command line
   * @return the format
   * @throws IllegalArgumentException naming the accepted names when {@code name} is none of them
   * @throws NullPointerException when {@code name} is null
   */
  public static ReportFormat parse(String name) {
    Objects.requireNonNull(name, "name");
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown report format '"
            + name
            + "': use one of "
            + Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  /**
   * Writes {@code report} to {@code out} in this format, UTF-8 encoded. Flushes {@code out} but
   * does not close it. On failure part of the output may have been written.
   *
   * @param report what to write
   * @param out where to write it; flushed, never closed
   * @throws IOException when {@code out} fails
   * @throws NullPointerException when an argument is null
   */
  public void write(Report report, OutputStream out) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(out, "out");
    switch (this) {
      case JSON -> JsonReportWriter.write(report, out);
      case JSONL -> JsonLinesListener.write(report, out);
      case SARIF -> SarifWriter.write(report, out);
      case JUNIT -> JUnitXmlWriter.write(report, out);
      case MARKDOWN -> MarkdownWriter.write(report, out);
      case HTML -> HtmlReportWriter.write(report, out, report.locale());
    }
    out.flush();
  }
}
