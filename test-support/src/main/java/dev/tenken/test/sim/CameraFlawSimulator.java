package dev.tenken.test.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A camera or DVR web server on a loopback port that answers the read-only probes of the vendor
 * flaw checks ({@code camera.hikvision.cve-2017-7921} and the others) as the real devices do, in a
 * {@linkplain Variant#VULNERABLE vulnerable} or {@linkplain Variant#PATCHED patched} firmware; plus
 * a {@linkplain #catchAll() catch-all} server and {@linkplain #hostile(Hostile) hostile} ones. A
 * plain HTTP/1.1 server on raw sockets: no WireMock needed.
 *
 * <pre>{@code
 * try (CameraFlawSimulator cam =
 *     CameraFlawSimulator.start(Device.HIKVISION, Variant.VULNERABLE)) {
 *   runner.scan(List.of(Target.parse(cam.target())));   // http://127.0.0.1:<port>
 *   assertThat(cam.requests()).allMatch(r -> r.startsWith("GET "));
 * }
 * }</pre>
 *
 * <p>What each device serves when {@link Variant#VULNERABLE} (the planted secrets are fakes, listed
 * in {@link #SECRETS}); {@link Variant#PATCHED} answers the same paths {@code 401} (with the
 * device's challenge) or {@code 404}, as the fixed firmware does:
 *
 * <table>
 *   <caption>Flaw endpoints per device</caption>
 *   <tr><th>Device</th><th>Path</th><th>Vulnerable answer</th></tr>
 *   <tr><td>HIKVISION ({@code Server: App-webs/})</td>
 *       <td>{@code /system/deviceInfo?auth=YWRtaW46MTEK}, {@code /config/user.xml}</td>
 *       <td>DeviceInfo XML, model DS-2CD2032-I, firmware V5.3.0 build 151016; user list with
 *       passwords</td></tr>
 *   <tr><td>DAHUA ({@code Server: Webs})</td><td>{@code /current_config/passwd}</td>
 *       <td>the account file with password hashes</td></tr>
 *   <tr><td>AMCREST ({@code Server: Webs})</td><td>{@code /current_config/Sha1Account1}</td>
 *       <td>octet-stream JSON with DevInformation, SerialID and password hashes</td></tr>
 *   <tr><td>TBK ({@code Server: GNU rsp/1.0})</td><td>{@code /device.rsp?opt=user&cmd=list}</td>
 *       <td>with {@code Cookie: uid=admin} only: the user list with cleartext passwords; 401
 *       without</td></tr>
 *   <tr><td>DLINK ({@code Server: alphapd/2.1.8})</td><td>{@code /config/getuser?index=0}</td>
 *       <td>{@code name=admin}, {@code pass=...}</td></tr>
 *   <tr><td>AVTECH ({@code Server: Avtech/1.0})</td>
 *       <td>{@code /cgi-bin/nobody/Machine.cgi?action=get_capability},
 *       {@code /cgi-bin/user/Config.cgi?.cab&action=get&category=Account.*}</td>
 *       <td>capabilities (served by both variants, as AVTECH does); account list with
 *       passwords</td></tr>
 *   <tr><td>REOLINK ({@code Server: nginx})</td><td>{@code /conf/nginx.conf}</td>
 *       <td>the nginx configuration</td></tr>
 * </table>
 *
 * <p>Every other path answers 404. Each connection serves one request ({@code Connection: close}).
 * Binds {@code 127.0.0.1} on an ephemeral port. Thread-safe: the request log may be read while
 * connections are served. {@link #close()} is idempotent.
 */
public final class CameraFlawSimulator implements AutoCloseable {
  /** Every fake secret a vulnerable device reveals, for {@code CheckContract.secrets(...)}. */
  public static final List<String> SECRETS =
      List.of(
          "Hik-Secret-4711",
          "Op3rator-Pass",
          "6QNMIQGe",
          "Dh4HashX9q",
          "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
          "Tbk-Pwd-2018",
          "DLinkPass-25078",
          "Avtech-Pw-0001");

  /** The device whose web server is simulated. */
  public enum Device {
    /** Hikvision IP camera. */
    HIKVISION,
    /** Dahua IP camera. */
    DAHUA,
    /** Amcrest (Dahua OEM) IP camera. */
    AMCREST,
    /** TBK DVR (and OEMs). */
    TBK,
    /** D-Link DCS camera. */
    DLINK,
    /** AVTECH DVR / camera. */
    AVTECH,
    /** Reolink E1 Zoom camera. */
    REOLINK
  }

  /** The firmware state. */
  public enum Variant {
    /** The flaw endpoints answer as the affected firmware does. */
    VULNERABLE,
    /** The flaw endpoints answer 401 or 404, as the fixed firmware does. */
    PATCHED
  }

  /** A misbehaving server, answering every path the same way. */
  public enum Hostile {
    /** Bytes that are not HTTP. */
    GARBAGE,
    /** {@code 200} announcing a 100 000 byte body, sending 64 bytes, then closing. */
    TRUNCATED,
    /** {@code 200} with a body of 2 MiB of filler, no markers. */
    HUGE
  }

  private record Response(int status, String type, byte[] body, Map<String, String> headers) {}

  private static final int MAX_HEAD = 16 * 1024;

  private final ServerSocket server;
  private final Thread acceptor;
  private final String serverHeader;
  private final Map<String, Response> routes = new LinkedHashMap<>();
  private @Nullable Response any;
  private @Nullable Hostile hostile;
  private @Nullable String cookieGate;
  private final List<String> requests = new ArrayList<>();
  private int withCredentials;
  private volatile boolean closed;

  private CameraFlawSimulator(String serverHeader) {
    this.serverHeader = serverHeader;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port", e);
    }
    acceptor = new Thread(this::accept, "camera-flaw-sim-" + server.getLocalPort());
    acceptor.setDaemon(true);
  }

  /**
   * Starts {@code device} in {@code variant}.
   *
   * @throws UncheckedIOException when no loopback port can be bound
   */
  public static CameraFlawSimulator start(Device device, Variant variant) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(variant, "variant");
    CameraFlawSimulator sim = new CameraFlawSimulator(server(device));
    sim.stub(device, variant == Variant.VULNERABLE);
    sim.acceptor.start();
    return sim;
  }

  /**
   * A catch-all (honeypot, soft-404) server: every path answers 200 with one page holding every
   * flaw row's markers, including the Hikvision XML, as {@code application/xml}.
   */
  public static CameraFlawSimulator catchAll() {
    CameraFlawSimulator sim = new CameraFlawSimulator("App-webs/");
    String page =
        "<?xml version=\"1.0\"?><DeviceInfo><firmwareVersion>V5.4.0</firmwareVersion>"
            + "<model>DS-2CD2032-I</model></DeviceInfo>\n<user name=\"admin\" password=\"x\"/>\n"
            + "id:name:passwd ugm DevInformation SerialID \"uid\": \"pwd\": \"view\": playback\n"
            + "name= pass= Firmware.Version= Product.Type= MACAddress= Account.Maxuser="
            + " Password= server listen fastcgi\n";
    sim.any = new Response(200, "application/xml", ascii(page), Map.of());
    sim.acceptor.start();
    return sim;
  }

  /** A server answering every request as {@code kind} says. */
  public static CameraFlawSimulator hostile(Hostile kind) {
    CameraFlawSimulator sim = new CameraFlawSimulator("hostile");
    sim.hostile = Objects.requireNonNull(kind, "kind");
    sim.acceptor.start();
    return sim;
  }

  private static String server(Device d) {
    return switch (d) {
      case HIKVISION -> "App-webs/";
      case DAHUA, AMCREST -> "Webs";
      case TBK -> "GNU rsp/1.0";
      case DLINK -> "alphapd/2.1.8";
      case AVTECH -> "Linux/2.x UPnP/1.0 Avtech/1.0";
      case REOLINK -> "nginx";
    };
  }

  // --- the devices ----------------------------------------------------------------------------

  private void stub(Device device, boolean vulnerable) {
    switch (device) {
      case HIKVISION -> {
        Response challenge =
            new Response(
                401,
                "text/html",
                ascii("<html><body>401 Unauthorized</body></html>"),
                Map.of("WWW-Authenticate", "Digest qop=\"auth\", realm=\"IP Camera(C2032)\""));
        route(
            "/system/deviceInfo?auth=YWRtaW46MTEK",
            vulnerable
                ? ok(
                    "application/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<DeviceInfo version=\"1.0\""
                        + " xmlns=\"http://www.hikvision.com/ver10/XMLSchema\">\n"
                        + "<deviceName>IP CAMERA</deviceName>\n"
                        + "<deviceID>88</deviceID>\n"
                        + "<model>DS-2CD2032-I</model>\n"
                        + "<serialNumber>DS-2CD2032-I20160712AAWR588888888</serialNumber>\n"
                        + "<macAddress>c0:56:e3:00:00:01</macAddress>\n"
                        + "<firmwareVersion>V5.3.0</firmwareVersion>\n"
                        + "<firmwareReleasedDate>build 151016</firmwareReleasedDate>\n"
                        + "<deviceType>IPCamera</deviceType>\n"
                        + "</DeviceInfo>\n")
                : challenge);
        route(
            "/config/user.xml",
            vulnerable
                ? ok(
                    "text/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<userList>\n"
                        + "<user name=\"admin\" password=\"Hik-Secret-4711\" level=\"0\"/>\n"
                        + "<user name=\"operator\" password=\"Op3rator-Pass\" level=\"1\"/>\n"
                        + "</userList>\n")
                : notFound());
      }
      case DAHUA ->
          route(
              "/current_config/passwd",
              vulnerable
                  ? ok(
                      "text/plain",
                      "id:name:passwd:groupid:reserved:sharable:memo:authority list\n"
                          + "1:admin:6QNMIQGe:1:1:1:admin 's account:AutoMaintain, Record\n"
                          + "2:888888:Dh4HashX9q:1:1:1:888888 's account:Monitor\n"
                          + "ugm::\n")
                  : notFound());
      case AMCREST ->
          route(
              "/current_config/Sha1Account1",
              vulnerable
                  ? ok(
                      "application/octet-stream",
                      "{ \"DevInformation\" : { \"SerialID\" : \"AMC0012345678ABCDE\","
                          + " \"Type\" : \"IPC\" },\n \"Users\" : [ { \"Id\" : 1, \"Name\" :"
                          + " \"admin\", \"Password\" :"
                          + " \"5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8\" } ] }\n")
                  : notFound());
      case TBK -> {
        Response denied =
            new Response(
                401, "text/plain", ascii("{\"result\":-1,\"info\":\"no login\"}"), Map.of());
        route("/device.rsp?opt=user&cmd=list", denied);
        if (vulnerable) {
          cookieGate = "uid=admin";
          routes.put(
              "cookie:/device.rsp?opt=user&cmd=list",
              ok(
                  "text/plain",
                  "{\"result\":0,\"list\":[{\"uid\":\"admin\",\"pwd\":\"Tbk-Pwd-2018\",\"role\":2,"
                      + "\"enmac\":0,\"mac\":\"00:00:00:00:00:00\",\"playback\":4294967295,"
                      + "\"view\":4294967295,\"rview\":4294967295,\"ptz\":4294967295}]}"));
        }
      }
      case DLINK ->
          route(
              "/config/getuser?index=0",
              vulnerable
                  ? ok("text/plain", "name=admin\npass=DLinkPass-25078\npriv=1\n")
                  : new Response(
                      401,
                      "text/html",
                      ascii("401 Unauthorized"),
                      Map.of("WWW-Authenticate", "Basic realm=\"DCS-2530L\"")));
      case AVTECH -> {
        route(
            "/cgi-bin/nobody/Machine.cgi?action=get_capability",
            ok(
                "text/plain",
                "Firmware.Version=1017-1003-1009-1003\nProduct.Type=DVR\nProduct.ID=25\n"
                    + "MACAddress=00:0E:53:00:00:01\nVideo.System=NTSC\n"));
        route(
            "/cgi-bin/user/Config.cgi?.cab&action=get&category=Account.*",
            vulnerable
                ? ok(
                    "text/plain",
                    "0\n"
                        + "OK\n"
                        + "Account.Maxuser=20\n"
                        + "Account.User1.Username=admin\n"
                        + "Account.User1.Password=Avtech-Pw-0001\n"
                        + "Account.User1.Privilege=Supervisor\n")
                : new Response(
                    401,
                    "text/plain",
                    ascii("-1\nERROR: Unauthorized"),
                    Map.of("WWW-Authenticate", "Basic realm=\"AVTECH\"")));
      }
      case REOLINK ->
          route(
              "/conf/nginx.conf",
              vulnerable
                  ? ok(
                      "text/plain",
                      "worker_processes 1;\nhttp {\n  server {\n    listen 80;\n"
                          + "    listen 443 ssl;\n    ssl_certificate_key /mnt/app/https/key.pem;\n"
                          + "    location /cgi-bin/ {\n      fastcgi_pass 127.0.0.1:9527;\n"
                          + "    }\n  }\n}\n")
                  : notFound());
    }
  }

  private void route(String target, Response r) {
    routes.put(target, r);
  }

  private static Response ok(String type, String body) {
    return new Response(200, type, ascii(body), Map.of());
  }

  private static Response notFound() {
    return new Response(
        404, "text/html", ascii("<html><body>404 Not Found</body></html>"), Map.of());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // --- accessors ------------------------------------------------------------------------------

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String target() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request line received so far ({@code GET /path?query HTTP/1.1}), in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** Requests received so far that carried a {@code Cookie} or {@code Authorization} header. */
  public synchronized int requestsWithCredentials() {
    return withCredentials;
  }

  /** Stops the server. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return "CameraFlawSimulator[" + serverHeader + " on " + (closed ? "closed" : target()) + "]";
  }

  // --- serving --------------------------------------------------------------------------------

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "camera-flaw-sim-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(5_000);
      String head = readHead(s.getInputStream());
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String requestLine = lines[0];
      boolean credentials = false;
      boolean gate = false;
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i].toLowerCase(Locale.ROOT);
        if (l.startsWith("cookie:") || l.startsWith("authorization:")) {
          credentials = true;
        }
        if (cookieGate != null
            && l.startsWith("cookie:")
            && lines[i].substring(7).contains(cookieGate)) {
          gate = true;
        }
      }
      synchronized (this) {
        requests.add(requestLine);
        if (credentials) {
          withCredentials++;
        }
      }
      OutputStream out = s.getOutputStream();
      if (hostile != null) {
        writeHostile(out, hostile);
        return;
      }
      String[] parts = requestLine.split(" ");
      String target = parts.length >= 2 ? parts[1] : "";
      Response r = any;
      if (r == null) {
        r = gate ? routes.get("cookie:" + target) : null;
        if (r == null) {
          r = routes.getOrDefault(target, notFound());
        }
      }
      boolean headOnly = parts[0].equals("HEAD");
      write(out, r, !headOnly);
    } catch (IOException e) {
      // the client went away: nothing to do
    }
  }

  private void write(OutputStream out, Response r, boolean body) throws IOException {
    StringBuilder h =
        new StringBuilder("HTTP/1.1 ")
            .append(r.status())
            .append(r.status() == 200 ? " OK" : r.status() == 401 ? " Unauthorized" : " Not Found")
            .append("\r\nServer: ")
            .append(serverHeader)
            .append("\r\nContent-Type: ")
            .append(r.type())
            .append("\r\nContent-Length: ")
            .append(r.body().length)
            .append("\r\nConnection: close\r\n");
    r.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    h.append("\r\n");
    out.write(ascii(h.toString()));
    if (body) {
      out.write(r.body());
    }
    out.flush();
  }

  private static void writeHostile(OutputStream out, Hostile kind) throws IOException {
    switch (kind) {
      case GARBAGE -> out.write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, 0x00, 0x7f, 0x0a});
      case TRUNCATED ->
          out.write(
              ascii(
                  "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n"
                      + "\r\n<?xml version=\"1.0\"?><DeviceInfo><firmwareVer"));
      case HUGE -> {
        int size = 2 * 1024 * 1024;
        out.write(
            ascii(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + size
                    + "\r\nConnection: close\r\n\r\n"));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'A');
        try {
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk);
          }
        } catch (SocketException e) {
          return; // the client stopped reading at its cap
        }
      }
    }
    out.flush();
  }

  /** The request head up to the empty line, or null when the client sent none. */
  private static @Nullable String readHead(InputStream in) throws IOException {
    byte[] buf = new byte[MAX_HEAD];
    int n = 0;
    while (n < buf.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      buf[n++] = (byte) b;
      if (n >= 4
          && buf[n - 4] == '\r'
          && buf[n - 3] == '\n'
          && buf[n - 2] == '\r'
          && buf[n - 1] == '\n') {
        return new String(buf, 0, n - 4, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }
}
