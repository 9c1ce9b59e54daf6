package dev.tenken.test.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * A webcam or camera web server on a loopback port, written on raw sockets because it must stream
 * without end (an MJPEG stream never finishes; WireMock cannot do that). It serves, per {@link
 * Product}:
 *
 * <ul>
 *   <li>{@link Product#MJPG_STREAMER}: {@code Server: MJPG-Streamer/0.2}; demo page at {@code /},
 *       control page {@code /control.htm}, stream {@code /?action=stream}, snapshot {@code
 *       /?action=snapshot}; realm {@code MJPG-Streamer};
 *   <li>{@link Product#WEBCAMXP}: {@code Server: webcamXP 5}; {@code /home.html} (also {@code /})
 *       and {@code /mobile.html}, stream {@code /cam_1.cgi}, snapshot {@code /cam_1.jpg}; realm
 *       {@code webcamXP};
 *   <li>{@link Product#MOTION}: no {@code Server} header; webcontrol page at {@code /} ({@code
 *       Motion 4.3.2 Running [1] Camera}), stream {@code /stream}; realm {@code Motion Security
 *       Access};
 *   <li>{@link Product#IP_CAMERA}: an unbranded camera with no {@code Server} header: a viewer page
 *       at {@code /}, stream {@code /videostream.cgi}, snapshots {@code /snapshot.jpg} and {@code
 *       /tmpfs/auto.jpg}; realm {@code IP Camera}.
 * </ul>
 *
 * Anything else is a {@code 404}. The {@link Variant} decides what needs credentials: nothing
 * ({@link Variant#OPEN}), everything behind Basic ({@link Variant#BASIC}) or Digest ({@link
 * Variant#DIGEST}, MD5 with {@code qop=auth}) with user {@value #USER} and password {@value
 * #DEFAULT_PASSWORD}, or everything behind Digest with the strong password {@link #STRONG_PASSWORD}
 * ({@link Variant#LOCKED}; webcamXP then answers its pages {@code 200} with its "Please provide a
 * valid username/password" text, as it does).
 *
 * <p>Streams are {@code multipart/x-mixed-replace; boundary=boundarydonotcross} of one small valid
 * JPEG (a 16×16 grey image) every 20 ms, until the client closes the connection. Every reply closes
 * the connection after it ({@code Connection: close}).
 *
 * <p>{@link #catchAll()} answers every path with {@code 200 image/jpeg} and the JPEG (a honeypot or
 * a proxy serving an image for every URL); {@link #hostile(Hostile)} answers every request wrongly.
 *
 * <p>Counters: requests, paths, failed logins (a request with an {@code Authorization} header that
 * does not match), bytes sent, streams opened and ended, frames sent. Thread-safe. Binds {@code
 * 127.0.0.1} on an ephemeral port; one daemon thread accepts and one serves each connection. {@link
 * #close()} is idempotent, closes every connection and waits at most 2 s for the threads.
 */
public final class WebcamSimulator implements AutoCloseable {

  /** The user of the protected variants. */
  public static final String USER = "admin";

  /** The password of {@link Variant#BASIC} and {@link Variant#DIGEST}: a product default. */
  public static final String DEFAULT_PASSWORD = "admin";

  /** The password of {@link Variant#LOCKED}. */
  public static final String STRONG_PASSWORD = "Vq9-Lm2!xW7#kTz";

  /** The multipart boundary of streams, as mjpg-streamer writes it. */
  public static final String BOUNDARY = "boundarydonotcross";

  private static final int HEAD_CAP = 16 * 1024;
  private static final long FRAME_MILLIS = 20;
  private static final byte[] JPEG = jpeg();
  private static final String NONCE = "5e4f3b2a1c0d9e8f7a6b5c4d3e2f1a0b";
  private static final Pattern DIGEST_PARAM =
      Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");
  private static final Pattern STREAMY =
      Pattern.compile("(?i)mjpg|mjpeg|stream|video|nph|cam_1\\.cgi");

  /** The software the simulator plays. */
  public enum Product {
    /** mjpg-streamer's output_http plugin with its www pages. */
    MJPG_STREAMER,
    /** webcamXP 5 / Webcam 7 (Windows webcam server). */
    WEBCAMXP,
    /** Motion's webcontrol page and a stream. */
    MOTION,
    /** An unbranded IP camera (Foscam/Hi3510 style paths), no Server header. */
    IP_CAMERA
  }

  /** What needs credentials. */
  public enum Variant {
    /** Nothing: stream, snapshots and control pages open. */
    OPEN,
    /** Everything behind HTTP Basic, default password. */
    BASIC,
    /** Everything behind HTTP Digest (MD5, qop=auth), default password. */
    DIGEST,
    /** Everything behind Digest with a strong password; webcamXP shows its login text. */
    LOCKED
  }

  /** Wrong answers, the same to every request. */
  public enum Hostile {
    /** Bytes that are not HTTP, then close. */
    GARBAGE,
    /** A multipart stream head and the start of a part's headers, then close: no JPEG. */
    TRUNCATED_MULTIPART,
    /**
     * HTML labelled as JPEG: {@code image/jpeg} with an HTML body, or for stream-like paths a
     * multipart stream whose {@code image/jpeg} parts are HTML.
     */
    HTML_AS_JPEG,
    /** A {@code 200} with 300 headers of 2000 characters each. */
    HUGE_HEADERS
  }

  private enum Mode {
    PRODUCT,
    CATCH_ALL,
    HOSTILE
  }

  private final ServerSocket server;
  private final Mode mode;
  private final @Nullable Product product;
  private final @Nullable Variant variant;
  private final @Nullable Hostile hostile;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger streamsEnded = new AtomicInteger();
  private final AtomicLong framesSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private volatile boolean closed;

  private WebcamSimulator(
      ServerSocket server,
      Mode mode,
      @Nullable Product product,
      @Nullable Variant variant,
      @Nullable Hostile hostile) {
    this.server = server;
    this.mode = mode;
    this.product = product;
    this.variant = variant;
    this.hostile = hostile;
    Thread acceptor = Loopback.daemon("webcam-sim-" + server.getLocalPort(), this::acceptLoop);
    synchronized (this) {
      threads.add(acceptor);
    }
    acceptor.start();
  }

  /**
   * Starts {@code product} in {@code variant} on {@code 127.0.0.1}, an ephemeral port.
   *
   * @throws UncheckedIOException when no port can be bound
   */
  public static WebcamSimulator start(Product product, Variant variant) {
    return new WebcamSimulator(bind(), Mode.PRODUCT, product, variant, null);
  }

  /**
   * Starts a server that answers every path with {@code 200 image/jpeg} and a JPEG.
   *
   * @throws UncheckedIOException when no port can be bound
   */
  public static WebcamSimulator catchAll() {
    return new WebcamSimulator(bind(), Mode.CATCH_ALL, null, null, null);
  }

  /**
   * Starts a server that answers every request with {@code kind}.
   *
   * @throws UncheckedIOException when no port can be bound
   */
  public static WebcamSimulator hostile(Hostile kind) {
    return new WebcamSimulator(bind(), Mode.HOSTILE, null, null, kind);
  }

  private static ServerSocket bind() {
    try {
      ServerSocket s = new ServerSocket();
      try {
        s.bind(new InetSocketAddress(Loopback.address(), 0), 64);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port", e);
    }
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String target() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests received (each connection carries one). */
  public int requests() {
    return requests.get();
  }

  /** The request targets received, in order (a copy). */
  public synchronized List<String> paths() {
    return List.copyOf(paths);
  }

  /** Requests that carried an {@code Authorization} header the simulator rejected. */
  public int failedLogins() {
    return failedLogins.get();
  }

  /** Bytes written to clients, heads included. */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Streams started. */
  public int streamsOpened() {
    return streamsOpened.get();
  }

  /** Streams that ended because the client closed the connection (or the simulator closed). */
  public int streamsEnded() {
    return streamsEnded.get();
  }

  /** JPEG frames written to streams. */
  public long framesSent() {
    return framesSent.get();
  }

  /** A copy of the JPEG the simulator serves (for tests that compare magic bytes). */
  public static byte[] jpegBytes() {
    return JPEG.clone();
  }

  @Override
  public void close() {
    List<Thread> join;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      Loopback.closeQuietly(server);
      sockets.forEach(Loopback::closeQuietly);
      join = List.copyOf(threads);
    }
    Loopback.join(join);
  }

  @Override
  public String toString() {
    return "WebcamSimulator["
        + (mode == Mode.PRODUCT ? product + " " + variant : mode == Mode.HOSTILE ? hostile : mode)
        + " on "
        + target()
        + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      Thread t = Loopback.daemon("webcam-sim-conn-" + port(), () -> serve(s));
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(s);
          return;
        }
        sockets.add(s);
        threads.add(t);
      }
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(10_000);
      Request req = readRequest(s.getInputStream());
      if (req == null) {
        return;
      }
      requests.incrementAndGet();
      synchronized (this) {
        paths.add(req.path);
      }
      OutputStream out = s.getOutputStream();
      switch (mode) {
        case CATCH_ALL -> image(out, "");
        case HOSTILE -> hostile(out, req);
        case PRODUCT -> product(out, req);
      }
      out.flush();
    } catch (SocketTimeoutException e) {
      // The client sent no complete request: drop it.
    } catch (IOException e) {
      // The client went away; nothing to do.
    }
  }

  private record Request(String method, String path, Map<String, String> headers) {}

  private static @Nullable Request readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (head.size() < HEAD_CAP) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
      last4 = (last4 << 8) | c;
      if (last4 == 0x0d0a0d0a) {
        break;
      }
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] first = lines[0].split(" ");
    if (first.length < 2) {
      return null;
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return new Request(first[0], first[1], headers);
  }

  // --- products --------------------------------------------------------------------------------

  private void product(OutputStream out, Request req) throws IOException {
    Product p = java.util.Objects.requireNonNull(product);
    Variant v = java.util.Objects.requireNonNull(variant);
    String server = serverHeader(p);
    String resource = resource(p, req.path);
    if (v != Variant.OPEN && !authorized(req, v, p)) {
      if (p == Product.WEBCAMXP
          && v == Variant.LOCKED
          && resource != null
          && resource.startsWith("page:")) {
        page(out, server, xpLoginPage());
        return;
      }
      String challenge =
          v == Variant.BASIC
              ? "Basic realm=\"" + realm(p) + "\""
              : "Digest realm=\""
                  + realm(p)
                  + "\", qop=\"auth\", nonce=\""
                  + NONCE
                  + "\", algorithm=MD5";
      byte[] body =
          "<html><body><h1>401 Unauthorized</h1></body></html>"
              .getBytes(StandardCharsets.ISO_8859_1);
      write(
          out,
          "HTTP/1.1 401 Unauthorized\r\n"
              + server
              + "WWW-Authenticate: "
              + challenge
              + "\r\nContent-Type: text/html\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n",
          body);
      return;
    }
    if (resource == null) {
      notFound(out, server);
    } else if (resource.equals("stream")) {
      stream(out, server);
    } else if (resource.equals("snapshot")) {
      image(out, server);
    } else {
      page(out, server, page(p, resource.substring("page:".length())));
    }
  }

  private static String serverHeader(Product p) {
    return switch (p) {
      case MJPG_STREAMER -> "Server: MJPG-Streamer/0.2\r\n";
      case WEBCAMXP -> "Server: webcamXP 5\r\n";
      case MOTION, IP_CAMERA -> "";
    };
  }

  private static String realm(Product p) {
    return switch (p) {
      case MJPG_STREAMER -> "MJPG-Streamer";
      case WEBCAMXP -> "webcamXP";
      case MOTION -> "Motion Security Access";
      case IP_CAMERA -> "IP Camera";
    };
  }

  /** {@code stream}, {@code snapshot}, {@code page:<name>}, or null for a 404. */
  private static @Nullable String resource(Product p, String path) {
    return switch (p) {
      case MJPG_STREAMER ->
          switch (path) {
            case "/", "/index.html" -> "page:index";
            case "/control.htm" -> "page:control";
            case "/?action=stream" -> "stream";
            case "/?action=snapshot" -> "snapshot";
            default -> null;
          };
      case WEBCAMXP ->
          switch (path) {
            case "/", "/home.html" -> "page:home";
            case "/mobile.html" -> "page:mobile";
            case "/cam_1.cgi" -> "stream";
            case "/cam_1.jpg" -> "snapshot";
            default -> null;
          };
      case MOTION ->
          switch (path) {
            case "/" -> "page:webcontrol";
            case "/stream" -> "stream";
            default -> null;
          };
      case IP_CAMERA ->
          switch (path) {
            case "/" -> "page:viewer";
            case "/videostream.cgi" -> "stream";
            case "/snapshot.jpg", "/tmpfs/auto.jpg" -> "snapshot";
            default -> null;
          };
    };
  }

  private static String page(Product p, String name) {
    return switch (p) {
      case MJPG_STREAMER ->
          name.equals("control")
              ? "<html><head><title>MJPG-Streamer - Control</title></head><body>"
                  + "<h1>MJPG-Streamer</h1><a href=\"/?action=command&dest=0&plugin=0&id=10094852"
                  + "&group=1&value=1\">pan left</a><img src=\"/?action=stream\"/></body></html>"
              : "<html><head><title>MJPG-Streamer - Demo page</title></head><body><h1>MJPG-Streamer"
                  + " Demo Pages</h1><a href=\"stream.html\">Stream</a><a"
                  + " href=\"control.htm\">Control</a><img"
                  + " src=\"/?action=snapshot\"/></body></html>";
      case WEBCAMXP ->
          "<html><head><title>webcamXP 5</title></head><body>"
              + (name.equals("mobile") ? "<h2>webcamXP 5 mobile</h2>" : "<h2>webcamXP 5</h2>")
              + "<img src=\"cam_1.jpg\"/><a href=\"cam_1.cgi\">Live</a>"
              + "<p>Powered by webcamXP 5 - Moonware Studios</p></body></html>";
      case MOTION ->
          "<html><head></head><body>Motion 4.3.2 Running [1] Camera<br>\n"
              + "<a href='/0/'>All</a><br>\n<a href='/1/'>Camera 1</a><br>\n</body></html>";
      case IP_CAMERA ->
          "<html><head><title>Network Camera</title></head><body><img src=\"/videostream.cgi\"/><a"
              + " href=\"/snapshot.jpg\">Snapshot</a></body></html>";
    };
  }

  private static String xpLoginPage() {
    return "<html><head><title>webcamXP 5</title></head><body><h2>webcamXP 5</h2>"
        + "<p>Please provide a valid username/password to access this server.</p>"
        + "<img src=\"cam_1.jpg\"/></body></html>";
  }

  private boolean authorized(Request req, Variant v, Product p) {
    String auth = req.headers.get("authorization");
    if (auth == null) {
      return false;
    }
    String password = v == Variant.LOCKED ? STRONG_PASSWORD : DEFAULT_PASSWORD;
    boolean ok;
    if (v == Variant.BASIC) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      ok = auth.equals(expected);
    } else {
      ok = digestMatches(auth, req.method, realm(p), password);
    }
    if (!ok) {
      failedLogins.incrementAndGet();
    }
    return ok;
  }

  private static boolean digestMatches(String auth, String method, String realm, String password) {
    if (!auth.regionMatches(true, 0, "Digest ", 0, 7)) {
      return false;
    }
    Map<String, String> params = new HashMap<>();
    Matcher m = DIGEST_PARAM.matcher(auth.substring(7));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
    }
    String uri = params.getOrDefault("uri", "");
    if (!USER.equals(params.get("username")) || !NONCE.equals(params.get("nonce"))) {
      return false;
    }
    String ha1 = md5(USER + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    String qop = params.get("qop");
    String expected =
        qop == null
            ? md5(ha1 + ":" + NONCE + ":" + ha2)
            : md5(
                ha1
                    + ":"
                    + NONCE
                    + ":"
                    + params.get("nc")
                    + ":"
                    + params.get("cnonce")
                    + ":"
                    + qop
                    + ":"
                    + ha2);
    return expected.equalsIgnoreCase(params.getOrDefault("response", ""));
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always present", e);
    }
  }

  // --- replies ---------------------------------------------------------------------------------

  private void page(OutputStream out, String server, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    write(
        out,
        "HTTP/1.1 200 OK\r\n"
            + server
            + "Content-Type: text/html; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n",
        body);
  }

  private void notFound(OutputStream out, String server) throws IOException {
    byte[] body = "<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.ISO_8859_1);
    write(
        out,
        "HTTP/1.1 404 Not Found\r\n"
            + server
            + "Content-Type: text/html\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n",
        body);
  }

  private void image(OutputStream out, String server) throws IOException {
    write(
        out,
        "HTTP/1.1 200 OK\r\n"
            + server
            + "Content-Type: image/jpeg\r\nContent-Length: "
            + JPEG.length
            + "\r\nConnection: close\r\n\r\n",
        JPEG);
  }

  /** Frames until the client closes (the write fails) or the simulator closes. */
  private void stream(OutputStream out, String server) throws IOException {
    streamsOpened.incrementAndGet();
    try {
      write(
          out,
          "HTTP/1.0 200 OK\r\n"
              + server
              + "Connection: close\r\nCache-Control: no-store, no-cache, must-revalidate\r\n"
              + "Pragma: no-cache\r\nContent-Type: multipart/x-mixed-replace;boundary="
              + BOUNDARY
              + "\r\n\r\n",
          new byte[0]);
      while (!closed) {
        write(
            out,
            "--"
                + BOUNDARY
                + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + JPEG.length
                + "\r\n\r\n",
            JPEG);
        write(out, "\r\n", new byte[0]);
        framesSent.incrementAndGet();
        try {
          Thread.sleep(FRAME_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      streamsEnded.incrementAndGet();
    }
  }

  private void hostile(OutputStream out, Request req) throws IOException {
    switch (java.util.Objects.requireNonNull(hostile)) {
      case GARBAGE ->
          write(
              out,
              "\u0000\u0001\u0002\u00ff\u00fe garbage, not HTTP\r\n\r\n\u0007\u0008",
              new byte[0]);
      case TRUNCATED_MULTIPART ->
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                  + "Connection: close\r\n\r\n--frame\r\nContent-Type: image/jpeg\r\nContent-Len",
              new byte[0]);
      case HTML_AS_JPEG -> {
        byte[] html =
            "<html><head><title>Camera</title></head><body>not an image</body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        if (STREAMY.matcher(req.path).find() || req.path.equals("/")) {
          write(
              out,
              "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                  + "Connection: close\r\n\r\n",
              new byte[0]);
          for (int i = 0; i < 3; i++) {
            write(
                out,
                "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    + html.length
                    + "\r\n\r\n",
                html);
            write(out, "\r\n", new byte[0]);
          }
        } else {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: "
                  + html.length
                  + "\r\nConnection: close\r\n\r\n",
              html);
        }
      }
      case HUGE_HEADERS -> {
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n", new byte[0]);
        String pad = "a".repeat(2000);
        for (int i = 0; i < 300; i++) {
          write(out, "X-Pad-" + i + ": " + pad + "\r\n", new byte[0]);
        }
        write(out, "Content-Length: " + JPEG.length + "\r\nConnection: close\r\n\r\n", JPEG);
      }
    }
  }

  private void write(OutputStream out, String head, byte[] body) throws IOException {
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    out.write(h);
    out.write(body);
    out.flush();
    bytesSent.addAndGet(h.length + body.length);
  }

  /** A 16×16 grey baseline JPEG, made once. */
  private static byte[] jpeg() {
    try {
      BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          img.getRaster().setSample(x, y, 0, (x * 16 + y * 8) & 0xff);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, "jpg", out)) {
        throw new IllegalStateException("no JPEG writer in this JDK");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
