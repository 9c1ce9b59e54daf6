package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * {@code database.redis.no-auth}: {@code INFO server} answers without {@code AUTH}. {@code -NOAUTH}
 * and {@code -DENIED} are PASS with that evidence; Sentinel is skipped.
 */
final class RedisNoAuth extends RedisCheck {
  RedisNoAuth() {
    super(
        redis("no-auth", "Redis answers without authentication")
            .description(
                "Anyone who can reach the port can read and change every key, and, through"
                    + " CONFIG SET dir/dbfilename, write files on the host: the technique the"
                    + " National Police Agency saw used to plant SSH keys and cron jobs.")
            .remediation(
                "Set a long random password (requirepass, or ACL users with the default user"
                    + " disabled), keep protected-mode yes, and bind Redis to trusted interfaces"
                    + " only.")
            .probe("INFO server without AUTH")
            .proof("a reply holding redis_version (not -NOAUTH / -DENIED; Sentinel ignored)")
            .severity(Severity.HIGH)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(Reference.cwe(306), SECURITY_DOC)
            .tags("no-auth")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    switch (access.state()) {
      case NOAUTH:
        return Outcome.pass(
            "authentication required: INFO server answered " + access.reply(),
            Map.of("reply", access.reply()));
      case DENIED:
        return Outcome.pass(
            "protected mode refused the unauthenticated client: " + access.reply(),
            Map.of("reply", access.reply()));
      case NOPERM:
        return Outcome.skip(
            "the default user connects without a password but may not run INFO: " + access.reply());
      case OTHER_ERROR:
        return Outcome.error("unexpected error reply to INFO server: " + access.reply());
      case OPEN:
      default:
        break;
    }
    RedisInfo info = access.readable().orElseThrow();
    if (info.isSentinel()) {
      return Outcome.skip("Redis Sentinel (redis_mode:sentinel) holds no data; not assessed");
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("no-auth")
            .evidence("reply to INFO server without AUTH", "readable")
            .evidence("product", info.product())
            .evidence("version", info.versionText().map(v -> RespValue.shorten(v, 64)).orElse("?"))
            .evidence("mode", info.mode().map(v -> RespValue.shorten(v, 32)).orElse("?"))
            .evidence("os", info.get("os").map(v -> RespValue.shorten(v, 80)).orElse("?"))
            .build());
  }
}
