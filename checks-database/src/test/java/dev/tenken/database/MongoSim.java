package dev.tenken.database;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mongo-java-server (an in-process wire-protocol server) configured like the MongoDB servers the
 * tests need. Plain mongo-java-server has no access control, answers {@code isMaster} but not
 * {@code hello} (like servers before 4.4.2) and reports version 5.0.0 (with maxWireVersion 8)
 * unless told otherwise. This backend adds, when asked: a reported version ({@link MongoVersion}
 * with the wire version of the branch); {@code hello}; the compressors a real mongod negotiates (it
 * answers the intersection of the client's list and its own); access control — {@code
 * listDatabases} answers {@code Unauthorized} (code 13) until a SCRAM-SHA-256 login succeeds, with
 * replies shaped like mongod's ({@code ok: 0, errmsg, code, codeName}); {@code saslSupportedMechs};
 * {@code connectionStatus} after a login; and mongod's startup warning about access control.
 */
final class MongoSim implements AutoCloseable {
  private final MongoServer server;
  private final Backend backend;

  private MongoSim(Backend backend) {
    this.backend = backend;
    this.server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
  }

  /** A builder for a server without access control, reporting 3.6.0, without compression. */
  static Builder builder() {
    return new Builder();
  }

  /** Plain mongo-java-server, unmodified: no auth, isMaster only. */
  static MongoServer plain() {
    MongoServer s = new MongoServer(new MemoryBackend());
    s.bind("127.0.0.1", 0);
    return s;
  }

  int port() {
    return server.getLocalAddress().getPort();
  }

  String target() {
    return "mongodb://127.0.0.1:" + port();
  }

  /** The commands received, first key as sent, in order. */
  List<String> commands() {
    synchronized (backend.commands) {
      return List.copyOf(backend.commands);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  static String target(MongoServer s) {
    InetSocketAddress a = s.getLocalAddress();
    return "mongodb://127.0.0.1:" + a.getPort();
  }

  static final class Builder {
    private int[] version = {3, 6, 0};
    private boolean hello;
    private List<String> compressors = List.of();
    private boolean auth;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private boolean percona;

    Builder version(int... parts) {
      this.version = parts.clone();
      return this;
    }

    /** Answers {@code hello} as well as {@code isMaster} (4.4.2 and later). */
    Builder hello() {
      this.hello = true;
      return this;
    }

    /** The compressors the server supports, such as {@code snappy, zstd, zlib} (mongod default). */
    Builder compressors(String... names) {
      this.compressors = List.of(names);
      return this;
    }

    /** Access control on. */
    Builder auth() {
      this.auth = true;
      return this;
    }

    /** A SCRAM-SHA-256 user on admin; turns access control on. */
    Builder user(String name, String password) {
      this.auth = true;
      users.put(name, password);
      return this;
    }

    /** Reports itself as Percona Server for MongoDB ({@code psmdbVersion} in buildInfo). */
    Builder percona() {
      this.percona = true;
      return this;
    }

    MongoSim start() {
      return new MongoSim(new Backend(this));
    }
  }

  /** Wire version of a release branch (MongoDB's table, 3.6 = 6 ... 8.0 = 25). */
  static int wireVersion(int major, int minor) {
    int v = major * 10 + minor;
    if (v >= 80) {
      return 25;
    }
    if (v >= 70) {
      return 21;
    }
    if (v >= 60) {
      return 17;
    }
    if (v >= 50) {
      return 13;
    }
    if (v >= 44) {
      return 9;
    }
    if (v >= 42) {
      return 8;
    }
    if (v >= 40) {
      return 7;
    }
    return 6;
  }

  private static final class Backend extends MemoryBackend {
    private final boolean hello;
    private final List<String> compressors;
    private final boolean auth;
    private final Map<String, String> users;
    private final boolean percona;
    private final Map<Channel, String> loggedIn = new ConcurrentHashMap<>();
    private final Map<Channel, String[]> conversations = new ConcurrentHashMap<>();
    final List<String> commands = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    Backend(Builder b) {
      this.hello = b.hello;
      this.compressors = b.compressors;
      this.auth = b.auth;
      this.users = Map.copyOf(b.users);
      this.percona = b.percona;
      int[] v = b.version;
      version(
          new MongoVersion() {
            @Override
            public List<Integer> getVersionArray() {
              return Arrays.stream(v).boxed().toList();
            }

            @Override
            public int getWireVersion() {
              return wireVersion(v[0], v.length > 1 ? v[1] : 0);
            }
          });
    }

    @Override
    public Document handleCommand(Channel channel, String db, String command, Document query) {
      synchronized (commands) {
        commands.add(command);
      }
      String c = command.toLowerCase(Locale.ROOT);
      switch (c) {
        case "hello", "ismaster" -> {
          if (c.equals("hello") && !hello) {
            return super.handleCommand(channel, db, command, query);
          }
          Document d = super.handleCommand(channel, db, "isMaster", query);
          if (c.equals("hello")) {
            d.remove("ismaster");
            d.put("isWritablePrimary", true);
          }
          if (query.get("compression") instanceof List<?> wanted) {
            List<String> agreed = new ArrayList<>();
            for (Object w : wanted) {
              if (compressors.contains(String.valueOf(w))) {
                agreed.add(String.valueOf(w));
              }
            }
            if (!agreed.isEmpty()) {
              d.put("compression", agreed);
            }
          }
          if (query.get("saslSupportedMechs") instanceof String who
              && who.startsWith("admin.")
              && users.containsKey(who.substring(6))) {
            d.put("saslSupportedMechs", List.of("SCRAM-SHA-1", "SCRAM-SHA-256"));
          }
          return d;
        }
        case "buildinfo" -> {
          Document d = super.handleCommand(channel, db, command, query);
          if (percona) {
            d.put("psmdbVersion", d.get("version") + "-9");
          }
          return d;
        }
        case "listdatabases" -> {
          if (auth && !loggedIn.containsKey(channel)) {
            throw new MongoServerError(
                13, "Unauthorized", "Command listDatabases requires authentication");
          }
          return super.handleCommand(channel, db, command, query);
        }
        case "getlog" -> {
          Document d = new Document();
          d.put("totalLinesWritten", auth ? 0 : 1);
          d.put(
              "log",
              auth
                  ? List.of()
                  : List.of(
                      "{\"t\":{\"$date\":\"2026-11-27T00:00:00.000+00:00\"},\"s\":\"W\","
                          + "\"c\":\"CONTROL\",\"id\":22120,\"ctx\":\"initandlisten\",\"msg\":"
                          + "\"Access control is not enabled for the database. Read and write"
                          + " access to data and configuration is unrestricted\"}"));
          d.put("ok", 1.0);
          return d;
        }
        case "connectionstatus" -> {
          Document info = new Document();
          String user = loggedIn.get(channel);
          List<Document> users = new ArrayList<>();
          if (user != null) {
            Document u = new Document();
            u.put("user", user);
            u.put("db", "admin");
            users.add(u);
          }
          info.put("authenticatedUsers", users);
          info.put("authenticatedUserRoles", List.of());
          Document d = new Document();
          d.put("authInfo", info);
          d.put("ok", 1.0);
          return d;
        }
        case "saslstart" -> {
          if (!auth) {
            throw new MongoServerError(
                334, "MechanismUnavailable", "Authentication mechanism is not available");
          }
          return saslStart(channel, query);
        }
        case "saslcontinue" -> {
          return saslContinue(channel, query);
        }
        default -> {
          return super.handleCommand(channel, db, command, query);
        }
      }
    }

    private Document saslStart(Channel channel, Document query) {
      if (!"SCRAM-SHA-256".equals(query.get("mechanism"))) {
        throw new MongoServerError(
            334, "MechanismUnavailable", "Received authentication for an unsupported mechanism");
      }
      String clientFirst =
          new String(((BinData) query.get("payload")).getData(), StandardCharsets.UTF_8);
      String bare = clientFirst.substring(3);
      String user = bare.substring(2, bare.indexOf(",r="));
      String cnonce = bare.substring(bare.indexOf(",r=") + 3);
      if (!users.containsKey(user)) {
        throw new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
      }
      byte[] salt = new byte[16];
      random.nextBytes(salt);
      String serverFirst =
          "r="
              + cnonce
              + Base64.getEncoder().encodeToString(salt).replace("=", "")
              + ",s="
              + Base64.getEncoder().encodeToString(salt)
              + ",i=4096";
      conversations.put(channel, new String[] {user, bare, serverFirst});
      Document d = new Document();
      d.put("conversationId", 1);
      d.put("done", false);
      d.put("payload", new BinData(serverFirst.getBytes(StandardCharsets.UTF_8)));
      d.put("ok", 1.0);
      return d;
    }

    private Document saslContinue(Channel channel, Document query) {
      String[] conv = conversations.remove(channel);
      if (conv == null) {
        throw new MongoServerError(17, "ProtocolError", "No SASL session state found");
      }
      String clientFinal =
          new String(((BinData) query.get("payload")).getData(), StandardCharsets.UTF_8);
      int p = clientFinal.indexOf(",p=");
      String withoutProof = clientFinal.substring(0, p);
      byte[] proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
      String serverFirst = conv[2];
      String saltText = serverFirst.substring(serverFirst.indexOf(",s=") + 3);
      saltText = saltText.substring(0, saltText.indexOf(','));
      String authMessage = conv[1] + "," + serverFirst + "," + withoutProof;
      byte[][] expected =
          ScramTest.rfcProof(
              "SHA-256",
              users.get(conv[0]),
              Base64.getDecoder().decode(saltText),
              4096,
              authMessage);
      if (!MessageDigest.isEqual(proof, expected[0])) {
        throw new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
      }
      loggedIn.put(channel, conv[0]);
      Document d = new Document();
      d.put("conversationId", 1);
      d.put("done", true);
      d.put(
          "payload",
          new BinData(
              ("v=" + Base64.getEncoder().encodeToString(expected[1]))
                  .getBytes(StandardCharsets.UTF_8)));
      d.put("ok", 1.0);
      return d;
    }

    @Override
    public void handleClose(Channel channel) {
      loggedIn.remove(channel);
      conversations.remove(channel);
      super.handleClose(channel);
    }
  }
}
