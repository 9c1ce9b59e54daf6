package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;

/** {@code database.redis.exposed}: the port answers RESP to {@code PING}. */
final class RedisExposed extends RedisCheck {
  RedisExposed() {
    super(
        redis("exposed", "Redis service reachable")
            .description(
                "A Redis server (or a fork: Valkey, KeyDB) answers on this port. Redis is meant"
                    + " for trusted networks only; every reachable instance belongs in the"
                    + " inventory and behind a firewall.")
            .remediation(
                "Bind Redis to the interfaces that need it (bind), block the port at the"
                    + " firewall for everyone but the application hosts, and record the instance"
                    + " in the inventory.")
            .probe("PING as a RESP array")
            .proof("any RESP reply: +PONG, -NOAUTH, -DENIED")
            .severity(Severity.INFO)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .ports(6380, 26379)
            .references(SECURITY_DOC, Reference.cwe(668))
            .tags("exposure", "inventory")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RespValue reply = client.call("PING");
    boolean resp =
        (reply instanceof RespValue.SimpleString s && s.value().equals("PONG"))
            || reply instanceof RespValue.ErrorReply;
    if (!resp) {
      throw new ProtocolException("not a Redis answer to PING: " + reply.excerpt(80));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("exposed")
            .evidence("reply to PING", reply.excerpt(RedisAccess.EXCERPT))
            .evidence(
                "address class", context.addressClass().name().toLowerCase(java.util.Locale.ROOT))
            .build());
  }
}
