package dev.tenken.test.sim;

import dev.tenken.Target;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A network camera's RTSP server (RFC 2326) on a loopback port, for the RTSP camera checks: answers
 * {@code OPTIONS} and {@code DESCRIBE} on a configurable set of routes with a real SDP description
 * ({@code m=video}, H.264), behind no authentication, Basic, Digest (MD5, no {@code qop}) or both,
 * with a configurable {@code Server} header and realm. Every other method is counted and answered
 * {@code 405 Method Not Allowed}; no media is ever sent.
 *
 * <p>Variants beyond the authentication scheme: {@link Builder#catchAll()} answers every route and
 * every password with the stream (a honeypot or a firmware that ignores routes); {@link
 * Builder#acceptAnyPassword()} refuses requests without credentials but accepts any password;
 * {@link Builder#lockAfter(int)} locks the device after that many failed logins, after which every
 * {@code DESCRIBE} gets {@code 403 Forbidden}, the owner's included; {@link
 * Builder#authBeforeRoute()} asks for credentials before looking at the route (Hikvision style: 401
 * on unknown routes too); {@link Builder#withoutVideo()} describes an audio-only session; {@link
 * Builder#speakHttp()} answers like a web server; {@link Builder#rawReply(Function)} sends given
 * bytes instead of a reply and closes, for hostile-reply tests. A failed login is a request with an
 * {@code Authorization} header that does not match; a request without one is not a failed login.
 *
 * <p>Defaults: no authentication, route {@value #DEFAULT_ROUTE}, user {@code admin} with password
 * {@code admin}, no {@code Server} header, realm {@value #DEFAULT_REALM}, no lock-out. Connections
 * are kept alive until the client closes them; each is served by its own daemon thread.
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral port. Thread-safe: counters may be read from any
 * thread. {@link #close()} is idempotent and waits at most 2 s for the threads.
 */
public final class RtspCameraSimulator implements AutoCloseable {
  /** The route served unless {@link Builder#routes} says otherwise. */
  public static final String DEFAULT_ROUTE = "/live";

  /** The realm unless {@link Builder#realm} says otherwise. */
  public static final String DEFAULT_REALM = "IP Camera";

  /** The nonce of Digest challenges. */
  public static final String NONCE = "5f0c8e1a9b7d4c3e";

  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADERS = 100;
  private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z_]+) (\\S+) RTSP/1\\.0");
  private static final Pattern DIGEST_PARAM =
      Pattern.compile("(\\w+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  /** How the simulated camera asks for credentials. */
  public enum Auth {
    /** Streams to anyone. */
    NONE,
    /** {@code WWW-Authenticate: Basic realm="..."} only. */
    BASIC,
    /** {@code WWW-Authenticate: Digest realm="...", nonce="..."} only. */
    DIGEST,
    /** Both challenges, Digest first (Hikvision style); either answer is accepted. */
    BASIC_AND_DIGEST
  }

  private final Builder config;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Thread> handlers = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final Map<String, Integer> methods = new LinkedHashMap<>();
  private final List<String> requestLines = new ArrayList<>();
  private int failedLogins;
  private boolean closed;

  private RtspCameraSimulator(Builder config, ServerSocket server) {
    this.config = config;
    this.server = server;
    this.acceptor = Loopback.daemon("rtsp-camera-" + server.getLocalPort(), this::acceptLoop);
    acceptor.start();
  }

  /** A builder with the defaults of the class description. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a camera with {@code auth}, the default route and credentials.
   *
   * @throws IOException when no port can be bound
   */
  public static RtspCameraSimulator start(Auth auth) throws IOException {
    return builder().auth(auth).start();
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code rtsp://127.0.0.1:PORT}. */
  public String target() {
    return "rtsp://127.0.0.1:" + port();
  }

  /** {@link #target()} as a {@link Target}. */
  public Target asTarget() {
    return Target.parse(target());
  }

  /** How many requests of {@code method} ({@code DESCRIBE}, {@code SETUP}...) arrived. */
  public synchronized int requests(String method) {
    return methods.getOrDefault(method, 0);
  }

  /** How many requests arrived, of any method (unparseable ones included). */
  public synchronized int requests() {
    return requestLines.size();
  }

  /** Every request line received, in order ({@code DESCRIBE rtsp://... RTSP/1.0}). */
  public synchronized List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** Requests whose credentials were wrong. */
  public synchronized int failedLogins() {
    return failedLogins;
  }

  /** Whether {@link Builder#lockAfter(int)} failures locked the device. */
  public synchronized boolean lockedOut() {
    return config.lockAfter > 0 && failedLogins >= config.lockAfter;
  }

  private void acceptLoop() {
    while (true) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(s);
          return;
        }
        sockets.add(s);
        Thread t = Loopback.daemon("rtsp-camera-conn-" + port(), () -> serve(s));
        handlers.add(t);
        t.start();
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        if (line.isEmpty()) {
          continue; // stray CRLF between requests
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < MAX_HEADERS; i++) {
          String h = readLine(in);
          if (h == null || h.isEmpty()) {
            break;
          }
          int colon = h.indexOf(':');
          if (colon > 0) {
            headers.put(
                h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                h.substring(colon + 1).strip());
          }
        }
        Matcher m = REQUEST_LINE.matcher(line);
        synchronized (this) {
          requestLines.add(line);
          if (m.matches()) {
            methods.merge(m.group(1), 1, Integer::sum);
          }
        }
        if (config.rawReply != null) {
          out.write(config.rawReply.apply(line));
          out.flush();
          return;
        }
        if (config.http) {
          out.write(
              "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return;
        }
        String cseq = headers.getOrDefault("cseq", "0");
        if (!m.matches()) {
          out.write(reply(400, "Bad Request", cseq, "", ""));
          out.flush();
          return;
        }
        out.write(answer(m.group(1), m.group(2), cseq, headers));
        out.flush();
      }
    } catch (IOException e) {
      // client gone, or the simulator closed
    }
  }

  private byte[] answer(String method, String uri, String cseq, Map<String, String> headers) {
    switch (method) {
      case "OPTIONS":
        return reply(
            200,
            "OK",
            cseq,
            "Public: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER\r\n",
            "");
      case "DESCRIBE":
        return describe(uri, cseq, headers.get("authorization"));
      default:
        return reply(405, "Method Not Allowed", cseq, "Allow: OPTIONS, DESCRIBE\r\n", "");
    }
  }

  private byte[] describe(String uri, String cseq, @Nullable String authorization) {
    String route = route(uri);
    boolean known = config.routes.contains(route);
    if (config.catchAll) {
      return sdp(cseq, uri);
    }
    synchronized (this) {
      if (lockedOut()) {
        return reply(403, "Forbidden", cseq, "", "");
      }
    }
    if (!known && !(config.auth != Auth.NONE && config.authBeforeRoute)) {
      return reply(404, "Not Found", cseq, "", "");
    }
    if (config.auth == Auth.NONE) {
      return sdp(cseq, uri);
    }
    if (authorization == null) {
      return challenge(cseq);
    }
    boolean ok = config.acceptAnyPassword || valid(authorization);
    if (!ok) {
      synchronized (this) {
        failedLogins++;
      }
      return challenge(cseq);
    }
    return known ? sdp(cseq, uri) : reply(404, "Not Found", cseq, "", "");
  }

  private boolean valid(String authorization) {
    String a = authorization.strip();
    boolean basicAllowed = config.auth == Auth.BASIC || config.auth == Auth.BASIC_AND_DIGEST;
    boolean digestAllowed = config.auth == Auth.DIGEST || config.auth == Auth.BASIC_AND_DIGEST;
    if (basicAllowed && a.regionMatches(true, 0, "Basic ", 0, 6)) {
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  (config.user + ":" + config.password).getBytes(StandardCharsets.UTF_8));
      return a.substring(6).strip().equals(expected);
    }
    if (digestAllowed && a.regionMatches(true, 0, "Digest ", 0, 7)) {
      Map<String, String> p = new HashMap<>();
      Matcher m = DIGEST_PARAM.matcher(a.substring(7));
      while (m.find()) {
        p.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
      }
      if (!config.user.equals(p.get("username"))
          || !config.realm.equals(p.get("realm"))
          || !NONCE.equals(p.get("nonce"))
          || p.get("uri") == null
          || p.get("response") == null) {
        return false;
      }
      String ha1 = md5(config.user + ":" + config.realm + ":" + config.password);
      String ha2 = md5("DESCRIBE:" + p.get("uri"));
      String expected =
          p.containsKey("qop")
              ? md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2)
              : md5(ha1 + ":" + NONCE + ":" + ha2);
      return expected.equals(p.get("response"));
    }
    return false;
  }

  private byte[] challenge(String cseq) {
    StringBuilder h = new StringBuilder();
    List<String> values = new ArrayList<>();
    if (config.auth == Auth.DIGEST || config.auth == Auth.BASIC_AND_DIGEST) {
      values.add("Digest realm=\"" + config.realm + "\", nonce=\"" + NONCE + "\"");
    }
    if (config.auth == Auth.BASIC || config.auth == Auth.BASIC_AND_DIGEST) {
      values.add("Basic realm=\"" + config.realm + "\"");
    }
    values.forEach(v -> h.append("WWW-Authenticate: ").append(v).append("\r\n"));
    return reply(401, "Unauthorized", cseq, h.toString(), "");
  }

  private byte[] sdp(String cseq, String uri) {
    StringBuilder b = new StringBuilder();
    b.append("v=0\r\n");
    b.append("o=- 1700000000 1 IN IP4 127.0.0.1\r\n");
    b.append("s=").append(config.sessionName).append("\r\n");
    b.append("t=0 0\r\n");
    if (config.video) {
      b.append("m=video 0 RTP/AVP 96\r\n");
      b.append("a=rtpmap:96 H264/90000\r\n");
      b.append("a=control:trackID=1\r\n");
    }
    b.append("m=audio 0 RTP/AVP 8\r\n");
    b.append("a=rtpmap:8 PCMA/8000\r\n");
    b.append("a=control:trackID=2\r\n");
    return reply(
        200,
        "OK",
        cseq,
        "Content-Type: application/sdp\r\nContent-Base: " + uri + "/\r\n",
        b.toString());
  }

  /** A reply; {@code headers} are complete lines, each ending in CRLF. */
  private byte[] reply(int status, String reason, String cseq, String headers, String body) {
    StringBuilder b = new StringBuilder();
    b.append("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
    b.append("CSeq: ").append(cseq).append("\r\n");
    if (config.server != null) {
      b.append("Server: ").append(config.server).append("\r\n");
    }
    b.append(headers);
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    if (content.length > 0) {
      b.append("Content-Length: ").append(content.length).append("\r\n");
    }
    b.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** The path and query of {@code uri}: {@code rtsp://h:p/a?b} gives {@code /a?b}. */
  private static String route(String uri) {
    if (uri.regionMatches(true, 0, "rtsp://", 0, 7)
        || uri.regionMatches(true, 0, "rtsps://", 0, 8)) {
      int slash = uri.indexOf('/', uri.indexOf("//") + 2);
      return slash < 0 ? "/" : uri.substring(slash);
    }
    return uri;
  }

  private static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  /**
   * Stops listening and closes every connection; waits at most 2 s for the threads. Idempotent;
   * never throws.
   */
  @Override
  public void close() {
    List<Socket> open;
    List<Thread> threads;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(sockets);
      threads = new ArrayList<>(handlers);
    }
    Loopback.closeQuietly(server);
    open.forEach(Loopback::closeQuietly);
    threads.add(0, acceptor);
    Loopback.join(threads);
  }

  @Override
  public String toString() {
    return "RtspCameraSimulator[" + target() + ", " + config.auth + "]";
  }

  /** Configures a {@link RtspCameraSimulator}. Not thread-safe; each {@link #start()} copies it. */
  public static final class Builder {
    private Auth auth = Auth.NONE;
    private List<String> routes = List.of(DEFAULT_ROUTE);
    private String user = "admin";
    private String password = "admin";
    private @Nullable String server;
    private String realm = DEFAULT_REALM;
    private String sessionName = "Tenken simulated camera";
    private boolean catchAll;
    private boolean acceptAnyPassword;
    private boolean authBeforeRoute;
    private boolean video = true;
    private boolean http;
    private int lockAfter;
    private @Nullable Function<String, byte[]> rawReply;

    private Builder() {}

    /** The authentication scheme; default {@link Auth#NONE}. */
    public Builder auth(Auth value) {
      auth = Objects.requireNonNull(value, "auth");
      return this;
    }

    /** The routes that stream, such as {@code /Streaming/Channels/101}; default {@code /live}. */
    public Builder routes(String... values) {
      routes = List.of(values);
      return this;
    }

    /** The one account; default {@code admin}/{@code admin}. The password may be empty. */
    public Builder credentials(String userName, String pass) {
      user = Objects.requireNonNull(userName, "user");
      password = Objects.requireNonNull(pass, "password");
      return this;
    }

    /** The {@code Server} header, such as {@code Dahua Rtsp Server}; default none. */
    public Builder server(@Nullable String value) {
      server = value;
      return this;
    }

    /** The authentication realm; default {@code IP Camera}. */
    public Builder realm(String value) {
      realm = Objects.requireNonNull(value, "realm");
      return this;
    }

    /** Answers every route and every password with the stream. */
    public Builder catchAll() {
      catchAll = true;
      return this;
    }

    /** Refuses requests without credentials, accepts any password. */
    public Builder acceptAnyPassword() {
      acceptAnyPassword = true;
      return this;
    }

    /** Asks for credentials before looking at the route: 401 on unknown routes too. */
    public Builder authBeforeRoute() {
      authBeforeRoute = true;
      return this;
    }

    /** Describes an audio-only session: 200 with SDP but no {@code m=video}. */
    public Builder withoutVideo() {
      video = false;
      return this;
    }

    /** Answers every request like a web server: {@code HTTP/1.1 400}, then closes. */
    public Builder speakHttp() {
      http = true;
      return this;
    }

    /**
     * Locks the device after {@code failures} failed logins: every {@code DESCRIBE} then gets 403.
     * 0 (the default) never locks.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder lockAfter(int failures) {
      if (failures < 0) {
        throw new IllegalArgumentException("failures must not be negative");
      }
      lockAfter = failures;
      return this;
    }

    /**
     * Instead of any reply, sends {@code reply.apply(requestLine)} and closes the connection, after
     * reading the request's headers.
     */
    public Builder rawReply(Function<String, byte[]> reply) {
      rawReply = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /**
     * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
     *
     * @throws IOException when no port can be bound
     */
    public RtspCameraSimulator start() throws IOException {
      Builder copy = new Builder();
      copy.auth = auth;
      copy.routes = routes;
      copy.user = user;
      copy.password = password;
      copy.server = server;
      copy.realm = realm;
      copy.sessionName = sessionName;
      copy.catchAll = catchAll;
      copy.acceptAnyPassword = acceptAnyPassword;
      copy.authBeforeRoute = authBeforeRoute;
      copy.video = video;
      copy.http = http;
      copy.lockAfter = lockAfter;
      copy.rawReply = rawReply;
      ServerSocket s = new ServerSocket();
      try {
        s.bind(new InetSocketAddress(Loopback.address(), 0), 64);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return new RtspCameraSimulator(copy, s);
    }
  }
}
