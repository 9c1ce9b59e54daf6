package dev.tenken.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tenken.CheckDescriptor;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Report} as one pretty-printed JSON document. Stateless and thread-safe. */
final class JsonReportWriter {
  private JsonReportWriter() {}

  static void write(Report report, OutputStream out) throws IOException {
    try (JsonGenerator g = JsonModel.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("tool", report.tool());
      g.writeStringField("version", report.version());
      g.writeStringField("schemaVersion", JsonModel.SCHEMA_VERSION);
      g.writeStringField("started", JsonModel.time(report.summary().started()));
      g.writeStringField("finished", JsonModel.time(report.summary().finished()));
      g.writeObjectFieldStart("summary");
      JsonModel.writeSummaryFields(
          g, report.summary(), JsonModel.countByCountermeasure(report.findings()));
      g.writeEndObject();
      g.writeArrayFieldStart("checks");
      for (CheckDescriptor check : report.checks()) {
        JsonModel.writeCheck(g, check);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("targets");
      for (TargetResult target : report.targets()) {
        g.writeStartObject();
        JsonModel.writeTargetFields(g, target, true);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
