package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.mongodb.exposed}: the port answers the MongoDB handshake to anyone, and the
 * handshake and {@code buildInfo} (both allowed before a login) tell the version, the wire version
 * and, for a replica set, its name and the host names of its members — a map of the internal
 * topology. An inventory finding (severity info): FAIL whenever a MongoDB server answers; a port
 * that answers something else ends ERROR. Stateless and thread-safe.
 */
final class MongoExposed implements Check {
  static final MongoExposed INSTANCE = new MongoExposed();

  /** Most replica-set member names put into evidence. */
  static final int MAX_HOSTS = 20;

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.exposed",
              "MongoDB answers the handshake of unauthenticated clients")
          .description(
              "The MongoDB server answers the hello handshake and buildInfo to anyone who can"
                  + " reach the port: its version, wire protocol range and, for a replica set,"
                  + " the set name and the host names of all members. Attackers use this to"
                  + " pick exploits and to map the internal topology.")
          .remediation(
              "Bind mongod/mongos to the interfaces that need it (net.bindIp) and allow only"
                  + " the application hosts with a firewall or security group; keep the"
                  + " database off public networks.")
          .probe("OP_MSG hello (isMaster for servers before 4.4.2), then buildInfo")
          .proof("a well-formed hello reply with ok: 1; buildInfo version, setName, hosts")
          .severity(Severity.INFO)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(MongoChecks.SECURITY_CHECKLIST)
          .tags("exposure", "inventory", "mongodb")
          .build();

  private MongoExposed() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of())) {
      Map<String, Object> hello = h.hello();
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.FIRM)
              .key("mongodb")
              .evidence("handshake", h.command() + " answered ok: 1");
      String title = "MongoDB answers unauthenticated clients";
      Optional<MongoServerInfo> info = MongoServerInfo.read(context, h.wire());
      if (info.isPresent()) {
        f.evidence("product", info.get().product());
        f.evidence("version", info.get().version().toString());
        title = title + " and reveals version " + info.get().version();
      } else {
        f.evidence("buildInfo", "refused before login");
      }
      putNumber(f, hello, "maxWireVersion");
      putNumber(f, hello, "minWireVersion");
      if ("isdbgrid".equals(hello.get("msg"))) {
        f.evidence("role", "mongos (sharded cluster router)");
      }
      if (hello.get("setName") instanceof String setName) {
        f.evidence("replica set", setName);
        List<String> members = hosts(hello);
        if (!members.isEmpty()) {
          f.evidence("replica set members", String.join(", ", members));
        }
        if (hello.get("me") instanceof String me) {
          f.evidence("this member", me);
        }
        title = title + " and the topology of replica set " + MongoBson.shorten(setName);
      }
      return Outcome.fail(f.title(title).build());
    }
  }

  private static void putNumber(Finding.Builder f, Map<String, Object> hello, String field) {
    if (hello.get(field) instanceof Number n) {
      f.evidence(field, Long.toString(n.longValue()));
    }
  }

  /** The member names in {@code hosts}, {@code passives} and {@code arbiters}, capped. */
  static List<String> hosts(Map<String, Object> hello) {
    List<String> out = new ArrayList<>();
    for (String field : List.of("hosts", "passives", "arbiters")) {
      if (hello.get(field) instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s && out.size() < MAX_HOSTS) {
            out.add(MongoBson.shorten(s));
          }
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
