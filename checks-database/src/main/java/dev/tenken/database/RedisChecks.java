package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.Countermeasure;
import dev.tenken.Reference;
import dev.tenken.Severity;
import java.util.List;
import java.util.Set;

/**
 * The Redis checks (and forks: Valkey, KeyDB, recognised from INFO and never judged by Redis's
 * vulnerability data). Every byte they send is a command of {@link RespCommand}'s read-only
 * allow-list, through {@link RedisClient}. Stateless.
 */
final class RedisChecks {
  private static final List<Check> CHECKS =
      List.of(
          new RedisExposed(),
          new RedisNoAuth(),
          new RedisProtectedModeOff(),
          new RedisDefaultPassword(),
          new RedisDangerousCommands(),
          new RedisIocPersistence(),
          new RedisReplicationExposure(),
          luaCves(),
          otherCves(),
          new RedisEolVersion(),
          new RedisTlsNotEnabled());

  private RedisChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return CHECKS;
  }

  private static Check luaCves() {
    return new RedisVersionCheck(
        RedisCheck.redis(
                "cve-2025-49844",
                "Redis version affected by the 2025 Lua flaws (RediShell, CVE-2025-49844 and"
                    + " CVE-2025-46817/46818/46819)")
            .description(
                "A client that may run Lua scripts can corrupt memory and run code on the host"
                    + " (CVE-2025-49844, use-after-free in the Lua parser, CVSS 10.0), overflow"
                    + " unpack (CVE-2025-46817), run code as another user through metatables"
                    + " (CVE-2025-46818) or read out of bounds (CVE-2025-46819). On a server"
                    + " without a password, every client may.")
            .remediation(
                "Until upgraded, block EVAL, EVALSHA and FUNCTION for clients with ACLs"
                    + " (-@scripting).")
            .probe("INFO server without AUTH")
            .proof(
                "redis_version below the fixed release of its branch: 6.2.20, 7.2.11, 7.4.6,"
                    + " 8.0.4, 8.2.2; 7.0 and older have no fix")
            .severity(Severity.CRITICAL)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cve("CVE-2025-49844"),
                Reference.cve("CVE-2025-46817"),
                Reference.cve("CVE-2025-46818"),
                Reference.cve("CVE-2025-46819"),
                Reference.url(
                    "https://github.com/redis/redis/security/advisories/GHSA-4789-qfc9-5f9q"))
            .tags("cve", "version")
            .build(),
        Set.of("CVE-2025-49844", "CVE-2025-46817", "CVE-2025-46818", "CVE-2025-46819"));
  }

  private static Check otherCves() {
    return new RedisVersionCheck(
        RedisCheck.redis(
                "cve-2025-other",
                "Redis version affected by CVE-2025-21605, -32023, -48367 or -62507")
            .description(
                "Unauthenticated clients can exhaust memory through output buffers"
                    + " (CVE-2025-21605) or stop the server accepting connections"
                    + " (CVE-2025-48367); HyperLogLog commands can write out of bounds"
                    + " (CVE-2025-32023); XACKDEL overflows the stack on 8.2 (CVE-2025-62507).")
            .remediation(
                "Until upgraded, allow only trusted hosts to reach the port and require a"
                    + " password.")
            .probe("INFO server without AUTH")
            .proof("redis_version below the fixed release of its branch (per-branch table)")
            .severity(Severity.HIGH)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(
                Reference.cve("CVE-2025-21605"),
                Reference.cve("CVE-2025-32023"),
                Reference.cve("CVE-2025-48367"),
                Reference.cve("CVE-2025-62507"),
                Reference.url("https://github.com/redis/redis/security/advisories"))
            .tags("cve", "version")
            .build(),
        Set.of("CVE-2025-21605", "CVE-2025-32023", "CVE-2025-48367", "CVE-2025-62507"));
  }
}
