package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A read-only PJL client for raw print ports (9100-9107, 9999), over one {@link TcpConnection}.
 *
 * <p>The allow-list lives here and in the print-port guard, nowhere else: {@link Query} is every
 * command this class can send, and each payload is built by {@link PrintPortGuard#query}, which
 * frames it with the Universal Exit Language ({@code ESC%-12345X}) at both ends and refuses
 * anything but a PJL query. There is no other way to put bytes on the wire from this class; the
 * runner checks the payload again before it leaves ({@link TcpConnection#send}). Never sent: file
 * transfer or change ({@code FSUPLOAD}, {@code FSDOWNLOAD}, {@code FSDELETE}, {@code FSMKDIR},
 * {@code FSINIT}), {@code SET}/{@code DEFAULT}, {@code RDYMSG}, resets, or page data.
 *
 * <p>A PJL reply echoes the query on its first line ({@code @PJL INFO ID}), then holds the answer
 * and ends with a form feed ({@code \f}). Hostile input: a reply is read up to {@value #MAX_REPLY}
 * bytes and {@value #MAX_LINES} lines, a line up to {@value #MAX_LINE} bytes; more, binary bytes, a
 * reply that does not start with {@code @PJL}, or a stream that ends before the form feed throw
 * {@link ProtocolException}. Every read is bounded by the check's deadline and byte cap.
 *
 * <p>Not thread-safe: one check uses one instance from one thread.
 */
final class PjlClient implements AutoCloseable {
  /** Most bytes of one reply, form feed included. */
  static final int MAX_REPLY = 64 * 1024;

  /** Most lines of one reply. */
  static final int MAX_LINES = 512;

  /** Longest line of a reply. */
  static final int MAX_LINE = 1024;

  /** Longest wait for the first byte of a reply (printers that do not know a query stay silent). */
  static final Duration FIRST_BYTE_WAIT = Duration.ofMillis(2_500);

  /** Every query this client can send: the allow-list. */
  enum Query {
    INFO_ID("INFO ID"),
    INFO_STATUS("INFO STATUS"),
    INFO_CONFIG("INFO CONFIG"),
    INFO_FILESYS("INFO FILESYS"),
    INFO_VARIABLES("INFO VARIABLES"),
    /** The first 16 entries of the root of volume {@code 0:}, a listing only. */
    FSDIRLIST_ROOT("FSDIRLIST NAME=\"0:\\\" ENTRY=1 COUNT=16"),
    DINQUIRE_PASSWORD("DINQUIRE PASSWORD"),
    DINQUIRE_CPLOCK("DINQUIRE CPLOCK"),
    DINQUIRE_DISKLOCK("DINQUIRE DISKLOCK");

    final String command;

    Query(String command) {
      this.command = command;
    }

    /** The UEL-framed payload, built (and checked) by the print-port guard. */
    byte[] payload() {
      return PrintPortGuard.query(command);
    }
  }

  /**
   * A reply: the echoed first line and the lines after it, without line ends and without the form
   * feed.
   */
  record Reply(String echo, List<String> lines) {
    Reply {
      lines = List.copyOf(lines);
    }

    /** The answer lines without blank ones and with surrounding white space and quotes removed. */
    List<String> values() {
      List<String> out = new ArrayList<>();
      for (String l : lines) {
        String v = unquote(l.strip());
        if (!v.isEmpty()) {
          out.add(v);
        }
      }
      return out;
    }

    /** Whether the printer answered the query with nothing or {@code ?} (unknown, unsupported). */
    boolean unsupported() {
      List<String> v = values();
      return v.isEmpty() || (v.size() == 1 && v.get(0).equals("?"));
    }

    /** The first value, upper case, or empty. */
    String firstValue() {
      List<String> v = values();
      return v.isEmpty() ? "" : v.get(0).toUpperCase(Locale.ROOT);
    }
  }

  private final TcpConnection conn;
  private final CheckContext context;
  private byte[] pending = new byte[0];
  private int pendingPos;

  private PjlClient(TcpConnection conn, CheckContext context) {
    this.conn = conn;
    this.context = context;
  }

  /** Connects through the context (which refuses print ports unless they are enabled). */
  static PjlClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new PjlClient(context.connect(endpoint), context);
  }

  /**
   * Sends {@code query} and reads its reply.
   *
   * @return the reply; empty when nothing came within the first-byte wait (a printer that does not
   *     know the query, or PJL turned off) or the printer closed without a byte
   * @throws ProtocolException when the reply is not PJL, binary, truncated or oversized
   */
  Optional<Reply> ask(Query query) throws IOException {
    conn.send(query.payload());
    if (pendingPos < pending.length) {
      return Optional.of(readReply(pending[pendingPos++], query));
    }
    Duration left = context.remaining();
    Duration wait = left.compareTo(FIRST_BYTE_WAIT) < 0 ? left : FIRST_BYTE_WAIT;
    byte[] first = conn.readAvailable(wait, 1);
    if (first.length == 0) {
      return Optional.empty();
    }
    return Optional.of(readReply(first[0], query));
  }

  /** Whether the printer closed the connection. */
  boolean closed() {
    return conn.peerClosed();
  }

  private Reply readReply(byte first, Query query) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    List<String> lines = new ArrayList<>();
    int total = 0;
    int b = first & 0xff;
    boolean started = false;
    while (true) {
      if (b < 0) {
        throw new ProtocolException(
            "the PJL reply to "
                + query.command
                + " ended after "
                + total
                + " byte(s) without its form feed (truncated)");
      }
      if (++total > MAX_REPLY) {
        throw new ProtocolException(
            "the PJL reply to " + query.command + " is longer than " + MAX_REPLY + " bytes");
      }
      if (b == '\f' || b == '\n') {
        String text = stripCr(line.toString(StandardCharsets.ISO_8859_1));
        line.reset();
        if (!started) {
          if (!text.isEmpty() || b == '\f') {
            // skip leading blank lines only
            started = startLine(text, query);
          }
        } else if (b == '\n' || !text.isEmpty()) {
          lines.add(text);
        }
        if (lines.size() > MAX_LINES) {
          throw new ProtocolException(
              "the PJL reply to " + query.command + " has more than " + MAX_LINES + " lines");
        }
        if (b == '\f' && started) {
          return new Reply("@PJL " + query.command, lines);
        }
      } else if (b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7f) || b >= 0xa0) {
        if (line.size() >= MAX_LINE) {
          throw new ProtocolException(
              "a line of the PJL reply to " + query.command + " is longer than " + MAX_LINE);
        }
        line.write(b);
      } else if (b == 0x1b || b == 0) {
        // UEL framing or padding some printers add around replies: not part of the text
        line.write(b == 0 ? ' ' : 0x1b);
      } else {
        throw new ProtocolException(
            String.format(
                "binary byte 0x%02x in the reply to %s: not a PJL reply", b, query.command));
      }
      b = next();
    }
  }

  /** The next byte of the stream, or -1 at its end. */
  private int next() throws IOException {
    if (pendingPos < pending.length) {
      return pending[pendingPos++] & 0xff;
    }
    InputStream in = conn.input();
    byte[] buf = new byte[4096];
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      return -1;
    }
    pending = java.util.Arrays.copyOf(buf, n);
    pendingPos = 0;
    return pending[pendingPos++] & 0xff;
  }

  /** Accepts the echo line ({@code @PJL INFO ID}); throws on anything else. */
  private static boolean startLine(String text, Query query) throws ProtocolException {
    String t = text.replace(PrintPortGuard.UEL, "").strip();
    if (t.isEmpty()) {
      return false;
    }
    if (!t.startsWith("@PJL")) {
      throw new ProtocolException(
          "not a PJL reply to " + query.command + ": starts with " + printable(t, 40));
    }
    return true;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).strip();
    }
    return s;
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

  @Override
  public void close() {
    try {
      conn.close();
    } catch (IOException ignored) {
      // the runner closes it anyway
    }
  }
}
