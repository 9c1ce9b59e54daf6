package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.redis.eol-version}: the server runs a release branch that gets no more fixes:
 * older than 6.2 (below every branch of the vendor's 2025 security releases), or listed with a past
 * end of life in the catalog.
 */
final class RedisEolVersion extends RedisCheck {
  /** The oldest branch that still got security releases when the catalog was checked. */
  static final Version OLDEST_MAINTAINED = Version.of("6.2");

  private final VulnerabilityCatalog catalog;

  RedisEolVersion() {
    this(RedisVersionCheck.CATALOG);
  }

  RedisEolVersion(VulnerabilityCatalog catalog) {
    super(
        redis("eol-version", "Redis runs an end-of-life release branch")
            .description(
                "The server's release branch gets no more security fixes from the vendor: flaws"
                    + " found from now on (such as the 2025 Lua and HyperLogLog flaws) stay"
                    + " open.")
            .remediation(
                "Upgrade to a maintained branch (the latest patch release of 7.2, 7.4, 8.0, 8.2"
                    + " or newer), or to a distribution package that backports fixes and is"
                    + " itself supported.")
            .probe("INFO server without AUTH")
            .proof("redis_version in a branch below 6.2 or past its end of life in the catalog")
            .severity(Severity.MEDIUM)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cwe(1104),
                Reference.url("https://github.com/redis/redis/security/advisories"))
            .tags("eol", "version")
            .build());
    this.catalog = catalog;
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    if (access.readable().isEmpty()) {
      return Outcome.skip("version not readable without credentials: " + access.reply());
    }
    RedisInfo info = access.readable().get();
    Optional<Version> parsed = info.version();
    if (parsed.isEmpty()) {
      return Outcome.skip(info.product() + " reported no readable version");
    }
    Version version = parsed.get();
    String shown = RespValue.shorten(version.raw(), 32);
    if (info.isFork()) {
      return Outcome.skip(
          "fork " + info.product() + " " + shown + ": no end-of-life data; Redis's is not applied");
    }
    LocalDate today = context.today();
    Optional<VulnerabilityCatalog.EndOfLife> eol = catalog.endOfLife("redis", version, today);
    String reason = null;
    if (version.compareTo(OLDEST_MAINTAINED) < 0) {
      reason = "branch older than 6.2, below every branch the vendor still patches";
    } else if (eol.isPresent() && eol.get().past()) {
      reason = "branch " + eol.get().branch() + " reached end of life on " + eol.get().date();
    }
    if (reason == null) {
      return Outcome.pass(
          "redis "
              + shown
              + " is in a maintained branch"
              + eol.map(e -> " (end of life " + e.date() + ")").orElse(" (no end of life listed)"),
          Map.of("version", shown));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.FIRM)
            .key("eol")
            .evidence("version", shown)
            .evidence("version source", "INFO server redis_version")
            .evidence("verdict", reason)
            .build());
  }
}
