package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
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
import java.util.Map;

/**
 * {@code database.memcached.no-auth-stats}: memcached answers {@code stats} to anyone. Sends the
 * text {@code stats} (then {@code quit}); a server that says nothing to it or closes — memcached
 * with SASL speaks only the binary protocol — is asked the binary {@code STAT} on a fresh
 * connection. {@code STAT} lines are a FAIL; {@code CLIENT_ERROR unauthenticated} (ASCII
 * authentication, {@code -Y}) or binary status {@code 0x0020} "Auth error" (SASL, {@code -S}) is a
 * PASS with that evidence. Stateless and thread-safe.
 */
final class MemcachedNoAuthStats implements Check {
  static final String ID = "database.memcached.no-auth-stats";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Memcached answers stats without authentication")
          .description(
              "Memcached has no authentication unless SASL (-S) or ASCII authentication (-Y) is"
                  + " turned on. Anyone who reaches the port can read its statistics (version,"
                  + " uptime, item counts, connections) and, with the same access, read, change"
                  + " or flush every cached item, including sessions and tokens applications keep"
                  + " there.")
          .remediation(
              "Do not expose memcached beyond the application hosts: bind it to a private"
                  + " address or loopback (-l 127.0.0.1) and filter port 11211. Where clients on"
                  + " other hosts need it, turn on SASL (-S) or ASCII authentication (-Y).")
          .probe(
              "text `stats`, then `quit`; binary STAT on a fresh connection if the text"
                  + " request meets silence or a close")
          .proof(
              "STAT lines (version, pid, uptime, items) without authentication;"
                  + " CLIENT_ERROR unauthenticated or binary status 0x0020 (Auth error) is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("memcached")
          .ports(11211)
          .references(
              Reference.cwe(306),
              Reference.url("https://github.com/memcached/memcached/wiki/SASLHowto"))
          .tags("memcached", "no-auth", "exposure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MemcachedClient.Answer answer =
        MemcachedClient.stats(context, endpoint, MemcachedClient.Command.STATS);
    if (answer instanceof MemcachedClient.Stats stats) {
      Map<String, String> v = stats.values();
      MemcachedChecks.identify(context, v.get("version"), "memcached stats");
      var finding =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("stats")
              .evidence(
                  "reply",
                  v.size()
                      + " STAT entries to `stats` without authentication ("
                      + stats.protocol().label()
                      + ")");
      for (String k : new String[] {"version", "uptime", "curr_items", "curr_connections"}) {
        if (v.containsKey(k)) {
          finding.evidence(k, MemcachedClient.printable(v.get(k), 64));
        }
      }
      return Outcome.fail(finding.build());
    }
    if (answer instanceof MemcachedClient.Refused refused) {
      if (refused.authRequired()) {
        return Outcome.pass(
            "memcached refused `stats` without authentication ("
                + refused.protocol().label()
                + "): "
                + refused.evidence(),
            Map.of("reply", refused.evidence()));
      }
      return Outcome.error(
          "the server refused `stats` without saying authentication is required: "
              + refused.evidence());
    }
    throw new ProtocolException("the server closed the connection on `stats` in both framings");
  }

  @Override
  public String toString() {
    return ID;
  }
}
