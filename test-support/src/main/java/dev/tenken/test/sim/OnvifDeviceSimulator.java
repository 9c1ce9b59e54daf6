package dev.tenken.test.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An ONVIF camera's SOAP 1.2 web services on a loopback port: the device service at {@value
 * #DEVICE_PATH} and the media service at the path its GetCapabilities names, shaped like a
 * {@linkplain Vendor#HIKVISION Hikvision} camera or a {@linkplain Vendor#GENERIC_IPC generic
 * XM-based IPC} (their namespace prefixes, XAddrs, profile tokens and stream URIs), in one of five
 * {@linkplain Variant variants}. Requests are matched by the operation element in the SOAP Body,
 * whatever its prefix: {@code GetSystemDateAndTime}, {@code GetDeviceInformation}, {@code
 * GetCapabilities}, {@code GetProfiles}, {@code GetStreamUri}. Any other operation, path or method
 * answers 404, as does everything when ONVIF is {@linkplain Variant#DISABLED disabled}.
 *
 * <pre>{@code
 * try (OnvifDeviceSimulator cam = OnvifDeviceSimulator.start(Vendor.HIKVISION, Variant.OPEN)) {
 *   runner.scan(List.of(Target.parse(cam.target())));          // http://127.0.0.1:<port>
 *   assertThat(cam.operations()).doesNotContain("SetSystemDateAndTime");
 * }
 * }</pre>
 *
 * <p><b>WireMock is not a dependency you get from this module</b>: it is optional here, so add
 * {@code org.wiremock:wiremock} (3.x) to your own test dependencies to use this class.
 *
 * <p>Hostile replies for parser tests: {@link #reply(String, int, String, String)} overrides the
 * answer to one operation; {@link #soapCatchAll()} answers every POST with the same SOAP body, and
 * {@link #webCatchAll()} answers every request with 200 and a web page.
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral port. Thread-safe (WireMock's request journal is).
 * {@link #close()} stops the server and is idempotent.
 */
public final class OnvifDeviceSimulator implements AutoCloseable {
  /** The ONVIF device service path. */
  public static final String DEVICE_PATH = "/onvif/device_service";

  /** The operations the simulated device answers, in the order a client usually calls them. */
  public static final List<String> OPERATIONS =
      List.of(
          "GetSystemDateAndTime",
          "GetDeviceInformation",
          "GetCapabilities",
          "GetProfiles",
          "GetStreamUri");

  /** The password the {@link Vendor#GENERIC_IPC} puts in its stream URI, as XM firmware does. */
  public static final String STREAM_PASSWORD = "tlJwpbo6";

  private static final Pattern OPERATION =
      Pattern.compile(
          "<(?:[A-Za-z_][\\w.\\-]*:)?Body\\b[^>]*>\\s*<(?:[A-Za-z_][\\w.\\-]*:)?(\\w+)");

  /** Whose SOAP dialect is simulated. */
  public enum Vendor {
    /**
     * Hikvision IP camera: prefix {@code env}, media service at {@code /onvif/Media}, announced
     * with the camera's own LAN address ({@code http://192.0.2.64/onvif/Media}), profile token
     * {@code Profile_1}, stream {@code rtsp://192.0.2.64:554/Streaming/Channels/101...}.
     */
    HIKVISION,
    /**
     * A generic XM-based IPC (gSOAP): prefix {@code SOAP-ENV}, media service at {@code
     * /onvif/media_service} announced on this simulator's own port, profile token {@code 000},
     * stream URI carrying {@code user=admin_password=}{@value #STREAM_PASSWORD}.
     */
    GENERIC_IPC
  }

  /** What the device answers without credentials. */
  public enum Variant {
    /** Every operation answered without authentication. */
    OPEN,
    /**
     * Device service open (GetSystemDateAndTime, GetDeviceInformation, GetCapabilities), media
     * operations refused with HTTP 400 and a {@code ter:NotAuthorized} fault: a common real case.
     */
    DEVICE_INFO_OPEN,
    /**
     * Only GetSystemDateAndTime (pre-authentication in the ONVIF Core spec) answered; every other
     * operation HTTP 400 with a SOAP 1.2 fault {@code env:Sender} / {@code ter:NotAuthorized}.
     */
    SECURED,
    /**
     * Only GetSystemDateAndTime answered; every other operation HTTP 401 with a Digest challenge
     * (Hikvision: and the NotAuthorized fault in the body; generic IPC: an HTML page).
     */
    SECURED_HTTP_AUTH,
    /** ONVIF turned off: every request answers 404, {@code GET /} a plain page. */
    DISABLED
  }

  private final WireMockServer server;
  private final @Nullable Vendor vendor;
  private final @Nullable Variant variant;
  private final LocalDateTime clock;
  private boolean closed;

  private OnvifDeviceSimulator(@Nullable Vendor vendor, @Nullable Variant variant) {
    this.vendor = vendor;
    this.variant = variant;
    this.clock = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    this.server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
    server.start();
  }

  /**
   * Starts {@code vendor}'s ONVIF services in {@code variant}. The device clock reads the system's
   * UTC time at start.
   *
   * @throws RuntimeException if WireMock cannot start
   */
  public static OnvifDeviceSimulator start(Vendor vendor, Variant variant) {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(variant, "variant");
    OnvifDeviceSimulator sim = new OnvifDeviceSimulator(vendor, variant);
    try {
      sim.stub(vendor, variant);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
    return sim;
  }

  /**
   * A web server that answers every request, any method and path, with 200 and an HTML page: the
   * catch-all a SOAP check must not mistake for ONVIF.
   */
  public static OnvifDeviceSimulator webCatchAll() {
    OnvifDeviceSimulator sim = new OnvifDeviceSimulator(null, null);
    sim.server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withBody(
                        "<!DOCTYPE html><html><head><title>Welcome</title></head><body>"
                            + "<h1>It works!</h1></body></html>")));
    return sim;
  }

  /**
   * A honeypot that answers every POST with 200 and the same SOAP body, a {@code
   * GetSystemDateAndTimeResponse} (and every GET with a web page): it looks like ONVIF to a client
   * that checks for any SOAP envelope.
   */
  public static OnvifDeviceSimulator soapCatchAll() {
    OnvifDeviceSimulator sim = new OnvifDeviceSimulator(null, null);
    sim.server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>index</body></html>")));
    sim.server.stubFor(
        post(anyUrl())
            .willReturn(
                soap(
                    200, sim.envelope(Vendor.HIKVISION, sim.systemDateAndTime(Vendor.HIKVISION)))));
    return sim;
  }

  /**
   * Answers {@code operation} (on any path) with this status, content type and body from now on,
   * overriding the variant: for hostile-reply tests (garbage, truncated XML, XXE, oversized).
   *
   * @throws IllegalArgumentException when {@code operation} is not one of {@link #OPERATIONS}
   */
  public OnvifDeviceSimulator reply(String operation, int status, String contentType, String body) {
    return reply(
        operation, status, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@link #reply(String, int, String, String)} with a body of raw bytes. */
  public OnvifDeviceSimulator reply(String operation, int status, String contentType, byte[] body) {
    if (!OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("not a simulated operation: " + operation);
    }
    server.stubFor(
        post(anyUrl())
            .atPriority(1)
            .withRequestBody(operation(operation))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
    return this;
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String target() {
    return "http://127.0.0.1:" + port();
  }

  /** The vendor, or {@code null} for the catch-alls. */
  public @Nullable Vendor vendor() {
    return vendor;
  }

  /** The variant, or {@code null} for the catch-alls. */
  public @Nullable Variant variant() {
    return variant;
  }

  /** The device clock's UTC time, as GetSystemDateAndTime reports it. */
  public LocalDateTime deviceTime() {
    return clock;
  }

  /** Every request received so far, any method and path. */
  public int requests() {
    return server.findAll(anyRequestedFor(anyUrl())).size();
  }

  /**
   * The operation of every {@code POST} received so far, in order: the local name of the first
   * element in the SOAP Body ({@code "?"} when the body holds none). Lets a test assert that only
   * allow-listed operations were sent.
   */
  public List<String> operations() {
    List<String> ops =
        new ArrayList<>(
            server.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getMethod().equals(RequestMethod.POST))
                .map(OnvifDeviceSimulator::operationOf)
                .toList());
    // WireMock lists the most recent request first.
    Collections.reverse(ops);
    return List.copyOf(ops);
  }

  /** How many requests asked for {@code operation}. */
  public int requests(String operation) {
    return (int) operations().stream().filter(operation::equals).count();
  }

  /**
   * Requests carrying credentials: an {@code Authorization} header or a WS-Security {@code
   * Security} header in the envelope. A default scan sends none.
   */
  public int authenticatedRequests() {
    return (int)
        server.findAll(anyRequestedFor(anyUrl())).stream()
            .filter(
                r ->
                    r.containsHeader("Authorization")
                        || r.getBodyAsString().contains("UsernameToken"))
            .count();
  }

  /**
   * The WireMock server, for advanced stubbing ({@code stubFor} at priority 1 overrides the
   * device's answers) and verification.
   */
  public WireMockServer wireMock() {
    return server;
  }

  /** Stops the server. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop();
    }
  }

  @Override
  public String toString() {
    return "OnvifDeviceSimulator["
        + (vendor == null ? "catch-all" : vendor + " " + variant)
        + " on "
        + (closed ? "closed" : target())
        + "]";
  }

  // --- matching -------------------------------------------------------------------------------

  private static String operationOf(LoggedRequest r) {
    Matcher m = OPERATION.matcher(r.getBodyAsString());
    return m.find() ? m.group(1) : "?";
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern operation(
      String name) {
    return matching(
        "(?s).*<(?:[A-Za-z_][\\w.\\-]*:)?Body\\b[^>]*>\\s*<(?:[A-Za-z_][\\w.\\-]*:)?"
            + name
            + "[\\s/>].*");
  }

  // --- stubs ----------------------------------------------------------------------------------

  private String mediaPath(Vendor v) {
    return v == Vendor.HIKVISION ? "/onvif/Media" : "/onvif/media_service";
  }

  private void stub(Vendor v, Variant variant) {
    server.stubFor(
        get(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        v == Vendor.HIKVISION
                            ? "<html><head><title></title><script>window.location.href="
                                + "\"/doc/page/login.asp\"</script></head></html>"
                            : "<html><head><title>NETSurveillance WEB</title></head></html>")));
    if (variant == Variant.DISABLED) {
      return;
    }
    boolean deviceOpen = variant == Variant.OPEN || variant == Variant.DEVICE_INFO_OPEN;
    boolean mediaOpen = variant == Variant.OPEN;
    ResponseDefinitionBuilder refusal = refusal(v, variant);
    on(DEVICE_PATH, "GetSystemDateAndTime", soap(200, envelope(v, systemDateAndTime(v))));
    on(
        DEVICE_PATH,
        "GetDeviceInformation",
        deviceOpen ? soap(200, envelope(v, deviceInformation(v))) : refusal);
    on(
        DEVICE_PATH,
        "GetCapabilities",
        deviceOpen ? soap(200, envelope(v, capabilities(v))) : refusal);
    on(mediaPath(v), "GetProfiles", mediaOpen ? soap(200, envelope(v, profiles(v))) : refusal);
    on(mediaPath(v), "GetStreamUri", mediaOpen ? soap(200, envelope(v, streamUri(v))) : refusal);
  }

  private void on(String path, String operation, ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlEqualTo(path))
            .atPriority(5)
            .withRequestBody(operation(operation))
            .willReturn(answer));
  }

  private ResponseDefinitionBuilder refusal(Vendor v, Variant variant) {
    if (variant == Variant.SECURED_HTTP_AUTH) {
      ResponseDefinitionBuilder r =
          aResponse()
              .withStatus(401)
              .withHeader(
                  "WWW-Authenticate",
                  "Digest qop=\"auth\", realm=\""
                      + (v == Vendor.HIKVISION ? "IP Camera(C6289)" : "XM ONVIF")
                      + "\", nonce=\"4e6a49334d7a67304e544135\", stale=\"FALSE\"");
      return v == Vendor.HIKVISION
          ? r.withHeader("Content-Type", "application/soap+xml; charset=utf-8")
              .withBody(envelope(v, notAuthorized(v)))
          : r.withHeader("Content-Type", "text/html")
              .withBody("<html><body><h1>401 Unauthorized</h1></body></html>");
    }
    return soap(400, envelope(v, notAuthorized(v)));
  }

  private static ResponseDefinitionBuilder soap(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/soap+xml; charset=utf-8")
        .withBody(body);
  }

  // --- bodies ---------------------------------------------------------------------------------

  private static String env(Vendor v) {
    return v == Vendor.HIKVISION ? "env" : "SOAP-ENV";
  }

  private String envelope(Vendor v, String body) {
    String e = env(v);
    String ns =
        v == Vendor.HIKVISION
            ? " xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:soapenc=\"http://www.w3.org/2003/05/soap-encoding\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""
                + " xmlns:tt=\"http://www.onvif.org/ver10/schema\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
                + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
                + " xmlns:ter=\"http://www.onvif.org/ver10/error\""
            : " xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:SOAP-ENC=\"http://www.w3.org/2003/05/soap-encoding\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                + " xmlns:wsdd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:tt=\"http://www.onvif.org/ver10/schema\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
                + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
                + " xmlns:ter=\"http://www.onvif.org/ver10/error\"";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
        + e
        + ":Envelope"
        + ns
        + "><"
        + e
        + ":Body>"
        + body
        + "</"
        + e
        + ":Body></"
        + e
        + ":Envelope>\n";
  }

  private String systemDateAndTime(Vendor v) {
    LocalDateTime local = clock.plusHours(v == Vendor.HIKVISION ? 8 : 0);
    return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
        + "<tt:DateTimeType>"
        + (v == Vendor.HIKVISION ? "Manual" : "NTP")
        + "</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
        + "<tt:TimeZone><tt:TZ>"
        + (v == Vendor.HIKVISION ? "CST-8:00:00" : "GMT+00:00")
        + "</tt:TZ></tt:TimeZone>"
        + dateTime("UTCDateTime", clock)
        + dateTime("LocalDateTime", local)
        + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
  }

  private static String dateTime(String name, LocalDateTime t) {
    return "<tt:"
        + name
        + "><tt:Time><tt:Hour>"
        + t.getHour()
        + "</tt:Hour><tt:Minute>"
        + t.getMinute()
        + "</tt:Minute><tt:Second>"
        + t.getSecond()
        + "</tt:Second></tt:Time><tt:Date><tt:Year>"
        + t.getYear()
        + "</tt:Year><tt:Month>"
        + t.getMonthValue()
        + "</tt:Month><tt:Day>"
        + t.getDayOfMonth()
        + "</tt:Day></tt:Date></tt:"
        + name
        + ">";
  }

  private static String deviceInformation(Vendor v) {
    return v == Vendor.HIKVISION
        ? "<tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer>"
            + "<tds:Model>DS-2CD2043G2-I</tds:Model>"
            + "<tds:FirmwareVersion>V5.7.3 build 220112</tds:FirmwareVersion>"
            + "<tds:SerialNumber>DS-2CD2043G2-I20220315AAWRJ12345678</tds:SerialNumber>"
            + "<tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>"
        : "<tds:GetDeviceInformationResponse><tds:Manufacturer>H264</tds:Manufacturer>"
            + "<tds:Model>XM530_50H20_8M</tds:Model>"
            + "<tds:FirmwareVersion>V5.00.R02.000529B2.10010.040400.0020000</tds:FirmwareVersion>"
            + "<tds:SerialNumber>f1e3c0a9d2b4c6e8</tds:SerialNumber>"
            + "<tds:HardwareId>00001</tds:HardwareId></tds:GetDeviceInformationResponse>";
  }

  private String capabilities(Vendor v) {
    String base = v == Vendor.HIKVISION ? "http://192.0.2.64" : "http://127.0.0.1:" + port();
    return "<tds:GetCapabilitiesResponse><tds:Capabilities>"
        + "<tt:Media><tt:XAddr>"
        + base
        + mediaPath(v)
        + "</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>true</tt:RTPMulticast>"
        + "<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>"
        + "</tt:StreamingCapabilities></tt:Media>"
        + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
  }

  private static String profiles(Vendor v) {
    String token = v == Vendor.HIKVISION ? "Profile_1" : "000";
    String second = v == Vendor.HIKVISION ? "Profile_2" : "001";
    return "<trt:GetProfilesResponse>"
        + profile(token, v == Vendor.HIKVISION ? "mainStream" : "Profile_000", 1920, 1080)
        + profile(second, v == Vendor.HIKVISION ? "subStream" : "Profile_001", 640, 360)
        + "</trt:GetProfilesResponse>";
  }

  private static String profile(String token, String name, int w, int h) {
    return "<trt:Profiles token=\""
        + token
        + "\" fixed=\"true\"><tt:Name>"
        + name
        + "</tt:Name><tt:VideoEncoderConfiguration token=\"VideoEncoderToken_"
        + token
        + "\"><tt:Name>VideoEncoder</tt:Name><tt:Encoding>H264</tt:Encoding><tt:Resolution>"
        + "<tt:Width>"
        + w
        + "</tt:Width><tt:Height>"
        + h
        + "</tt:Height></tt:Resolution></tt:VideoEncoderConfiguration></trt:Profiles>";
  }

  private static String streamUri(Vendor v) {
    String uri =
        v == Vendor.HIKVISION
            ? "rtsp://192.0.2.64:554/Streaming/Channels/101?transportmode=unicast&amp;profile=Profile_1"
            : "rtsp://127.0.0.1:554/user=admin_password="
                + STREAM_PASSWORD
                + "_channel=1_stream=0.sdp?real_stream";
    return "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>"
        + uri
        + "</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
        + "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout>"
        + "</trt:MediaUri></trt:GetStreamUriResponse>";
  }

  private static String notAuthorized(Vendor v) {
    String e = env(v);
    return "<"
        + e
        + ":Fault><"
        + e
        + ":Code><"
        + e
        + ":Value>"
        + e
        + ":Sender</"
        + e
        + ":Value><"
        + e
        + ":Subcode><"
        + e
        + ":Value>ter:NotAuthorized</"
        + e
        + ":Value></"
        + e
        + ":Subcode></"
        + e
        + ":Code><"
        + e
        + ":Reason><"
        + e
        + ":Text xml:lang=\"en\">Sender not Authorized</"
        + e
        + ":Text></"
        + e
        + ":Reason></"
        + e
        + ":Fault>";
  }
}
