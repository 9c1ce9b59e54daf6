package dev.tenken.database;

import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.ServiceProbe;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises MongoDB (mongod, mongos, and servers that speak its wire protocol) by a reply to its
 * own request: an OP_MSG {@code hello} on {@code admin}, read-only and allowed before a login.
 * MongoDB sends no banner, and it drops the connection on the PJL status query that identification
 * sends first (the query's first four bytes, read as the message length, announce about 825 MB, far
 * above the 48 MB limit), so the runner then sends this request on a fresh connection.
 *
 * <p>A reply is MongoDB when it is one complete wire message whose header carries opcode OP_MSG
 * (2013) or OP_REPLY (1) and a length equal to the bytes received, and whose body document decodes
 * as BSON and holds an {@code ok} field — as both {@code ok: 1} and the {@code ok: 0} "no such
 * command: 'hello'" of servers before 4.4.2 do. Servers before 3.6 close the connection on OP_MSG
 * and are not recognised by this probe (a {@code mongodb://} hint still names them).
 *
 * <p>Stateless and thread-safe; {@link #recognises} decodes at most one reply of at most {@value
 * #MAX_REPLY} bytes.
 */
final class MongoServiceProbe implements ServiceProbe {
  static final MongoServiceProbe INSTANCE = new MongoServiceProbe();

  /** Longest reply looked at; a hello reply is well under 2 KB. */
  static final int MAX_REPLY = 64 * 1024;

  private static final byte[] REQUEST = hello();

  private static final List<Integer> PORTS = List.of(27017, 27018, 27019);

  private MongoServiceProbe() {}

  private static byte[] hello() {
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put("hello", 1);
    cmd.put("$db", "admin");
    byte[] body = MongoBson.encode(cmd);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MongoBson.writeInt(out, 16 + 5 + body.length);
    MongoBson.writeInt(out, 1);
    MongoBson.writeInt(out, 0);
    MongoBson.writeInt(out, MongoWire.OP_MSG);
    MongoBson.writeInt(out, 0);
    out.write(0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Override
  public String service() {
    return MongoChecks.SERVICE;
  }

  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** An OP_MSG {@code hello} on {@code admin}; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(REQUEST.clone());
  }

  @Override
  public boolean recognises(byte[] reply) {
    if (reply.length < 16 + 5 + 5 || reply.length > MAX_REPLY) {
      return false;
    }
    int length = MongoBson.readInt(reply, 0);
    int opCode = MongoBson.readInt(reply, 12);
    if (length != reply.length || (opCode != MongoWire.OP_MSG && opCode != MongoWire.OP_REPLY)) {
      return false;
    }
    byte[] body = new byte[length - 16];
    System.arraycopy(reply, 16, body, 0, body.length);
    try {
      Map<String, Object> doc =
          opCode == MongoWire.OP_MSG ? MongoWire.parseOpMsg(body) : MongoWire.parseOpReply(body);
      return doc.containsKey("ok");
    } catch (ProtocolException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "MongoServiceProbe";
  }
}
