package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.VersionVerdicts;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code database.memcached.version-cve}: the version memcached reports to {@code version} (text,
 * or binary {@code VERSION}, which SASL-enabled memcached answers without authentication) against
 * {@code memcached-catalog.json}, through {@link VersionVerdicts}. Only a plain upstream version
 * ({@code 1.6.18}) is assessed; anything else (a proxy, a vendor build) is reported but never
 * mapped to memcached's CVEs. Stateless and thread-safe.
 */
final class MemcachedVersionCve implements Check {
  static final String ID = "database.memcached.version-cve";

  /** The shipped catalog. */
  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(MemcachedVersionCve.class, "memcached-catalog.json");

  /** An upstream memcached version: digits, dots and nothing else (pre-releases aside). */
  private static final Pattern UPSTREAM = Pattern.compile("\\d+\\.\\d+\\.\\d+(-rc\\d+)?");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Memcached version with known vulnerabilities")
          .description(
              "Old memcached releases have remotely reachable memory-safety flaws, such as the"
                  + " integer overflows in the binary protocol fixed in 1.4.33 (CVE-2016-8704,"
                  + " CVE-2016-8705, CVE-2016-8706) that allow remote code execution.")
          .remediation("Update memcached to a current release of its branch.")
          .probe(
              "text `version` (binary VERSION on a fresh connection if the text request meets"
                  + " silence or a close), then `quit`")
          .proof("a version the catalog lists as affected, e.g. below 1.4.33")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services("memcached")
          .ports(11211)
          .references(
              Reference.cve("CVE-2016-8704"),
              Reference.cve("CVE-2016-8705"),
              Reference.cve("CVE-2016-8706"))
          .tags("memcached", "cve", "version")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    StringBuilder text = new StringBuilder();
    MemcachedClient.Answer answer = MemcachedClient.version(context, endpoint, text);
    if (answer instanceof MemcachedClient.Refused refused) {
      return Outcome.skip(
          "memcached does not tell its version without authentication: " + refused.evidence());
    }
    if (!(answer instanceof MemcachedClient.Stats stats)) {
      throw new ProtocolException("the server closed the connection on `version` in both framings");
    }
    String raw = text.toString().strip();
    String source = "memcached version (" + stats.protocol().label() + ")";
    if (!UPSTREAM.matcher(raw).matches()) {
      return Outcome.skip(
          "version '" + raw + "' is not an upstream memcached version; not mapped to its CVEs");
    }
    Optional<Version> version = Version.parse(raw);
    if (version.isEmpty()) {
      return Outcome.skip("version '" + raw + "' cannot be parsed");
    }
    MemcachedChecks.identify(context, raw, source);
    return VersionVerdicts.assess(
        context,
        endpoint,
        CATALOG,
        "memcached",
        version.get(),
        v -> true,
        source,
        Confidence.TENTATIVE);
  }

  @Override
  public String toString() {
    return ID;
  }
}
