package dev.tenken.http;

import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Tenken;
import dev.tenken.Transport;
import dev.tenken.http.internal.CancellableRequest;
import dev.tenken.http.internal.Clients;
import dev.tenken.http.internal.HostNames;
import dev.tenken.http.internal.Locations;
import dev.tenken.http.internal.TlsInspector;
import dev.tenken.http.internal.Watchdog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client of Tenken checks, built from a check's {@link CheckContext} with {@link #of} so
 * that every rule the context enforces for raw sockets holds for HTTP too. Built on Apache
 * HttpClient 5 (classic). Thread-safe: a check usually sends from its own thread, but it may share
 * one probe between threads (at most two connections per host and port, four in all). Close it when
 * the check is done ({@link AutoCloseable}); the runner closes its sockets at the check's end in
 * any case.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li><b>Scope and guards</b>: every socket comes from {@link CheckContext#socketFactory()}, so
 *       it is scope-checked, refused on raw print ports (9100-9107, 9999), rate-limited, counted
 *       against the host's failure budget and closed by the runner at the deadline. It never
 *       resolves a name: it connects to {@link Endpoint#address()} and sends {@code Host:
 *       <endpoint.host()>[:port]} (the port omitted when it is the scheme's default).
 *   <li><b>Time</b>: connect timeout {@link CheckContext#connectTimeout()}, read timeout {@link
 *       CheckContext#remaining()}, and an absolute deadline at {@link CheckContext#deadline()}: a
 *       device that trickles bytes is cut off there, and the failure surfaces as a {@link
 *       SocketTimeoutException} whose message says the deadline passed.
 *   <li><b>Bytes</b>: a body is read up to {@link CheckContext#readCap()} bytes (default 256 KiB),
 *       then reading stops, the connection is closed without draining, and the reply is marked
 *       {@link HttpReply#truncated()}; a request may lower that cap for itself ({@link
 *       HttpRequest.Builder#maxBody}). Nothing is allocated from a length the device announces. At
 *       most {@value Clients#MAX_HEADER_COUNT} headers of at most {@value Clients#MAX_LINE_LENGTH}
 *       characters per line are accepted.
 *   <li><b>Nothing automatic</b>: no retries, no redirects by the library, no cookie store, no auth
 *       cache, no decompression (no {@code Accept-Encoding} is sent), no proxy. Every request
 *       carries {@code User-Agent: }{@link #USER_AGENT}.
 *   <li><b>What may be sent</b>: the rules of {@link HttpRequest}, plus: a {@link
 *       HttpRequest.Purpose#LOGIN} request only from a {@code CREDENTIAL_ATTEMPT} or {@code
 *       SESSION} check. Violations throw {@link IllegalArgumentException} before any traffic.
 *   <li><b>Redirects</b>: followed only when the request asks ({@link HttpRequest#maxRedirects()},
 *       at most 3). Each hop is re-validated: {@code http}/{@code https} only, no user information,
 *       no raw print port, a new host resolved with {@link CheckContext#resolveInScope} (the same
 *       host keeps its pinned address), a body never resent (a {@code 303}, or a {@code 301}/{@code
 *       302} after a {@code POST}, continues as {@code GET}; a {@code 307}/{@code 308} after a
 *       {@code POST} is not followed), credentials dropped when the origin changes. A hop that
 *       fails validation is not followed and is recorded as {@link HttpReply#refusedRedirect()};
 *       the reply is then the 3xx answer, and nothing is thrown.
 *   <li><b>TLS</b>: used when {@link HttpRequest#tls()} says so, by default when the endpoint's
 *       service is {@code https} or {@code ipps}. Any certificate is accepted and no host name
 *       verified, since devices use self-signed and expired certificates; what the handshake showed
 *       is recorded as {@link HttpReply#tls()} instead. The JDK's own policy still applies:
 *       protocols and ciphers it disables (SSLv3, TLS 1.0/1.1 by default) fail the handshake with
 *       an {@link SSLException}.
 * </ul>
 */
public final class HttpProbe implements AutoCloseable {

  /**
   * The {@code User-Agent} of every request: {@code Tenken/<version> (security check;
   * +https://tenken.dev)}.
   */
  public static final String USER_AGENT =
      "Tenken/" + Tenken.version() + " (security check; +https://tenken.dev)";

  /** The path prefix of catch-all canaries; 16 random hex digits follow. */
  public static final String CANARY_PREFIX = "/tenken-canary-";

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CHUNK = 8192;
  private static final Duration DEADLINE_TOLERANCE = Duration.ofMillis(50);

  private final CheckContext context;
  private final CloseableHttpClient client;

  private HttpProbe(CheckContext context) {
    this.context = context;
    this.client =
        Clients.create(
            context.socketFactory(), USER_AGENT, context::connectTimeout, context::remaining);
  }

  /** A probe sending through {@code context}; valid as long as the context is (the check's run). */
  public static HttpProbe of(CheckContext context) {
    return new HttpProbe(Objects.requireNonNull(context, "context"));
  }

  /**
   * {@code GET path} on {@code endpoint}, following no redirects.
   *
   * @throws IllegalArgumentException when {@code path} is not an origin-form path ({@code /...})
   * @throws IOException as {@link #send} does
   */
  public HttpReply get(Endpoint endpoint, String path) throws IOException {
    return send(endpoint, HttpRequest.get(path));
  }

  /**
   * Sends {@code request} to {@code endpoint} and reads the reply (following redirects when the
   * request asks).
   *
   * @return the reply, body capped at the read cap
   * @throws IllegalArgumentException before any traffic, when the request is a login and the
   *     running check is neither {@code CREDENTIAL_ATTEMPT} nor {@code SESSION}, or the endpoint is
   *     not TCP
   * @throws OutOfScopeException when the endpoint is out of scope or a raw print port (nothing is
   *     sent)
   * @throws SocketTimeoutException when the connect timed out or the check's deadline passed before
   *     the reply was read
   * @throws SSLException when the TLS handshake failed
   * @throws ProtocolException when the device answered something that is not HTTP, or broke a limit
   *     (header count, line length)
   * @throws IOException when the connection failed otherwise (refused, reset)
   */
  public HttpReply send(Endpoint endpoint, HttpRequest request) throws IOException {
    return send(endpoint, request, true);
  }

  /**
   * Whether the port of {@code endpoint} answers success to anything: the catch-all canary, a
   * {@code GET} of a random path ({@value #CANARY_PREFIX} and 16 hex digits) that returns 2xx.
   * Honeypots and soft-404 servers do; findings that rest on a path answering are then unreliable.
   * Computed once per host and port and shared through {@link CheckContext#facts()} under {@link
   * FactKey#HTTP_CATCH_ALL}, so concurrent checks on one host wait for one canary.
   *
   * @throws IOException as {@link #send} does; nothing is stored then, so a later call tries again
   */
  public boolean isCatchAll(Endpoint endpoint) throws IOException {
    FactKey<Boolean> key = FactKey.HTTP_CATCH_ALL.perPort(endpoint.port());
    try {
      return context
          .facts()
          .computeIfAbsent(
              key,
              () -> {
                try {
                  return send(endpoint, HttpRequest.get(canaryPath()), false).isSuccess();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      // Our own failure, or the facts' wait ending at the deadline or by interrupt.
      throw e.getCause();
    }
  }

  /**
   * Closes the client and any connection it holds, at once. Idempotent; a closed probe sends
   * nothing more ({@link #send} then throws {@link IllegalStateException}).
   */
  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
  }

  static String canaryPath() {
    return CANARY_PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong());
  }

  // ---------------------------------------------------------------------------------------------

  private HttpReply send(Endpoint endpoint, HttpRequest request, boolean readBody)
      throws IOException {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(request, "request");
    Safety safety = context.check().safety();
    if (request.purpose() == HttpRequest.Purpose.LOGIN
        && safety != Safety.CREDENTIAL_ATTEMPT
        && safety != Safety.SESSION) {
      throw new IllegalArgumentException(
          "check "
              + context.check().id()
              + " is "
              + safety
              + ": only CREDENTIAL_ATTEMPT or SESSION checks may send a login request");
    }
    if (endpoint.transport() != Transport.TCP) {
      throw new IllegalArgumentException("HTTP runs over TCP; " + endpoint + " is not TCP");
    }
    if (PrintPortGuard.isPrintPort(endpoint.port())) {
      throw new OutOfScopeException(
          "refused: port " + endpoint.port() + " is a raw print port; HTTP is never sent there");
    }
    Instant start = Instant.now();
    boolean tls = request.tls().orElseGet(() -> isTlsService(endpoint.service()));
    Hop hop =
        new Hop(
            endpoint.host(),
            endpoint.address(),
            endpoint.port(),
            tls,
            request.method(),
            request.path(),
            request.hasBody() ? request.body() : null,
            request.contentType().orElse(null),
            request.headerList());
    List<HttpReply.Redirect> followed = new ArrayList<>();
    while (true) {
      Exchange exchange = open(hop);
      try {
        int status = exchange.response.getCode();
        Header location = exchange.response.getFirstHeader("Location");
        HttpReply.RefusedRedirect refused = null;
        if (request.maxRedirects() > 0
            && REDIRECTS.contains(status)
            && location != null
            && location.getValue() != null) {
          String shown = context.redact(location.getValue());
          Next next =
              next(
                  hop, status, location.getValue(), shown, followed.size(), request.maxRedirects());
          if (next instanceof Hop nextHop) {
            followed.add(new HttpReply.Redirect(status, hop.url(), shown, nextHop.url()));
            exchange.abandon();
            hop = nextHop;
            continue;
          }
          refused = ((Stop) next).refused();
        }
        return exchange.reply(
            readBody, request.maxBody().orElse(Integer.MAX_VALUE), start, followed, refused);
      } finally {
        exchange.close();
      }
    }
  }

  private static boolean isTlsService(String service) {
    return service.equals("https") || service.equals("ipps");
  }

  /** Sends one hop and returns with the status and headers read. */
  private Exchange open(Hop hop) throws IOException {
    Duration left = context.remaining();
    if (left.isZero()) {
      throw new SocketTimeoutException(
          hop.describe() + ": the check's deadline has passed; nothing was sent");
    }
    HttpHost target =
        new HttpHost(
            hop.tls ? "https" : "http", hop.address, HostNames.unbracket(hop.host), hop.port);
    CancellableRequest req = new CancellableRequest(hop.method, target, hop.path);
    req.setHeader("Host", hop.hostHeader());
    for (String[] h : hop.headers) {
      req.addHeader(h[0], h[1]);
    }
    if (hop.body != null) {
      req.setEntity(new ByteArrayEntity(hop.body, null));
      req.setHeader("Content-Type", Objects.requireNonNull(hop.contentType));
    }
    HttpClientContext ctx = HttpClientContext.create();
    ctx.setRequestConfig(Clients.requestConfig(context.connectTimeout(), left));
    Watchdog.Guard guard = Watchdog.arm(left, req::cancel);
    try {
      ClassicHttpResponse response = client.executeOpen(target, req, ctx);
      return new Exchange(hop, req, ctx, response, guard);
    } catch (IOException e) {
      guard.close();
      throw translate(e, hop, guard);
    } catch (RuntimeException e) {
      guard.close();
      // Cancelling at the deadline races HttpClient's bookkeeping, which then throws
      // CancellationException or IllegalStateException ("Endpoint not acquired / already
      // released"): that is the deadline, not a bug of the check.
      if (req.isCancelled() || deadlineReached(guard)) {
        throw translate(new InterruptedIOException(messageOf(e)), hop, guard);
      }
      throw e;
    } catch (Error e) {
      guard.close();
      throw e;
    }
  }

  /** The next hop of a redirect, or why it is not followed. */
  private Next next(Hop hop, int status, String location, String shown, int followed, int max) {
    if (followed >= max) {
      return refused(status, shown, "the request's limit of " + max + " redirect(s) was reached");
    }
    URI resolved;
    try {
      resolved = Locations.resolve(hop.url(), location);
    } catch (URISyntaxException | RuntimeException e) {
      return refused(status, shown, "the Location is not a URL");
    }
    String scheme =
        resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return refused(
          status, shown, "only http and https redirects are followed, not '" + scheme + ":'");
    }
    // Two '@' in the authority leave java.net.URI without user information but still name one.
    if (resolved.getRawUserInfo() != null
        || (resolved.getRawAuthority() != null && resolved.getRawAuthority().indexOf('@') >= 0)) {
      return refused(status, shown, "a redirect with user information in its URL is not followed");
    }
    Optional<Locations.Target> parsed = Locations.target(resolved);
    if (parsed.isEmpty()) {
      return refused(status, shown, "the Location names no usable host and port");
    }
    Locations.Target t = parsed.get();
    if (PrintPortGuard.isPrintPort(t.port())) {
      return refused(
          status, shown, "port " + t.port() + " is a raw print port; HTTP is never sent there");
    }
    boolean keepMethod = status == 307 || status == 308;
    if (hop.body != null && keepMethod) {
      return refused(
          status,
          shown,
          "a " + status + " redirect would send the request body again; not followed");
    }
    InetAddress address;
    if (HostNames.unbracket(t.host()).equalsIgnoreCase(HostNames.unbracket(hop.host))) {
      address = hop.address;
    } else {
      try {
        address = context.resolveInScope(t.host());
      } catch (OutOfScopeException e) {
        return refused(status, shown, "the target is out of scope: " + e.getMessage());
      } catch (UnknownHostException e) {
        return refused(status, shown, t.host() + " does not resolve");
      } catch (IOException e) {
        return refused(status, shown, "the target could not be admitted: " + e.getMessage());
      }
    }
    boolean tls = scheme.equals("https");
    String method = hop.method;
    byte[] body = hop.body;
    if (!method.equals("HEAD") && (status == 303 || (!keepMethod && method.equals("POST")))) {
      method = "GET";
      body = null;
    }
    List<String[]> headers = hop.headers;
    boolean sameOrigin = address.equals(hop.address) && t.port() == hop.port && tls == hop.tls;
    if (!sameOrigin) {
      headers = headers.stream().filter(h -> !HttpRequest.isCredentialHeader(h[0])).toList();
    }
    return new Hop(
        t.host(),
        address,
        t.port(),
        tls,
        method,
        t.pathAndQuery(),
        body,
        body == null ? null : hop.contentType,
        headers);
  }

  private static Stop refused(int status, String location, String reason) {
    return new Stop(new HttpReply.RefusedRedirect(status, location, reason));
  }

  /** An exception that says what failed, with the deadline recognised as such. */
  private IOException translate(IOException e, Hop hop, Watchdog.Guard guard) {
    if (deadlineReached(guard)) {
      SocketTimeoutException t =
          new SocketTimeoutException(
              hop.describe()
                  + ": no complete answer before the check's deadline; the connection was closed");
      t.initCause(e);
      return t;
    }
    if (e instanceof OutOfScopeException) {
      return e;
    }
    if (e instanceof ConnectTimeoutException) {
      SocketTimeoutException t = new SocketTimeoutException(hop.describe() + ": connect timed out");
      t.initCause(e);
      return t;
    }
    if (e instanceof SSLException) {
      return new SSLException(hop.describe() + ": TLS failed: " + e.getMessage(), e);
    }
    if (e instanceof ClientProtocolException
        || e instanceof NoHttpResponseException
        || e instanceof MessageConstraintException
        || e instanceof ConnectionClosedException
        || e instanceof MalformedChunkCodingException) {
      return new ProtocolException(
          hop.describe() + ": not a valid HTTP answer: " + messageOf(e), e);
    }
    return e;
  }

  /**
   * Whether the deadline fired or is (within a timer's tolerance) reached: socket timeouts are set
   * to what was left of it, so they fire at the deadline give or take a few milliseconds.
   */
  private boolean deadlineReached(Watchdog.Guard guard) {
    return guard.expired() || context.remaining().compareTo(DEADLINE_TOLERANCE) <= 0;
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** What a redirect leads to: the next hop, or a stop with the reason. */
  private sealed interface Next permits Hop, Stop {}

  /** A redirect not followed. */
  private record Stop(HttpReply.RefusedRedirect refused) implements Next {}

  /** One request of a chain: where it goes and what it sends. */
  private record Hop(
      String host,
      InetAddress address,
      int port,
      boolean tls,
      String method,
      String path,
      byte @Nullable [] body,
      @Nullable String contentType,
      List<String[]> headers)
      implements Next {

    String url() {
      return Locations.url(tls, host, port, path);
    }

    String hostHeader() {
      int standard = tls ? 443 : 80;
      return HostNames.authorityHost(host) + (port == standard ? "" : ":" + port);
    }

    String describe() {
      return "HTTP " + method + " " + url();
    }
  }

  /** One response being read; closing it without reading to the end shuts the connection. */
  private final class Exchange implements AutoCloseable {
    private final Hop hop;
    private final CancellableRequest request;
    private final HttpClientContext ctx;
    private final ClassicHttpResponse response;
    private final Watchdog.Guard guard;
    private boolean closed;

    Exchange(
        Hop hop,
        CancellableRequest request,
        HttpClientContext ctx,
        ClassicHttpResponse response,
        Watchdog.Guard guard) {
      this.hop = hop;
      this.request = request;
      this.ctx = ctx;
      this.response = response;
      this.guard = guard;
    }

    HttpReply reply(
        boolean readBody,
        int maxBody,
        Instant start,
        List<HttpReply.Redirect> followed,
        HttpReply.@Nullable RefusedRedirect refused)
        throws IOException {
      List<String[]> headers = new ArrayList<>();
      for (Header h : response.getHeaders()) {
        headers.add(new String[] {h.getName(), h.getValue() == null ? "" : h.getValue()});
      }
      ProtocolVersion version = response.getVersion();
      TlsObservation tls = null;
      SSLSession session = ctx.getSSLSession();
      if (session != null) {
        tls = TlsInspector.observe(session, hop.host).orElse(null);
      }
      byte[] body = new byte[0];
      boolean truncated;
      if (readBody) {
        Body b = readBody(maxBody);
        body = b.bytes;
        truncated = b.truncated;
      } else {
        truncated = response.getEntity() != null;
        abandon();
      }
      return new HttpReply(
          hop.url(),
          version == null ? "HTTP/1.1" : version.format(),
          response.getCode(),
          response.getReasonPhrase() == null ? "" : response.getReasonPhrase(),
          headers,
          body,
          truncated,
          tls,
          followed,
          refused,
          Duration.between(start, Instant.now()));
    }

    /**
     * Reads at most the read cap, or {@code maxBody} when lower; stops there, never sizing a buffer
     * from the device's length.
     */
    private Body readBody(int maxBody) throws IOException {
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        finish();
        return new Body(new byte[0], false);
      }
      int cap = Math.min(context.readCap(), maxBody);
      long declared = entity.getContentLength();
      byte[] chunk = new byte[Math.max(1, Math.min(cap, CHUNK))];
      ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length);
      boolean complete = false;
      boolean truncated = false;
      try {
        InputStream in = entity.getContent();
        while (out.size() < cap) {
          int n = in.read(chunk, 0, Math.min(chunk.length, cap - out.size()));
          if (n < 0) {
            complete = true;
            break;
          }
          out.write(chunk, 0, n);
        }
        if (!complete) {
          // At the cap: complete only if the device announced exactly this length.
          complete = declared == out.size();
          truncated = !complete;
        }
      } catch (ConnectionClosedException | MalformedChunkCodingException e) {
        if (deadlineReached(guard)) {
          throw translate(e, hop, guard);
        }
        // The body ended before the length the device announced (or its chunking broke).
        truncated = true;
      } catch (IOException e) {
        throw translate(e, hop, guard);
      } catch (RuntimeException e) {
        if (request.isCancelled() || deadlineReached(guard)) {
          throw translate(new InterruptedIOException(messageOf(e)), hop, guard);
        }
        throw e;
      }
      if (complete) {
        finish();
      } else {
        abandon();
      }
      return new Body(out.toByteArray(), truncated);
    }

    /** Closes a fully read response; its connection may be reused. */
    private void finish() {
      if (!closed) {
        closed = true;
        try {
          response.close();
        } catch (IOException e) {
          // Nothing left to read; the connection is simply not reused.
        }
      }
    }

    /** Shuts the connection at once, without reading what is left. */
    void abandon() {
      if (!closed) {
        closed = true;
        request.cancel();
        try {
          response.close();
        } catch (IOException | RuntimeException e) {
          // The connection is already shut; closing the stream may complain about it.
        }
      }
    }

    @Override
    public void close() {
      guard.close();
      abandon();
    }
  }

  private record Body(byte[] bytes, boolean truncated) {}
}
