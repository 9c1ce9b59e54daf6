package dev.tenken.database;

import dev.tenken.AddressClass;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.redis.protected-mode-off}: a password-less Redis serves a client that protected
 * mode should refuse. From a non-loopback vantage, an {@code INFO} that answers proves it; from
 * loopback, where protected mode never refuses, {@code CONFIG GET protected-mode} is read instead.
 */
final class RedisProtectedModeOff extends RedisCheck {
  RedisProtectedModeOff() {
    super(
        redis("protected-mode-off", "Redis protected mode is off on a server without a password")
            .description(
                "Protected mode (Redis 3.2 and later) makes a server without a password refuse"
                    + " every client that is not on loopback. With it off and no password, any"
                    + " host that reaches the port owns the data and can write files through"
                    + " CONFIG SET.")
            .remediation(
                "Set protected-mode yes, and set a password (requirepass or ACL users); bind"
                    + " Redis to the interfaces that need it.")
            .probe("INFO server without AUTH; if it answers: CONFIG GET protected-mode")
            .proof(
                "INFO readable from a non-loopback address, or protected-mode no; -DENIED is a"
                    + " PASS")
            .severity(Severity.HIGH)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(
                Reference.cwe(306),
                SECURITY_DOC,
                Reference.url(
                    "https://redis.io/docs/latest/operate/oss_and_stack/management/security/#protected-mode"))
            .tags("no-auth", "exposure")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    switch (access.state()) {
      case DENIED:
        return Outcome.pass(
            "protected mode is on: " + access.reply(), Map.of("reply", access.reply()));
      case NOAUTH:
        return Outcome.pass(
            "a password is required (protected mode only guards password-less servers): "
                + access.reply(),
            Map.of("reply", access.reply()));
      case NOPERM:
        return Outcome.skip("INFO refused by ACL (" + access.reply() + "): cannot tell");
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
    AddressClass vantage = context.addressClass();
    Optional<String> setting = RedisConfig.get(client, "protected-mode");
    if (vantage != AddressClass.LOOPBACK) {
      return Outcome.fail(
          finding(context, endpoint, vantage, setting)
              .confidence(Confidence.CONFIRMED)
              .title("Redis serves a non-loopback client without a password: protected mode is off")
              .build());
    }
    if (setting.isEmpty()) {
      return Outcome.skip(
          "loopback vantage (protected mode never refuses loopback) and CONFIG GET"
              + " protected-mode is not available (renamed or blocked): cannot tell");
    }
    String value = setting.get().toLowerCase(Locale.ROOT);
    if (value.equals("no")) {
      return Outcome.fail(
          finding(context, endpoint, vantage, setting).confidence(Confidence.FIRM).build());
    }
    return Outcome.pass(
        "protected-mode " + RespValue.shorten(value, 16) + " (CONFIG GET protected-mode)",
        Map.of("protected-mode", RespValue.shorten(value, 16), "vantage", "loopback"));
  }

  private static dev.tenken.Finding.Builder finding(
      CheckContext context, Endpoint endpoint, AddressClass vantage, Optional<String> setting) {
    return context
        .finding(endpoint)
        .key("protected-mode-off")
        .evidence("reply to INFO server without AUTH", "readable")
        .evidence("vantage", vantage.name().toLowerCase(Locale.ROOT))
        .evidence(
            "protected-mode",
            setting.map(s -> RespValue.shorten(s, 16)).orElse("(CONFIG GET unavailable)"));
  }
}
