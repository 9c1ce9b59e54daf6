package dev.tenken.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenken.Target;
import dev.tenken.TargetParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One target to scan, as a record of the targets topic. Immutable.
 *
 * <p>Format version {@value #VERSION}: the key is the target's host, lower-case (so every record of
 * one host goes to one partition, hence one worker); the value is UTF-8 JSON:
 *
 * <pre>{@code
 * {"v":1,"scan":"2026-05-01-weekly","target":"rtsp://192.0.2.10:554","labels":{"owner":"ops"}}
 * }</pre>
 *
 * {@code target} is any text {@link Target#parse} reads; {@code labels} may be absent. A reader
 * refuses a record whose {@code v} it does not know rather than guess; fields it does not know are
 * ignored, so adding one does not change the version.
 *
 * @param scan the scan (campaign) it belongs to: credential claims are per scan and address, so a
 *     new scan may log in again where an earlier one did
 * @param target the target
 */
public record TargetRecord(String scan, Target target) {
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException when {@code scan} is blank
   */
  public TargetRecord {
    Objects.requireNonNull(target, "target");
    if (Objects.requireNonNull(scan, "scan").isBlank()) {
      throw new IllegalArgumentException("the scan id must not be blank");
    }
  }

  /** The record's key: the host, lower-case. */
  public String key() {
    return target.host().toLowerCase(Locale.ROOT);
  }

  /** The record's value, JSON as described above. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("v", VERSION);
    o.put("scan", scan);
    o.put("target", target.toString());
    if (!target.labels().isEmpty()) {
      ObjectNode labels = o.putObject("labels");
      new java.util.TreeMap<>(target.labels()).forEach(labels::put);
    }
    return o.toString();
  }

  /**
   * Reads a record's value.
   *
   * @throws IllegalArgumentException when it is not JSON, lacks a field, has another version or
   *     names no valid target (the message says which)
   */
  public static TargetRecord parse(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a target record is not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a target record must be a JSON object");
    }
    if (o.path("v").asInt(-1) != VERSION) {
      throw new IllegalArgumentException(
          "target record version " + o.path("v") + " is not " + VERSION + ", the one this reads");
    }
    String scan = o.path("scan").asText("");
    String text = o.path("target").asText("");
    if (scan.isBlank() || text.isBlank()) {
      throw new IllegalArgumentException("a target record needs \"scan\" and \"target\"");
    }
    Target target;
    try {
      target = Target.parse(text);
    } catch (TargetParseException e) {
      throw new IllegalArgumentException("bad target in a record: " + e.getMessage());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = o.path("labels").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      target = target.withLabel(label.getKey(), label.getValue().asText());
    }
    return new TargetRecord(scan, target);
  }
}
