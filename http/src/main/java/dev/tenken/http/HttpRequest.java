package dev.tenken.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request a check wants to send through an {@link HttpProbe}: method, path, extra headers,
 * an optional body, what the request is for, whether to use TLS and how many redirects to follow.
 * Immutable and thread-safe; build one with the factories ({@link #get}, {@link #head}, {@link
 * #options}, {@link #query}, {@link #login}) or with {@link #builder}.
 *
 * <p>What may be sent is decided here, centrally, so no check can send anything that changes a
 * device:
 *
 * <ul>
 *   <li>{@code GET}, {@code HEAD} and {@code OPTIONS} without a body, for {@link Purpose#READ} (the
 *       default) or {@link Purpose#LOGIN};
 *   <li>{@code POST} only with a body and a content type, and only for {@link Purpose#QUERY} (a
 *       read-only query such as IPP Get-Printer-Attributes) or {@link Purpose#LOGIN} (a login
 *       attempt, which {@link HttpProbe#send} refuses unless the running check's safety class is
 *       {@code CREDENTIAL_ATTEMPT} or {@code SESSION});
 *   <li>credentials ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}) only on a
 *       {@link Purpose#LOGIN} request;
 *   <li>no header the probe owns or that changes message framing: {@code Host}, {@code User-Agent},
 *       {@code Content-Length}, {@code Content-Type} (give it with the body), {@code
 *       Transfer-Encoding}, {@code Connection}, {@code Keep-Alive}, {@code Upgrade}, {@code TE},
 *       {@code Trailer}, {@code Expect}, {@code Proxy-Connection}, {@code Accept-Encoding} (replies
 *       are never decompressed).
 * </ul>
 *
 * Anything else ({@code PUT}, {@code DELETE}, {@code PATCH}, a {@code POST} without a purpose...)
 * throws {@link IllegalArgumentException} when the request is built, before any traffic.
 *
 * <p>Defaults: purpose {@link Purpose#READ}; TLS decided by the endpoint ({@code https} and {@code
 * ipps} use TLS, everything else plain HTTP); no redirects followed (at most {@link
 * #MAX_REDIRECTS}); the body read up to the check's read cap ({@link
 * dev.tenken.spi.CheckContext#readCap()}), or less when {@link Builder#maxBody} asks.
 *
 * <p>{@link #toString()} never shows the body or credential headers.
 */
public final class HttpRequest {

  /** Most redirects a request may ask to follow. */
  public static final int MAX_REDIRECTS = 3;

  /** Longest path accepted, in characters. */
  public static final int MAX_PATH_LENGTH = 8192;

  /** Why a request is sent; decides which methods, bodies and headers it may carry. */
  public enum Purpose {
    /** A plain read: {@code GET}, {@code HEAD} or {@code OPTIONS}, no body, no credentials. */
    READ,
    /**
     * A read-only query that needs a body: {@code POST} with a body the caller vouches changes
     * nothing (IPP Get-Printer-Attributes, an ONVIF GetDeviceInformation, a JSON search).
     */
    QUERY,
    /**
     * A login attempt or a request carrying credentials (a form {@code POST}, or a {@code GET} with
     * {@code Authorization}); only checks of safety {@code CREDENTIAL_ATTEMPT} or {@code SESSION}
     * may send it. The probe does not count attempts: a credential check takes one from {@link
     * dev.tenken.spi.CheckContext#loginBudget()} before each login, as the budget's contract says.
     */
    LOGIN
  }

  private static final Set<String> BODYLESS_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "user-agent",
          "content-length",
          "content-type",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "proxy-connection",
          "accept-encoding");

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie");

  private final String method;
  private final String path;
  private final List<String[]> headers;
  private final byte @Nullable [] body;
  private final @Nullable String contentType;
  private final Purpose purpose;
  private final @Nullable Boolean tls;
  private final int maxRedirects;
  private final int maxBody;

  private HttpRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.headers = List.copyOf(b.headers);
    this.body = b.body == null ? null : b.body.clone();
    this.contentType = b.contentType;
    this.purpose = b.purpose;
    this.tls = b.tls;
    this.maxRedirects = b.maxRedirects;
    this.maxBody = b.maxBody;
  }

  /**
   * A {@code GET} of {@code path}.
   *
   * @throws IllegalArgumentException when the path is not an origin-form path ({@code /...})
   */
  public static HttpRequest get(String path) {
    return builder("GET", path).build();
  }

  /**
   * A {@code HEAD} of {@code path}.
   *
   * @throws IllegalArgumentException when the path is not an origin-form path ({@code /...})
   */
  public static HttpRequest head(String path) {
    return builder("HEAD", path).build();
  }

  /**
   * An {@code OPTIONS} of {@code path} ({@code *} allowed).
   *
   * @throws IllegalArgumentException when the path is neither {@code *} nor {@code /...}
   */
  public static HttpRequest options(String path) {
    return builder("OPTIONS", path).build();
  }

  /**
   * A {@code POST} of a read-only query (purpose {@link Purpose#QUERY}), such as IPP
   * Get-Printer-Attributes.
   *
   * @throws IllegalArgumentException when the path or content type is malformed
   */
  public static HttpRequest query(String path, String contentType, byte[] body) {
    return builder("POST", path).purpose(Purpose.QUERY).body(contentType, body).build();
  }

  /**
   * A {@code POST} of a login attempt (purpose {@link Purpose#LOGIN}); {@link HttpProbe#send}
   * refuses it unless the running check is a {@code CREDENTIAL_ATTEMPT} or {@code SESSION} check.
   *
   * @throws IllegalArgumentException when the path or content type is malformed
   */
  public static HttpRequest login(String path, String contentType, byte[] body) {
    return builder("POST", path).purpose(Purpose.LOGIN).body(contentType, body).build();
  }

  /**
   * A builder for a request of {@code method} (compared in upper case) on {@code path}; the method
   * and path are validated by {@link Builder#build()}.
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** A builder holding this request's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(method, path);
    b.headers.addAll(headers);
    b.body = body == null ? null : body.clone();
    b.contentType = contentType;
    b.purpose = purpose;
    b.tls = tls;
    b.maxRedirects = maxRedirects;
    b.maxBody = maxBody;
    return b;
  }

  /** This request, following at most {@code max} redirects (0 to {@value #MAX_REDIRECTS}). */
  public HttpRequest followRedirects(int max) {
    return toBuilder().maxRedirects(max).build();
  }

  /** This request, over TLS or not whatever the endpoint's service says. */
  public HttpRequest withTls(boolean value) {
    return toBuilder().tls(value).build();
  }

  /** This request with one more header. */
  public HttpRequest withHeader(String name, String value) {
    return toBuilder().header(name, value).build();
  }

  /** The method in upper case: {@code GET}, {@code HEAD}, {@code OPTIONS} or {@code POST}. */
  public String method() {
    return method;
  }

  /** The request target as sent: {@code /path?query}, or {@code *} for {@code OPTIONS}. */
  public String path() {
    return path;
  }

  /** The caller's extra headers, case-insensitive names, values in the order given. */
  public Map<String, List<String>> headers() {
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String[] h : headers) {
      map.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableSortedMap(map);
  }

  /** The caller's extra headers as name/value pairs, in order. */
  List<String[]> headerList() {
    return headers;
  }

  /** A copy of the body; empty when the request has none. */
  public byte[] body() {
    return body == null ? new byte[0] : body.clone();
  }

  /** Whether the request carries a body (only {@code POST} does). */
  public boolean hasBody() {
    return body != null;
  }

  /** The body's content type, when there is a body. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** What the request is for. */
  public Purpose purpose() {
    return purpose;
  }

  /**
   * Whether to use TLS; empty means: as the endpoint's service says ({@code https}, {@code ipps}).
   */
  public Optional<Boolean> tls() {
    return Optional.ofNullable(tls);
  }

  /** How many redirects to follow, 0 (the default) to {@value #MAX_REDIRECTS}. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /**
   * The most body bytes to read of the reply, when the request lowers the check's read cap ({@link
   * Builder#maxBody}); empty means the read cap alone applies. The probe reads {@code min(maxBody,
   * readCap)} bytes.
   */
  public OptionalInt maxBody() {
    return maxBody == 0 ? OptionalInt.empty() : OptionalInt.of(maxBody);
  }

  /** Whether a header of this name would carry credentials. */
  static boolean isCredentialHeader(String name) {
    return CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The method, path and purpose; never the body or header values. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(method).append(' ').append(path);
    if (purpose != Purpose.READ) {
      sb.append(" (").append(purpose.name().toLowerCase(Locale.ROOT)).append(')');
    }
    if (body != null) {
      sb.append(", ").append(body.length).append("-byte body");
    }
    if (!headers.isEmpty()) {
      sb.append(", headers ");
      for (int i = 0; i < headers.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(headers.get(i)[0]);
      }
    }
    return sb.toString();
  }

  /**
   * Builds an {@link HttpRequest}. Not thread-safe. Defaults: no headers, no body, purpose {@link
   * Purpose#READ}, TLS as the endpoint says, no redirects followed.
   */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<String[]> headers = new ArrayList<>();
    private byte @Nullable [] body;
    private @Nullable String contentType;
    private Purpose purpose = Purpose.READ;
    private @Nullable Boolean tls;
    private int maxRedirects;
    private int maxBody;

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Adds a header (repeat the name for several values).
     *
     * @throws IllegalArgumentException when the name is not an HTTP token, the value holds a
     *     control character, or the header is one the probe owns (see {@link HttpRequest})
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
        throw new IllegalArgumentException("'" + name + "' is not an HTTP header name");
      }
      if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "the " + name + " header is set by the HTTP probe itself and may not be given");
      }
      if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff))) {
        throw new IllegalArgumentException(
            "the value of header " + name + " holds a control or non-Latin-1 character");
      }
      headers.add(new String[] {name, value});
      return this;
    }

    /**
     * The body and its content type ({@code application/ipp}, {@code
     * application/x-www-form-urlencoded}...); only {@code POST} may have one.
     *
     * @throws IllegalArgumentException when the content type holds a control character
     */
    public Builder body(String contentType, byte[] body) {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      if (contentType.isBlank()
          || !contentType.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
        throw new IllegalArgumentException("'" + contentType + "' is not a content type");
      }
      this.contentType = contentType;
      this.body = body.clone();
      return this;
    }

    /** What the request is for. Default {@link Purpose#READ}. */
    public Builder purpose(Purpose value) {
      this.purpose = Objects.requireNonNull(value, "purpose");
      return this;
    }

    /** Use TLS (or not) whatever the endpoint's service says. Default: as the service says. */
    public Builder tls(boolean value) {
      this.tls = value;
      return this;
    }

    /**
     * Follow at most {@code value} redirects, each re-validated against the scope. Default 0.
     *
     * @throws IllegalArgumentException when {@code value} is not within 0 to {@value
     *     #MAX_REDIRECTS}
     */
    public Builder maxRedirects(int value) {
      if (value < 0 || value > MAX_REDIRECTS) {
        throw new IllegalArgumentException(
            "maxRedirects must be within 0-" + MAX_REDIRECTS + ", was " + value);
      }
      this.maxRedirects = value;
      return this;
    }

    /**
     * Read at most {@code bytes} bytes of the reply's body, below the check's read cap: the probe
     * reads {@code min(bytes, readCap)} bytes, then closes the connection without draining and
     * marks the reply {@link HttpReply#truncated()}, exactly as at the read cap. Meant for replies
     * that never end, such as an MJPEG stream ({@code multipart/x-mixed-replace}), where a check
     * needs only the first few KiB. Default: no lower cap (the read cap alone applies).
     *
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public Builder maxBody(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBody must be positive, was " + bytes);
      }
      this.maxBody = bytes;
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalArgumentException when the method, path, body or headers break the rules in
     *     {@link HttpRequest}'s description
     */
    public HttpRequest build() {
      boolean bodyless = BODYLESS_METHODS.contains(method);
      if (!bodyless && !method.equals("POST")) {
        throw new IllegalArgumentException(
            "HTTP method "
                + printable(method)
                + " is not allowed: Tenken sends only GET, HEAD, OPTIONS and read-only or login"
                + " POSTs");
      }
      checkPath();
      if (bodyless) {
        if (body != null) {
          throw new IllegalArgumentException(method + " requests carry no body");
        }
        if (purpose == Purpose.QUERY) {
          throw new IllegalArgumentException(
              "purpose QUERY is for POST requests with a body; a " + method + " is a READ");
        }
      } else {
        if (purpose == Purpose.READ) {
          throw new IllegalArgumentException(
              "a POST is allowed only as a read-only QUERY or a LOGIN attempt; say which with"
                  + " purpose(...)");
        }
        if (body == null) {
          throw new IllegalArgumentException("a POST needs a body and its content type");
        }
      }
      if (purpose != Purpose.LOGIN) {
        for (String[] h : headers) {
          if (isCredentialHeader(h[0])) {
            throw new IllegalArgumentException(
                "the " + h[0] + " header carries credentials: only a LOGIN request may send it");
          }
        }
      }
      return new HttpRequest(this);
    }

    private void checkPath() {
      if (path.equals("*")) {
        if (!method.equals("OPTIONS")) {
          throw new IllegalArgumentException("the request target '*' is only for OPTIONS");
        }
        return;
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "path '" + printable(path) + "' must start with '/' (give the path, not a URL)");
      }
      if (path.length() > MAX_PATH_LENGTH) {
        throw new IllegalArgumentException(
            "the path is longer than " + MAX_PATH_LENGTH + " characters");
      }
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c <= 0x20 || c >= 0x7f || c == '#') {
          throw new IllegalArgumentException(
              "path '"
                  + printable(path)
                  + "' holds a character that must be percent-encoded (at index "
                  + i
                  + ")");
        }
      }
    }

    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < s.length() && i < 200; i++) {
        char c = s.charAt(i);
        sb.append(c < 0x20 || c >= 0x7f ? '?' : c);
      }
      return sb.toString();
    }
  }
}
