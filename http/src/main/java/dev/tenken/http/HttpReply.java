package dev.tenken.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a device answered to one {@link HttpRequest}, after any redirects the request asked to
 * follow. Immutable and thread-safe.
 *
 * <p>The body is capped: at most the check's {@link dev.tenken.spi.CheckContext#readCap()} bytes
 * (default 256 KiB) were read; {@link #truncated()} says when the device had more to send (or
 * announced more than it sent). {@link #toString()} shows the status, URL and body size, never
 * header values or the body.
 */
public final class HttpReply {

  /**
   * One redirect that was followed.
   *
   * @param status the 3xx status that asked for it
   * @param from the URL that answered it
   * @param location the {@code Location} header as sent (user information masked)
   * @param to the URL it was resolved to and fetched
   */
  public record Redirect(int status, String from, String location, String to) {
    /** Checks the parts are present. */
    public Redirect {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * A redirect that was not followed, although the request asked to follow redirects: its target
   * was out of scope, not {@code http}/{@code https}, a raw print port, malformed, or past the
   * request's limit. The reply is then the 3xx answer itself.
   *
   * @param status the 3xx status
   * @param location the {@code Location} header as sent (user information masked)
   * @param reason why it was not followed
   */
  public record RefusedRedirect(int status, String location, String reason) {
    /** Checks the parts are present. */
    public RefusedRedirect {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final String url;
  private final String version;
  private final int status;
  private final String reason;
  private final SortedMap<String, List<String>> headers;
  private final byte[] body;
  private final boolean truncated;
  private final @Nullable TlsObservation tls;
  private final List<Redirect> redirects;
  private final @Nullable RefusedRedirect refusedRedirect;
  private final Duration elapsed;

  HttpReply(
      String url,
      String version,
      int status,
      String reason,
      List<String[]> headerList,
      byte[] body,
      boolean truncated,
      @Nullable TlsObservation tls,
      List<Redirect> redirects,
      @Nullable RefusedRedirect refusedRedirect,
      Duration elapsed) {
    this.url = url;
    this.version = version;
    this.status = status;
    this.reason = reason;
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String[] h : headerList) {
      map.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Collections.unmodifiableSortedMap(map);
    this.body = body;
    this.truncated = truncated;
    this.tls = tls;
    this.redirects = List.copyOf(redirects);
    this.refusedRedirect = refusedRedirect;
    this.elapsed = elapsed;
  }

  /** The URL that produced this reply (the last hop's), such as {@code http://192.0.2.1:80/}. */
  public String url() {
    return url;
  }

  /** The protocol version of the status line, such as {@code HTTP/1.1}. */
  public String version() {
    return version;
  }

  /** The status code, such as 200. */
  public int status() {
    return status;
  }

  /** The reason phrase, possibly empty. */
  public String reason() {
    return reason;
  }

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * Every header, names case-insensitive ({@code get("content-type")} finds {@code Content-Type}),
   * values in the order received. Unmodifiable.
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (case-insensitive), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of header {@code name} (case-insensitive), possibly none. */
  public List<String> headers(String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }

  /** A copy of the body as read: at most the check's read cap, never decompressed. */
  public byte[] body() {
    return body.clone();
  }

  /** The number of body bytes read. */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Whether the body is incomplete: reading stopped at the read cap with more to come (or a body of
   * unknown length reached the cap exactly), or the connection ended before the length the server
   * announced.
   */
  public boolean truncated() {
    return truncated;
  }

  /**
   * The body as text, decoded with the charset of {@code Content-Type} when it names a supported
   * one, else ISO-8859-1 (which maps every byte, so nothing is lost or replaced).
   */
  public String bodyText() {
    return new String(body, charset());
  }

  /** The charset {@link #bodyText()} uses. */
  Charset charset() {
    Optional<String> type = header("Content-Type");
    if (type.isEmpty()) {
      return StandardCharsets.ISO_8859_1;
    }
    for (String param : type.get().split(";")) {
      String p = param.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("charset")) {
        String name = p.substring(eq + 1).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException e) {
          return StandardCharsets.ISO_8859_1;
        }
      }
    }
    return StandardCharsets.ISO_8859_1;
  }

  /** What the TLS handshake showed, when the reply came over TLS. */
  public Optional<TlsObservation> tls() {
    return Optional.ofNullable(tls);
  }

  /** The redirects followed to reach this reply, in order; empty when none were. */
  public List<Redirect> redirects() {
    return redirects;
  }

  /** The redirect this reply asked for and that was not followed, with the reason. */
  public Optional<RefusedRedirect> refusedRedirect() {
    return Optional.ofNullable(refusedRedirect);
  }

  /** Wall time from sending the first request to the end of reading this reply. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Status, URL and body size; never header values or the body. */
  @Override
  public String toString() {
    return "HTTP "
        + status
        + (reason.isEmpty() ? "" : " " + reason)
        + " from "
        + url
        + ": "
        + body.length
        + " body bytes"
        + (truncated ? " (truncated)" : "")
        + (redirects.isEmpty() ? "" : ", after " + redirects.size() + " redirect(s)");
  }
}
