package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal client of the MySQL/MariaDB client/server protocol, written for Tenken's checks: it
 * reads the server's first packet — the protocol-10 handshake or an error such as 1130 "Host ... is
 * not allowed to connect" — and, for the empty-password check only, answers with a {@code
 * HandshakeResponse41} carrying an <b>empty</b> password, reads the verdict and quits.
 *
 * <p><b>What may be sent</b> is enforced in one place, {@link #send}, by {@link #isAllowed}: a
 * {@code HandshakeResponse41} whose auth-response is empty (the client cannot send a password), an
 * empty auth-switch response, and {@code COM_QUIT}. A query ({@code COM_QUERY}) or any other
 * command is refused before a byte leaves.
 *
 * <p><b>Bounded</b>: a packet is a 3-byte length and a sequence number; the length is checked
 * against {@value #MAX_PACKET} bytes and the context's byte cap before anything is allocated (a
 * hostile {@code 0xFFFFFF} is refused); truncated or malformed packets throw {@link
 * ProtocolException}.
 *
 * <p>Not thread-safe: one check uses one client on one thread. Closing it closes the connection.
 */
final class MySqlClient implements Closeable {
  /** Largest packet accepted, in bytes; a handshake is about 100. */
  static final int MAX_PACKET = 16 * 1024;

  static final int CLIENT_LONG_PASSWORD = 0x1;
  static final int CLIENT_PROTOCOL_41 = 0x200;
  static final int CLIENT_SSL = 0x800;
  static final int CLIENT_TRANSACTIONS = 0x2000;
  static final int CLIENT_SECURE_CONNECTION = 0x8000;
  static final int CLIENT_PLUGIN_AUTH = 0x80000;

  /** Error code: host not allowed to connect. */
  static final int ER_HOST_NOT_PRIVILEGED = 1130;

  /** Error code: access denied (wrong user or password). */
  static final int ER_ACCESS_DENIED = 1045;

  private static final byte COM_QUIT = 0x01;

  private final TcpConnection connection;
  private final int cap;
  private int sequence;

  private MySqlClient(TcpConnection connection, int cap) {
    this.connection = connection;
    this.cap = cap;
  }

  /** Connects through the context (scope, deadline and byte cap enforced there). */
  static MySqlClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new MySqlClient(
        context.connect(endpoint), Math.max(16, Math.min(MAX_PACKET, context.readCap())));
  }

  // ---- what the server says first

  /** The server's first packet: a handshake or an error. */
  sealed interface Greeting permits Handshake, ErrorPacket {}

  /**
   * A protocol-10 initial handshake.
   *
   * @param serverVersion the version string as sent, such as {@code 8.0.36} or {@code
   *     5.5.5-10.11.6-MariaDB} (sanitised, at most 100 characters)
   * @param connectionId the connection id
   * @param capabilities the capability flags, lower and upper halves
   * @param charset the default collation id, or -1 when absent
   * @param status the status flags, or -1 when absent
   * @param authPlugin the default authentication plugin, empty when not announced
   */
  record Handshake(
      String serverVersion,
      long connectionId,
      int capabilities,
      int charset,
      int status,
      String authPlugin)
      implements Greeting {

    boolean offersTls() {
      return (capabilities & CLIENT_SSL) != 0;
    }

    /** The product: {@code mariadb}, {@code tidb} or {@code mysql}. */
    String product() {
      String v = serverVersion.toLowerCase(Locale.ROOT);
      if (v.contains("mariadb")) {
        return "mariadb";
      }
      if (v.contains("tidb")) {
        return "tidb";
      }
      return "mysql";
    }

    /**
     * The product's own version text: MariaDB before 11 prefixes {@code 5.5.5-} for old replication
     * clients, which is not its version.
     */
    String productVersion() {
      if (product().equals("mariadb") && serverVersion.startsWith("5.5.5-")) {
        return serverVersion.substring(6);
      }
      return serverVersion;
    }
  }

  /**
   * An error packet.
   *
   * @param code the error number, such as 1130
   * @param sqlState the SQL state, empty when the server sent none (pre-handshake errors)
   * @param message the message (sanitised, at most 200 characters)
   */
  record ErrorPacket(int code, String sqlState, String message) implements Greeting {}

  /**
   * Reads the server's first packet.
   *
   * @throws ProtocolException when it is neither a protocol-10 handshake nor an error packet, or is
   *     malformed, truncated or oversized
   */
  Greeting greeting() throws IOException {
    byte[] p = readPacket();
    if (p.length == 0) {
      throw new ProtocolException("empty first packet");
    }
    if ((p[0] & 0xff) == 0xff) {
      return error(p);
    }
    if (p[0] != 10) {
      throw new ProtocolException(
          "first packet is not a protocol-10 handshake (0x" + hex(p[0]) + ")");
    }
    return handshake(p);
  }

  static Handshake handshake(byte[] p) throws ProtocolException {
    Cursor c = new Cursor(p);
    c.byte1();
    String version = sanitize(c.cString(), 100);
    if (version.isEmpty()) {
      throw new ProtocolException("handshake without a server version");
    }
    long id = c.int32() & 0xffffffffL;
    c.skip(8); // auth-plugin-data part 1
    c.byte1(); // filler
    int caps = c.int16();
    int charset = -1;
    int status = -1;
    String plugin = "";
    if (c.remaining() > 0) {
      charset = c.byte1();
      status = c.int16();
      caps |= c.int16() << 16;
      int authDataLength = c.byte1();
      c.skip(10);
      if ((caps & CLIENT_SECURE_CONNECTION) != 0) {
        c.skip(Math.min(c.remaining(), Math.max(13, authDataLength - 8)));
      }
      if ((caps & CLIENT_PLUGIN_AUTH) != 0 && c.remaining() > 0) {
        plugin = sanitize(c.cStringOrRest(), 64);
      }
    }
    return new Handshake(version, id, caps, charset, status, plugin);
  }

  static ErrorPacket error(byte[] p) throws ProtocolException {
    Cursor c = new Cursor(p);
    c.byte1();
    int code = c.int16();
    String state = "";
    if (c.remaining() >= 6 && p[3] == '#') {
      c.byte1();
      state = sanitize(new String(c.bytes(5), StandardCharsets.US_ASCII), 5);
    }
    return new ErrorPacket(code, state, sanitize(c.rest(), 200));
  }

  // ---- the empty-password login

  /** How an empty-password login ended. */
  record Login(boolean accepted, String detail, int errorCode) {}

  /**
   * Answers {@code handshake} as {@code user} with an empty password ({@code
   * mysql_native_password}), follows one auth switch with an empty response, and sends {@code
   * COM_QUIT} after an OK packet.
   */
  Login loginWithEmptyPassword(String user, Handshake handshake) throws IOException {
    if ((handshake.capabilities() & CLIENT_PROTOCOL_41) == 0) {
      throw new ProtocolException("the server does not speak protocol 4.1");
    }
    send(handshakeResponse(user));
    for (int round = 0; round < 4; round++) {
      byte[] p = readPacket();
      if (p.length == 0) {
        throw new ProtocolException("empty packet during authentication");
      }
      int type = p[0] & 0xff;
      switch (type) {
        case 0x00 -> {
          send(new byte[] {COM_QUIT});
          return new Login(true, "OK packet", 0);
        }
        case 0xff -> {
          ErrorPacket e = error(p);
          return new Login(false, "error " + e.code() + ": " + e.message(), e.code());
        }
        case 0xfe -> {
          // AuthSwitchRequest: answer with the empty password's empty response.
          send(new byte[0]);
        }
        case 0x01 -> {
          // AuthMoreData (caching_sha2_password): 3 = fast auth ok, OK follows; 4 = the server
          // wants the full password, so the account has one.
          if (p.length >= 2 && p[1] == 4) {
            return new Login(false, "the server asks for a full authentication", 0);
          }
        }
        default ->
            throw new ProtocolException("unexpected packet 0x" + hex(p[0]) + " during login");
      }
    }
    throw new ProtocolException("the login did not end after 4 packets");
  }

  private static byte[] handshakeResponse(String user) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int caps =
        CLIENT_LONG_PASSWORD
            | CLIENT_PROTOCOL_41
            | CLIENT_TRANSACTIONS
            | CLIENT_SECURE_CONNECTION
            | CLIENT_PLUGIN_AUTH;
    writeLe(b, caps, 4);
    writeLe(b, MAX_PACKET, 4);
    b.write(0x21); // utf8_general_ci
    b.writeBytes(new byte[23]);
    b.writeBytes(user.getBytes(StandardCharsets.UTF_8));
    b.write(0);
    b.write(0); // auth-response length: empty password
    b.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
    b.write(0);
    return b.toByteArray();
  }

  // ---- the allow-list

  /**
   * Whether {@code payload} may be sent: {@code COM_QUIT}; an empty payload (the empty answer to an
   * auth switch); or a {@code HandshakeResponse41} (protocol 4.1, zero filler) whose auth-response
   * is empty. Nothing else: no query, no password.
   */
  static boolean isAllowed(byte[] payload) {
    if (payload.length == 0) {
      return true;
    }
    if (payload.length == 1) {
      return payload[0] == COM_QUIT;
    }
    if (payload.length < 34) {
      return false;
    }
    int caps = (payload[0] & 0xff) | (payload[1] & 0xff) << 8;
    if ((caps & CLIENT_PROTOCOL_41) == 0) {
      return false;
    }
    for (int i = 9; i < 32; i++) {
      if (payload[i] != 0) {
        return false;
      }
    }
    int i = 32;
    while (i < payload.length && payload[i] != 0) {
      i++;
    }
    return i + 1 < payload.length && payload[i + 1] == 0;
  }

  /** The one place bytes leave this client. */
  private void send(byte[] payload) throws IOException {
    if (!isAllowed(payload)) {
      throw new IllegalStateException(
          "refused to send a MySQL packet outside the read-only allow-list");
    }
    byte[] packet = new byte[payload.length + 4];
    packet[0] = (byte) payload.length;
    packet[1] = (byte) (payload.length >>> 8);
    packet[2] = (byte) (payload.length >>> 16);
    packet[3] = (byte) (payload.length == 1 && payload[0] == COM_QUIT ? 0 : ++sequence);
    System.arraycopy(payload, 0, packet, 4, payload.length);
    connection.send(packet);
  }

  // ---- reading

  private byte[] readPacket() throws IOException {
    InputStream in = connection.input();
    byte[] header = in.readNBytes(4);
    if (header.length == 0) {
      throw new ProtocolException("the server closed the connection");
    }
    if (header.length < 4) {
      throw new ProtocolException("truncated packet header");
    }
    int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
    if (length > cap) {
      throw new ProtocolException("packet announces " + length + " bytes, over the cap of " + cap);
    }
    sequence = header[3] & 0xff;
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new ProtocolException("truncated packet: " + body.length + " of " + length + " bytes");
    }
    return body;
  }

  /** Reads a packet body; every overrun is a {@link ProtocolException}. */
  private static final class Cursor {
    private final byte[] data;
    private int pos;

    Cursor(byte[] data) {
      this.data = data;
    }

    int remaining() {
      return data.length - pos;
    }

    private void need(int n) throws ProtocolException {
      if (pos + n > data.length) {
        throw new ProtocolException("truncated packet");
      }
    }

    int byte1() throws ProtocolException {
      need(1);
      return data[pos++] & 0xff;
    }

    int int16() throws ProtocolException {
      need(2);
      int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
      pos += 2;
      return v;
    }

    int int32() throws ProtocolException {
      need(4);
      int v =
          (data[pos] & 0xff)
              | (data[pos + 1] & 0xff) << 8
              | (data[pos + 2] & 0xff) << 16
              | (data[pos + 3] & 0xff) << 24;
      pos += 4;
      return v;
    }

    void skip(int n) throws ProtocolException {
      need(n);
      pos += n;
    }

    byte[] bytes(int n) throws ProtocolException {
      need(n);
      byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return b;
    }

    String cString() throws ProtocolException {
      int end = pos;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      if (end >= data.length) {
        throw new ProtocolException("unterminated string in packet");
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = end + 1;
      return s;
    }

    /** A NUL-terminated string, or the rest (MySQL 5.5.7 and older omit the final NUL). */
    String cStringOrRest() {
      int end = pos;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = Math.min(data.length, end + 1);
      return s;
    }

    String rest() {
      String s = new String(data, pos, data.length - pos, StandardCharsets.UTF_8);
      pos = data.length;
      return s;
    }
  }

  static String sanitize(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char ch = s.charAt(i);
      b.append(Character.isISOControl(ch) ? '?' : ch);
    }
    return b.toString();
  }

  private static String hex(byte b) {
    return String.format("%02x", b & 0xff);
  }

  private static void writeLe(ByteArrayOutputStream b, int v, int n) {
    for (int i = 0; i < n; i++) {
      b.write(v >>> (8 * i));
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }

  @Override
  public String toString() {
    return "MySqlClient[" + connection.endpoint().uri() + "]";
  }
}
