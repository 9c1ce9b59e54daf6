package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal, read-only MongoDB wire-protocol client over a connection from the {@link
 * CheckContext}: the one place where the MongoDB checks send anything.
 *
 * <h2>Why not the MongoDB Java Driver</h2>
 *
 * The module depends on {@code mongodb-driver-sync} 5.14, but its synchronous transport cannot be
 * made to open its sockets through {@link CheckContext#socketFactory()}: since driver 5.0 {@code
 * MongoClientSettings} has no {@code streamFactoryFactory}; {@code transportSettings} accepts only
 * Netty or the asynchronous channel transport; and the internal {@code SocketStreamFactory}
 * (constructor {@code (InetAddressResolver, SocketSettings, SslSettings)}) hard-codes {@code
 * SocketFactory.getDefault()} for plaintext and the {@code SSLContext}'s factory for TLS. A driver
 * socket would bypass the scope check at connect, the check's deadline, the scan's rate limit and
 * the byte cap. The checks need four commands and a SCRAM exchange, so this class speaks the
 * protocol itself over {@link CheckContext#connect}: OP_MSG (opcode 2013) for every server from 3.6
 * on, and legacy OP_QUERY on {@code admin.$cmd} only when a server (before 3.6) closes the
 * connection on OP_MSG. SCRAM logins ({@link MongoDefaultCredentials#login}, over {@link Scram})
 * run over the same connections, so every byte of every check goes through the context.
 *
 * <h2>Allow-list</h2>
 *
 * {@link #command} refuses ({@link IllegalArgumentException}, before anything is sent) every
 * command but {@code hello}, {@code isMaster}, {@code buildInfo}, {@code listDatabases} with {@code
 * nameOnly: true}, {@code connectionStatus}, {@code getLog: "startupWarnings"}, {@code saslStart}
 * and {@code saslContinue}. Nothing that writes can be sent.
 *
 * <h2>Bounds</h2>
 *
 * A reply's announced length is checked against what is left of the context's read cap before a
 * byte of its body is allocated; truncated, malformed, compressed or mismatched replies throw
 * {@link ProtocolException}; reads end at the check's deadline.
 *
 * <p>Not thread-safe: one check uses one instance from one thread; close it when done.
 */
final class MongoWire implements Closeable {
  /** The commands that may be sent; the first key of a command document names it. */
  static final Set<String> ALLOWED =
      Set.of(
          "hello",
          "isMaster",
          "buildInfo",
          "listDatabases",
          "connectionStatus",
          "getLog",
          "saslStart",
          "saslContinue");

  static final int OP_REPLY = 1;
  static final int OP_QUERY = 2004;
  static final int OP_COMPRESSED = 2012;
  static final int OP_MSG = 2013;

  private static final int HEADER = 16;

  /** The server's error code for a command it does not know. */
  static final int COMMAND_NOT_FOUND = 59;

  /** The server's error code for a command that needs a login. */
  static final int UNAUTHORIZED = 13;

  private final CheckContext context;
  private final TcpConnection connection;
  private final boolean legacy;
  private int nextRequestId = 1;

  private MongoWire(CheckContext context, TcpConnection connection, boolean legacy) {
    this.context = context;
    this.connection = connection;
    this.legacy = legacy;
  }

  /** The server closed the connection (or reset it) before sending any byte of a reply. */
  static final class NoReplyException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    NoReplyException(String message) {
      super(message);
    }
  }

  /**
   * The first exchange of a connection: the wire client and the server's {@code hello} (or {@code
   * isMaster}) reply.
   *
   * @param wire the open client, to send further commands on; close it when done
   * @param hello the reply, {@code ok: 1}
   * @param command the handshake command the server answered: {@code hello}, {@code isMaster} or
   *     {@code isMaster (OP_QUERY)}
   */
  record Handshake(MongoWire wire, Map<String, Object> hello, String command) implements Closeable {
    @Override
    public void close() {
      wire.close();
    }
  }

  /**
   * Connects and says {@code hello}, advertising {@code compressors} (empty for none): OP_MSG
   * {@code hello}; {@code isMaster} when the server does not know {@code hello} (before 4.4.2);
   * legacy OP_QUERY {@code isMaster} on a fresh connection when the server closed the connection on
   * OP_MSG (before 3.6).
   *
   * @throws NoReplyException when the server closed both connections without answering
   * @throws ProtocolException when the reply is not a MongoDB reply or says {@code ok: 0}
   * @throws IOException when the connection fails or the deadline passes
   */
  static Handshake handshake(CheckContext context, Endpoint endpoint, List<String> compressors)
      throws IOException {
    return handshake(context, endpoint, compressors, Map.of());
  }

  /**
   * {@link #handshake(CheckContext, Endpoint, List)} with {@code extra} fields added to the
   * handshake command, such as {@code saslSupportedMechs}.
   */
  static Handshake handshake(
      CheckContext context, Endpoint endpoint, List<String> compressors, Map<String, ?> extra)
      throws IOException {
    MongoWire wire = new MongoWire(context, context.connect(endpoint), false);
    try {
      Map<String, Object> reply;
      String command = "hello";
      try {
        reply = wire.command("admin", helloCommand("hello", compressors, extra));
      } catch (NoReplyException e) {
        wire.close();
        if (context.remaining().isZero()) {
          throw e;
        }
        wire = new MongoWire(context, context.connect(endpoint), true);
        command = "isMaster (OP_QUERY)";
        reply = wire.command("admin", helloCommand("isMaster", compressors, extra));
      }
      if (!ok(reply) && code(reply) == COMMAND_NOT_FOUND && command.equals("hello")) {
        command = "isMaster";
        reply = wire.command("admin", helloCommand("isMaster", compressors, extra));
      }
      if (!ok(reply)) {
        throw new ProtocolException(
            "the server refused " + command + ": " + errorText(reply) + "; not a usable MongoDB");
      }
      return new Handshake(wire, reply, command);
    } catch (IOException | RuntimeException e) {
      wire.close();
      throw e;
    }
  }

  private static Map<String, Object> helloCommand(
      String name, List<String> compressors, Map<String, ?> extra) {
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put(name, 1);
    cmd.put("compression", compressors);
    cmd.putAll(extra);
    return cmd;
  }

  /**
   * Refuses every command not on the allow-list.
   *
   * @throws IllegalArgumentException when {@code command} is not allowed
   */
  static void permit(Map<String, ?> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("an empty command document");
    }
    String name = command.keySet().iterator().next();
    if (!ALLOWED.contains(name)) {
      throw new IllegalArgumentException(
          "MongoDB command '" + name + "' is not on the read-only allow-list " + ALLOWED);
    }
    if (name.equals("listDatabases") && !Boolean.TRUE.equals(command.get("nameOnly"))) {
      throw new IllegalArgumentException("listDatabases is allowed with nameOnly: true only");
    }
    if (name.equals("getLog") && !"startupWarnings".equals(command.get("getLog"))) {
      throw new IllegalArgumentException("getLog is allowed for startupWarnings only");
    }
  }

  /**
   * Sends {@code command} to database {@code db} and returns the reply document, whether it says
   * {@code ok: 1} or not.
   *
   * @throws IllegalArgumentException when the command is not on the allow-list (nothing is sent)
   * @throws NoReplyException when the server closed the connection without answering
   * @throws ProtocolException when the reply is malformed, truncated, over the cap or unexpected
   * @throws IOException when the connection fails or the deadline passes
   */
  Map<String, Object> command(String db, Map<String, ?> command) throws IOException {
    permit(command);
    int requestId = nextRequestId++;
    byte[] message;
    if (legacy) {
      message = opQuery(requestId, db + ".$cmd", MongoBson.encode(command));
    } else {
      Map<String, Object> body = new LinkedHashMap<>(command);
      body.put("$db", db);
      message = opMsg(requestId, MongoBson.encode(body));
    }
    connection.send(message);
    return readReply(requestId);
  }

  private static byte[] opMsg(int requestId, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + 5 + body.length);
    header(out, HEADER + 5 + body.length, requestId, OP_MSG);
    MongoBson.writeInt(out, 0);
    out.write(0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] opQuery(int requestId, String collection, byte[] query) {
    byte[] name = collection.getBytes(StandardCharsets.UTF_8);
    int length = HEADER + 4 + name.length + 1 + 8 + query.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    header(out, length, requestId, OP_QUERY);
    MongoBson.writeInt(out, 0);
    out.writeBytes(name);
    out.write(0);
    MongoBson.writeInt(out, 0);
    MongoBson.writeInt(out, -1);
    out.writeBytes(query);
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, int length, int requestId, int opCode) {
    MongoBson.writeInt(out, length);
    MongoBson.writeInt(out, requestId);
    MongoBson.writeInt(out, 0);
    MongoBson.writeInt(out, opCode);
  }

  private Map<String, Object> readReply(int requestId) throws IOException {
    InputStream in = connection.input();
    byte[] header;
    try {
      header = in.readNBytes(HEADER);
    } catch (SocketException e) {
      if (connection.bytesRead() == 0) {
        throw new NoReplyException("the server reset the connection without answering");
      }
      throw e;
    }
    if (header.length == 0) {
      throw new NoReplyException("the server closed the connection without answering");
    }
    if (header.length < HEADER) {
      throw new ProtocolException(
          "truncated MongoDB reply: " + header.length + " of " + HEADER + " header bytes");
    }
    int length = MongoBson.readInt(header, 0);
    int responseTo = MongoBson.readInt(header, 8);
    int opCode = MongoBson.readInt(header, 12);
    if (opCode != OP_MSG && opCode != OP_REPLY) {
      throw new ProtocolException(
          opCode == OP_COMPRESSED
              ? "unexpected compressed MongoDB reply (nothing compressed was sent)"
              : "not a MongoDB reply: opcode " + opCode);
    }
    if (length < HEADER + 5) {
      throw new ProtocolException(
          "MongoDB reply announces " + Integer.toUnsignedString(length) + " bytes, too short");
    }
    long capLeft = (long) context.readCap() - connection.bytesRead();
    if (length - HEADER > capLeft) {
      throw new ProtocolException(
          "MongoDB reply announces "
              + length
              + " bytes, more than the read cap of "
              + context.readCap()
              + " bytes allows");
    }
    if (responseTo != requestId) {
      throw new ProtocolException(
          "MongoDB reply answers request " + responseTo + ", not " + requestId);
    }
    byte[] body;
    try {
      body = in.readNBytes(length - HEADER);
    } catch (EOFException e) {
      body = new byte[0];
    }
    if (body.length < length - HEADER) {
      throw new ProtocolException(
          "truncated MongoDB reply: " + (HEADER + body.length) + " of " + length + " bytes");
    }
    return opCode == OP_MSG ? parseOpMsg(body) : parseOpReply(body);
  }

  /** The body document of an OP_MSG body (everything after the header). */
  static Map<String, Object> parseOpMsg(byte[] body) throws ProtocolException {
    int flags = MongoBson.readInt(body, 0);
    if ((flags & 0xfffc) != 0) {
      throw new ProtocolException(
          "OP_MSG with unknown required flag bits 0x" + Integer.toHexString(flags & 0xffff));
    }
    int end = body.length - ((flags & 1) != 0 ? 4 : 0);
    int i = 4;
    Map<String, Object> doc = null;
    while (i < end) {
      int kind = body[i++] & 0xff;
      if (kind == 0) {
        int len = MongoBson.documentLength(body, i, end);
        if (doc != null) {
          throw new ProtocolException("OP_MSG with two body sections");
        }
        doc = MongoBson.decode(body, i, len);
        i += len;
      } else if (kind == 1) {
        if (end - i < 4) {
          throw new ProtocolException("OP_MSG document sequence truncated");
        }
        int size = MongoBson.readInt(body, i);
        if (size < 4 || size > end - i) {
          throw new ProtocolException("OP_MSG document sequence does not fit");
        }
        i += size;
      } else {
        throw new ProtocolException("OP_MSG section of unknown kind " + kind);
      }
    }
    if (doc == null) {
      throw new ProtocolException("OP_MSG without a body section");
    }
    return doc;
  }

  /** The first document of an OP_REPLY body. */
  static Map<String, Object> parseOpReply(byte[] body) throws ProtocolException {
    if (body.length < 20 + 5) {
      throw new ProtocolException("OP_REPLY too short");
    }
    int returned = MongoBson.readInt(body, 16);
    if (returned < 1) {
      throw new ProtocolException("OP_REPLY without a document");
    }
    int len = MongoBson.documentLength(body, 20, body.length);
    return MongoBson.decode(body, 20, len);
  }

  /** Whether the reply says {@code ok: 1}. */
  static boolean ok(Map<String, Object> reply) throws ProtocolException {
    Object ok = reply.get("ok");
    if (ok instanceof Number n) {
      return n.doubleValue() == 1.0;
    }
    if (ok instanceof Boolean b) {
      return b;
    }
    throw new ProtocolException("a MongoDB reply without a numeric 'ok' field");
  }

  /** The reply's error code, or 0. */
  static int code(Map<String, Object> reply) {
    return reply.get("code") instanceof Number n ? n.intValue() : 0;
  }

  /** {@code codeName (code): errmsg} of an error reply, shortened. */
  static String errorText(Map<String, Object> reply) {
    StringBuilder sb = new StringBuilder();
    if (reply.get("codeName") instanceof String name) {
      sb.append(name).append(' ');
    }
    sb.append("(code ").append(code(reply)).append(')');
    if (reply.get("errmsg") instanceof String msg) {
      sb.append(": ").append(MongoBson.shorten(msg));
    }
    return sb.toString();
  }

  /** Whether this client fell back to legacy OP_QUERY. */
  boolean legacy() {
    return legacy;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      // closing is best effort; the runner closes it with the check in any case
    }
  }
}
