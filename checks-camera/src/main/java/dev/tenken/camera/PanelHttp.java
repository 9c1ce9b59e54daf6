package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way the camera web panel checks talk HTTP, and where what they may send is decided: a
 * {@code GET} without credentials of a path from the vendor table ({@link
 * PanelVendors#readPaths()}) or of a catch-all canary, following no redirects; and, only for the
 * credential check ({@link HttpProbe} refuses LOGIN requests from any other safety class), a {@code
 * GET} of a table login page carrying {@code Authorization} (Basic or Digest, built by {@link
 * dev.tenken.http.AuthChallenge}). Anything else throws {@link IllegalArgumentException} before any
 * traffic.
 *
 * <p>A reply whose body was cut off (larger than the context's read cap, or shorter than its {@code
 * Content-Length}) is not judged: {@link #get} throws {@link ProtocolException}, which ends the
 * check {@code ERROR} with that reason. One check uses one instance and closes it; not thread-safe.
 */
final class PanelHttp implements AutoCloseable {
  private static final Pattern CANARY =
      Pattern.compile(Pattern.quote(HttpProbe.CANARY_PREFIX) + "[0-9a-f]{16}");
  private static final Set<String> READ_PATHS = PanelVendors.readPaths();
  private static final Set<String> LOGIN_PATHS = PanelVendors.loginPaths();

  private final HttpProbe probe;
  private final int readCap;

  private PanelHttp(HttpProbe probe, int readCap) {
    this.probe = probe;
    this.readCap = readCap;
  }

  static PanelHttp of(CheckContext context) {
    return new PanelHttp(HttpProbe.of(context), context.readCap());
  }

  /**
   * {@code GET path} without credentials.
   *
   * @throws ProtocolException when the reply is not HTTP or its body was cut off
   */
  HttpReply get(Endpoint endpoint, String path) throws IOException {
    return whole(probe.send(endpoint, read(path)), "GET " + shown(path));
  }

  /** The read request for {@code path}: the allow-list of reads. */
  static HttpRequest read(String path) {
    if (!READ_PATHS.contains(path) && !CANARY.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not on the camera panel checks' allow-list");
    }
    return HttpRequest.get(path);
  }

  /**
   * {@code GET path} with {@code Authorization: authorization}; a LOGIN request.
   *
   * @throws ProtocolException when the reply is not HTTP or its body was cut off
   */
  HttpReply getWith(Endpoint endpoint, String path, String authorization) throws IOException {
    return whole(probe.send(endpoint, login(path, authorization)), "GET " + shown(path));
  }

  /** The login request: only to a table login page, only with an Authorization header. */
  static HttpRequest login(String path, String authorization) {
    if (!LOGIN_PATHS.contains(path)) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not a login page of the camera panel table");
    }
    return HttpRequest.builder("GET", path)
        .purpose(HttpRequest.Purpose.LOGIN)
        .header("Authorization", authorization)
        .build();
  }

  /** Whether the port answers success to a random path ({@link HttpProbe#isCatchAll}). */
  boolean isCatchAll(Endpoint endpoint) throws IOException {
    return probe.isCatchAll(endpoint);
  }

  private HttpReply whole(HttpReply reply, String what) throws ProtocolException {
    if (reply.truncated()) {
      throw new ProtocolException(
          what
              + ": HTTP "
              + reply.status()
              + " body cut off after "
              + reply.bodyLength()
              + " bytes ("
              + (reply.bodyLength() >= readCap
                  ? "larger than the " + readCap + "-byte read cap"
                  : "the connection closed before the announced length")
              + "); not judged");
    }
    return reply;
  }

  /** {@code path} bounded and printable, for evidence and messages. */
  static String shown(String path) {
    String p = path.length() > 80 ? path.substring(0, 80) + "..." : path;
    return p.replaceAll("[^\\x20-\\x7e]", "?");
  }

  @Override
  public void close() {
    probe.close();
  }
}
