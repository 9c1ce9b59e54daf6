package dev.tenken.camera;

import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One row of the vendor flaw table: what {@link FlawCheck} sends (a single {@code GET}, optionally
 * with the public proof-of-concept's cookie), what in the reply proves the flaw, which fields of
 * the reply are secrets (counted, never shown) and which are identity facts. Immutable and
 * thread-safe; build one with {@link #builder}.
 *
 * @param id the check id
 * @param title the check title
 * @param vendor the vendor as shown and as recorded in the identity
 * @param vendorNames lower-case names an identity's vendor may contain to be this vendor (OEMs)
 * @param severity severity of a finding
 * @param countermeasure the countermeasure of a finding
 * @param safety READ_ONLY, or CREDENTIAL_ATTEMPT for a row that sends a {@link #cookie}
 * @param references CVE, CWE and advisory references
 * @param description what the flaw is
 * @param remediation what to do
 * @param path the one path read, with its query
 * @param cookie the cookie of the public proof of concept, sent only as a login attempt, or null
 * @param contentTypes lower-case fragments of which the reply's Content-Type must contain one
 *     (empty: any)
 * @param markers texts that must ALL be in the reply body
 * @param secrets fields whose values are secrets: counted, never shown
 * @param identity fields read as identity facts when the flaw is proved
 */
record FlawRow(
    String id,
    String title,
    String vendor,
    List<String> vendorNames,
    Severity severity,
    Countermeasure countermeasure,
    Safety safety,
    List<Reference> references,
    String description,
    String remediation,
    String path,
    @Nullable String cookie,
    List<String> contentTypes,
    List<String> markers,
    List<SecretField> secrets,
    List<IdentityField> identity) {

  FlawRow {
    Objects.requireNonNull(id, "id");
    vendorNames = List.copyOf(vendorNames);
    references = List.copyOf(references);
    contentTypes = List.copyOf(contentTypes);
    markers = List.copyOf(markers);
    secrets = List.copyOf(secrets);
    identity = List.copyOf(identity);
    if (markers.size() < 2) {
      throw new IllegalArgumentException(id + ": a proof needs at least two markers");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(id + ": not a path: " + path);
    }
    if ((cookie != null) != (safety == Safety.CREDENTIAL_ATTEMPT)) {
      throw new IllegalArgumentException(
          id + ": a cookie is a credential: only a CREDENTIAL_ATTEMPT row sends one");
    }
  }

  /**
   * A field whose values are secrets (passwords, hashes, keys, URLs with credentials).
   *
   * @param name the field name shown in evidence
   * @param pattern finds one value per match
   */
  record SecretField(String name, Pattern pattern) {}

  /**
   * A field read into the identity; several fields of one attribute are joined with a space (e.g.
   * Hikvision's {@code V5.4.5} and {@code build 170124}).
   *
   * @param attribute the identity attribute
   * @param pattern group 1 is the value
   */
  record IdentityField(DeviceIdentity.Attribute attribute, Pattern pattern) {}

  /** The path without its query, for sources and messages. */
  String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /**
   * Whether an identity's vendor names this row's vendor (or one of its OEMs).
   *
   * @param identified the vendor as the identity has it
   */
  boolean isVendor(String identified) {
    String v = identified.toLowerCase(Locale.ROOT);
    return vendorNames.stream().anyMatch(v::contains);
  }

  static Builder builder(String id, String title, String vendor) {
    return new Builder(id, title, vendor);
  }

  /** Builds a row. Not thread-safe. */
  static final class Builder {
    private final String id;
    private final String title;
    private final String vendor;
    private final List<String> vendorNames = new ArrayList<>();
    private Severity severity = Severity.HIGH;
    private Countermeasure countermeasure = Countermeasure.SOFTWARE_UPDATE;
    private Safety safety = Safety.READ_ONLY;
    private final List<Reference> references = new ArrayList<>();
    private String description = "";
    private String remediation = "";
    private String path = "";
    private @Nullable String cookie;
    private final List<String> contentTypes = new ArrayList<>();
    private final List<String> markers = new ArrayList<>();
    private final List<SecretField> secrets = new ArrayList<>();
    private final List<IdentityField> identity = new ArrayList<>();

    private Builder(String id, String title, String vendor) {
      this.id = id;
      this.title = title;
      this.vendor = vendor;
      this.vendorNames.add(vendor.toLowerCase(Locale.ROOT));
    }

    Builder alsoSoldAs(String... names) {
      for (String n : names) {
        vendorNames.add(n.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    Builder severity(Severity value) {
      severity = value;
      return this;
    }

    Builder countermeasure(Countermeasure value) {
      countermeasure = value;
      return this;
    }

    Builder references(Reference... values) {
      references.addAll(List.of(values));
      return this;
    }

    Builder description(String value) {
      description = value;
      return this;
    }

    Builder remediation(String value) {
      remediation = value;
      return this;
    }

    Builder get(String value) {
      path = value;
      return this;
    }

    /** The proof-of-concept's cookie: makes the row a CREDENTIAL_ATTEMPT. */
    Builder loginCookie(String value) {
      cookie = value;
      safety = Safety.CREDENTIAL_ATTEMPT;
      return this;
    }

    Builder contentType(String... fragments) {
      for (String f : fragments) {
        contentTypes.add(f.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    Builder markers(String... values) {
      markers.addAll(List.of(values));
      return this;
    }

    Builder secret(String name, String regex) {
      secrets.add(new SecretField(name, Pattern.compile(regex, Pattern.MULTILINE)));
      return this;
    }

    Builder identity(DeviceIdentity.Attribute attribute, String regex) {
      identity.add(new IdentityField(attribute, Pattern.compile(regex, Pattern.MULTILINE)));
      return this;
    }

    FlawRow build() {
      return new FlawRow(
          id,
          title,
          vendor,
          vendorNames,
          severity,
          countermeasure,
          safety,
          references,
          description,
          remediation,
          path,
          cookie,
          contentTypes,
          markers,
          secrets,
          identity);
    }
  }
}
