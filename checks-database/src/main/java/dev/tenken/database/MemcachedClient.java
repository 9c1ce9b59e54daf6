package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small, read-only memcached client over one {@link TcpConnection}: the text protocol and, for
 * servers that only speak the binary protocol (SASL-enabled memcached), its binary framing.
 *
 * <p>The allow-list lives here and nowhere else: {@link Command} is everything this class can
 * encode — {@code stats}, {@code stats settings}, {@code version} and {@code quit}, in text or in
 * binary framing (opcodes {@code STAT}, {@code VERSION}, {@code QUIT}) — and the UDP datagram
 * {@link #udpStats(int)}. No other bytes can leave it: no storage, no {@code flush_all}, no SASL
 * authentication.
 *
 * <p>Hostile input: text lines are bounded ({@value #MAX_LINE} bytes), a reply holds at most
 * {@value #MAX_STATS} {@code STAT} lines, a binary body at most {@value #MAX_BODY} bytes (checked
 * before anything is allocated), and every read is bounded by the check's deadline and byte cap.
 * Malformed, truncated or oversized replies throw {@link ProtocolException}.
 *
 * <p>Not thread-safe: one check uses one instance from one thread.
 */
final class MemcachedClient {

  /** Longest text line accepted, terminator included. */
  static final int MAX_LINE = 2048;

  /** Most {@code STAT} entries accepted in one reply (memcached 1.6 sends about 100). */
  static final int MAX_STATS = 1024;

  /** Largest binary body accepted. */
  static final int MAX_BODY = 64 * 1024;

  /** Binary protocol: request magic, response magic, opcodes and the "auth error" status. */
  static final int REQUEST_MAGIC = 0x80;

  static final int RESPONSE_MAGIC = 0x81;
  static final int OP_QUIT = 0x07;
  static final int OP_VERSION = 0x0b;
  static final int OP_STAT = 0x10;
  static final int STATUS_AUTH_ERROR = 0x20;

  /** Everything this client may send: the read-only allow-list. */
  enum Command {
    STATS("stats", OP_STAT, ""),
    STATS_SETTINGS("stats settings", OP_STAT, "settings"),
    VERSION("version", OP_VERSION, ""),
    QUIT("quit", OP_QUIT, "");

    final String text;
    final int opcode;
    final String key;

    Command(String text, int opcode, String key) {
      this.text = text;
      this.opcode = opcode;
      this.key = key;
    }

    /** The text-protocol request line. */
    byte[] ascii() {
      return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The binary-protocol request: a 24-byte header and the key, if any. */
    byte[] binary() {
      byte[] k = key.getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[24 + k.length];
      out[0] = (byte) REQUEST_MAGIC;
      out[1] = (byte) opcode;
      out[3] = (byte) k.length;
      out[11] = (byte) k.length; // total body length (big-endian, < 256)
      System.arraycopy(k, 0, out, 24, k.length);
      return out;
    }
  }

  /** Which framing an answer came in. */
  enum Protocol {
    TEXT,
    BINARY;

    String label() {
      return this == TEXT ? "text protocol" : "binary protocol";
    }
  }

  /** What the server answered to a request. */
  sealed interface Answer permits Stats, Refused, Silent, Closed {}

  /** {@code STAT} entries, in the order sent. */
  record Stats(Protocol protocol, Map<String, String> values) implements Answer {}

  /**
   * An error instead of the data: a text {@code ERROR}/{@code CLIENT_ERROR}/{@code SERVER_ERROR}
   * line, or a binary status.
   *
   * @param status the binary status, or -1 for a text line
   * @param text the line or binary message, printable and bounded
   */
  record Refused(Protocol protocol, int status, String text) implements Answer {
    /** Whether the server says that authentication is required. */
    boolean authRequired() {
      return status == STATUS_AUTH_ERROR
          || (status < 0 && text.startsWith("CLIENT_ERROR") && text.contains("unauthenticated"));
    }

    String evidence() {
      return status < 0
          ? text
          : String.format("status 0x%04x %s", status, text.isEmpty() ? "" : "(" + text + ")")
              .strip();
    }
  }

  /** Nothing came within the wait; the connection is still open. */
  record Silent() implements Answer {}

  /** The server closed the connection without a byte. */
  record Closed() implements Answer {}

  private final TcpConnection conn;
  private final CheckContext context;
  private byte[] pending = new byte[0];
  private int pendingPos;

  private MemcachedClient(TcpConnection conn, CheckContext context) {
    this.conn = conn;
    this.context = context;
  }

  /** Connects through the context. */
  static MemcachedClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new MemcachedClient(context.connect(endpoint), context);
  }

  /**
   * How long to wait for the first byte of a text reply before trying the binary protocol: a
   * binary-only server says nothing to a short text request, waiting for a 24-byte header.
   */
  static Duration firstByteWait(CheckContext context) {
    Duration half = context.remaining().dividedBy(3);
    Duration max = Duration.ofMillis(1500);
    return half.compareTo(max) < 0 ? half : max;
  }

  /** The UDP request: the 8-byte frame header (request id, sequence 0, 1 datagram) and stats. */
  static byte[] udpStats(int requestId) {
    byte[] body = Command.STATS.ascii();
    byte[] out = new byte[8 + body.length];
    out[0] = (byte) (requestId >>> 8);
    out[1] = (byte) requestId;
    out[5] = 1;
    System.arraycopy(body, 0, out, 8, body.length);
    return out;
  }

  /**
   * Asks for {@code command} in the text protocol and, when the server says nothing to it or closes
   * (a binary-only, SASL-enabled memcached), once more in binary framing on a fresh connection.
   * Says goodbye afterwards.
   *
   * @return {@link Stats} or {@link Refused}; {@link Closed} when both attempts were closed
   * @throws java.net.SocketTimeoutException when the binary attempt meets silence up to the
   *     deadline: silence proves nothing
   */
  static Answer stats(CheckContext context, Endpoint endpoint, Command command) throws IOException {
    MemcachedClient text = open(context, endpoint);
    Answer a = text.textStats(command, firstByteWait(context));
    if (a instanceof Stats || a instanceof Refused) {
      text.quit(Protocol.TEXT);
      return a;
    }
    text.close();
    MemcachedClient binary = open(context, endpoint);
    Answer b = binary.binaryStats(command);
    binary.quit(Protocol.BINARY);
    return b;
  }

  /**
   * The server's version string: text {@code version}, then binary {@code VERSION} on a fresh
   * connection when the text request met silence or a close.
   *
   * @param version receives the version string
   * @return {@link Stats} (with the version), {@link Refused} or {@link Closed}
   */
  static Answer version(CheckContext context, Endpoint endpoint, StringBuilder version)
      throws IOException {
    MemcachedClient text = open(context, endpoint);
    Answer a = text.textVersion(firstByteWait(context), version);
    if (a instanceof Stats || a instanceof Refused) {
      text.quit(Protocol.TEXT);
      return a;
    }
    text.close();
    MemcachedClient binary = open(context, endpoint);
    Answer b = binary.binaryVersion(version);
    binary.quit(Protocol.BINARY);
    return b;
  }

  /** Sends a text {@code stats}/{@code stats settings} and reads the reply. */
  Answer textStats(Command command, Duration firstByteWait) throws IOException {
    require(command == Command.STATS || command == Command.STATS_SETTINGS, command);
    conn.send(command.ascii());
    Optional<Answer> none = awaitFirstByte(firstByteWait);
    if (none.isPresent()) {
      return none.get();
    }
    String line = readLine();
    Map<String, String> values = new LinkedHashMap<>();
    int lines = 0;
    while (line.startsWith("STAT ")) {
      if (++lines > MAX_STATS) {
        throw new ProtocolException("more than " + MAX_STATS + " STAT lines in one reply");
      }
      String rest = line.substring(5);
      int sp = rest.indexOf(' ');
      if (sp <= 0) {
        throw new ProtocolException("malformed STAT line: " + printable(line, 80));
      }
      values.put(rest.substring(0, sp), rest.substring(sp + 1));
      line = readLine();
    }
    if (line.equals("END")) {
      return new Stats(Protocol.TEXT, values);
    }
    if (values.isEmpty() && isError(line)) {
      return new Refused(Protocol.TEXT, -1, printable(line, 200));
    }
    throw new ProtocolException("not a memcached stats reply: " + printable(line, 80));
  }

  /** Sends a text {@code version}; the version string, or the refusal. */
  Answer textVersion(Duration firstByteWait, StringBuilder version) throws IOException {
    conn.send(Command.VERSION.ascii());
    Optional<Answer> none = awaitFirstByte(firstByteWait);
    if (none.isPresent()) {
      return none.get();
    }
    String line = readLine();
    if (line.startsWith("VERSION ") && line.length() > 8) {
      version.append(printable(line.substring(8), 128));
      return new Stats(Protocol.TEXT, Map.of("version", version.toString()));
    }
    if (isError(line)) {
      return new Refused(Protocol.TEXT, -1, printable(line, 200));
    }
    throw new ProtocolException("not a memcached version reply: " + printable(line, 80));
  }

  /** Sends a binary {@code STAT} request and reads every response up to the terminating one. */
  Answer binaryStats(Command command) throws IOException {
    require(command == Command.STATS || command == Command.STATS_SETTINGS, command);
    conn.send(command.binary());
    Map<String, String> values = new LinkedHashMap<>();
    int responses = 0;
    while (true) {
      Optional<BinaryResponse> r = readBinary(OP_STAT, responses == 0);
      if (r.isEmpty()) {
        return new Closed();
      }
      BinaryResponse b = r.get();
      if (b.status != 0) {
        if (!values.isEmpty()) {
          throw new ProtocolException(
              String.format("binary STAT status 0x%04x mid-reply", b.status));
        }
        return new Refused(Protocol.BINARY, b.status, printable(b.value, 200));
      }
      if (b.key.isEmpty()) {
        return new Stats(Protocol.BINARY, values);
      }
      if (++responses > MAX_STATS) {
        throw new ProtocolException("more than " + MAX_STATS + " binary STAT responses");
      }
      values.put(printable(b.key, 128), printable(b.value, 512));
    }
  }

  /** Sends a binary {@code VERSION} request (answered without authentication even with SASL). */
  Answer binaryVersion(StringBuilder version) throws IOException {
    conn.send(Command.VERSION.binary());
    Optional<BinaryResponse> r = readBinary(OP_VERSION, true);
    if (r.isEmpty()) {
      return new Closed();
    }
    BinaryResponse b = r.get();
    if (b.status != 0) {
      return new Refused(Protocol.BINARY, b.status, printable(b.value, 200));
    }
    if (b.value.isEmpty()) {
      throw new ProtocolException("binary VERSION response without a version");
    }
    version.append(printable(b.value, 128));
    return new Stats(Protocol.BINARY, Map.of("version", version.toString()));
  }

  /** Says goodbye in the framing used; best effort, errors ignored. */
  void quit(Protocol protocol) {
    try {
      conn.send(protocol == Protocol.TEXT ? Command.QUIT.ascii() : Command.QUIT.binary());
      conn.close();
    } catch (IOException ignored) {
      // The connection is closed by the runner anyway.
    }
  }

  /** Closes the connection. */
  void close() {
    try {
      conn.close();
    } catch (IOException ignored) {
      // Closed by the runner anyway.
    }
  }

  // ---- reading ----

  private Optional<Answer> awaitFirstByte(Duration wait) throws IOException {
    byte[] first = conn.readAvailable(wait, 1);
    if (first.length == 0) {
      return Optional.of(conn.peerClosed() ? new Closed() : new Silent());
    }
    pending = first;
    pendingPos = 0;
    return Optional.empty();
  }

  private int read() throws IOException {
    if (pendingPos < pending.length) {
      return pending[pendingPos++] & 0xff;
    }
    byte[] buf = new byte[4096];
    int n = conn.input().read(buf, 0, buf.length);
    if (n < 0) {
      return -1;
    }
    pending = java.util.Arrays.copyOf(buf, n);
    pendingPos = 0;
    return pending[pendingPos++] & 0xff;
  }

  /** One line without its terminator; at most {@link #MAX_LINE} bytes. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = read();
      if (b < 0) {
        throw new ProtocolException(
            "the reply ended mid-line after " + line.size() + " byte(s) (truncated)");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("a reply line is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }

  private record BinaryResponse(int status, String key, String value) {}

  /** One binary response; empty when the server closed before its first byte. */
  private Optional<BinaryResponse> readBinary(int opcode, boolean first) throws IOException {
    InputStream in = conn.input();
    byte[] h = new byte[24];
    int got = readFully(in, h);
    if (got == 0 && first) {
      return Optional.empty();
    }
    if (got < 24) {
      throw new ProtocolException("binary response header truncated at " + got + " of 24 bytes");
    }
    if ((h[0] & 0xff) != RESPONSE_MAGIC) {
      throw new ProtocolException(
          String.format("not a binary memcached response (magic 0x%02x)", h[0] & 0xff));
    }
    if ((h[1] & 0xff) != opcode) {
      throw new ProtocolException(
          String.format("binary response to opcode 0x%02x, expected 0x%02x", h[1] & 0xff, opcode));
    }
    int keyLen = ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    int extLen = h[4] & 0xff;
    int status = ((h[6] & 0xff) << 8) | (h[7] & 0xff);
    long bodyLen =
        ((long) (h[8] & 0xff) << 24)
            | ((h[9] & 0xff) << 16)
            | ((h[10] & 0xff) << 8)
            | (h[11] & 0xff);
    long cap = Math.min(MAX_BODY, context.readCap());
    if (bodyLen > cap) {
      throw new ProtocolException(
          "binary response announces a "
              + bodyLen
              + "-byte body, more than the "
              + cap
              + "-byte cap");
    }
    if (keyLen + extLen > bodyLen) {
      throw new ProtocolException("binary response key and extras exceed its body length");
    }
    byte[] body = new byte[(int) bodyLen];
    int n = readFully(in, body);
    if (n < body.length) {
      throw new ProtocolException(
          "binary response body truncated at " + n + " of " + bodyLen + " bytes");
    }
    String key = new String(body, extLen, keyLen, StandardCharsets.ISO_8859_1);
    String value =
        new String(
            body, extLen + keyLen, body.length - extLen - keyLen, StandardCharsets.ISO_8859_1);
    return Optional.of(new BinaryResponse(status, key, value));
  }

  private static int readFully(InputStream in, byte[] into) throws IOException {
    int off = 0;
    while (off < into.length) {
      int n = in.read(into, off, into.length - off);
      if (n < 0) {
        break;
      }
      off += n;
    }
    return off;
  }

  private static boolean isError(String line) {
    return line.equals("ERROR")
        || line.startsWith("ERROR ")
        || line.startsWith("CLIENT_ERROR")
        || line.startsWith("SERVER_ERROR");
  }

  private static void require(boolean ok, Command command) {
    if (!ok) {
      throw new IllegalArgumentException(command + " is not a stats request");
    }
  }

  /** {@code text} with control characters replaced and cut to {@code max} characters. */
  static String printable(String text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && sb.length() < max; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c >= 0x7f ? '?' : c);
    }
    if (text.length() > max) {
      sb.append("...");
    }
    return sb.toString();
  }
}
