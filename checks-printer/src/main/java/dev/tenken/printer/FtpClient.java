package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny FTP control-connection client (RFC 959) for the printer checks, over one {@link
 * TcpConnection}. Deliberately not Apache Commons Net: the checks need four commands and a bounded
 * reply reader, and Commons Net's reader has no line or reply cap and would pull in a client that
 * can STOR — which on a printer prints.
 *
 * <p>The allow-list lives here and nowhere else: {@link Command} is every command this class can
 * send — {@code USER anonymous}, {@code PASS tenken@} (the anonymous-FTP convention of RFC 1635, an
 * e-mail-like string, not a secret), {@code FEAT} and {@code QUIT}. No data connection is ever
 * opened: no {@code PASV}/{@code PORT}, {@code LIST}, {@code RETR} or {@code STOR} (FTP on printers
 * is a print path: a stored file prints).
 *
 * <p>Hostile input: a line is read up to {@value #MAX_LINE} bytes, a multi-line reply up to {@value
 * #MAX_LINES} lines; a malformed reply code, more, or an end of stream mid-reply throws {@link
 * ProtocolException}. Reads are bounded by the check's deadline and byte cap.
 *
 * <p>Not thread-safe: one check uses one instance from one thread.
 */
final class FtpClient implements AutoCloseable {
  static final int MAX_LINE = 1024;
  static final int MAX_LINES = 256;

  /** Every command this client can send: the allow-list. */
  enum Command {
    USER_ANONYMOUS("USER anonymous"),
    PASS_ANONYMOUS("PASS tenken@"),
    FEAT("FEAT"),
    QUIT("QUIT");

    final String line;

    Command(String line) {
      this.line = line;
    }

    byte[] bytes() {
      return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** A reply: its three-digit code and its lines (text after the code, printable). */
  record Reply(int code, List<String> lines) {
    Reply {
      lines = List.copyOf(lines);
    }

    /** The first line, as {@code code text}. */
    String summary() {
      return code + " " + (lines.isEmpty() ? "" : FtpClient.printable(lines.get(0), 100));
    }
  }

  private final TcpConnection conn;
  private byte[] pending = new byte[0];
  private int pendingPos;

  private FtpClient(TcpConnection conn) {
    this.conn = conn;
  }

  /** Connects through the context. */
  static FtpClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new FtpClient(context.connect(endpoint));
  }

  /** Reads the greeting; it must be a 2xx/1xx/4xx/5xx reply (220 when the server serves). */
  Reply greeting() throws IOException {
    return readReply();
  }

  /** Sends {@code command} and reads its reply. */
  Reply send(Command command) throws IOException {
    conn.send(command.bytes());
    return readReply();
  }

  /** Sends QUIT, best effort, and closes. */
  void quit() {
    try {
      conn.send(Command.QUIT.bytes());
    } catch (IOException ignored) {
      // closed by the runner anyway
    }
    close();
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (IOException ignored) {
      // closed by the runner anyway
    }
  }

  /** One reply: single line {@code ddd text} or multi-line {@code ddd-...} up to {@code ddd }. */
  Reply readReply() throws IOException {
    String first = readLine();
    int code = code(first);
    List<String> lines = new ArrayList<>();
    lines.add(first.length() > 4 ? first.substring(4) : "");
    if (first.length() > 3 && first.charAt(3) == '-') {
      String end = first.substring(0, 3) + " ";
      while (true) {
        String l = readLine();
        if (lines.size() >= MAX_LINES) {
          throw new ProtocolException("an FTP reply has more than " + MAX_LINES + " lines");
        }
        if (l.startsWith(end) || l.equals(first.substring(0, 3))) {
          lines.add(l.length() > 4 ? l.substring(4) : "");
          break;
        }
        lines.add(l);
      }
    } else if (first.length() > 3 && first.charAt(3) != ' ') {
      throw new ProtocolException("malformed FTP reply: " + printable(first, 60));
    }
    return new Reply(code, lines);
  }

  private static int code(String line) throws ProtocolException {
    if (line.length() < 3
        || !Character.isDigit(line.charAt(0))
        || !Character.isDigit(line.charAt(1))
        || !Character.isDigit(line.charAt(2))
        || line.charAt(0) < '1'
        || line.charAt(0) > '5') {
      throw new ProtocolException("not an FTP reply: " + printable(line, 60));
    }
    return Integer.parseInt(line.substring(0, 3));
  }

  private int read() throws IOException {
    if (pendingPos < pending.length) {
      return pending[pendingPos++] & 0xff;
    }
    byte[] buf = new byte[2048];
    int n = conn.input().read(buf, 0, buf.length);
    if (n < 0) {
      return -1;
    }
    pending = Arrays.copyOf(buf, n);
    pendingPos = 0;
    return pending[pendingPos++] & 0xff;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    while (true) {
      int b = read();
      if (b < 0) {
        throw new ProtocolException(
            line.size() == 0
                ? "the FTP server closed the connection"
                : "the FTP reply ended mid-line (truncated)");
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("an FTP reply line is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }

  /** {@code text} with control characters replaced and cut to {@code max} characters. */
  static String printable(String text, int max) {
    return PjlClient.printable(text, max);
  }
}
