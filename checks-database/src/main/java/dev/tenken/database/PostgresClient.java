package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.Secret;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A minimal client of the PostgreSQL frontend/backend protocol 3.0, written for Tenken's checks and
 * nothing else: it asks whether the server offers TLS ({@code SSLRequest}), and it logs in — trust,
 * cleartext password, MD5 and SCRAM-SHA-256 done right (the server must prove it knows the
 * password) — and then terminates at once. It never runs a query.
 *
 * <p>Why not the PostgreSQL JDBC driver: the driver opens its own sockets, which would bypass the
 * {@link CheckContext}'s scope check, deadline and byte cap, and it runs queries of its own after
 * login. This client talks only through {@link CheckContext#connect}.
 *
 * <p><b>What may be sent</b> is enforced in one place, {@link #send}: an {@code SSLRequest}, a
 * {@code StartupMessage} (protocol 3.0), a password/SASL message ({@code p}) and {@code Terminate}
 * ({@code X}). Any other message — a query ({@code Q}), a parse ({@code P}), a copy — is refused
 * before a byte leaves; {@link #isAllowed} states the rule.
 *
 * <p><b>Cleartext passwords</b>: when the server asks for a password in cleartext over this (never
 * encrypted) connection, the client sends it only if the caller allowed it, which the checks do
 * only for the publicly known vendor defaults they try; anything else would put a secret on the
 * wire for anyone to read.
 *
 * <p><b>Bounded</b>: every message is a type byte and a length that is checked against {@value
 * #MAX_MESSAGE} bytes and the context's byte cap before anything is allocated; at most {@value
 * #MAX_MESSAGES} messages are read per login; malformed, truncated or unexpected messages throw
 * {@link ProtocolException}.
 *
 * <p>Not thread-safe: one check uses one client on one thread. Closing it closes the connection.
 */
final class PostgresClient implements Closeable {
  /** {@code SSLRequest} code: 1234 in the upper 16 bits, 5679 in the lower. */
  static final int SSL_REQUEST_CODE = 80877103;

  /** Protocol version 3.0. */
  static final int PROTOCOL_3 = 196608;

  /** Largest message accepted, in bytes, before the context's cap. */
  static final int MAX_MESSAGE = 64 * 1024;

  /** Most messages read in one login. */
  static final int MAX_MESSAGES = 256;

  /** SQLSTATE of a wrong password. */
  static final String INVALID_PASSWORD = "28P01";

  /** SQLSTATE of an invalid authorization (no pg_hba.conf entry, a rejecting rule). */
  static final String INVALID_AUTHORIZATION = "28000";

  private final TcpConnection connection;
  private final int cap;

  private PostgresClient(TcpConnection connection, int cap) {
    this.connection = connection;
    this.cap = cap;
  }

  /** Connects through the context (scope, deadline and byte cap enforced there). */
  static PostgresClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new PostgresClient(
        context.connect(endpoint), Math.max(16, Math.min(MAX_MESSAGE, context.readCap())));
  }

  /** For tests: a client over an existing connection. */
  static PostgresClient over(TcpConnection connection, int cap) {
    return new PostgresClient(connection, cap);
  }

  // ---- the allow-list

  /**
   * Whether {@code message} may be sent: an {@code SSLRequest} or a protocol-3.0 {@code
   * StartupMessage} (untyped, length first), a password/SASL response {@code p} or {@code
   * Terminate} {@code X}. Nothing else, in particular no query.
   */
  static boolean isAllowed(byte[] message) {
    if (message.length >= 8 && message[0] != 'p' && message[0] != 'X') {
      int length = readInt(message, 0);
      int code = readInt(message, 4);
      return length == message.length && (code == SSL_REQUEST_CODE || code == PROTOCOL_3);
    }
    if (message.length >= 5 && (message[0] == 'p' || message[0] == 'X')) {
      return readInt(message, 1) == message.length - 1;
    }
    return false;
  }

  /** The one place bytes leave this client: refuses anything {@link #isAllowed} does not admit. */
  private void send(byte[] message) throws IOException {
    if (!isAllowed(message)) {
      throw new IllegalStateException(
          "refused to send a PostgreSQL message outside the read-only allow-list");
    }
    connection.send(message);
  }

  // ---- TLS

  /**
   * Sends an {@code SSLRequest} and reads exactly one byte: {@code 'S'} (TLS offered), {@code 'N'}
   * (not offered) or {@code 'E'} (the start of an ErrorResponse: a server too old for TLS). The
   * connection is not usable afterwards: close it.
   *
   * @throws ProtocolException when the server closes or answers any other byte
   */
  char sslRequest() throws IOException {
    byte[] m = new byte[8];
    writeInt(m, 0, 8);
    writeInt(m, 4, SSL_REQUEST_CODE);
    send(m);
    int b = connection.input().read();
    if (b < 0) {
      throw new ProtocolException("the server closed the connection on an SSLRequest");
    }
    if (b != 'S' && b != 'N' && b != 'E') {
      throw new ProtocolException(
          "the server answered an SSLRequest with byte 0x" + Integer.toHexString(b));
    }
    return (char) b;
  }

  /** The SSLRequest itself, for the service probe. */
  static byte[] sslRequestBytes() {
    byte[] m = new byte[8];
    writeInt(m, 0, 8);
    writeInt(m, 4, SSL_REQUEST_CODE);
    return m;
  }

  // ---- login

  /** How a login ended. */
  enum Status {
    /** AuthenticationOk; the client sent Terminate. */
    ACCEPTED,
    /** The server asked for a password and the client had none to give; it hung up. */
    PASSWORD_REQUIRED,
    /** The server sent an ErrorResponse (see {@link Login#sqlState()}). */
    REJECTED,
    /** The server asked for a cleartext password and the caller did not allow sending it. */
    CLEARTEXT_REFUSED,
    /** The server asked for a method this client does not speak (Kerberos, GSSAPI, SSPI...). */
    UNSUPPORTED
  }

  /**
   * What a login showed.
   *
   * @param status how it ended
   * @param method the authentication the server asked for: {@code trust} (none), {@code password}
   *     (cleartext), {@code md5}, {@code SCRAM-SHA-256}, or another method's name
   * @param sqlState the SQLSTATE of an ErrorResponse, empty otherwise
   * @param message the server's error message (bounded), empty otherwise
   * @param serverVersion {@code server_version} from the ParameterStatus messages after
   *     AuthenticationOk; only known after a successful login
   */
  record Login(
      Status status,
      String method,
      String sqlState,
      String message,
      Optional<String> serverVersion) {}

  /**
   * Logs in as {@code user} to {@code database} and, on AuthenticationOk, sends Terminate at once.
   *
   * @param password the password to answer with, or {@code null} to send none (the client hangs up
   *     when one is asked for)
   * @param cleartextAllowed whether a cleartext password may be sent over this unencrypted
   *     connection (only for publicly known defaults)
   * @throws ProtocolException when the server sends malformed or unexpected messages, or
   *     AuthenticationOk after SCRAM without proving that it knows the password
   */
  Login login(String user, String database, @Nullable Secret password, boolean cleartextAllowed)
      throws IOException {
    send(startup(user, database));
    Scram scram = null;
    boolean scramVerified = false;
    String method = "trust";
    for (int n = 0; n < MAX_MESSAGES; n++) {
      Message m = read();
      switch (m.type) {
        case 'R' -> {
          Cursor c = new Cursor(m.body);
          int code = c.int32();
          switch (code) {
            case 0 -> {
              if (scram != null && !scramVerified) {
                throw new ProtocolException(
                    "AuthenticationOk after SCRAM without a server signature: the server did"
                        + " not prove it knows the password");
              }
              Optional<String> version = afterOk();
              terminate();
              return new Login(Status.ACCEPTED, method, "", "", version);
            }
            case 3 -> {
              method = "password";
              if (password == null) {
                return new Login(Status.PASSWORD_REQUIRED, method, "", "", Optional.empty());
              }
              if (!cleartextAllowed) {
                return new Login(Status.CLEARTEXT_REFUSED, method, "", "", Optional.empty());
              }
              send(passwordMessage(cString(password.reveal())));
            }
            case 5 -> {
              method = "md5";
              byte[] salt = c.bytes(4);
              if (password == null) {
                return new Login(Status.PASSWORD_REQUIRED, method, "", "", Optional.empty());
              }
              send(passwordMessage(cString(md5(user, password.reveal(), salt))));
            }
            case 10 -> {
              List<String> mechanisms = new ArrayList<>();
              for (String s = c.cString(); !s.isEmpty(); s = c.cString()) {
                if (mechanisms.size() < 16) {
                  mechanisms.add(s);
                }
              }
              if (!mechanisms.contains(Scram.Hash.SHA_256.mechanism)) {
                return new Login(
                    Status.UNSUPPORTED,
                    "SASL " + String.join(" ", mechanisms),
                    "",
                    "",
                    Optional.empty());
              }
              method = Scram.Hash.SHA_256.mechanism;
              if (password == null) {
                return new Login(Status.PASSWORD_REQUIRED, method, "", "", Optional.empty());
              }
              scram = new Scram(Scram.Hash.SHA_256, "", Scram.saslPrep(password.reveal()));
              byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
              ByteArrayOutputStream body = new ByteArrayOutputStream();
              body.writeBytes(cString(Scram.Hash.SHA_256.mechanism));
              body.writeBytes(int32(first.length));
              body.writeBytes(first);
              send(passwordMessage(body.toByteArray()));
            }
            case 11 -> {
              if (scram == null) {
                throw new ProtocolException("AuthenticationSASLContinue without SASL");
              }
              String serverFirst = c.rest();
              send(
                  passwordMessage(scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)));
            }
            case 12 -> {
              if (scram == null) {
                throw new ProtocolException("AuthenticationSASLFinal without SASL");
              }
              scram.verifyServerFinal(c.rest());
              scramVerified = true;
            }
            case 2, 6, 7, 8, 9 -> {
              method =
                  switch (code) {
                    case 2 -> "KerberosV5";
                    case 6 -> "SCM credentials";
                    case 9 -> "SSPI";
                    default -> "GSSAPI";
                  };
              return new Login(Status.UNSUPPORTED, method, "", "", Optional.empty());
            }
            default -> throw new ProtocolException("unknown authentication request " + code);
          }
        }
        case 'E' -> {
          Map<Character, String> fields = errorFields(m.body);
          return new Login(
              Status.REJECTED,
              method,
              fields.getOrDefault('C', ""),
              fields.getOrDefault('M', ""),
              Optional.empty());
        }
        case 'N' -> {
          // NoticeResponse: ignored
        }
        default ->
            throw new ProtocolException(
                "unexpected message '" + printable(m.type) + "' during authentication");
      }
    }
    throw new ProtocolException("more than " + MAX_MESSAGES + " messages during authentication");
  }

  /** Reads ParameterStatus messages up to ReadyForQuery; returns {@code server_version}. */
  private Optional<String> afterOk() throws IOException {
    String version = null;
    for (int n = 0; n < MAX_MESSAGES; n++) {
      Message m = read();
      switch (m.type) {
        case 'S' -> {
          Cursor c = new Cursor(m.body);
          String name = c.cString();
          String value = c.cString();
          if (name.equals("server_version")) {
            version = sanitize(value);
          }
        }
        case 'K', 'N' -> {
          // BackendKeyData, NoticeResponse
        }
        case 'Z' -> {
          return Optional.ofNullable(version);
        }
        case 'E' -> {
          // An error after AuthenticationOk (a database that does not exist...): the password
          // was accepted all the same; the version may still have come.
          return Optional.ofNullable(version);
        }
        default ->
            throw new ProtocolException(
                "unexpected message '" + printable(m.type) + "' after AuthenticationOk");
      }
    }
    throw new ProtocolException("more than " + MAX_MESSAGES + " messages after AuthenticationOk");
  }

  private void terminate() throws IOException {
    send(new byte[] {'X', 0, 0, 0, 4});
  }

  private static byte[] startup(String user, String database) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(int32(PROTOCOL_3));
    body.writeBytes(cString("user"));
    body.writeBytes(cString(user));
    body.writeBytes(cString("database"));
    body.writeBytes(cString(database));
    body.writeBytes(cString("application_name"));
    body.writeBytes(cString("tenken"));
    body.write(0);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(int32(b.length + 4));
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] passwordMessage(byte[] body) {
    byte[] m = new byte[body.length + 5];
    m[0] = 'p';
    writeInt(m, 1, body.length + 4);
    System.arraycopy(body, 0, m, 5, body.length);
    return m;
  }

  /** {@code "md5" + md5hex(md5hex(password + user) + salt)}. */
  static String md5(String user, String password, byte[] salt) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      String inner =
          HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
      md.update(inner.getBytes(StandardCharsets.US_ASCII));
      md.update(salt);
      return "md5" + HexFormat.of().formatHex(md.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  // ---- reading

  /** One backend message. */
  private record Message(char type, byte[] body) {}

  private Message read() throws IOException {
    InputStream in = connection.input();
    int type = in.read();
    if (type < 0) {
      throw new ProtocolException("the server closed the connection");
    }
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new ProtocolException("truncated message header");
    }
    int length = readInt(header, 0);
    if (length < 4 || length - 4 > cap) {
      throw new ProtocolException(
          "message '" + printable((char) type) + "' announces " + length + " bytes, over the cap");
    }
    byte[] body = in.readNBytes(length - 4);
    if (body.length < length - 4) {
      throw new ProtocolException("truncated message '" + printable((char) type) + "'");
    }
    return new Message((char) type, body);
  }

  /** The fields of an ErrorResponse or NoticeResponse body, code to value. */
  static Map<Character, String> errorFields(byte[] body) throws ProtocolException {
    Map<Character, String> fields = new LinkedHashMap<>();
    Cursor c = new Cursor(body);
    while (true) {
      int code = c.byte1();
      if (code == 0) {
        return fields;
      }
      fields.put((char) code, sanitize(c.cString()));
    }
  }

  /** Keeps printable characters, at most 200 of them. */
  static String sanitize(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char ch = s.charAt(i);
      b.append(Character.isISOControl(ch) ? '?' : ch);
    }
    return b.toString();
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : "0x" + Integer.toHexString(c);
  }

  /** Reads a message body; every overrun is a {@link ProtocolException}. */
  private static final class Cursor {
    private final byte[] data;
    private int pos;

    Cursor(byte[] data) {
      this.data = data;
    }

    int byte1() throws ProtocolException {
      if (pos >= data.length) {
        throw new ProtocolException("truncated message body");
      }
      return data[pos++] & 0xff;
    }

    int int32() throws ProtocolException {
      if (pos + 4 > data.length) {
        throw new ProtocolException("truncated message body");
      }
      int v = readInt(data, pos);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) throws ProtocolException {
      if (pos + n > data.length) {
        throw new ProtocolException("truncated message body");
      }
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
        throw new ProtocolException("unterminated string in message body");
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = end + 1;
      return s;
    }

    String rest() {
      String s = new String(data, pos, data.length - pos, StandardCharsets.UTF_8);
      pos = data.length;
      return s;
    }
  }

  // ---- bytes

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  private static byte[] int32(int v) {
    byte[] b = new byte[4];
    writeInt(b, 0, v);
    return b;
  }

  private static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24)
        | ((b[off + 1] & 0xff) << 16)
        | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }

  @Override
  public String toString() {
    return "PostgresClient[" + connection.endpoint().uri() + "]";
  }
}
