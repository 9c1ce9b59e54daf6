package dev.tenken;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device says about itself — vendor, model, firmware, serial — each fact with where it was
 * read and how sure it is. Checks add facts as they learn them; when two sources disagree the more
 * confident one is kept (the first one seen on a tie). Immutable and thread-safe.
 */
public final class DeviceIdentity {
  /** An identity that knows nothing. */
  public static final DeviceIdentity EMPTY = new DeviceIdentity(new EnumMap<>(Attribute.class));

  private final Map<Attribute, Fact> facts;

  private DeviceIdentity(EnumMap<Attribute, Fact> facts) {
    this.facts = Collections.unmodifiableMap(facts);
  }

  /** The things a device can tell about itself. */
  public enum Attribute {
    /** Device class: camera, printer, database, broker... */
    DEVICE_CLASS,
    VENDOR,
    MODEL,
    FIRMWARE,
    SERIAL,
    /** Software product, such as {@code redis} or {@code cups}. */
    PRODUCT,
    /** Software version, such as {@code 7.2.4}. */
    VERSION,
    /** A CPE-like name, such as {@code cpe:2.3:a:redis:redis:7.2.4}. */
    CPE,
    /** Host name or device name the device announces. */
    NAME
  }

  /**
   * One fact.
   *
   * @param value what the device said, trimmed
   * @param source where it was read, such as {@code "SNMP sysDescr"} or {@code "HTTP Server
   *     header"}
   * @param confidence how much the source can be trusted for this fact
   */
  public record Fact(String value, String source, Confidence confidence) {
    public Fact {
      value = Objects.requireNonNull(value, "value").strip();
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(confidence, "confidence");
    }
  }

  /** This identity plus one fact, merged by confidence. */
  public DeviceIdentity with(
      Attribute attribute, String value, String source, Confidence confidence) {
    return merge(attribute, new Fact(value, source, confidence));
  }

  /** This identity merged with every fact of {@code other}. */
  public DeviceIdentity merge(DeviceIdentity other) {
    DeviceIdentity result = this;
    for (Map.Entry<Attribute, Fact> e : other.facts.entrySet()) {
      result = result.merge(e.getKey(), e.getValue());
    }
    return result;
  }

  private DeviceIdentity merge(Attribute attribute, Fact fact) {
    if (fact.value().isEmpty()) {
      return this;
    }
    Fact existing = facts.get(attribute);
    if (existing != null && existing.confidence().compareTo(fact.confidence()) >= 0) {
      return this;
    }
    EnumMap<Attribute, Fact> copy =
        facts.isEmpty() ? new EnumMap<>(Attribute.class) : new EnumMap<>(facts);
    copy.put(attribute, fact);
    return new DeviceIdentity(copy);
  }

  /** The fact about {@code attribute}, if any. */
  public Optional<Fact> get(Attribute attribute) {
    return Optional.ofNullable(facts.get(attribute));
  }

  /** The value of {@code attribute}, if known. */
  public Optional<String> value(Attribute attribute) {
    return get(attribute).map(Fact::value);
  }

  /** All facts, by attribute, in attribute order. */
  public Map<Attribute, Fact> facts() {
    return facts;
  }

  /** Whether nothing is known. */
  public boolean isEmpty() {
    return facts.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceIdentity d && d.facts.equals(facts);
  }

  @Override
  public int hashCode() {
    return facts.hashCode();
  }

  @Override
  public String toString() {
    return "DeviceIdentity" + facts;
  }
}
