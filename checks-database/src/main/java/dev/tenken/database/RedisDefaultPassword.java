package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code database.redis.default-password}: a server that demands {@code AUTH} accepts a password
 * from a tiny list of well-known ones. Differential proof: {@code INFO server} refused with {@code
 * -NOAUTH} before, {@code AUTH} answered {@code +OK}, then {@code INFO server} returns the version.
 */
final class RedisDefaultPassword extends RedisCheck {
  /**
   * The list, in order: the example password of the sample redis.conf, then the defaults scanners
   * and attackers try first. Not named in the descriptor, so no report ever prints them.
   */
  static final List<Credentials> PASSWORDS =
      List.of(
          Credentials.of("", "foobared"),
          Credentials.of("", "redis"),
          Credentials.of("", "password"),
          Credentials.of("", "admin"),
          Credentials.of("", "root"));

  RedisDefaultPassword() {
    super(
        redis("default-password", "Redis accepts a well-known password")
            .description(
                "The server asks for a password but accepts one every attacker tries first (the"
                    + " example of the sample redis.conf, or a common default): the data and"
                    + " CONFIG SET are as open as without a password.")
            .remediation(
                "Set a long random password (requirepass or an ACL user), disable the default"
                    + " user where ACLs are available, and rotate any password that was"
                    + " shared.")
            .probe(
                "INFO server without AUTH; only on -NOAUTH: AUTH with each of 5 well-known"
                    + " passwords (the sample redis.conf example and common defaults), within the"
                    + " host's login budget, stopping at the first success; INFO server after"
                    + " +OK")
            .proof("-NOAUTH before, AUTH +OK, then INFO server returns redis_version")
            .severity(Severity.CRITICAL)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(Reference.cwe(1392), Reference.cwe(521), SECURITY_DOC)
            .tags("default-credentials")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess before = RedisAccess.probe(client, context);
    switch (before.state()) {
      case OPEN:
        return Outcome.skip(
            "no password is required (see database.redis.no-auth): nothing to guess");
      case DENIED:
        return Outcome.skip("protected mode refuses this client: " + before.reply());
      case NOAUTH:
        break;
      default:
        return Outcome.skip("INFO server answered " + before.reply() + ": not a password prompt");
    }
    String[] lastRefusal = {""};
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context,
            PASSWORDS,
            c -> {
              Secret secret = c.secret();
              RespValue reply = client.call("AUTH", secret.reveal());
              if (reply instanceof RespValue.SimpleString ok && ok.value().equals("OK")) {
                RedisAccess after = RedisAccess.probe(client, context);
                if (after.state() == RedisAccess.State.OPEN) {
                  return CredentialAttempts.Verdict.ACCEPTED;
                }
              }
              lastRefusal[0] = context.redact(reply.excerpt(120));
              return CredentialAttempts.Verdict.REJECTED;
            });
    if (result.accepted().isPresent()) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("default-password")
              .evidence("user", "default")
              .evidence("password", Secret.MASK + " (a well-known one; not shown)")
              .evidence("before", before.reply())
              .evidence("after AUTH", "+OK, then INFO server readable")
              .build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip(
          "login budget spent after "
              + result.tried()
              + " of "
              + PASSWORDS.size()
              + " well-known password(s), none accepted: not all were tried");
    }
    return Outcome.pass(
        "-NOAUTH without a password, and all "
            + result.tried()
            + " well-known passwords were refused ("
            + lastRefusal[0]
            + ")",
        Map.of("before", before.reply(), "tried", String.valueOf(result.tried())));
  }
}
