package dev.tenken.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tenken.CheckResult;
import dev.tenken.Countermeasure;
import dev.tenken.Finding;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Tenken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ScanListener} that writes the scan as JSON Lines while it runs: one JSON object per
 * line, each line written whole and flushed as soon as its event happens, so a consumer (or a
 * person running {@code tail -f}) sees every finding the moment it is known, and a scan that dies
 * halfway still leaves every finished line behind.
 *
 * <p>Every line has a {@code type}:
 *
 * <ul>
 *   <li>{@code result} — a check finished on an endpoint: the target's text and the result's fields
 *       (as in the JSON report), with the fingerprints of its findings instead of the findings
 *       themselves;
 *   <li>{@code finding} — one finding of the result announced just before it: the target's text and
 *       every field of the finding;
 *   <li>{@code target} — a target reached its terminal state: its status, address, endpoints and
 *       identity, without its results (they came as lines already);
 *   <li>{@code summary} — the scan ended: tool, version, {@code schemaVersion} and every count.
 *       Always the last line.
 * </ul>
 *
 * <p>{@link ReportFormat#JSONL} writes the same lines, in the same order, from a finished {@link
 * Report}.
 *
 * <p>Thread-safe: every method is synchronized, so lines never interleave even if the listener is
 * called from several threads. The listener never closes the stream it writes to; the caller owns
 * it. When writing fails, the event's method throws {@link UncheckedIOException} (the runner counts
 * it in {@link ScanSummary#listenerErrors()} and goes on).
 */
public final class JsonLinesListener implements ScanListener {
  private final Writer out;
  private final String tool;
  private final String version;
  private final Map<Countermeasure, Long> byCountermeasure = new EnumMap<>(Countermeasure.class);

  /**
   * A listener writing UTF-8 lines to {@code out}.
   *
   * @param out where the lines go; flushed after each line, never closed
   * @throws NullPointerException when {@code out} is null
   */
  public JsonLinesListener(OutputStream out) {
    this(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
  }

  /**
   * A listener writing lines to {@code out}.
   *
   * @param out where the lines go; flushed after each line, never closed
   * @throws NullPointerException when {@code out} is null
   */
  public JsonLinesListener(Writer out) {
    this(out, "Tenken", Tenken.version());
  }

  /** A listener whose summary line names {@code tool} and {@code version}. */
  JsonLinesListener(Writer out, String tool, String version) {
    this.out = Objects.requireNonNull(out, "out");
    this.tool = Objects.requireNonNull(tool, "tool");
    this.version = Objects.requireNonNull(version, "version");
    for (Countermeasure c : Countermeasure.values()) {
      byCountermeasure.put(c, 0L);
    }
  }

  /**
   * Writes a {@code result} line.
   *
   * @throws UncheckedIOException when the line cannot be written
   */
  @Override
  public synchronized void result(Target target, CheckResult result) {
    line(
        g -> {
          g.writeStringField("type", "result");
          g.writeStringField("target", target.toString());
          JsonModel.writeResultFields(g, result, false);
        });
  }

  /**
   * Writes a {@code finding} line.
   *
   * @throws UncheckedIOException when the line cannot be written
   */
  @Override
  public synchronized void finding(Target target, Finding finding) {
    byCountermeasure.merge(finding.countermeasure(), 1L, Long::sum);
    line(
        g -> {
          g.writeStringField("type", "finding");
          g.writeStringField("target", target.toString());
          JsonModel.writeFindingFields(g, finding);
        });
  }

  /**
   * Writes a {@code target} line.
   *
   * @throws UncheckedIOException when the line cannot be written
   */
  @Override
  public synchronized void targetFinished(TargetResult result) {
    line(
        g -> {
          g.writeStringField("type", "target");
          JsonModel.writeTargetFields(g, result, false);
        });
  }

  /**
   * Writes the {@code summary} line. Its {@code findingsByCountermeasure} counts the findings this
   * listener heard.
   *
   * @throws UncheckedIOException when the line cannot be written
   */
  @Override
  public synchronized void scanFinished(ScanSummary summary) {
    line(
        g -> {
          g.writeStringField("type", "summary");
          g.writeStringField("tool", tool);
          g.writeStringField("version", version);
          g.writeStringField("schemaVersion", JsonModel.SCHEMA_VERSION);
          JsonModel.writeSummaryFields(g, summary, byCountermeasure);
        });
  }

  /**
   * Writes {@code report} as the lines a listener would have written during its scan: per target,
   * each result followed by its findings, then the target; the summary last.
   */
  static void write(Report report, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    JsonLinesListener listener = new JsonLinesListener(writer, report.tool(), report.version());
    try {
      for (TargetResult target : report.targets()) {
        for (CheckResult result : target.results()) {
          listener.result(target.target(), result);
          for (Finding finding : result.findings()) {
            listener.finding(target.target(), finding);
          }
        }
        listener.targetFinished(target);
      }
      listener.scanFinished(report.summary());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Writes one object, built by {@code fields}, as one line, then flushes. */
  private void line(Fields fields) {
    try {
      StringWriter text = new StringWriter(512);
      try (JsonGenerator g = JsonModel.compact(text)) {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
      }
      text.write('\n');
      out.write(text.toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }
}
