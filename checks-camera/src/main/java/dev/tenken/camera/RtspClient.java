package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal, read-only RTSP/1.0 client (RFC 2326) over the check's {@link TcpConnection}s. It sends
 * only the methods of {@link #ALLOWED} — {@code OPTIONS} and {@code DESCRIBE}, which change nothing
 * on the device — and refuses any other method before a byte is sent: never {@code SETUP}, {@code
 * PLAY}, {@code ANNOUNCE}, {@code RECORD} or {@code SET_PARAMETER}, so no stream is ever started.
 *
 * <p>Requests carry an increasing {@code CSeq}, {@code User-Agent: Tenken}, {@code Accept:
 * application/sdp} on {@code DESCRIBE} and an optional {@code Authorization}. The connection is
 * kept alive between requests and reopened once when the device closed it in between.
 *
 * <p>Replies are read with hard caps: a status line within {@value #MAX_LINE} bytes, at most
 * {@value #MAX_HEADERS} header lines of at most {@value #MAX_LINE} bytes each, a body only as long
 * as {@code Content-Length} says and at most {@value #MAX_BODY} bytes — a larger announced length
 * is refused before anything is allocated. Anything else (interleaved RTP data, another protocol,
 * garbage, a truncated reply) is a {@link ProtocolException} saying what was wrong. Every read is
 * bounded by the check's deadline through the connection.
 *
 * <p>Not thread-safe: one check uses it from one thread; close it when done (the runner closes the
 * connection at the deadline anyway).
 */
final class RtspClient implements Closeable {
  /** The only methods ever sent. */
  static final Set<String> ALLOWED = Set.of("OPTIONS", "DESCRIBE");

  /** Longest status or header line, in bytes. */
  static final int MAX_LINE = 8 * 1024;

  /** Most header lines in one reply. */
  static final int MAX_HEADERS = 64;

  /** Largest body accepted, in bytes. */
  static final int MAX_BODY = 64 * 1024;

  private static final Pattern STATUS_LINE =
      Pattern.compile("RTSP/(\\d)\\.(\\d) (\\d{3})(?: (.*))?");

  private final CheckContext context;
  private final Endpoint endpoint;
  private TcpConnection conn;
  private InputStream in;
  private int cseq;

  RtspClient(CheckContext context, Endpoint endpoint) {
    this.context = context;
    this.endpoint = endpoint;
  }

  /** The absolute request URL of {@code route} on the endpoint: {@code rtsp://192.0.2.1:554/x}. */
  String url(String route) {
    String r = route.startsWith("/") ? route : "/" + route;
    return "rtsp://" + endpoint.addressText() + ":" + endpoint.port() + r;
  }

  /** {@code OPTIONS <url of "/">}: what the server offers. */
  RtspReply options() throws IOException {
    return send("OPTIONS", url("/"), null);
  }

  /** {@code DESCRIBE} of {@code route}, with {@code authorization} (a header value) or none. */
  RtspReply describe(String route, String authorization) throws IOException {
    return send("DESCRIBE", url(route), authorization);
  }

  /**
   * Sends one request and reads its reply.
   *
   * @param method one of {@link #ALLOWED}
   * @param uri the absolute request URI
   * @param authorization the {@code Authorization} header value, or null
   * @throws IllegalArgumentException when {@code method} is not allowed (nothing is sent), or the
   *     URI or authorization would break the request framing
   * @throws ProtocolException when the reply is malformed, oversized or not RTSP
   * @throws IOException when the connection fails or the deadline passes
   */
  RtspReply send(String method, String uri, String authorization) throws IOException {
    if (!ALLOWED.contains(method)) {
      throw new IllegalArgumentException("RTSP method " + method + " is not allowed: read-only");
    }
    if (hasControl(uri) || (authorization != null && hasControl(authorization))) {
      throw new IllegalArgumentException("control characters in an RTSP request");
    }
    StringBuilder req = new StringBuilder();
    req.append(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
    int seq = ++cseq;
    req.append("CSeq: ").append(seq).append("\r\n");
    req.append("User-Agent: Tenken\r\n");
    if (method.equals("DESCRIBE")) {
      req.append("Accept: application/sdp\r\n");
    }
    if (authorization != null) {
      req.append("Authorization: ").append(authorization).append("\r\n");
    }
    req.append("\r\n");
    byte[] bytes = req.toString().getBytes(StandardCharsets.UTF_8);
    if (conn != null && !conn.peerClosed()) {
      try {
        conn.send(bytes);
        return read(seq, true);
      } catch (ClosedBeforeReply e) {
        // A kept-alive connection the device closed meanwhile: try once more on a fresh one.
      }
    }
    close();
    conn = context.connect(endpoint);
    in = new BufferedInputStream(conn.input(), 4096);
    conn.send(bytes);
    try {
      return read(seq, false);
    } catch (ClosedBeforeReply e) {
      throw new NoReply();
    }
  }

  private RtspReply read(int seq, boolean reused) throws IOException {
    String statusLine;
    try {
      statusLine = readLine(true);
    } catch (java.net.SocketException e) {
      if (reused) {
        throw new ClosedBeforeReply(); // reset on a kept-alive connection
      }
      throw e;
    }
    Matcher m = STATUS_LINE.matcher(statusLine);
    if (!m.matches()) {
      throw new NotRtsp(statusLine);
    }
    int status = Integer.parseInt(m.group(3));
    String reason = printable(m.group(4) == null ? "" : m.group(4), 80);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
      if (headers.size() >= MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " header lines in the reply");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("malformed RTSP header line: " + printable(line, 60));
      }
      headers.add(
          new AbstractMap.SimpleImmutableEntry<>(
              line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
    }
    RtspReply head = new RtspReply(status, reason, headers, new byte[0]);
    String replySeq = head.header("CSeq").orElse(null);
    if (replySeq != null && !replySeq.equals(String.valueOf(seq))) {
      throw new ProtocolException(
          "reply CSeq " + printable(replySeq, 12) + " does not answer request CSeq " + seq);
    }
    int length = contentLength(head);
    byte[] body = readBody(length);
    return new RtspReply(status, reason, headers, body);
  }

  private static int contentLength(RtspReply head) throws ProtocolException {
    List<String> values = head.headers("Content-Length");
    if (values.isEmpty()) {
      return 0;
    }
    String v = values.get(0);
    for (String other : values) {
      if (!other.equals(v)) {
        throw new ProtocolException("conflicting Content-Length headers");
      }
    }
    if (!v.matches("\\d{1,19}")) {
      throw new ProtocolException("Content-Length is not a number: " + printable(v, 24));
    }
    // Compare as text length first: a 19-digit value must not overflow.
    if (v.length() > 9 || Long.parseLong(v) > MAX_BODY) {
      throw new ProtocolException(
          "Content-Length announces "
              + printable(v, 24)
              + " bytes, more than the "
              + MAX_BODY
              + "-byte cap for an RTSP reply");
    }
    return Integer.parseInt(v);
  }

  private byte[] readBody(int length) throws IOException {
    byte[] body = new byte[length];
    int off = 0;
    while (off < length) {
      int n = in.read(body, off, length - off);
      if (n < 0) {
        throw new ProtocolException(
            "truncated RTSP reply: the body ended after " + off + " of " + length + " bytes");
      }
      off += n;
    }
    return body;
  }

  /**
   * Reads one CRLF- or LF-terminated line, at most {@link #MAX_LINE} bytes, as ISO-8859-1. On the
   * status line, {@code $} first means interleaved RTP data.
   */
  private String readLine(boolean first) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (first && line.size() == 0) {
          throw new ClosedBeforeReply();
        }
        throw new ProtocolException(
            "truncated RTSP reply: the connection closed within the "
                + (first ? "status line" : "headers"));
      }
      if (first && line.size() == 0 && b == '$') {
        throw new ProtocolException("interleaved RTP data ('$' frame) instead of an RTSP reply");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
          len--;
        }
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException(
            "an RTSP "
                + (first ? "status" : "header")
                + " line longer than "
                + MAX_LINE
                + " bytes");
      }
      line.write(b);
    }
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} with non-printable characters as {@code ?}, cut to {@code max} characters. */
  static String printable(String s, int max) {
    String p = s.replaceAll("[^\\x20-\\x7e]", "?");
    return p.length() > max ? p.substring(0, max) + "..." : p;
  }

  @Override
  public void close() {
    if (conn != null) {
      try {
        conn.close();
      } catch (IOException ignored) {
        // Closing a socket the peer dropped: nothing to do.
      }
      conn = null;
      in = null;
    }
  }

  /** The device closed the connection without sending a byte of a reply. */
  static final class NoReply extends ProtocolException {
    private static final long serialVersionUID = 1L;

    NoReply() {
      super("the device closed the connection without an RTSP reply");
    }
  }

  /** The first line of the reply is not an RTSP status line: another protocol or garbage. */
  static final class NotRtsp extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** The first line, printable, at most 60 characters. */
    final String firstLine;

    NotRtsp(String line) {
      super("not an RTSP reply: " + printable(line, 60));
      this.firstLine = printable(line, 60);
    }

    /** Whether the first line is an HTTP status line: a web server on this port. */
    boolean isHttp() {
      return firstLine.matches("HTTP/\\d(\\.\\d)? \\d{3}.*");
    }
  }

  /** The device closed the connection (or reset it) before the reply started. */
  private static final class ClosedBeforeReply extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedBeforeReply() {
      super("closed before the reply");
    }
  }
}
