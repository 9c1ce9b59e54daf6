package dev.tenken.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Report} as SARIF 2.1.0 (one run), the format GitHub code scanning and most CI
 * dashboards read. Every check descriptor becomes a rule, every finding a result located at its
 * endpoint's URI, every {@code ERROR} check result a tool execution notification. Stateless and
 * thread-safe.
 */
final class SarifWriter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://tenken.dev";
  static final String FINGERPRINT_KEY = "tenkenFingerprint/v1";

  /** The notification descriptors, by id; their index is their position. */
  private static final List<String[]> NOTIFICATIONS =
      List.of(
          new String[] {"check-error", "A check could not decide and ended in an error."},
          new String[] {"target-unreachable", "No connection to the target succeeded."},
          new String[] {"target-timeout", "The per-host budget ran out before every check ran."},
          new String[] {"target-cancelled", "The scan was cancelled before the target finished."},
          new String[] {"target-error", "Tenken itself failed on the target."});

  /** Semantic Versioning 2.0.0, from semver.org. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  /** How many pieces of evidence a result's message quotes, and how long each may be. */
  private static final int MESSAGE_EVIDENCE = 3;

  private static final int MESSAGE_VALUE_CHARS = 120;

  private SarifWriter() {}

  /** What a rule says; built from a descriptor, or from a finding whose check is not listed. */
  private record Rule(
      String id,
      String title,
      String description,
      String remediation,
      Severity severity,
      Countermeasure countermeasure,
      Optional<Safety> safety,
      List<Reference> references,
      Set<String> tags) {

    static Rule of(CheckDescriptor d) {
      return new Rule(
          d.id(),
          d.title(),
          d.description(),
          d.remediation(),
          d.severity(),
          d.countermeasure(),
          Optional.of(d.safety()),
          d.references(),
          d.tags());
    }

    static Rule of(Finding f) {
      return new Rule(
          f.checkId(),
          f.title(),
          f.description(),
          f.remediation(),
          f.severity(),
          f.countermeasure(),
          Optional.empty(),
          f.references(),
          Set.of());
    }
  }

  static void write(Report report, OutputStream out) throws IOException {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Rule> rules = new ArrayList<>();
    for (CheckDescriptor d : report.checks()) {
      if (index.putIfAbsent(d.id(), rules.size()) == null) {
        rules.add(Rule.of(d));
      }
    }
    Map<String, Confidence> leastConfidence = new HashMap<>();
    report
        .findings()
        .forEach(
            f -> {
              if (index.putIfAbsent(f.checkId(), rules.size()) == null) {
                rules.add(Rule.of(f));
              }
              leastConfidence.merge(
                  f.checkId(), f.confidence(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            });
    report
        .results()
        .forEach(
            r -> {
              if (!index.containsKey(r.checkId())) {
                index.put(r.checkId(), -1);
              }
            });

    try (JsonGenerator g = JsonModel.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      writeTool(g, report, rules, leastConfidence);
      writeInvocation(g, report, index);
      g.writeArrayFieldStart("results");
      for (TargetResult target : report.targets()) {
        for (CheckResult result : target.results()) {
          for (Finding f : result.findings()) {
            writeResult(g, target, f, index.get(f.checkId()));
          }
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeStringField("schemaVersion", JsonModel.SCHEMA_VERSION);
      JsonModel.writeSummaryFields(
          g, report.summary(), JsonModel.countByCountermeasure(report.findings()));
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void writeTool(
      JsonGenerator g, Report report, List<Rule> rules, Map<String, Confidence> leastConfidence)
      throws IOException {
    g.writeObjectFieldStart("tool");
    g.writeObjectFieldStart("driver");
    g.writeStringField("name", report.tool());
    g.writeStringField("version", report.version());
    if (SEMVER.matcher(report.version()).matches()) {
      g.writeStringField("semanticVersion", report.version());
    }
    g.writeStringField("informationUri", INFORMATION_URI);
    g.writeArrayFieldStart("rules");
    for (Rule rule : rules) {
      writeRule(g, rule, Optional.ofNullable(leastConfidence.get(rule.id())));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notifications");
    for (String[] n : NOTIFICATIONS) {
      g.writeStartObject();
      g.writeStringField("id", n[0]);
      writeText(g, "shortDescription", n[1]);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeRule(JsonGenerator g, Rule rule, Optional<Confidence> leastConfidence)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", rule.id());
    g.writeStringField("name", pascalCase(rule.id()));
    writeText(g, "shortDescription", rule.title());
    writeText(g, "fullDescription", orElse(rule.description(), rule.title()));
    if (!rule.references().isEmpty()) {
      g.writeStringField("helpUri", rule.references().get(0).link());
    }
    writeText(g, "help", orElse(rule.remediation(), rule.title()));
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(rule.severity()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    Set<String> tags = new LinkedHashSet<>();
    tags.add("security");
    tags.add(tag(rule.countermeasure()));
    rule.safety().ifPresent(s -> tags.add(tag(s)));
    rule.tags().stream().sorted().forEach(tags::add);
    g.writeArrayFieldStart("tags");
    for (String tag : tags) {
      g.writeString(tag);
    }
    g.writeEndArray();
    g.writeStringField("security-severity", securitySeverity(rule.severity()));
    if (leastConfidence.isPresent()) {
      g.writeStringField("precision", precision(leastConfidence.get()));
    }
    g.writeStringField("severity", JsonModel.label(rule.severity()));
    g.writeStringField("countermeasure", JsonModel.label(rule.countermeasure()));
    if (rule.safety().isPresent()) {
      g.writeStringField("safety", JsonModel.label(rule.safety().get()));
    }
    JsonModel.writeReferences(g, rule.references());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeInvocation(JsonGenerator g, Report report, Map<String, Integer> index)
      throws IOException {
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", true);
    g.writeStringField("startTimeUtc", JsonModel.time(report.summary().started()));
    g.writeStringField("endTimeUtc", JsonModel.time(report.summary().finished()));
    g.writeArrayFieldStart("toolExecutionNotifications");
    for (TargetResult target : report.targets()) {
      for (CheckResult result : target.results()) {
        if (result.status() == CheckResult.Status.ERROR) {
          g.writeStartObject();
          g.writeStringField("level", "error");
          writeText(
              g,
              "message",
              Text.oneLine(
                  result.checkId() + " on " + result.endpoint().uri() + ": " + result.detail()));
          writeDescriptorReference(g, "descriptor", "check-error", 0);
          writeDescriptorReference(
              g, "associatedRule", result.checkId(), index.getOrDefault(result.checkId(), -1));
          g.writeArrayFieldStart("locations");
          writeLocation(g, result.endpoint());
          g.writeEndArray();
          writeTargetProperty(g, target);
          g.writeEndObject();
        }
      }
      int notification =
          switch (target.status()) {
            case UNREACHABLE -> 1;
            case TIMEOUT -> 2;
            case CANCELLED -> 3;
            case ERROR -> 4;
            case SCANNED, OUT_OF_SCOPE -> -1;
          };
      if (notification >= 0) {
        g.writeStartObject();
        g.writeStringField(
            "level", target.status() == TargetResult.Status.ERROR ? "error" : "warning");
        writeText(
            g,
            "message",
            Text.oneLine(
                target.target()
                    + ": "
                    + JsonModel.label(target.status())
                    + (target.detail().isEmpty() ? "" : ": " + target.detail())));
        writeDescriptorReference(g, "descriptor", NOTIFICATIONS.get(notification)[0], notification);
        writeTargetProperty(g, target);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeTargetProperty(JsonGenerator g, TargetResult target) throws IOException {
    g.writeObjectFieldStart("properties");
    g.writeStringField("target", target.target().toString());
    g.writeStringField("targetStatus", JsonModel.label(target.status()));
    g.writeEndObject();
  }

  private static void writeDescriptorReference(JsonGenerator g, String field, String id, int index)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("id", id);
    if (index >= 0) {
      g.writeNumberField("index", index);
    }
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, TargetResult target, Finding f, int ruleIndex)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.checkId());
    g.writeNumberField("ruleIndex", ruleIndex);
    g.writeStringField("level", level(f.severity()));
    writeText(g, "message", message(f));
    g.writeArrayFieldStart("locations");
    writeLocation(g, f.endpoint());
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINGERPRINT_KEY, f.fingerprint());
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("target", target.target().toString());
    g.writeStringField("service", f.endpoint().service());
    g.writeStringField("severity", JsonModel.label(f.severity()));
    g.writeBooleanField("raisedForPublicAddress", f.raisedForPublicAddress());
    g.writeStringField("confidence", JsonModel.label(f.confidence()));
    g.writeStringField("countermeasure", JsonModel.label(f.countermeasure()));
    g.writeStringField("key", f.key());
    JsonModel.writeStringMap(g, "evidence", f.evidence());
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * A location GitHub accepts: a physical location (the endpoint's URI, line 1) plus the endpoint
   * as a logical location.
   */
  private static void writeLocation(JsonGenerator g, Endpoint endpoint) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", endpoint.uri());
    g.writeEndObject();
    g.writeObjectFieldStart("region");
    g.writeNumberField("startLine", 1);
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("logicalLocations");
    g.writeStartObject();
    g.writeStringField("name", endpoint.uri());
    g.writeStringField("fullyQualifiedName", endpoint.uri() + " (" + endpoint.service() + ")");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeText(JsonGenerator g, String field, String text) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  /** The title, the finding's key and its first pieces of evidence, on one line. */
  static String message(Finding f) {
    StringBuilder sb = new StringBuilder(f.title());
    if (!f.key().isEmpty()) {
      sb.append(" [").append(f.key()).append(']');
    }
    String sep = ": ";
    int n = 0;
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      if (n++ == MESSAGE_EVIDENCE) {
        sb.append(", …");
        break;
      }
      String v = e.getValue();
      if (v.length() > MESSAGE_VALUE_CHARS) {
        v = v.substring(0, MESSAGE_VALUE_CHARS) + "…";
      }
      sb.append(sep).append(e.getKey()).append('=').append(v);
      sep = ", ";
    }
    return Text.oneLine(sb.toString());
  }

  /** SARIF's level: critical and high are errors, medium a warning, low and info notes. */
  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's {@code security-severity}: a CVSS-like score as text. */
  static String securitySeverity(Severity severity) {
    double score =
        switch (severity) {
          case CRITICAL -> 9.5;
          case HIGH -> 8.0;
          case MEDIUM -> 5.5;
          case LOW -> 3.0;
          case INFO -> 0.0;
        };
    return String.format(Locale.ROOT, "%.1f", score);
  }

  /** GitHub's {@code precision} from a finding's confidence. */
  static String precision(Confidence confidence) {
    return switch (confidence) {
      case CONFIRMED -> "very-high";
      case FIRM -> "high";
      case TENTATIVE -> "low";
    };
  }

  /** {@code database.redis.no-auth} becomes {@code DatabaseRedisNoAuth}. */
  static String pascalCase(String id) {
    StringBuilder sb = new StringBuilder(id.length());
    for (String part : id.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return sb.toString();
  }

  private static String tag(Enum<?> value) {
    return JsonModel.label(value).replace('_', '-');
  }

  private static String orElse(String text, String fallback) {
    return text.isBlank() ? fallback : text;
  }
}
