package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.camera.WebcamProduct.Marker;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way the webcam checks talk HTTP, and the judge of what comes back. It sends only {@code
 * GET} without credentials, following no redirects, of a path of {@link WebcamPaths} or {@link
 * WebcamProducts}, or of a random catch-all canary; anything else throws {@link
 * IllegalArgumentException} before any traffic. Every body is read only up to a small cap ({@link
 * #STREAM_CAP} for streams and images, {@link #PAGE_CAP} for pages) and the connection is then
 * closed, so an endless MJPEG stream costs a few KiB. Image bytes are only tested for the JPEG
 * magic and dropped with the reply. One check run uses one instance and closes it.
 */
final class WebcamHttp implements AutoCloseable {
  /** Bytes read of a stream or image: enough for the headers of the first part and its magic. */
  static final int STREAM_CAP = 8 * 1024;

  /** Bytes read of a control page. */
  static final int PAGE_CAP = 64 * 1024;

  private static final Pattern CANARY =
      Pattern.compile(Pattern.quote(HttpProbe.CANARY_PREFIX) + "[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> READ_PATHS = readPaths();

  private final HttpProbe probe;

  private WebcamHttp(HttpProbe probe) {
    this.probe = probe;
  }

  static WebcamHttp of(CheckContext context) {
    return new WebcamHttp(HttpProbe.of(context));
  }

  private static Set<String> readPaths() {
    Set<String> s = new LinkedHashSet<>();
    WebcamPaths.STREAMS.forEach(p -> s.add(p.path()));
    WebcamPaths.SNAPSHOTS.forEach(p -> s.add(p.path()));
    s.addAll(WebcamProducts.paths());
    return Set.copyOf(s);
  }

  /** {@code GET path} without credentials, reading at most {@code maxBody} bytes. */
  HttpReply get(Endpoint endpoint, String path, int maxBody) throws IOException {
    return probe.send(endpoint, read(path, maxBody));
  }

  /** The request for {@code path}: the allow-list of the webcam checks. */
  static HttpRequest read(String path, int maxBody) {
    if (!READ_PATHS.contains(path) && !CANARY.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not on the webcam checks' allow-list");
    }
    return HttpRequest.builder("GET", path).maxBody(maxBody).build();
  }

  /** Whether the port answers success to a random path (shared per port, see {@link HttpProbe}). */
  boolean isCatchAll(Endpoint endpoint) throws IOException {
    return probe.isCatchAll(endpoint);
  }

  /** {@code GET} of a fresh random path, reading at most {@code maxBody} bytes. */
  HttpReply canary(Endpoint endpoint, int maxBody) throws IOException {
    return get(
        endpoint, HttpProbe.CANARY_PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong()), maxBody);
  }

  @Override
  public void close() {
    probe.close();
  }

  // --- judging ----------------------------------------------------------------------------------

  /** Whether {@code body} starts with the JPEG start-of-image marker and a segment: FF D8 FF. */
  static boolean isJpeg(byte[] body) {
    return startsJpeg(body, 0);
  }

  private static boolean startsJpeg(byte[] b, int at) {
    return at + 3 <= b.length
        && (b[at] & 0xff) == 0xff
        && (b[at + 1] & 0xff) == 0xd8
        && (b[at + 2] & 0xff) == 0xff;
  }

  /** The media type of the reply in lower case without parameters, or the empty string. */
  static String mediaType(HttpReply reply) {
    String ct = reply.header("Content-Type").orElse("");
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** Whether the reply announces an MJPEG-style stream: {@code multipart/x-mixed-replace}. */
  static boolean isMultipartReplace(HttpReply reply) {
    return mediaType(reply).equals("multipart/x-mixed-replace");
  }

  /** Whether the reply's type allows a still JPEG: {@code image/jpeg} and kin, or octet-stream. */
  static boolean isImageType(HttpReply reply) {
    String t = mediaType(reply);
    return t.equals("image/jpeg")
        || t.equals("image/jpg")
        || t.equals("image/pjpeg")
        || t.equals("application/octet-stream");
  }

  /**
   * The offset of the body of the first multipart part that is a JPEG, or -1: a part is a line
   * starting {@code --} (the boundary, whatever the device declared: many send one that differs
   * from their {@code boundary=} parameter), its header lines, a blank line, then FF D8 FF. Some
   * servers send the part's JPEG without part headers right after the boundary line; that counts
   * too.
   */
  static int firstJpegPart(byte[] body) {
    int i = 0;
    while (i < body.length) {
      int lineEnd = lineEnd(body, i);
      if (lineEnd < 0) {
        return -1;
      }
      if (startsWith(body, i, "--")) {
        int next = lineEnd;
        // Part headers up to the blank line; the JPEG must start right after it.
        for (int headers = 0; headers < 16 && next < body.length; headers++) {
          if (startsJpeg(body, next)) {
            return next;
          }
          int e = lineEnd(body, next);
          if (e < 0) {
            return -1;
          }
          boolean blank = e - next <= 2;
          next = e;
          if (blank) {
            return startsJpeg(body, next) ? next : -1;
          }
        }
        return -1;
      }
      i = lineEnd;
    }
    return -1;
  }

  /** The index just past the next LF at or after {@code from}, or -1. */
  private static int lineEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    if (at + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The labels of the markers of {@code markers} that {@code reply} shows. */
  static List<String> matching(List<Marker> markers, HttpReply reply, String body) {
    List<String> out = new ArrayList<>();
    for (Marker m : markers) {
      boolean hit =
          m.header() == null
              ? m.pattern().matcher(body).find()
              : reply.headers(m.header()).stream().anyMatch(v -> m.pattern().matcher(v).find());
      if (hit) {
        out.add(m.label());
      }
    }
    return out;
  }

  /** A short printable form of a device string for messages and evidence. */
  static String shown(String s) {
    String p = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return p.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** What was read, as evidence: the size and the magic only, never the bytes. */
  static String sizeOf(HttpReply reply) {
    String declared = reply.header("Content-Length").map(WebcamHttp::shown).orElse(null);
    String read = reply.bodyLength() + " bytes read" + (reply.truncated() ? " (then closed)" : "");
    return declared == null ? read : "Content-Length " + declared + ", " + read;
  }
}
