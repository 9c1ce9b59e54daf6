package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.Secret;
import dev.tenken.http.AuthChallenge;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one way the ONVIF checks talk to a device: SOAP 1.2 over Tenken's {@link HttpProbe}, each
 * request a read-only {@link HttpRequest#query query} {@code POST} of an {@link OnvifOperation}
 * envelope (the allow-list) without WS-Security, to the device service {@value #DEVICE_PATH} or to
 * the path of the media service's XAddr on the same endpoint. An XAddr naming another host or port
 * is never connected to: only its path is used. Replies are read with {@link SoapXml}. One check
 * run uses one instance and closes it; not thread-safe beyond what {@link HttpProbe} is.
 */
final class OnvifClient implements AutoCloseable {
  /**
   * The device service path every ONVIF device serves (ONVIF Core: {@code /onvif/device_service}).
   */
  static final String DEVICE_PATH = "/onvif/device_service";

  /** The path of the stream URI the media service answered, for the RTSP checks. Per host. */
  static final FactKey<String> STREAM_PATH =
      new FactKey<>("camera.onvif.stream-path", String.class);

  private static final Pattern SERVICE_PATH = Pattern.compile("/[A-Za-z0-9/_.\\-]{0,127}");

  private final HttpProbe http;

  private OnvifClient(HttpProbe http) {
    this.http = http;
  }

  /** A client sending through {@code context}. */
  static OnvifClient of(CheckContext context) {
    return new OnvifClient(HttpProbe.of(context));
  }

  /** What an ONVIF request got. */
  sealed interface Answer permits Response, Fault, Refused, NotSoap {
    /** The HTTP status. */
    int status();

    /** Whether the device refused for lack of credentials: a Sender fault, or HTTP 401/403. */
    default boolean isRefusal() {
      return (this instanceof Fault f && f.fault().isRefusal())
          || (this instanceof Refused r && (r.status() == 401 || r.status() == 403));
    }

    /** One line for evidence. */
    String describe();
  }

  /**
   * The operation's response element, answered.
   *
   * @param status the HTTP status (200)
   * @param element the {@code <Operation>Response} element
   */
  record Response(int status, SoapElement element) implements Answer {
    @Override
    public String describe() {
      return "HTTP " + status + ", " + element.name();
    }
  }

  /**
   * A SOAP fault.
   *
   * @param status the HTTP status (400 or 500 as SOAP 1.2 says; some devices send 200 or 401)
   * @param fault the fault
   */
  record Fault(int status, SoapFault fault) implements Answer {
    @Override
    public String describe() {
      return "HTTP " + status + ", SOAP fault " + fault.describe();
    }
  }

  /**
   * HTTP authentication asked for, no SOAP in the reply.
   *
   * @param status 401 or 403
   * @param evidence the status and the challenge
   */
  record Refused(int status, String evidence) implements Answer {
    @Override
    public String describe() {
      return evidence;
    }
  }

  /**
   * Not a SOAP reply: 404, an HTML page, a well-formed XML document that is no SOAP envelope.
   *
   * @param status the HTTP status
   * @param evidence status and content type
   */
  record NotSoap(int status, String evidence) implements Answer {
    @Override
    public String describe() {
      return evidence;
    }
  }

  /**
   * Sends {@code operation} to {@code path}.
   *
   * @throws IllegalArgumentException for GetStreamUri (use {@link #streamUri}), for a device
   *     operation on another path than {@value #DEVICE_PATH}, or for a path that is not a plain
   *     service path
   * @throws ProtocolException when the reply is SOAP but malformed, truncated, larger than the read
   *     cap, or answers with another element than the operation's response
   * @throws IOException as {@link HttpProbe#send} does
   */
  Answer call(Endpoint endpoint, String path, OnvifOperation operation) throws IOException {
    return send(endpoint, path, operation, operation.envelope());
  }

  /** GetStreamUri (RTP-Unicast over RTSP) of {@code profileToken}; as {@link #call}. */
  Answer streamUri(Endpoint endpoint, String path, String profileToken) throws IOException {
    return send(
        endpoint, path, OnvifOperation.GET_STREAM_URI, OnvifOperation.streamUri(profileToken));
  }

  private Answer send(Endpoint endpoint, String path, OnvifOperation op, byte[] body)
      throws IOException {
    if (!SERVICE_PATH.matcher(path).matches() || path.contains("..")) {
      throw new IllegalArgumentException(
          "refused: '" + printable(path, 60) + "' is not a plain ONVIF service path");
    }
    if (op.namespace().equals(OnvifOperation.TDS) && !path.equals(DEVICE_PATH)) {
      throw new IllegalArgumentException(
          "refused: device operations go to " + DEVICE_PATH + " only, not " + path);
    }
    HttpReply reply = http.send(endpoint, HttpRequest.query(path, op.contentType(), body));
    return judge(op, reply);
  }

  static Answer judge(OnvifOperation op, HttpReply reply) throws ProtocolException {
    int status = reply.status();
    if (reply.truncated()) {
      throw new ProtocolException(
          "the reply to "
              + op.operation()
              + " is larger than the read cap ("
              + reply.bodyLength()
              + " bytes read) or was cut short");
    }
    String type = reply.header("Content-Type").orElse("");
    String lower = type.toLowerCase(Locale.ROOT);
    boolean xmlType = lower.contains("soap+xml") || lower.contains("/xml");
    if (reply.bodyLength() > 0 && (xmlType || mentionsEnvelope(reply.body()))) {
      Optional<SoapXml.Envelope> env;
      try {
        env = SoapXml.envelope(reply.body());
      } catch (ProtocolException e) {
        throw new ProtocolException(
            "the reply to " + op.operation() + " (HTTP " + status + "): " + e.getMessage(), e);
      }
      if (env.isPresent()) {
        SoapXml.Envelope e = env.get();
        if (e.fault() != null) {
          return new Fault(status, e.fault());
        }
        SoapElement content = e.content();
        if (content == null) {
          throw new ProtocolException(
              "the SOAP reply to " + op.operation() + " (HTTP " + status + ") has an empty Body");
        }
        if (!content.name().equals(op.response())) {
          throw new ProtocolException(
              "the SOAP reply to "
                  + op.operation()
                  + " holds <"
                  + printable(content.name(), 60)
                  + ">, not <"
                  + op.response()
                  + ">");
        }
        if (status / 100 != 2) {
          throw new ProtocolException(
              "HTTP " + status + " with a " + op.response() + ": neither an answer nor a fault");
        }
        return new Response(status, content);
      }
    }
    StringBuilder ev = new StringBuilder("HTTP ").append(status);
    if (!reply.reason().isEmpty()) {
      ev.append(' ').append(printable(reply.reason(), 40));
    }
    if (status == 401 || status == 403) {
      List<AuthChallenge> challenges = AuthChallenge.parse(reply.headers("WWW-Authenticate"));
      if (!challenges.isEmpty()) {
        ev.append(", WWW-Authenticate ");
        for (int i = 0; i < challenges.size() && i < 3; i++) {
          ev.append(i == 0 ? "" : ", ").append(challenges.get(i).describe());
        }
      }
      return new Refused(status, ev.toString());
    }
    if (!type.isEmpty()) {
      ev.append(", Content-Type ").append(printable(type, 60));
    }
    return new NotSoap(status, ev.append(", not SOAP").toString());
  }

  /** Whether the first 512 bytes name an {@code Envelope}: XML served with a wrong type. */
  private static boolean mentionsEnvelope(byte[] body) {
    String head = new String(body, 0, Math.min(512, body.length), StandardCharsets.ISO_8859_1);
    return head.contains("Envelope");
  }

  /** Whether the port answers success to a random path ({@link HttpProbe#isCatchAll}). */
  boolean isCatchAll(Endpoint endpoint) throws IOException {
    return http.isCatchAll(endpoint);
  }

  /**
   * What {@value #DEVICE_PATH} answers to GetSystemDateAndTime, asked once per host and port and
   * shared by the ONVIF checks.
   */
  static OnvifDeviceService deviceService(
      CheckContext context, Endpoint endpoint, OnvifClient client) throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              OnvifDeviceService.KEY.perPort(endpoint.port()),
              () -> {
                try {
                  return OnvifDeviceService.of(
                      client.call(endpoint, DEVICE_PATH, OnvifOperation.GET_SYSTEM_DATE_AND_TIME));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The path of a service XAddr ({@code http://192.0.2.10/onvif/Media}), if it is a plain service
   * path; used on the scanned endpoint whatever host the XAddr names.
   */
  static Optional<String> servicePath(String xaddr) {
    try {
      String p = new URI(xaddr.strip()).getRawPath();
      return p != null && SERVICE_PATH.matcher(p).matches() && !p.contains("..")
          ? Optional.of(p)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code xaddr} names another host or port than {@code endpoint}. */
  static boolean elsewhere(String xaddr, Endpoint endpoint) {
    try {
      URI u = new URI(xaddr.strip());
      int port =
          u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      String host = u.getHost() == null ? "" : u.getHost().replace("[", "").replace("]", "");
      return port != endpoint.port()
          || !(host.equalsIgnoreCase(endpoint.host().replace("[", "").replace("]", ""))
              || host.equals(endpoint.address().getHostAddress()));
    } catch (URISyntaxException e) {
      return true;
    }
  }

  private static final Pattern USERINFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*://)([^/@]*)@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd|pass)=)[^&;_/?#]*");

  /**
   * {@code uri} with the password of its user information and any {@code password=} parameter
   * replaced by {@link Secret#MASK}; printable, at most 200 characters.
   */
  static String maskUri(String uri) {
    String s = uri.strip();
    var m = USERINFO.matcher(s);
    if (m.find()) {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String shown = colon < 0 ? info : info.substring(0, colon) + ":" + Secret.MASK;
      s = m.group(1) + shown + "@" + s.substring(m.end());
    }
    s = PASSWORD_PARAM.matcher(s).replaceAll("$1" + Secret.MASK);
    return printable(s, 200);
  }

  /** {@code s} with control characters replaced and cut at {@code max} characters. */
  static String printable(String s, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (s.length() > max) {
      sb.append('…');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
