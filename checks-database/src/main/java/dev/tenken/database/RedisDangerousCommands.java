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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.redis.dangerous-commands-enabled}: on a server readable without credentials,
 * {@code COMMAND INFO} still lists the commands that turn data access into code execution or file
 * writes under their original names; on Redis 7, {@code enable-debug-command} and {@code
 * enable-module-command} decide whether DEBUG and MODULE run at all.
 */
final class RedisDangerousCommands extends RedisCheck {
  /** The commands asked about, in the order of the table. */
  static final List<String> COMMANDS =
      List.of("CONFIG", "MODULE", "DEBUG", "EVAL", "SLAVEOF", "REPLICAOF", "FLUSHALL");

  RedisDangerousCommands() {
    super(
        redis("dangerous-commands-enabled", "Redis dangerous commands are available")
            .description(
                "CONFIG (write files with SET dir/dbfilename), MODULE (load code), DEBUG, EVAL"
                    + " (Lua), SLAVEOF/REPLICAOF (rogue-master attacks) and FLUSHALL turn"
                    + " access to the data into control of the host or its destruction. They"
                    + " are available under their original names.")
            .remediation(
                "Block them for application users with ACLs (-@dangerous, -@scripting where"
                    + " unused), or rename-command them to \"\" on versions without ACLs; keep"
                    + " enable-debug-command and enable-module-command at no (Redis 7).")
            .probe(
                "INFO server without AUTH; if it answers: COMMAND INFO CONFIG MODULE DEBUG EVAL"
                    + " SLAVEOF REPLICAOF FLUSHALL, CONFIG GET enable-debug-command and"
                    + " enable-module-command (Redis 7)")
            .proof(
                "COMMAND INFO lists them under their original names; DEBUG/MODULE count only"
                    + " when their enable-*-command option is not no; tentative when CONFIG GET"
                    + " answers -NOPERM (ACL rules in use, not readable)")
            .severity(Severity.MEDIUM)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(749),
                SECURITY_DOC,
                Reference.url(
                    "https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/"))
            .tags("hardening")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) throws IOException {
    RedisAccess access = RedisAccess.probe(client, context);
    if (access.readable().isEmpty()) {
      return needsAccess(access, "Reading the command table");
    }
    String[] args = new String[COMMANDS.size() + 1];
    args[0] = "INFO";
    for (int i = 0; i < COMMANDS.size(); i++) {
      args[i + 1] = COMMANDS.get(i);
    }
    RespValue reply = client.call("COMMAND", args);
    if (reply instanceof RespValue.ErrorReply error) {
      return Outcome.skip("COMMAND INFO refused (" + error.excerpt(120) + "): cannot tell");
    }
    if (!(reply instanceof RespValue.ArrayReply array) || array.items().size() != COMMANDS.size()) {
      throw new ProtocolException("unexpected reply to COMMAND INFO: " + reply.excerpt(80));
    }
    Optional<String> debug = Optional.empty();
    Optional<String> module = Optional.empty();
    List<String> present = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < COMMANDS.size(); i++) {
      RespValue entry = array.items().get(i);
      boolean listed =
          entry instanceof RespValue.ArrayReply a && !a.isNull() && !a.items().isEmpty();
      (listed ? present : absent).add(COMMANDS.get(i));
    }
    // CONFIG GET tells whether ACL rules are in use: -NOPERM means CONFIG is blocked for this
    // user, and the other commands may be too (ACL rules are not readable without ACL commands,
    // which are not on the allow-list), so what remains is reported as tentative.
    boolean aclInUse = false;
    if (present.contains("CONFIG")) {
      RespValue config = client.call("CONFIG", "GET", "enable-debug-command");
      if (config instanceof RespValue.ErrorReply e && e.code().equals("NOPERM")) {
        aclInUse = true;
        present.remove("CONFIG");
        absent.add("CONFIG (blocked by ACL: -NOPERM)");
      } else {
        debug = RedisConfig.value(config, "enable-debug-command");
        if (present.contains("DEBUG") && debug.map(v -> v.equalsIgnoreCase("no")).orElse(false)) {
          present.remove("DEBUG");
          absent.add("DEBUG (enable-debug-command no)");
        }
        if (present.contains("MODULE")) {
          module = RedisConfig.get(client, "enable-module-command");
          if (module.map(v -> v.equalsIgnoreCase("no")).orElse(false)) {
            present.remove("MODULE");
            absent.add("MODULE (enable-module-command no)");
          }
        }
      }
    }
    if (present.isEmpty()) {
      return Outcome.pass(
          "COMMAND INFO lists none of them under the original names: " + String.join(", ", absent),
          Map.of("not available", String.join(", ", absent)));
    }
    var finding =
        context
            .finding(endpoint)
            .confidence(aclInUse ? Confidence.TENTATIVE : Confidence.FIRM)
            .key("dangerous-commands")
            .evidence("available under original names", String.join(", ", present))
            .evidence("renamed or disabled", absent.isEmpty() ? "none" : String.join(", ", absent));
    if (aclInUse) {
      finding.evidence(
          "note", "ACL rules are in use (CONFIG -NOPERM): the others may be blocked by ACL too");
    }
    debug.ifPresent(
        v ->
            finding.evidence(
                "enable-debug-command", RespValue.shorten(v.toLowerCase(Locale.ROOT), 16)));
    module.ifPresent(
        v ->
            finding.evidence(
                "enable-module-command", RespValue.shorten(v.toLowerCase(Locale.ROOT), 16)));
    return Outcome.fail(finding.build());
  }
}
