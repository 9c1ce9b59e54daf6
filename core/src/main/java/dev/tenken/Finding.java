package dev.tenken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One problem a check proved or suspects on one endpoint. Immutable and thread-safe.
 *
 * <p>The {@link #fingerprint()} is stable across scans: a hash of the check id, the endpoint and
 * the finding's key (what tells two findings of one check on one endpoint apart, for example a CVE
 * id), so two reports can be diffed and shards merged. Evidence never holds a secret: checks build
 * findings through their context, which masks configured secrets and secret-looking values.
 */
public final class Finding {
  /** Cloned per use: a clone costs a fraction of a provider look-up. */
  private static final MessageDigest SHA_256 = sha256();

  private final String checkId;
  private final Endpoint endpoint;
  private final String title;
  private final Severity severity;
  private final boolean raisedForPublicAddress;
  private final Confidence confidence;
  private final Countermeasure countermeasure;
  private final String description;
  private final Map<String, String> evidence;
  private final String remediation;
  private final List<Reference> references;
  private final String key;

  /** Made on first use (reports need it, a listener counting findings does not); idempotent. */
  private @Nullable String fingerprint;

  private Finding(Builder b) {
    this.checkId = b.checkId;
    this.endpoint = b.endpoint;
    this.title = Objects.requireNonNull(b.title, "title");
    this.severity = b.severity;
    this.raisedForPublicAddress = b.raisedForPublicAddress;
    this.confidence = b.confidence;
    this.countermeasure = b.countermeasure;
    this.description = b.description;
    this.evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.evidence));
    this.remediation = b.remediation;
    this.references = List.copyOf(b.references);
    this.key = b.key;
  }

  /** A builder for a finding of check {@code checkId} on {@code endpoint}. */
  public static Builder builder(String checkId, Endpoint endpoint) {
    return new Builder(checkId, endpoint);
  }

  /** The id of the check that found it. */
  public String checkId() {
    return checkId;
  }

  /** Where it was found. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** One line: what is wrong. */
  public String title() {
    return title;
  }

  /** How bad it is, after any raise for a public address. */
  public Severity severity() {
    return severity;
  }

  /** Whether {@link #severity()} was raised one step because the address is public. */
  public boolean raisedForPublicAddress() {
    return raisedForPublicAddress;
  }

  /** How sure the check is. */
  public Confidence confidence() {
    return confidence;
  }

  /** Which countermeasure fixes it. */
  public Countermeasure countermeasure() {
    return countermeasure;
  }

  /** Why it matters, in a few sentences. */
  public String description() {
    return description;
  }

  /**
   * What the device answered that proves it, label to value, secrets masked; in insertion order.
   */
  public Map<String, String> evidence() {
    return evidence;
  }

  /** What to do about it. */
  public String remediation() {
    return remediation;
  }

  /** CVEs, CWEs and URLs. */
  public List<Reference> references() {
    return references;
  }

  /** What tells this finding apart from others of the same check on the same endpoint. */
  public String key() {
    return key;
  }

  /** Stable id: 32 hex digits of SHA-256 over check id, endpoint and key. */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = fingerprint(checkId, endpoint, key);
      fingerprint = f;
    }
    return f;
  }

  /**
   * A copy with severity one step higher (at most {@link Severity#CRITICAL}), marked as raised for
   * a public address; this finding itself when it was already raised, so a finding is never raised
   * twice.
   */
  public Finding raisedForPublicAddressCopy() {
    if (raisedForPublicAddress) {
      return this;
    }
    Builder b = toBuilder();
    b.severity = severity.raised();
    b.raisedForPublicAddress = true;
    return b.build();
  }

  /** A copy whose confidence is {@code other}. */
  public Finding withConfidence(Confidence other) {
    return toBuilder().confidence(other).build();
  }

  /**
   * A copy whose title, description, evidence values, remediation and key have passed through
   * {@code redactor} (every free text a report shows). The fingerprint is computed over the
   * redacted key, so it is stable for a given redactor and never derived from a secret.
   */
  public Finding redacted(UnaryOperator<String> redactor) {
    Builder b = toBuilder();
    b.evidence.replaceAll((k, v) -> redactor.apply(v));
    b.description = redactor.apply(description);
    b.title = redactor.apply(title);
    b.remediation = redactor.apply(remediation);
    b.key = redactor.apply(key);
    return b.build();
  }

  /** A builder holding this finding's values. */
  public Builder toBuilder() {
    Builder b = new Builder(checkId, endpoint);
    b.title = title;
    b.severity = severity;
    b.raisedForPublicAddress = raisedForPublicAddress;
    b.confidence = confidence;
    b.countermeasure = countermeasure;
    b.description = description;
    b.evidence.putAll(evidence);
    b.remediation = remediation;
    b.references.addAll(references);
    b.key = key;
    return b;
  }

  static String fingerprint(String checkId, Endpoint endpoint, String key) {
    try {
      MessageDigest sha = (MessageDigest) SHA_256.clone();
      String text = checkId + "\n" + endpoint.uri() + "\n" + key;
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f
        && f.fingerprint().equals(fingerprint())
        && f.severity == severity
        && f.confidence == confidence
        && f.title.equals(title)
        && f.evidence.equals(evidence);
  }

  @Override
  public int hashCode() {
    return fingerprint().hashCode();
  }

  @Override
  public String toString() {
    return severity.label()
        + " "
        + checkId
        + " "
        + endpoint.uri()
        + ": "
        + title
        + " ("
        + confidence.name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }

  /** Builds a {@link Finding}. Not thread-safe. Defaults: severity MEDIUM, confidence FIRM. */
  public static final class Builder {
    private final String checkId;
    private final Endpoint endpoint;
    private String title;
    private Severity severity = Severity.MEDIUM;
    private boolean raisedForPublicAddress;
    private Confidence confidence = Confidence.FIRM;
    private Countermeasure countermeasure = Countermeasure.AUTHENTICATION;
    private String description = "";
    private final Map<String, String> evidence = new LinkedHashMap<>();
    private String remediation = "";
    private final List<Reference> references = new ArrayList<>();
    private String key = "";

    private Builder(String checkId, Endpoint endpoint) {
      this.checkId = Objects.requireNonNull(checkId, "checkId");
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder severity(Severity value) {
      this.severity = Objects.requireNonNull(value);
      return this;
    }

    public Builder confidence(Confidence value) {
      this.confidence = Objects.requireNonNull(value);
      return this;
    }

    public Builder countermeasure(Countermeasure value) {
      this.countermeasure = Objects.requireNonNull(value);
      return this;
    }

    public Builder description(String value) {
      this.description = Objects.requireNonNull(value);
      return this;
    }

    /** Adds one piece of evidence; a later value for the same label replaces the earlier one. */
    public Builder evidence(String label, String value) {
      this.evidence.put(Objects.requireNonNull(label), Objects.requireNonNull(value));
      return this;
    }

    public Builder remediation(String value) {
      this.remediation = Objects.requireNonNull(value);
      return this;
    }

    public Builder reference(Reference value) {
      this.references.add(Objects.requireNonNull(value));
      return this;
    }

    public Builder references(List<Reference> values) {
      values.forEach(this::reference);
      return this;
    }

    /** What tells this finding apart from others of the same check on the same endpoint. */
    public Builder key(String value) {
      this.key = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The finding.
     *
     * @throws NullPointerException when no title was set
     */
    public Finding build() {
      return new Finding(this);
    }
  }
}
