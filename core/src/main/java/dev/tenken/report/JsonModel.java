package dev.tenken.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How each part of the report model is written as JSON. The one place the JSON field names live:
 * the JSON document, the JSON Lines writer and listener, and the SARIF properties all call it.
 *
 * <p>Output is deterministic: maps the model keeps unordered (a result's evidence, a check's
 * services and tags, the summary's counts, a target's labels) are written sorted or in enum order.
 * Enum values are written as lower-case labels ({@code out_of_scope}, {@code high}).
 *
 * <p>Stateless and thread-safe; a {@link JsonGenerator} is not, so each caller uses its own.
 */
final class JsonModel {
  /** The version of the JSON and JSON Lines layout; bumped when a field is renamed or removed. */
  static final String SCHEMA_VERSION = "1";

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private JsonModel() {}

  /** A pretty-printing generator over {@code out}: two-space indent, {@code \n} line ends. */
  static JsonGenerator pretty(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    g.setPrettyPrinter(
        new DefaultPrettyPrinter(separators)
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter));
    return g;
  }

  /** A compact generator over {@code out}, writing everything on one line. */
  static JsonGenerator compact(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** The lower-case label of an enum value, as written in every report: {@code out_of_scope}. */
  static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Findings per countermeasure, every countermeasure present. */
  static Map<Countermeasure, Long> countByCountermeasure(Stream<Finding> findings) {
    Map<Countermeasure, Long> counts = new EnumMap<>(Countermeasure.class);
    for (Countermeasure c : Countermeasure.values()) {
      counts.put(c, 0L);
    }
    findings.forEach(f -> counts.merge(f.countermeasure(), 1L, Long::sum));
    return counts;
  }

  /**
   * The fields of a summary object: the scan's times and every count. The target, result and
   * severity counts come from {@code summary}; {@code byCountermeasure} is counted by the caller,
   * since {@link ScanSummary} does not keep it.
   */
  static void writeSummaryFields(
      JsonGenerator g, ScanSummary summary, Map<Countermeasure, Long> byCountermeasure)
      throws IOException {
    g.writeStringField("started", time(summary.started()));
    g.writeStringField("finished", time(summary.finished()));
    g.writeNumberField("elapsedMillis", summary.elapsed().toMillis());
    g.writeBooleanField("cancelled", summary.cancelled());
    g.writeNumberField("targets", summary.targets());
    writeCounts(g, "targetsByStatus", TargetResult.Status.values(), summary.targetsByStatus());
    g.writeNumberField(
        "results", summary.resultsByStatus().values().stream().mapToLong(Long::longValue).sum());
    writeCounts(g, "resultsByStatus", CheckResult.Status.values(), summary.resultsByStatus());
    g.writeNumberField("findings", summary.findings());
    writeCounts(g, "findingsBySeverity", Severity.values(), summary.findingsBySeverity());
    writeCounts(g, "findingsByCountermeasure", Countermeasure.values(), byCountermeasure);
    g.writeNumberField("listenerErrors", summary.listenerErrors());
  }

  private static <E extends Enum<E>> void writeCounts(
      JsonGenerator g, String field, E[] keys, Map<E, Long> counts) throws IOException {
    g.writeObjectFieldStart(field);
    for (E key : keys) {
      g.writeNumberField(label(key), counts.getOrDefault(key, 0L));
    }
    g.writeEndObject();
  }

  /** One check descriptor as a whole object. */
  static void writeCheck(JsonGenerator g, CheckDescriptor check) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", check.id());
    g.writeStringField("title", check.title());
    g.writeStringField("description", check.description());
    g.writeStringField("remediation", check.remediation());
    g.writeStringField("severity", label(check.severity()));
    g.writeStringField("safety", label(check.safety()));
    g.writeStringField("countermeasure", label(check.countermeasure()));
    writeSortedStrings(g, "services", check.services());
    g.writeStringField("transport", label(check.transport()));
    g.writeArrayFieldStart("ports");
    for (int port : check.defaultPorts()) {
      g.writeNumber(port);
    }
    g.writeEndArray();
    writeReferences(g, check.references());
    writeSortedStrings(g, "tags", check.tags());
    g.writeEndObject();
  }

  /**
   * The fields of a target: its text, address, status, endpoints and identity, and, when {@code
   * withResults}, its results with their findings nested.
   */
  static void writeTargetFields(JsonGenerator g, TargetResult target, boolean withResults)
      throws IOException {
    g.writeStringField("target", target.target().toString());
    g.writeStringField("host", target.target().host());
    writeStringMap(g, "labels", new TreeMap<>(target.target().labels()));
    g.writeFieldName("address");
    if (target.address().isPresent()) {
      g.writeString(addressText(target.address().get()));
    } else {
      g.writeNull();
    }
    g.writeStringField("addressClass", label(target.addressClass()));
    g.writeStringField("status", label(target.status()));
    g.writeStringField("detail", target.detail());
    g.writeNumberField("elapsedMillis", target.elapsed().toMillis());
    g.writeArrayFieldStart("endpoints");
    for (Endpoint e : target.endpoints()) {
      g.writeStartObject();
      g.writeStringField("uri", e.uri());
      g.writeNumberField("port", e.port());
      g.writeStringField("transport", label(e.transport()));
      g.writeStringField("service", e.service());
      g.writeEndObject();
    }
    g.writeEndArray();
    writeIdentity(g, target.identity());
    if (withResults) {
      g.writeArrayFieldStart("results");
      for (CheckResult r : target.results()) {
        g.writeStartObject();
        writeResultFields(g, r, true);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /** An address as text, without the {@code name/} prefix of {@link InetAddress#toString()}. */
  static String addressText(InetAddress address) {
    return address.getHostAddress();
  }

  private static void writeIdentity(JsonGenerator g, DeviceIdentity identity) throws IOException {
    g.writeObjectFieldStart("identity");
    for (Map.Entry<DeviceIdentity.Attribute, DeviceIdentity.Fact> e : identity.facts().entrySet()) {
      g.writeObjectFieldStart(label(e.getKey()));
      g.writeStringField("value", e.getValue().value());
      g.writeStringField("source", e.getValue().source());
      g.writeStringField("confidence", label(e.getValue().confidence()));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * The fields of a check result. With {@code nestFindings} its findings are written in full under
   * {@code findings}; without, only their fingerprints under {@code fingerprints} (JSON Lines
   * writes each finding on its own line).
   */
  static void writeResultFields(JsonGenerator g, CheckResult result, boolean nestFindings)
      throws IOException {
    g.writeStringField("checkId", result.checkId());
    g.writeStringField("endpoint", result.endpoint().uri());
    g.writeStringField("service", result.endpoint().service());
    g.writeStringField("status", label(result.status()));
    g.writeStringField("detail", result.detail());
    writeStringMap(g, "evidence", new TreeMap<>(result.evidence()));
    g.writeNumberField("elapsedMillis", result.elapsed().toMillis());
    if (nestFindings) {
      g.writeArrayFieldStart("findings");
      for (Finding f : result.findings()) {
        g.writeStartObject();
        writeFindingFields(g, f);
        g.writeEndObject();
      }
    } else {
      g.writeArrayFieldStart("fingerprints");
      for (Finding f : result.findings()) {
        g.writeString(f.fingerprint());
      }
    }
    g.writeEndArray();
  }

  /** The fields of a finding; its evidence keeps the order the check gave it. */
  static void writeFindingFields(JsonGenerator g, Finding f) throws IOException {
    g.writeStringField("fingerprint", f.fingerprint());
    g.writeStringField("checkId", f.checkId());
    g.writeStringField("endpoint", f.endpoint().uri());
    g.writeStringField("service", f.endpoint().service());
    g.writeStringField("title", f.title());
    g.writeStringField("severity", label(f.severity()));
    g.writeBooleanField("raisedForPublicAddress", f.raisedForPublicAddress());
    g.writeStringField("confidence", label(f.confidence()));
    g.writeStringField("countermeasure", label(f.countermeasure()));
    g.writeStringField("description", f.description());
    writeStringMap(g, "evidence", f.evidence());
    g.writeStringField("remediation", f.remediation());
    writeReferences(g, f.references());
    g.writeStringField("key", f.key());
  }

  /** {@code references} as an array of {@code {kind, id, link}} objects. */
  static void writeReferences(JsonGenerator g, List<Reference> references) throws IOException {
    g.writeArrayFieldStart("references");
    for (Reference r : references) {
      g.writeStartObject();
      g.writeStringField("kind", label(r.kind()));
      g.writeStringField("id", r.id());
      g.writeStringField("link", r.link());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code values} as an object, in the map's iteration order. */
  static void writeStringMap(JsonGenerator g, String field, Map<String, String> values)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : values.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeSortedStrings(JsonGenerator g, String field, Collection<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values.stream().sorted().toList()) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** An instant as ISO-8601 in UTC, such as {@code 2026-01-15T01:02:03Z}. */
  static String time(Instant instant) {
    return instant.toString();
  }
}
