package dev.tenken;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link Check} is, independent of any run. Immutable and thread-safe.
 *
 * <p>The id is {@code <area>.<service>.<kebab-name>} (for example {@code database.redis.no-auth}):
 * lower-case, at least three dot-separated parts, stable forever and never reused for another
 * meaning, because reports, suppressions and CI baselines refer to it.
 *
 * @param id the stable id
 * @param title one line, what a failure means ("Redis answers without authentication")
 * @param description why it matters
 * @param remediation what to do when it fails
 * @param probe what the check sends, in words, for the catalogue ({@code "INFO server, then QUIT"})
 * @param proof what answer proves a failure, in words ({@code "a reply holding redis_version"})
 * @param severity the severity of a failure (a check may report some findings lower)
 * @param safety what the check does to the device
 * @param countermeasure the JPCERT/CC countermeasure it serves
 * @param services the services it runs against, such as {@code redis} (lower case, at least one)
 * @param transport the transport of those services
 * @param defaultPorts the ports those services usually listen on, tried for bare hosts
 * @param references CVEs, CWEs, URLs
 * @param tags free-form lower-case tags for selection ({@code default-credentials}, {@code cve})
 */
public record CheckDescriptor(
    String id,
    String title,
    String description,
    String remediation,
    String probe,
    String proof,
    Severity severity,
    Safety safety,
    Countermeasure countermeasure,
    Set<String> services,
    Transport transport,
    List<Integer> defaultPorts,
    List<Reference> references,
    Set<String> tags) {

  /** Ids look like {@code database.redis.no-auth}. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+(-[a-z0-9]+)*){2,}");

  /**
   * Tag of checks whose proof rests on what an HTTP or RTSP server answers to a path or route; on a
   * catch-all host (one that answers 200 to a random path) their findings are downgraded.
   */
  public static final String TAG_MARKER_BASED = "marker-based";

  /**
   * Tag of a check that judges the host's merged {@link DeviceIdentity} (a firmware version check,
   * an inventory): the runner starts it only after every other check of the host has ended, so the
   * identity facts those checks report are all in.
   */
  public static final String TAG_AFTER_IDENTITY = "after-identity";

  public CheckDescriptor {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "check id '" + id + "' is not <area>.<service>.<kebab-name> in lower case");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(safety, "safety");
    Objects.requireNonNull(countermeasure, "countermeasure");
    services = lowerCase(services);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("check " + id + " names no service");
    }
    if (services.contains("")) {
      throw new IllegalArgumentException("check " + id + " names an empty service");
    }
    Objects.requireNonNull(transport, "transport");
    defaultPorts = List.copyOf(defaultPorts);
    for (int port : defaultPorts) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "check " + id + ": default port " + port + " is not within 1-65535");
      }
    }
    references = List.copyOf(references);
    tags = lowerCase(tags);
  }

  /** An unmodifiable copy of {@code values}, each stripped and lower-cased, in the given order. */
  private static Set<String> lowerCase(Set<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(v.strip().toLowerCase(Locale.ROOT));
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** The first part of the id: {@code camera}, {@code printer}, {@code database}... */
  public String area() {
    return id.substring(0, id.indexOf('.'));
  }

  /** A builder with the required parts. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /**
   * Builds a descriptor. Not thread-safe. Defaults: severity MEDIUM, safety READ_ONLY,
   * countermeasure AUTHENTICATION, transport TCP, no ports, references or tags.
   */
  public static final class Builder {
    private final String id;
    private final String title;
    private String description = "";
    private String remediation = "";
    private String probe = "";
    private String proof = "";
    private Severity severity = Severity.MEDIUM;
    private Safety safety = Safety.READ_ONLY;
    private Countermeasure countermeasure = Countermeasure.AUTHENTICATION;
    private final Set<String> services = new LinkedHashSet<>();
    private Transport transport = Transport.TCP;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final Set<String> tags = new LinkedHashSet<>();

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder remediation(String value) {
      this.remediation = value;
      return this;
    }

    /** What the check sends, in words, for the catalogue. */
    public Builder probe(String value) {
      this.probe = value;
      return this;
    }

    /** What answer proves a failure, in words, for the catalogue. */
    public Builder proof(String value) {
      this.proof = value;
      return this;
    }

    public Builder severity(Severity value) {
      this.severity = value;
      return this;
    }

    public Builder safety(Safety value) {
      this.safety = value;
      return this;
    }

    public Builder countermeasure(Countermeasure value) {
      this.countermeasure = value;
      return this;
    }

    /** The services the check runs against; also the default service of its ports. */
    public Builder services(String... values) {
      for (String v : values) {
        services.add(v.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public Builder transport(Transport value) {
      this.transport = value;
      return this;
    }

    public Builder ports(int... values) {
      for (int v : values) {
        ports.add(v);
      }
      return this;
    }

    public Builder references(Reference... values) {
      references.addAll(List.of(values));
      return this;
    }

    public Builder tags(String... values) {
      for (String v : values) {
        tags.add(v.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * The descriptor.
     *
     * @throws IllegalArgumentException when the id is malformed or no service is named
     */
    public CheckDescriptor build() {
      return new CheckDescriptor(
          id,
          title,
          description,
          remediation,
          probe,
          proof,
          severity,
          safety,
          countermeasure,
          services,
          transport,
          ports,
          references,
          tags);
    }
  }
}
