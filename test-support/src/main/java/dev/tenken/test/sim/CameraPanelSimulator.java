package dev.tenken.test.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A network camera's web panel on a loopback port, shaped like the panels of Hikvision, Dahua,
 * Axis, Amcrest, Reolink, Mobotix, Hanwha (Wisenet), Sony, D-Link DCS and a Speco camera known only
 * by its {@code SuperNova} realm, in one of five {@linkplain Variant variants}; plus a {@linkplain
 * #honeypot() honeypot}, a {@linkplain #plainSite() plain web site} and {@linkplain #hostile
 * hostile servers} that answer with broken HTTP.
 *
 * <pre>{@code
 * try (CameraPanelSimulator cam = CameraPanelSimulator.start(Vendor.DAHUA, Variant.LOCKED)) {
 *   runner.scan(List.of(Target.parse(cam.target())));       // http://127.0.0.1:<port>
 *   assertThat(cam.failedLogins()).isLessThanOrEqualTo(2);  // never locked out
 * }
 * }</pre>
 *
 * <p><b>Why a raw socket server and not WireMock</b>: Digest authentication (RFC 7616) needs the
 * server to issue nonces and verify each response hash against the password, and the lock-out needs
 * a counter shared by every page; both are a few lines here and awkward as WireMock transformers.
 * It also answers the broken replies of {@link Hostility} byte for byte, and needs no optional
 * dependency.
 *
 * <p>What each vendor serves (pages trimmed from the real panels: same paths, titles, headers,
 * realms and markers):
 *
 * <table>
 *   <caption>Guarded page, scheme and factory default per vendor</caption>
 *   <tr><th>Vendor</th><th>Guarded page(s)</th><th>Scheme</th><th>Default</th></tr>
 *   <tr><td>Hikvision</td><td>{@code /ISAPI/Security/userCheck}</td><td>Digest</td>
 *       <td>admin / 12345</td></tr>
 *   <tr><td>Dahua</td><td>{@code /cgi-bin/magicBox.cgi?action=getSystemInfo}</td><td>Digest</td>
 *       <td>admin / admin</td></tr>
 *   <tr><td>Axis</td><td>{@code /view/viewer_index.shtml}, {@code
 *       /axis-cgi/param.cgi?action=list&group=root.Brand}</td><td>Digest</td>
 *       <td>root / pass</td></tr>
 *   <tr><td>Amcrest</td><td>{@code /cgi-bin/magicBox.cgi?action=getSystemInfo}</td>
 *       <td>Digest</td><td>admin / admin</td></tr>
 *   <tr><td>Reolink</td><td>none (its JSON login is not simulated)</td><td>-</td><td>-</td></tr>
 *   <tr><td>Mobotix</td><td>{@code /admin/index.html}, {@code /cgi-bin/guestimage.html}</td>
 *       <td>Basic</td><td>admin / meinsm</td></tr>
 *   <tr><td>Hanwha</td><td>{@code /stw-cgi/system.cgi?msubmenu=deviceinfo&action=view}</td>
 *       <td>Digest</td><td>admin / 4321</td></tr>
 *   <tr><td>Sony</td><td>{@code /command/inquiry.cgi?inq=system}</td><td>Basic</td>
 *       <td>admin / admin</td></tr>
 *   <tr><td>D-Link</td><td>{@code /}</td><td>Basic</td><td>admin / (empty)</td></tr>
 *   <tr><td>Speco</td><td>{@code /}</td><td>Basic</td><td>admin / 1234</td></tr>
 * </table>
 *
 * <p>Unknown paths answer 404. A refused login answers 401 with a fresh challenge (Digest: a new
 * nonce, {@code qop="auth"}, MD5); every issued nonce stays valid. Each request carrying an {@code
 * Authorization} header on a guarded page counts as a {@linkplain #loginAttempts() login attempt},
 * each refused one as a {@linkplain #failedLogins() failed login}.
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral port; one daemon thread accepts, one serves each
 * connection ({@code Connection: close}, one request per connection). Thread-safe: counters and the
 * request log may be read while requests are served. {@link #close()} is idempotent.
 */
public final class CameraPanelSimulator implements AutoCloseable {
  /** The password of {@link Variant#LOCKED}: no default list holds it. */
  public static final String STRONG_PASSWORD = "Vq7-fT2m!pL9zR4x";

  /** Failed logins after which {@link Variant#LOCKED} locks every login out (403). */
  public static final int LOCKOUT_AFTER = 3;

  private static final int MAX_REQUEST = 16 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern PARAM =
      Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

  /** The vendor whose panel is simulated. */
  public enum Vendor {
    /** Hikvision: {@code Server: App-webs/}, login at {@code /doc/page/login.asp}, ISAPI. */
    HIKVISION,
    /** Dahua: title {@code WEB SERVICE}, RPC2 login script, magicBox CGI. */
    DAHUA,
    /** Axis: root redirects to the viewer; VAPIX param.cgi. */
    AXIS,
    /** Amcrest (a Dahua OEM): {@code Amcrest Technologies}, {@code LDAPUser}. */
    AMCREST,
    /** Reolink: title ending {@code Reolink}, {@code /cgi-bin/api.cgi}. */
    REOLINK,
    /** Mobotix: title {@code MOBOTIX}, guest image and admin menu. */
    MOBOTIX,
    /** Hanwha Vision (Wisenet): SUNAPI {@code /stw-cgi/}. */
    HANWHA,
    /** Sony: {@code Sony Network Camera}, {@code /command/inquiry.cgi}. */
    SONY,
    /** D-Link DCS: {@code Server: alphapd}, Basic realm {@code DCS-932L} on {@code /}. */
    DLINK,
    /** A Speco camera: Basic realm {@code SuperNova} on {@code /}, no other marker. */
    SPECO
  }

  /** The state a panel is in. */
  public enum Variant {
    /** No authentication anywhere: anonymous live view, guest image, every page served. */
    OPEN,
    /** Guarded pages ask for a login (Basic or Digest as the vendor does); the default works. */
    DEFAULT_PASSWORD,
    /**
     * Guarded pages ask for a login and accept only {@link #STRONG_PASSWORD}; after {@value
     * #LOCKOUT_AFTER} failed logins every login answers 403, even the right one.
     */
    LOCKED,
    /** Every plain-HTTP request answers 301 to the same path on {@code https://127.0.0.1}. */
    HTTPS_REDIRECT,
    /** Guarded pages refuse a request without credentials but accept any password. */
    ANY_PASSWORD
  }

  /** A broken server for hostile-reply tests; catch-all canaries still get a normal 404. */
  public enum Hostility {
    /** A status line followed by header lines that are not headers. */
    GARBAGE_HEADER,
    /** A 200 page of 4 MiB, more than any read cap. */
    HUGE_BODY,
    /** A 200 announcing 5000 bytes of body, sending 120 and closing. */
    TRUNCATED_BODY
  }

  /**
   * One request as received.
   *
   * @param method the method
   * @param target the request target (path and query)
   * @param authorization the scheme of its {@code Authorization} header ({@code Basic}, {@code
   *     Digest}), or null when it had none
   */
  public record Request(String method, String target, @Nullable String authorization) {}

  private record Page(int status, String body) {}

  private record Spec(
      @Nullable String server,
      Map<String, String> pages,
      Set<String> guarded,
      boolean digest,
      String realm,
      String user,
      String password) {}

  private final ServerSocket socket;
  private final @Nullable Vendor vendor;
  private final @Nullable Variant variant;
  private final @Nullable Hostility hostility;
  private final Mode mode;
  private final @Nullable Spec spec;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final AtomicInteger loginAttempts = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private enum Mode {
    DEVICE,
    HONEYPOT,
    PLAIN,
    HOSTILE
  }

  private CameraPanelSimulator(
      Mode mode,
      @Nullable Vendor vendor,
      @Nullable Variant variant,
      @Nullable Hostility hostility) {
    this.mode = mode;
    this.vendor = vendor;
    this.variant = variant;
    this.hostility = hostility;
    this.spec = vendor == null ? null : spec(vendor);
    try {
      this.socket = new ServerSocket();
      socket.bind(new InetSocketAddress(Loopback.address(), 0), 50);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot bind a loopback port", e);
    }
    this.acceptor = Loopback.daemon("camera-panel-" + socket.getLocalPort(), this::acceptLoop);
    acceptor.start();
  }

  /**
   * Starts {@code vendor}'s panel in {@code variant}.
   *
   * @throws java.io.UncheckedIOException when no loopback port can be bound
   */
  public static CameraPanelSimulator start(Vendor vendor, Variant variant) {
    return new CameraPanelSimulator(
        Mode.DEVICE, Objects.requireNonNull(vendor), Objects.requireNonNull(variant), null);
  }

  /**
   * A honeypot: every request, any path, answers 200 with a page carrying every vendor's markers
   * (titles, body texts, a {@code Server} header of two vendors), whatever credentials it carries.
   */
  public static CameraPanelSimulator honeypot() {
    return new CameraPanelSimulator(Mode.HONEYPOT, null, null, null);
  }

  /** A web site that is no camera: {@code /} answers a plain page, every other path 404. */
  public static CameraPanelSimulator plainSite() {
    return new CameraPanelSimulator(Mode.PLAIN, null, null, null);
  }

  /** A server answering every path but catch-all canaries with {@code hostility}. */
  public static CameraPanelSimulator hostile(Hostility hostility) {
    return new CameraPanelSimulator(Mode.HOSTILE, null, null, Objects.requireNonNull(hostility));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String target() {
    return "http://127.0.0.1:" + port();
  }

  /** The bound port. */
  public int port() {
    return socket.getLocalPort();
  }

  /** The vendor, or null for the honeypot, plain site and hostile servers. */
  public @Nullable Vendor vendor() {
    return vendor;
  }

  /** The variant, or null for the honeypot, plain site and hostile servers. */
  public @Nullable Variant variant() {
    return variant;
  }

  /** Every request received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests carrying an {@code Authorization} header on a guarded page (honeypot: any page). */
  public int loginAttempts() {
    return loginAttempts.get();
  }

  /** Login attempts refused (wrong credentials, or any after the lock-out). */
  public int failedLogins() {
    return failedLogins.get();
  }

  /** Whether {@link Variant#LOCKED} has locked logins out. */
  public boolean lockedOut() {
    return variant == Variant.LOCKED && failedLogins.get() >= LOCKOUT_AFTER;
  }

  /** Stops the server and closes every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Loopback.closeQuietly(socket);
    open.forEach(Loopback::closeQuietly);
    Loopback.join(List.of(acceptor));
  }

  // ---- the vendors ----------------------------------------------------------------------------

  private static final String LOGIN_FORM =
      "<form><input type=\"text\" id=\"username\"><input type=\"password\" id=\"password\">"
          + "<button>Login</button></form>";

  private static Spec spec(Vendor v) {
    Map<String, String> p = new LinkedHashMap<>();
    switch (v) {
      case HIKVISION -> {
        p.put(
            "/",
            "<html><head><title></title><script>window.location.href ="
                + " \"/doc/page/login.asp?_\" + (new Date()).getTime();</script></head></html>");
        p.put(
            "/doc/page/login.asp",
            "<html><head><title>Login</title></head><body>"
                + LOGIN_FORM
                + "<div class=\"footer\">&copy;Hikvision Digital Technology Co., Ltd. All Rights"
                + " Reserved.</div></body></html>");
        p.put(
            "/ISAPI/Security/userCheck",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<userCheck version=\"2.0\""
                + " xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
                + "<statusValue>200</statusValue>\n<statusString>OK</statusString>\n</userCheck>");
        return new Spec(
            "App-webs/",
            p,
            Set.of("/ISAPI/Security/userCheck"),
            true,
            "IP Camera(E1234)",
            "admin",
            "12345");
      }
      case DAHUA, AMCREST -> {
        boolean dahua = v == Vendor.DAHUA;
        p.put(
            "/",
            dahua
                ? "<html><head><title>WEB SERVICE</title><script"
                    + " src=\"/jsCore/rpcCore.js\"></script><script>var login ="
                    + " '/RPC2_Login';</script></head><body>"
                    + LOGIN_FORM
                    + "</body></html>"
                : "<html><head><title>Amcrest</title></head><body><input type=\"text\""
                    + " id=\"LDAPUser\"><input type=\"password\" id=\"login_pwd\"><p>Copyright"
                    + " Amcrest Technologies</p></body></html>");
        String info = "/cgi-bin/magicBox.cgi?action=getSystemInfo";
        p.put(
            info,
            dahua
                ? "deviceType=IPC-HDW2431T-AS-S2\r\nprocessor=S2L55M\r\n"
                    + "serialNumber=4K0123PAZ1A2B3C\r\nupdateSerial=IPC-HDW2431T-AS-S2\r\n"
                : "deviceType=IP2M-841B\r\nprocessor=SSC335\r\n"
                    + "serialNumber=AMC0123456789ABCD\r\nupdateSerial=IP2M-841B\r\n");
        return new Spec(
            null,
            p,
            Set.of(info),
            true,
            dahua ? "Login to 4K0123PAZ1A2B3C" : "Login to AMC0123456789ABCD",
            "admin",
            "admin");
      }
      case AXIS -> {
        p.put(
            "/",
            "<html><head><meta http-equiv=\"refresh\" content=\"0;"
                + " URL=/view/viewer_index.shtml?id=0\"></head></html>");
        p.put(
            "/view/viewer_index.shtml",
            "<html><head><title>Live view - AXIS M3045-V Network Camera</title></head><body><img"
                + " src=\"/axis-cgi/mjpg/video.cgi\"></body></html>");
        String param = "/axis-cgi/param.cgi?action=list&group=root.Brand";
        p.put(
            param,
            "root.Brand.Brand=AXIS\nroot.Brand.ProdFullName=AXIS M3045-V Network Camera\n"
                + "root.Brand.ProdNbr=M3045-V\nroot.Brand.ProdType=Network Camera\n");
        return new Spec(
            null,
            p,
            Set.of("/view/viewer_index.shtml", param),
            true,
            "AXIS_ACCC8E012345",
            "root",
            "pass");
      }
      case REOLINK -> {
        p.put(
            "/",
            "<html><head><title>Web Client - Reolink</title></head><body>"
                + LOGIN_FORM
                + "<script>fetch('/cgi-bin/api.cgi?cmd=Login');</script></body></html>");
        return new Spec(null, p, Set.of(), false, "", "admin", "");
      }
      case MOBOTIX -> {
        p.put(
            "/",
            "<html><head><title>MOBOTIX M16 Live</title></head><body><a"
                + " href=\"/control/userimage.html\">User</a><a"
                + " href=\"/cgi-bin/guestimage.html\">Guest</a><a"
                + " href=\"/admin/index.html\">Admin</a></body></html>");
        p.put(
            "/cgi-bin/guestimage.html",
            "<html><head><title>MOBOTIX M16 Guest</title></head><body><img"
                + " src=\"/record/current.jpg\"></body></html>");
        p.put(
            "/admin/index.html",
            "<html><head><title>Admin Menu</title></head><body><h1>MOBOTIX M16 Admin"
                + " Menu</h1></body></html>");
        return new Spec(
            "thttpd",
            p,
            Set.of("/admin/index.html", "/cgi-bin/guestimage.html"),
            false,
            "MOBOTIX Camera Admin",
            "admin",
            "meinsm");
      }
      case HANWHA -> {
        p.put(
            "/",
            "<html><head><title>Wisenet WebViewer</title></head><body>"
                + LOGIN_FORM
                + "<script src=\"/home/js/sunapi.js\"></script><script>var api ="
                + " '/stw-cgi/system.cgi';</script></body></html>");
        String info = "/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view";
        p.put(info, "Model=XNV-6080\r\nFirmwareVersion=2.10.02_20230215\r\n");
        return new Spec(null, p, Set.of(info), true, "iPolis", "admin", "4321");
      }
      case SONY -> {
        p.put(
            "/",
            "<html><head><title>Sony Network Camera SNC-EB600</title></head><body><script"
                + " src=\"/command/inquiry.cgi?inqjs=system\"></script>"
                + "<a href=\"/command/inquiry.cgi?inq=system\">info</a></body></html>");
        String inq = "/command/inquiry.cgi?inq=system";
        p.put(inq, "ModelName=SNC-EB600&Serial=1234567&SoftVersion=1.86.00");
        return new Spec(
            null, p, Set.of(inq), false, "Sony Network Camera SNC-EB600", "admin", "admin");
      }
      case DLINK -> {
        p.put(
            "/",
            "<html><head><title>D-Link DCS-932L</title></head><body><h1>D-Link Corporation"
                + " DCS-932L</h1><img src=\"/video.cgi\"></body></html>");
        return new Spec("alphapd/2.1.8", p, Set.of("/"), false, "DCS-932L", "admin", "");
      }
      case SPECO -> {
        p.put(
            "/",
            "<HTML><HEAD><TITLE>Network Camera Viewer</TITLE></HEAD><BODY><IMG"
                + " SRC=\"/cgi-bin/snapshot.cgi\"></BODY></HTML>");
        return new Spec(null, p, Set.of("/"), false, "SuperNova", "admin", "1234");
      }
      default -> throw new AssertionError(v);
    }
  }

  private static final String HONEYPOT_PAGE =
      "<html><head><title>WEB SERVICE Web Client - Reolink MOBOTIX M16 Live view - AXIS"
          + " IPCam Client GeoVision Wisenet Sony Network Camera SNC-EB600 VIGI D-Link"
          + " DCS-932L Panasonic Uniview</title></head><body>&copy;Hikvision Digital"
          + " Technology /doc/page/login.asp /RPC2_Login jsCore/rpcCore.js Amcrest Technologies"
          + " LDAPUser /view/viewer_index.shtml /axis-cgi/ /cgi-bin/api.cgi IP Surveillance for"
          + " Your Life /cgi-bin/guest/Login.cgi /control/userimage.html"
          + " /cgi-bin/guestimage.html VIVOTEK /cgi-bin/viewer/ CGIProxy.fcgi UNIVIEW"
          + " /LAPI/V1.0/ /ssi.cgi/ /stw-cgi/ i-PRO cam_portal.cgi /command/inquiry.cgi TP-Link"
          + " <statusValue>200</statusValue><statusString>OK</statusString> deviceType="
          + " serialNumber= root.Brand.Brand=AXIS root.Brand.ProdNbr= Admin Menu"
          + " Network Camera Viewer ModelName= SoftVersion= Model= FirmwareVersion="
          + "<input type=\"password\"></body></html>";

  private static final String PLAIN_PAGE =
      "<html><head><title>Welcome to our bakery</title></head><body><h1>Fresh bread"
          + " daily</h1><p>Open 7am to 6pm.</p></body></html>";

  // ---- serving --------------------------------------------------------------------------------

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        open.add(s);
        Loopback.daemon("camera-panel-conn", () -> serve(s)).start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(10_000);
      String head = readHead(s.getInputStream());
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] start = lines[0].split(" ");
      if (start.length < 2) {
        return;
      }
      String method = start[0];
      String target = start[1];
      String authorization = null;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase("Authorization")) {
          authorization = lines[i].substring(colon + 1).strip();
        }
      }
      String scheme = authorization == null ? null : authorization.split(" ", 2)[0];
      requests.add(new Request(method, target, scheme));
      OutputStream out = s.getOutputStream();
      if (mode == Mode.HOSTILE && !target.startsWith("/tenken-canary-")) {
        hostileReply(out);
        return;
      }
      respond(out, method, target, authorization);
    } catch (IOException e) {
      // The client went away or the server closed; nothing to answer.
    } finally {
      open.remove(s);
    }
  }

  private static @Nullable String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    while (buf.size() < MAX_REQUEST) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      buf.write(b);
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1 -> b == '\n' ? 2 : 0;
            case 3 -> b == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) {
        return buf.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private void respond(OutputStream out, String method, String target, @Nullable String auth)
      throws IOException {
    switch (mode) {
      case HONEYPOT -> {
        if (auth != null) {
          loginAttempts.incrementAndGet();
        }
        write(out, 200, "OK", List.of("Server: App-webs/ alphapd"), HONEYPOT_PAGE);
        return;
      }
      case PLAIN, HOSTILE -> {
        if (target.equals("/") && mode == Mode.PLAIN) {
          write(out, 200, "OK", List.of("Server: nginx"), PLAIN_PAGE);
        } else {
          write(out, 404, "Not Found", List.of("Server: nginx"), "<h1>404 Not Found</h1>");
        }
        return;
      }
      default -> {
        // DEVICE, below
      }
    }
    Spec sp = Objects.requireNonNull(spec);
    List<String> headers = new ArrayList<>();
    if (sp.server() != null) {
      headers.add("Server: " + sp.server());
    }
    if (variant == Variant.HTTPS_REDIRECT) {
      headers.add("Location: https://127.0.0.1" + target);
      write(out, 301, "Moved Permanently", headers, "");
      return;
    }
    String body = sp.pages().get(target);
    if (body == null) {
      write(out, 404, "Not Found", headers, "<html><body>404 Not Found</body></html>");
      return;
    }
    if (variant == Variant.OPEN || !sp.guarded().contains(target)) {
      write(out, 200, "OK", headers, body);
      return;
    }
    if (auth == null) {
      challenge(out, headers, sp);
      return;
    }
    loginAttempts.incrementAndGet();
    if (lockedOut()) {
      failedLogins.incrementAndGet();
      write(out, 403, "Forbidden", headers, "<html><body>User locked</body></html>");
      return;
    }
    if (accepts(sp, method, target, auth)) {
      write(out, 200, "OK", headers, body);
      return;
    }
    failedLogins.incrementAndGet();
    challenge(out, headers, sp);
  }

  private void challenge(OutputStream out, List<String> headers, Spec sp) throws IOException {
    List<String> h = new ArrayList<>(headers);
    if (sp.digest()) {
      String nonce = HexFormat.of().toHexDigits(RANDOM.nextLong());
      nonces.add(nonce);
      h.add(
          "WWW-Authenticate: Digest realm=\""
              + sp.realm()
              + "\", qop=\"auth\", nonce=\""
              + nonce
              + "\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    } else {
      h.add("WWW-Authenticate: Basic realm=\"" + sp.realm() + "\"");
    }
    write(out, 401, "Unauthorized", h, "<html><body>401 Unauthorized</body></html>");
  }

  private boolean accepts(Spec sp, String method, String target, String auth) {
    String password = variant == Variant.LOCKED ? STRONG_PASSWORD : sp.password();
    String[] parts = auth.split(" ", 2);
    if (parts.length < 2) {
      return false;
    }
    if (sp.digest()) {
      if (!parts[0].equalsIgnoreCase("Digest")) {
        return false;
      }
      Map<String, String> f = new LinkedHashMap<>();
      Matcher m = PARAM.matcher(parts[1]);
      while (m.find()) {
        f.put(
            m.group(1).toLowerCase(Locale.ROOT),
            m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
      }
      if (!nonces.contains(f.getOrDefault("nonce", "")) || !target.equals(f.get("uri"))) {
        return false;
      }
      if (variant == Variant.ANY_PASSWORD) {
        return true;
      }
      String ha1 = md5(sp.user() + ":" + sp.realm() + ":" + password);
      String ha2 = md5(method + ":" + target);
      String expected =
          md5(
              ha1
                  + ":"
                  + f.get("nonce")
                  + ":"
                  + f.get("nc")
                  + ":"
                  + f.get("cnonce")
                  + ":auth:"
                  + ha2);
      return sp.user().equals(f.get("username"))
          && "auth".equals(f.get("qop"))
          && expected.equals(f.get("response"));
    }
    if (!parts[0].equalsIgnoreCase("Basic")) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (variant == Variant.ANY_PASSWORD) {
      return decoded.indexOf(':') >= 0;
    }
    return decoded.equals(sp.user() + ":" + password);
  }

  private void hostileReply(OutputStream out) throws IOException {
    Hostility h = Objects.requireNonNull(hostility);
    switch (h) {
      case GARBAGE_HEADER ->
          out.write(
              ("HTTP/1.1 200 OK\r\nthis is not a header\r\n\u0001\u0002\u0003:::\r\n"
                      + "Content-Length: 2\r\n\r\nok")
                  .getBytes(StandardCharsets.ISO_8859_1));
      case HUGE_BODY -> {
        int size = 4 * 1024 * 1024;
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                    + size
                    + "\r\nConnection: close\r\n\r\n<html><head><title>WEB SERVICE</title>")
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = "A".repeat(8192).getBytes(StandardCharsets.ISO_8859_1);
        try {
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk);
          }
        } catch (SocketException e) {
          // The client stopped reading at its cap and closed: expected.
        }
      }
      case TRUNCATED_BODY -> {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n"
                    + "<html><head><title>WEB SERVICE</title></head><body>"
                    + "x".repeat(69))
                .getBytes(StandardCharsets.ISO_8859_1));
      }
      default -> throw new AssertionError(h);
    }
    out.flush();
  }

  private static void write(
      OutputStream out, int status, String reason, List<String> headers, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    if (!body.isEmpty()) {
      head.append("Content-Type: ")
          .append(body.startsWith("<") ? "text/html" : "text/plain")
          .append("\r\n");
    }
    head.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }
}
