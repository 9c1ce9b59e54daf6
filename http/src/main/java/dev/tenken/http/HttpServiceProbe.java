package dev.tenken.http;

import dev.tenken.spi.ServiceProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises HTTP servers for the runner's service identification: service {@code http}, refined to
 * {@code ipp} when the {@code Server} header names IPP or CUPS (printers and print servers speak
 * IPP over HTTP on the same port). Its request is a read-only {@code GET /} over HTTP/1.0 with
 * {@code Connection: close}, which no printer prints. TLS ports are {@link TlsServiceProbe}'s.
 * Stateless and thread-safe; {@link #recognises} and {@link #refine} accept any byte array and
 * never throw.
 */
public final class HttpServiceProbe implements ServiceProbe {
  /** The one instance. */
  public static final HttpServiceProbe INSTANCE = new HttpServiceProbe();

  private static final List<Integer> PORTS =
      List.of(80, 81, 8000, 8008, 8080, 8081, 8088, 8888, 5984, 9200, 631);

  private static final byte[] REQUEST =
      ("GET / HTTP/1.0\r\nHost: probe\r\nUser-Agent: "
              + HttpProbe.USER_AGENT
              + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  /** Most bytes of a reply searched for the {@code Server} header. */
  private static final int HEADER_SCAN = 8192;

  private static final Pattern IPP = Pattern.compile("(?i)(?<![a-z0-9])(ipp|cups)(?![a-z])");

  private HttpServiceProbe() {}

  /** {@code http}. */
  @Override
  public String service() {
    return "http";
  }

  /**
   * 80, 81, 8000, 8008, 8080, 8081, 8088, 8888, 5984 (CouchDB), 9200 (Elasticsearch), 631 (IPP).
   */
  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /**
   * {@code GET / HTTP/1.0} with {@code Host: probe}, Tenken's User-Agent and {@code Connection:
   * close}.
   */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(REQUEST.clone());
  }

  /**
   * Whether {@code reply} starts with {@code HTTP/1.} or {@code HTTP/2}, or is a bare HTML error
   * page: servers that read a request line without a version (as the PJL query looks to them) may
   * answer HTTP/0.9-style, with the body alone (Python's {@code http.server} does).
   */
  @Override
  public boolean recognises(byte[] reply) {
    return startsWith(reply, "HTTP/1.") || startsWith(reply, "HTTP/2") || isBareHtml(reply);
  }

  private static boolean isBareHtml(byte[] reply) {
    if (reply == null) {
      return false;
    }
    int i = 0;
    while (i < reply.length
        && i < 16
        && (reply[i] == ' ' || reply[i] == '\r' || reply[i] == '\n')) {
      i++;
    }
    String start =
        new String(reply, i, Math.min(reply.length - i, 14), StandardCharsets.ISO_8859_1)
            .toLowerCase(java.util.Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  /**
   * {@code ipp} when a {@code Server} header in the reply's head names IPP or CUPS, else {@code
   * http}.
   */
  @Override
  public String refine(byte[] reply) {
    if (!recognises(reply)) {
      return service();
    }
    String head =
        new String(reply, 0, Math.min(reply.length, HEADER_SCAN), StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (end >= 0) {
      head = head.substring(0, end);
    }
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("server")) {
        if (IPP.matcher(line.substring(colon + 1)).find()) {
          return "ipp";
        }
      }
    }
    return service();
  }

  private static boolean startsWith(byte[] reply, String prefix) {
    if (reply == null || reply.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (reply[i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "HttpServiceProbe";
  }
}
