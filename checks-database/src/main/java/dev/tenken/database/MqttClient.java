package dev.tenken.database;

import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A small, read-only MQTT 3.1.1 client over one {@link TcpConnection}.
 *
 * <p>The allow-list lives here and nowhere else: {@link #connectPacket}, {@link
 * #subscribeVersionPacket} and {@link #DISCONNECT} are all the bytes this class can encode. A
 * CONNECT always uses a fresh random client id {@code tenken-<16 hex>} (a colliding id would
 * disconnect a real device), clean session (the broker keeps no state after DISCONNECT), no will
 * message; the one subscription is to the read-only topic {@value #VERSION_TOPIC} at QoS 0. It
 * never publishes and never acknowledges anything (no PUBACK exists here).
 *
 * <p>Hostile input: {@link PacketReader} decodes the remaining length in at most four bytes and
 * checks it against {@value #MAX_PACKET} bytes and the context's read cap before allocating;
 * reserved packet types, wrong fixed-header flags, a truncated packet and inconsistent lengths
 * throw {@link ProtocolException}.
 *
 * <p>Not thread-safe: one check uses one instance from one thread.
 */
final class MqttClient {
  /** The only topic ever subscribed to. */
  static final String VERSION_TOPIC = "$SYS/broker/version";

  /** Largest packet accepted. */
  static final int MAX_PACKET = 64 * 1024;

  /** The DISCONNECT packet. */
  static final byte[] DISCONNECT = {(byte) 0xe0, 0x00};

  /** Keep-alive announced in CONNECT, seconds. */
  static final int KEEP_ALIVE_SECONDS = 30;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Packet types (high nibble of the first byte). */
  static final int CONNACK = 2;

  static final int PUBLISH = 3;
  static final int SUBACK = 9;

  /** What CONNACK said. */
  record Connack(boolean sessionPresent, int returnCode) {
    boolean accepted() {
      return returnCode == 0;
    }

    /** The return code with its meaning, for evidence. */
    String describe() {
      return "CONNACK return code " + returnCode + " (" + meaning(returnCode) + ")";
    }

    static String meaning(int code) {
      return switch (code) {
        case 0 -> "connection accepted";
        case 1 -> "unacceptable protocol version";
        case 2 -> "identifier rejected";
        case 3 -> "server unavailable";
        case 4 -> "bad user name or password";
        case 5 -> "not authorised";
        default -> "unknown";
      };
    }
  }

  /** One packet: its first byte and its body. */
  record Packet(int type, int flags, byte[] body) {}

  private final TcpConnection conn;
  private final PacketReader reader;

  private MqttClient(TcpConnection conn, CheckContext context) {
    this.conn = conn;
    this.reader =
        new PacketReader(new ConnectionInput(conn), Math.min(MAX_PACKET, context.readCap()));
  }

  /** Connects through the context. */
  static MqttClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new MqttClient(context.connect(endpoint), context);
  }

  /** A random client id {@code tenken-<16 hex>}. */
  static String clientId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return "tenken-" + HexFormat.of().formatHex(b);
  }

  /**
   * A CONNECT packet: MQTT 3.1.1 (protocol name {@code MQTT}, level 4), clean session, no will, a
   * fresh random client id, and the user name and password when given.
   */
  static byte[] connectPacket(Optional<Credentials> credentials) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4);
    int flags = 0x02;
    if (credentials.isPresent()) {
      flags |= 0x80 | 0x40;
    }
    body.write(flags);
    body.write(KEEP_ALIVE_SECONDS >>> 8);
    body.write(KEEP_ALIVE_SECONDS & 0xff);
    writeString(body, clientId());
    if (credentials.isPresent()) {
      writeString(body, credentials.get().user());
      writeString(body, credentials.get().secret().reveal());
    }
    return packet(0x10, body.toByteArray());
  }

  /** SUBSCRIBE to {@value #VERSION_TOPIC} at QoS 0, packet id 1. */
  static byte[] subscribeVersionPacket() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0);
    body.write(1);
    writeString(body, VERSION_TOPIC);
    body.write(0);
    return packet(0x82, body.toByteArray());
  }

  /**
   * Sends CONNECT and reads CONNACK.
   *
   * @return empty when the broker closed the connection without a byte
   * @throws SocketTimeoutException when nothing came before the deadline
   * @throws ProtocolException when the reply is not a CONNACK
   */
  Optional<Connack> connect(Optional<Credentials> credentials) throws IOException {
    conn.send(connectPacket(credentials));
    Optional<Packet> p = reader.next();
    if (p.isEmpty()) {
      if (conn.peerClosed()) {
        return Optional.empty();
      }
      throw new SocketTimeoutException("no CONNACK before the deadline");
    }
    Packet packet = p.get();
    if (packet.type() != CONNACK) {
      throw new ProtocolException("expected CONNACK, got packet type " + packet.type());
    }
    if (packet.flags() != 0 || packet.body().length != 2) {
      throw new ProtocolException(
          "malformed CONNACK (flags " + packet.flags() + ", length " + packet.body().length + ")");
    }
    int ack = packet.body()[0] & 0xff;
    int code = packet.body()[1] & 0xff;
    if ((ack & 0xfe) != 0 || code > 5) {
      throw new ProtocolException(
          "malformed CONNACK (flags " + ack + ", return code " + code + ")");
    }
    return Optional.of(new Connack((ack & 1) == 1, code));
  }

  /**
   * Subscribes to {@value #VERSION_TOPIC} and waits up to {@code bound} for its message.
   *
   * @return the version text, printable and bounded; empty when the subscription was refused or no
   *     message came within {@code bound}
   * @param refusal receives why nothing was read
   */
  Optional<String> readVersion(Duration bound, StringBuilder refusal) throws IOException {
    conn.send(subscribeVersionPacket());
    Instant until = Instant.now().plus(bound);
    reader.until(until);
    boolean subscribed = false;
    while (true) {
      Optional<Packet> p = reader.next();
      if (p.isEmpty()) {
        refusal.append(
            subscribed
                ? "no message on " + VERSION_TOPIC + " within " + bound.toMillis() + " ms"
                : "no SUBACK within " + bound.toMillis() + " ms");
        return Optional.empty();
      }
      Packet packet = p.get();
      if (packet.type() == SUBACK) {
        byte[] b = packet.body();
        if (packet.flags() != 0 || b.length != 3 || b[0] != 0 || b[1] != 1) {
          throw new ProtocolException("malformed SUBACK");
        }
        int granted = b[2] & 0xff;
        if (granted == 0x80) {
          refusal.append("SUBSCRIBE to " + VERSION_TOPIC + " refused (SUBACK 0x80)");
          return Optional.empty();
        }
        if (granted > 2) {
          throw new ProtocolException("malformed SUBACK return code " + granted);
        }
        subscribed = true;
      } else if (packet.type() == PUBLISH) {
        Optional<String> v = versionFrom(packet);
        if (v.isPresent()) {
          return v;
        }
      } else {
        throw new ProtocolException("unexpected packet type " + packet.type() + " after SUBSCRIBE");
      }
    }
  }

  /** The payload of a PUBLISH on {@value #VERSION_TOPIC}; empty for another topic. */
  static Optional<String> versionFrom(Packet packet) throws ProtocolException {
    int qos = (packet.flags() >> 1) & 3;
    if (qos == 3) {
      throw new ProtocolException("PUBLISH with QoS 3");
    }
    byte[] b = packet.body();
    if (b.length < 2) {
      throw new ProtocolException("PUBLISH without a topic");
    }
    int topicLen = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int payloadAt = 2 + topicLen + (qos > 0 ? 2 : 0);
    if (payloadAt > b.length) {
      throw new ProtocolException("PUBLISH topic length " + topicLen + " exceeds the packet");
    }
    String topic = new String(b, 2, topicLen, StandardCharsets.UTF_8);
    if (!topic.equals(VERSION_TOPIC)) {
      return Optional.empty();
    }
    String payload = new String(b, payloadAt, b.length - payloadAt, StandardCharsets.UTF_8);
    return Optional.of(MemcachedClient.printable(payload.strip(), 128));
  }

  /** Sends DISCONNECT and closes; best effort. */
  void disconnect() {
    try {
      conn.send(DISCONNECT);
    } catch (IOException ignored) {
      // Closed by the runner anyway.
    }
    close();
  }

  /** Closes without DISCONNECT. */
  void close() {
    try {
      conn.close();
    } catch (IOException ignored) {
      // Closed by the runner anyway.
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > 0xffff) {
      throw new IllegalArgumentException("MQTT string longer than 65535 bytes");
    }
    out.write(b.length >>> 8);
    out.write(b.length & 0xff);
    out.write(b, 0, b.length);
  }

  private static byte[] packet(int first, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
    out.write(first);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      out.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    out.write(body, 0, body.length);
    return out.toByteArray();
  }

  /**
   * Reads whole MQTT packets from a stream. Package-private so hostile input can be tested
   * directly.
   */
  static final class PacketReader {
    private final BoundedInput in;
    private final int cap;

    PacketReader(BoundedInput in, int cap) {
      this.in = in;
      this.cap = cap;
    }

    /** Later reads give up at {@code until}, returning empty before a packet's first byte. */
    void until(Instant until) {
      in.until(until);
    }

    /**
     * The next packet; empty when the stream ended (closed or timed out) before its first byte.
     *
     * @throws ProtocolException for a malformed, oversized or truncated packet
     */
    Optional<Packet> next() throws IOException {
      int first = in.read();
      if (first < 0) {
        return Optional.empty();
      }
      int type = first >>> 4;
      int flags = first & 0x0f;
      if (type == 0 || type == 15) {
        throw new ProtocolException("reserved MQTT packet type " + type);
      }
      if (type != PUBLISH && flags != (type == 6 || type == 8 || type == 10 ? 2 : 0)) {
        throw new ProtocolException("MQTT packet type " + type + " with flags " + flags);
      }
      long length = 0;
      int shift = 0;
      for (int i = 0; ; i++) {
        if (i == 4) {
          throw new ProtocolException("MQTT remaining length longer than 4 bytes");
        }
        int b = in.read();
        if (b < 0) {
          throw new ProtocolException("MQTT packet truncated in its remaining length");
        }
        length |= (long) (b & 0x7f) << shift;
        shift += 7;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (length > cap) {
        throw new ProtocolException(
            "MQTT packet announces " + length + " bytes, more than the " + cap + "-byte cap");
      }
      byte[] body = new byte[(int) length];
      int off = 0;
      while (off < body.length) {
        int n = in.read(body, off, body.length - off);
        if (n < 0) {
          throw new ProtocolException(
              "MQTT packet truncated at " + off + " of " + length + " bytes");
        }
        off += n;
      }
      return Optional.of(new Packet(type, flags, body));
    }
  }

  /** A stream whose reads end (-1) at a point in time or when the peer closes. */
  interface BoundedInput {
    int read() throws IOException;

    int read(byte[] b, int off, int len) throws IOException;

    void until(Instant until);
  }

  /** {@link BoundedInput} over a connection's {@link TcpConnection#readAvailable}. */
  static final class ConnectionInput implements BoundedInput {
    private final TcpConnection conn;
    private Instant until = Instant.MAX;
    private byte[] buf = new byte[0];
    private int pos;

    ConnectionInput(TcpConnection conn) {
      this.conn = conn;
    }

    @Override
    public void until(Instant value) {
      this.until = value;
    }

    private boolean fill() throws IOException {
      if (pos < buf.length) {
        return true;
      }
      Duration wait =
          until.equals(Instant.MAX) ? Duration.ofDays(1) : Duration.between(Instant.now(), until);
      if (wait.isNegative() || wait.isZero()) {
        return false;
      }
      buf = conn.readAvailable(wait, 4096);
      pos = 0;
      return buf.length > 0;
    }

    @Override
    public int read() throws IOException {
      return fill() ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** {@link BoundedInput} over a plain stream, for tests of the reader. */
  static final class StreamInput implements BoundedInput {
    private final InputStream in;

    StreamInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void until(Instant until) {}
  }
}
