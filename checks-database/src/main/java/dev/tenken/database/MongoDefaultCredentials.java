package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code database.mongodb.default-credentials}: a SCRAM login on {@code admin} with a tiny list
 * (admin/admin, root/root, admin/password), through {@link CredentialAttempts} and so within the
 * host's login budget. Runs only when the server requires a login ({@code listDatabases} without
 * credentials answers {@code Unauthorized}); with access control off it SKIPs ({@code
 * database.mongodb.no-auth} reports that).
 *
 * <p>Each attempt uses a fresh connection: a {@code hello} with {@code saslSupportedMechs} for the
 * user picks SCRAM-SHA-256 or SCRAM-SHA-1 (a server of 4.0 or later that lists no mechanism has no
 * such user, and is not sent a doomed login); an accepted login must also show the server's SCRAM
 * signature and the user in {@code connectionStatus} — the marker only a login shows. The
 * connection is then closed, which ends the session. The password never appears in evidence.
 * Stateless and thread-safe.
 */
final class MongoDefaultCredentials implements Check {
  static final MongoDefaultCredentials INSTANCE = new MongoDefaultCredentials();

  /** The vendor-default-style list, tried in order. */
  static final List<Credentials> CANDIDATES =
      List.of(
          Credentials.of("admin", "admin"),
          Credentials.of("root", "root"),
          Credentials.of("admin", "password"));

  /** Wire version of MongoDB 4.0, from which {@code saslSupportedMechs} is answered. */
  static final int WIRE_4_0 = 7;

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.default-credentials",
              "MongoDB accepts a default user name and password")
          .description(
              "An account with a well-known password (admin/admin, root/root, admin/password)"
                  + " lets anyone log in and, usually, administer every database.")
          .remediation(
              "Change the password of the account to a long random one (db.changeUserPassword),"
                  + " or drop the account, and restrict network access to the port.")
          .probe(
              "hello with saslSupportedMechs, then SCRAM-SHA-256 (or SCRAM-SHA-1) saslStart and"
                  + " saslContinue on admin for admin/admin, root/root, admin/password within the"
                  + " host's login budget; connectionStatus after a success; the connection is"
                  + " closed after each attempt")
          .proof(
              "the SCRAM conversation completes with a valid server signature and"
                  + " connectionStatus lists the user as authenticated")
          .severity(Severity.HIGH)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(Reference.cwe(1392), Reference.cwe(521))
          .tags("default-credentials", "authentication", "mongodb")
          .build();

  private MongoDefaultCredentials() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    String refusal;
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of())) {
      MongoNoAuth.Probe probe = MongoNoAuth.listDatabases(h.wire());
      if (probe.open()) {
        return Outcome.skip(
            "access control is off (listDatabases works without a login): a login proves"
                + " nothing; see database.mongodb.no-auth");
      }
      if (MongoWire.code(probe.reply()) != MongoWire.UNAUTHORIZED) {
        return Outcome.error(
            "listDatabases failed for another reason than a missing login: "
                + MongoWire.errorText(probe.reply()));
      }
      refusal = MongoWire.errorText(probe.reply());
    }
    CredentialAttempts.Result result =
        CredentialAttempts.run(context, CANDIDATES, c -> attempt(endpoint, context, c));
    if (result.accepted().isPresent()) {
      String user = result.accepted().get().user();
      return Outcome.fail(
          context
              .finding(endpoint)
              .title("MongoDB accepts the default account '" + user + "'")
              .confidence(Confidence.CONFIRMED)
              .key("user " + user)
              .evidence("user", user)
              .evidence("without credentials", "listDatabases refused: " + refusal)
              .evidence("login", "SCRAM conversation completed, server signature verified")
              .evidence("after login", "connectionStatus lists " + user + "@admin")
              .build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip(
          "login budget spent after "
              + result.tried()
              + " rejected attempt(s) of "
              + CANDIDATES.size()
              + "; the rest of the list was not tried");
    }
    return Outcome.pass(
        "all "
            + result.tried()
            + " default credentials were rejected; without credentials listDatabases was refused: "
            + refusal,
        Map.of("tried", Integer.toString(result.tried()), "without credentials", refusal));
  }

  private static CredentialAttempts.Verdict attempt(
      Endpoint endpoint, CheckContext context, Credentials c) throws IOException {
    try (MongoWire.Handshake h =
        MongoWire.handshake(
            context, endpoint, List.of(), Map.of("saslSupportedMechs", "admin." + c.user()))) {
      Map<String, Object> hello = h.hello();
      List<String> mechs = List.of();
      if (hello.get("saslSupportedMechs") instanceof List<?> list) {
        mechs = list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
      }
      int wire = hello.get("maxWireVersion") instanceof Number n ? n.intValue() : 0;
      Scram.Hash hash;
      if (mechs.contains(Scram.Hash.SHA_256.mechanism)) {
        hash = Scram.Hash.SHA_256;
      } else if (mechs.contains(Scram.Hash.SHA_1.mechanism)) {
        hash = Scram.Hash.SHA_1;
      } else if (wire >= WIRE_4_0) {
        return CredentialAttempts.Verdict.REJECTED; // no such user: no login sent
      } else {
        hash = Scram.Hash.SHA_1;
      }
      if (!login(h.wire(), c, hash)) {
        return CredentialAttempts.Verdict.REJECTED;
      }
      if (!authenticatedAs(h.wire(), c.user())) {
        throw new ProtocolException(
            "the SCRAM login completed but connectionStatus does not list the user");
      }
      return CredentialAttempts.Verdict.ACCEPTED;
    }
  }

  /**
   * A SCRAM login on {@code admin} as MongoDB frames it: {@code saslStart} with the client-first
   * message, {@code saslContinue} with the client-final one, and (for servers that ignore {@code
   * skipEmptyExchange}) an empty {@code saslContinue} until {@code done}. The SCRAM itself, bounds
   * and server-signature verification included, is {@link Scram}'s.
   *
   * @return {@code true} only when the server accepted the login, proved it knows the password and
   *     ended the conversation
   * @throws ProtocolException when the server's SCRAM messages are malformed, out of bounds, or its
   *     signature does not verify
   */
  static boolean login(MongoWire wire, Credentials credentials, Scram.Hash hash)
      throws IOException {
    Scram scram = new Scram(hash, credentials.user(), password(hash, credentials));
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("saslStart", 1);
    start.put("mechanism", hash.mechanism);
    start.put("payload", scram.clientFirst().getBytes(StandardCharsets.UTF_8));
    start.put("autoAuthorize", 1);
    start.put("options", Map.of("skipEmptyExchange", true));
    Map<String, Object> first = wire.command("admin", start);
    if (!MongoWire.ok(first)) {
      return false;
    }
    Object conversationId = first.get("conversationId");
    if (!(conversationId instanceof Integer) && !(conversationId instanceof Long)) {
      throw new ProtocolException("saslStart reply without a conversationId");
    }
    String clientFinal = scram.clientFinal(payload(first));
    Map<String, Object> cont = new LinkedHashMap<>();
    cont.put("saslContinue", 1);
    cont.put("conversationId", conversationId);
    cont.put("payload", clientFinal.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> second = wire.command("admin", cont);
    if (!MongoWire.ok(second)) {
      return false;
    }
    String serverFinal = payload(second);
    if (serverFinal.startsWith("e=")) {
      return false; // the server refused the proof
    }
    scram.verifyServerFinal(serverFinal);
    if (!Boolean.TRUE.equals(second.get("done"))) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("saslContinue", 1);
      last.put("conversationId", conversationId);
      last.put("payload", new byte[0]);
      Map<String, Object> third = wire.command("admin", last);
      if (!MongoWire.ok(third) || !Boolean.TRUE.equals(third.get("done"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The password as MongoDB's SCRAM hashes it: SASLprepped for SCRAM-SHA-256; for SCRAM-SHA-1 the
   * hex MD5 of {@code <user>:mongo:<password>} (MongoDB's legacy credential digest).
   */
  static String password(Scram.Hash hash, Credentials credentials) {
    String password = credentials.secret().reveal();
    if (hash == Scram.Hash.SHA_256) {
      return Scram.saslPrep(password);
    }
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest((credentials.user() + ":mongo:" + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  private static String payload(Map<String, Object> reply) throws ProtocolException {
    if (!(reply.get("payload") instanceof byte[] bytes)) {
      throw new ProtocolException("SASL reply without a binary payload");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static boolean authenticatedAs(MongoWire wire, String user) throws IOException {
    Map<String, Object> reply = wire.command("admin", Map.of("connectionStatus", 1));
    if (!MongoWire.ok(reply) || !(reply.get("authInfo") instanceof Map<?, ?> authInfo)) {
      return false;
    }
    if (authInfo.get("authenticatedUsers") instanceof List<?> users) {
      for (Object o : users) {
        if (o instanceof Map<?, ?> u && user.equals(u.get("user"))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
