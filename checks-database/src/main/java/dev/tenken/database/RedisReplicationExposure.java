package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code database.redis.replication-info-exposure}: {@code INFO replication} tells a stranger the
 * server's role and the addresses of its master and replicas.
 */
final class RedisReplicationExposure extends RedisCheck {
  RedisReplicationExposure() {
    super(
        redis("replication-info-exposure", "Redis discloses its replication topology")
            .description(
                "INFO replication, readable without credentials, gives the role and the"
                    + " addresses of the master and every replica: a map of further targets. A"
                    + " replica whose master is unknown may have been pointed at a rogue master"
                    + " (SLAVEOF), the step before loading a malicious module.")
            .remediation(
                "Require a password for every client; check that master_host of each replica"
                    + " is a host you run.")
            .probe("INFO replication without AUTH")
            .proof("a reply holding role (and master_host / slaveN addresses)")
            .severity(Severity.MEDIUM)
            .countermeasure(Countermeasure.INVENTORY)
            .references(Reference.cwe(200), SECURITY_DOC)
            .tags("exposure", "inventory")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RespValue reply = client.call("INFO", "replication");
    if (reply instanceof RespValue.ErrorReply error) {
      String text = error.excerpt(RedisAccess.EXCERPT);
      String code = error.code();
      if (code.equals("NOAUTH") || code.equals("DENIED") || code.equals("NOPERM")) {
        return Outcome.pass(
            "INFO replication refused without credentials: " + text, Map.of("reply", text));
      }
      return Outcome.error("unexpected error reply to INFO replication: " + text);
    }
    if (!(reply instanceof RespValue.BulkString bulk) || bulk.isNull()) {
      throw new ProtocolException("unexpected reply to INFO replication: " + reply.excerpt(80));
    }
    RedisInfo info = RedisInfo.parse(bulk.text());
    String role = info.get("role").orElse("");
    if (role.isEmpty()) {
      throw new ProtocolException("INFO replication without a role field");
    }
    var finding =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("replication-info")
            .evidence("role", RespValue.shorten(role, 16));
    List<String> addresses = new ArrayList<>();
    info.get("master_host")
        .ifPresent(
            h -> {
              String master = RespValue.shorten(h + ":" + info.get("master_port").orElse("?"), 80);
              finding.evidence("master", master);
              addresses.add(master);
            });
    info.get("connected_slaves")
        .ifPresent(n -> finding.evidence("connected replicas", RespValue.shorten(n, 8)));
    for (int i = 0; i < 16; i++) {
      int n = i;
      info.get("slave" + i)
          .ifPresent(
              s -> {
                String v = RespValue.shorten(s, 120);
                finding.evidence("replica " + n, v);
                addresses.add(v);
              });
    }
    if (role.equals("slave") && info.get("master_host").isPresent()) {
      finding.evidence(
          "note", "a replica: check that its master is yours (rogue-master abuse sets SLAVEOF)");
    }
    if (addresses.isEmpty()) {
      finding
          .severity(Severity.LOW)
          .title("Redis discloses its replication role (no peer addresses at present)");
    }
    return Outcome.fail(finding.build());
  }
}
