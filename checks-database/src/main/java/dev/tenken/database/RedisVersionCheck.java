package dev.tenken.database;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Endpoint;
import dev.tenken.Version;
import dev.tenken.Vulnerability;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A version check: reads the version from {@code INFO server} and judges it with {@link
 * VersionVerdicts} against the Redis catalog's entries named in {@code ids}, per release branch.
 * Forks (Valkey, KeyDB, Dragonfly) are never judged by Redis's entries: the check skips them,
 * saying which fork it saw, unless the catalog has entries of the fork's own.
 */
final class RedisVersionCheck extends RedisCheck {
  /** The module's Redis catalog. */
  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(RedisVersionCheck.class, "redis-catalog.json");

  private final Set<String> ids;

  RedisVersionCheck(CheckDescriptor descriptor, Set<String> ids) {
    super(descriptor);
    this.ids = Set.copyOf(ids);
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    if (access.readable().isEmpty()) {
      return Outcome.skip("version not readable without credentials: " + access.reply());
    }
    RedisInfo info = access.readable().get();
    String product = info.product();
    Optional<Version> version = info.version();
    if (version.isEmpty()) {
      return Outcome.skip(product + " reported no readable version");
    }
    boolean ownEntries =
        CATALOG.vulnerabilities(product).stream().map(Vulnerability::id).anyMatch(ids::contains);
    if (info.isFork() && !ownEntries) {
      return Outcome.skip(
          "fork "
              + product
              + " "
              + RespValue.shorten(version.get().raw(), 32)
              + ": no catalog entries of its own; Redis's are not applied to it");
    }
    return VersionVerdicts.assess(
        context,
        endpoint,
        CATALOG,
        product,
        version.get(),
        v -> ids.contains(v.id()),
        "INFO server " + (product.equals("valkey") ? "valkey_version" : "redis_version"),
        Confidence.TENTATIVE);
  }
}
