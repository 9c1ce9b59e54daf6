package dev.tenken.test.sim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A printer's embedded web server (EWS, the "web panel") on a loopback port, shaped like the real
 * panels of HP, Canon, Ricoh, Brother, Kyocera and Sharp devices, in one of four {@linkplain
 * Variant variants}; plus a {@linkplain #honeypot() honeypot} answering every path with every
 * vendor's markers and a {@linkplain #plainSite() plain web site} that is no printer.
 *
 * <pre>{@code
 * try (EwsPanelSimulator panel =
 *     EwsPanelSimulator.start(Vendor.KYOCERA, Variant.DEFAULT_PASSWORD)) {
 *   runner.scan(List.of(Target.parse(panel.target())));      // http://127.0.0.1:<port>
 *   assertThat(panel.loginAttempts()).isEqualTo(1);
 *   assertThat(panel.logouts()).isEqualTo(1);                // the check logged out again
 * }
 * }</pre>
 *
 * <p><b>WireMock is not a dependency you get from this module</b>: it is optional here, so add
 * {@code org.wiremock:wiremock} (3.x) to your own test dependencies to use this class; the other
 * simulators of this package do not need it.
 *
 * <p>The pages are served from {@code /dev/tenken/test/sim/ews/<vendor>/*.html} on the class path
 * (see {@link #page(String)}), trimmed copies of what the vendors' panels serve: the same paths,
 * titles, markers, headers and cookies. Unknown paths answer 404, as the real panels do. What each
 * vendor serves:
 *
 * <table>
 *   <caption>Paths and factory defaults per vendor</caption>
 *   <tr><th>Vendor</th><th>Admin page</th><th>Login</th><th>Default accepted</th><th>Logout</th></tr>
 *   <tr><td>HP</td><td>{@code /hp/device/GeneralSecurity/Index}</td>
 *       <td>redirect to {@code /hp/device/SignIn/Index}</td><td>none</td><td>none</td></tr>
 *   <tr><td>Canon</td><td>{@code /rps/}</td><td>form {@code POST /login}</td>
 *       <td>{@code Administrator} / {@code 7654321}</td><td>{@code /logout}</td></tr>
 *   <tr><td>Ricoh</td><td>{@code /web/entry/en/websys/webArch/mainFrame.cgi}</td>
 *       <td>form {@code POST /web/guest/en/websys/webArch/login.cgi}</td>
 *       <td>{@code admin} / empty</td><td>{@code /web/entry/en/websys/webArch/logout.cgi}</td></tr>
 *   <tr><td>Brother</td><td>{@code /admin/password.html}</td><td>HTTP Basic</td>
 *       <td>{@code admin} / {@code access}</td><td>none</td></tr>
 *   <tr><td>Kyocera</td><td>{@code /startwlm/Start_Wlm.htm}</td>
 *       <td>form {@code POST /startwlm/login.cgi}</td><td>{@code Admin} / {@code Admin}</td>
 *       <td>{@code /startwlm/logout.cgi}</td></tr>
 *   <tr><td>Sharp</td><td>{@code /security_password.html}</td>
 *       <td>form {@code POST /login.html?/main.html}</td><td>{@code admin} / {@code Sharp}</td>
 *       <td>{@code /logout.html}</td></tr>
 * </table>
 *
 * <p>A form login that succeeds sets a session cookie and redirects to the admin page, which shows
 * the administrator markers only with that cookie; the logout path answers 200 with the cookie. A
 * refused form login answers the login page again (HTTP 200, as the panels do); a refused Basic
 * login answers 401. Sharp's top page names its firmware: {@code 0202a.10} (vulnerable to
 * CVE-2022-45796 and CVE-2024-33605, e-manual list served) for {@link Variant#OPEN_ADMIN} and
 * {@link Variant#DEFAULT_PASSWORD}, {@code 0300a.00} (patched) otherwise.
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral port. Thread-safe (WireMock's request journal and
 * scenarios are). {@link #close()} stops the server and is idempotent.
 */
public final class EwsPanelSimulator implements AutoCloseable {
  /** The WireMock scenario that counts failed logins in {@link Variant#LOCKED}. */
  public static final String LOCKOUT_SCENARIO = "lockout";

  /** The state {@link #LOCKOUT_SCENARIO} reaches after three failed logins. */
  public static final String LOCKED_OUT = "locked-out";

  private static final String DIR = "/dev/tenken/test/sim/ews/";

  /** The vendor whose panel is simulated. */
  public enum Vendor {
    /** HP LaserJet / MFP: {@code HP HTTP Server} header, no factory password. */
    HP(null),
    /** Canon imageRUNNER ADVANCE Remote UI. */
    CANON("/logout"),
    /** Ricoh Web Image Monitor. */
    RICOH("/web/entry/en/websys/webArch/logout.cgi"),
    /** Brother web based management, HTTP Basic for the admin pages. */
    BROTHER(null),
    /** Kyocera Command Center RX. */
    KYOCERA("/startwlm/logout.cgi"),
    /** Sharp MFP web page, firmware on the top page. */
    SHARP("/logout.html");

    private final @Nullable String logoutPath;

    Vendor(@Nullable String logoutPath) {
      this.logoutPath = logoutPath;
    }
  }

  /** The state a panel is in. */
  public enum Variant {
    /**
     * No administrator password: the admin page is served to anyone (Sharp: e-manual list served,
     * old firmware).
     */
    OPEN_ADMIN,
    /**
     * The admin page asks for a login (a redirect to the login page, or a 401 Basic challenge) and
     * the vendor's factory default is accepted; other credentials are refused, without lock-out.
     * Sharp: old firmware.
     */
    DEFAULT_PASSWORD,
    /**
     * The admin page asks for a login, every credential is refused, and the third failed login
     * locks the device out (scenario {@link #LOCKOUT_SCENARIO} reaches {@link #LOCKED_OUT}; every
     * later login answers 403). Sharp: patched firmware. HP has no login to lock.
     */
    LOCKED,
    /** Like {@link #LOCKED}, but plain HTTP redirects the admin page to HTTPS. */
    HTTPS_ONLY
  }

  private final WireMockServer server;
  private final @Nullable Vendor vendor;
  private final @Nullable Variant variant;
  private boolean closed;

  private EwsPanelSimulator(@Nullable Vendor vendor, @Nullable Variant variant) {
    this.vendor = vendor;
    this.variant = variant;
    this.server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
    server.start();
  }

  /**
   * Starts {@code vendor}'s panel in {@code variant}.
   *
   * @throws RuntimeException if WireMock cannot start
   */
  public static EwsPanelSimulator start(Vendor vendor, Variant variant) {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(variant, "variant");
    EwsPanelSimulator sim = new EwsPanelSimulator(vendor, variant);
    try {
      sim.stub(vendor, variant);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
    return sim;
  }

  /**
   * A honeypot: every request, any method and path, answers 200 with a page carrying every vendor's
   * markers, an HP {@code Server} header and a Sharp session cookie. A check that trusts one marker
   * would take it for any printer.
   */
  public static EwsPanelSimulator honeypot() {
    EwsPanelSimulator sim = new EwsPanelSimulator(null, null);
    sim.server.stubFor(
        any(anyUrl())
            .willReturn(
                html("other/honeypot.html")
                    .withHeader("Set-Cookie", "MFPSESSIONID=0123456789abcdef; path=/")
                    .withHeader("Server", "HP HTTP Server; HP Color LaserJet")));
    return sim;
  }

  /** A web site that is no printer: {@code /} answers a plain page, every other path 404. */
  public static EwsPanelSimulator plainSite() {
    EwsPanelSimulator sim = new EwsPanelSimulator(null, null);
    sim.server.stubFor(get(urlEqualTo("/")).willReturn(html("other/plain-site.html")));
    return sim;
  }

  /**
   * A page as served, by its name under {@code /dev/tenken/test/sim/ews/}, e.g. {@code
   * "hp/device-information.html"} or {@code "other/honeypot.html"} (Sharp's {@code
   * "sharp/top.html"} holds {@code %FW%} where the firmware goes).
   *
   * @throws IllegalArgumentException if there is no such page
   */
  public static String page(String name) {
    try (InputStream in = EwsPanelSimulator.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no EWS page " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String target() {
    return "http://127.0.0.1:" + port();
  }

  /** The vendor, or {@code null} for the honeypot and the plain site. */
  public @Nullable Vendor vendor() {
    return vendor;
  }

  /** The variant, or {@code null} for the honeypot and the plain site. */
  public @Nullable Variant variant() {
    return variant;
  }

  /**
   * Login attempts received so far: every {@code POST} (the panels take no other) and every other
   * request carrying an {@code Authorization} header, accepted or refused.
   */
  public int loginAttempts() {
    return (int)
        server.findAll(anyRequestedFor(anyUrl())).stream()
            .filter(
                r -> r.getMethod().equals(RequestMethod.POST) || r.containsHeader("Authorization"))
            .count();
  }

  /**
   * Requests to the vendor's logout path received so far, with or without a session cookie (0 for
   * vendors without one: HP, Brother).
   */
  public int logouts() {
    String path = vendor == null ? null : vendor.logoutPath;
    return path == null ? 0 : server.findAll(anyRequestedFor(urlEqualTo(path))).size();
  }

  /** Whether three failed logins locked the panel out ({@link Variant#LOCKED} only). */
  public boolean lockedOut() {
    return LOCKED_OUT.equals(lockoutState());
  }

  /**
   * The state of scenario {@link #LOCKOUT_SCENARIO} ({@code Started}, {@code failed-1}, {@code
   * failed-2}, {@link #LOCKED_OUT}), or {@code null} when the panel has none.
   */
  public @Nullable String lockoutState() {
    return server.getAllScenarios().getScenarios().stream()
        .filter(sc -> sc.getName().equals(LOCKOUT_SCENARIO))
        .map(Scenario::getState)
        .findFirst()
        .orElse(null);
  }

  /**
   * The WireMock server, for advanced stubbing ({@code stubFor} at a priority below 5 overrides the
   * panel's pages) and verification ({@code verify}, {@code findAll}).
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
    return "EwsPanelSimulator["
        + (vendor == null ? "site" : vendor + " " + variant)
        + " on "
        + (closed ? "closed" : target())
        + "]";
  }

  // --- responses ------------------------------------------------------------------------------

  private static ResponseDefinitionBuilder html(String name) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=UTF-8")
        .withBody(page(name));
  }

  private static ResponseDefinitionBuilder redirect(int status, String location) {
    return aResponse().withStatus(status).withHeader("Location", location);
  }

  // --- vendors --------------------------------------------------------------------------------

  private void stub(Vendor vendor, Variant variant) {
    switch (vendor) {
      case HP -> hp(variant);
      case CANON -> canon(variant);
      case RICOH -> ricoh(variant);
      case BROTHER -> brother(variant);
      case KYOCERA -> kyocera(variant);
      case SHARP ->
          sharp(
              variant,
              variant == Variant.OPEN_ADMIN || variant == Variant.DEFAULT_PASSWORD
                  ? "0202a.10"
                  : "0300a.00");
    }
  }

  private void hp(Variant variant) {
    WireMockServer s = server;
    s.stubFor(
        get(urlEqualTo("/hp/device/DeviceInformation/View"))
            .willReturn(
                html("hp/device-information.html")
                    .withHeader(
                        "Server",
                        "HP HTTP Server; HP Color LaserJet MFP M479fdw - W1A80A; Serial Number:"
                            + " CNBRM9Q0QX; Built: Fri May 17, 2024 03:12:41PM {002_2411A}")));
    s.stubFor(get(urlEqualTo("/hp/device/SignIn/Index")).willReturn(html("hp/sign-in.html")));
    String admin = "/hp/device/GeneralSecurity/Index";
    switch (variant) {
      case OPEN_ADMIN ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(html("hp/general-security.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(301, "https://127.0.0.1" + admin)));
      default ->
          s.stubFor(
              get(urlEqualTo(admin))
                  .willReturn(
                      redirect(
                          302,
                          "/hp/device/SignIn/Index?ReturnUrl=%2Fhp%2Fdevice%2FGeneralSecurity%2FIndex")));
    }
  }

  private void canon(Variant variant) {
    WireMockServer s = server;
    String admin = "/rps/";
    if (variant == Variant.OPEN_ADMIN) {
      s.stubFor(get(urlEqualTo("/")).willReturn(html("canon/portal.html")));
      s.stubFor(get(urlEqualTo(admin)).willReturn(html("canon/portal.html")));
      return;
    }
    s.stubFor(get(urlEqualTo("/")).willReturn(html("canon/portal-login.html")));
    if (variant == Variant.HTTPS_ONLY) {
      s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(301, "https://127.0.0.1:8443/rps/")));
      return;
    }
    s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "/")));
    formLogin(
        variant,
        "/login",
        "deptid=Administrator&password=7654321",
        "com.canon.meap.service.login.session=4e2f0c1d; path=/",
        admin,
        "canon/portal.html",
        "/logout",
        "canon/portal-login.html");
  }

  private void ricoh(Variant variant) {
    WireMockServer s = server;
    String admin = "/web/entry/en/websys/webArch/mainFrame.cgi";
    s.stubFor(
        get(urlEqualTo("/web/guest/en/websys/webArch/mainFrame.cgi"))
            .willReturn(html("ricoh/mainframe-guest.html").withHeader("Server", "Web-Server/3.0")));
    s.stubFor(
        get(urlEqualTo("/web/guest/en/websys/webArch/authForm.cgi"))
            .willReturn(html("ricoh/authform.html")));
    switch (variant) {
      case OPEN_ADMIN ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(html("ricoh/mainframe-admin.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin))
                .willReturn(redirect(302, "/web/guest/en/websys/webArch/authForm.cgi")));
        formLogin(
            variant,
            "/web/guest/en/websys/webArch/login.cgi",
            "wimToken=1840317029&userid_work=&userid=YWRtaW4%3D&password_work=&password=&open=",
            "wimsesid=998877665; path=/",
            admin,
            "ricoh/mainframe-admin.html",
            "/web/entry/en/websys/webArch/logout.cgi",
            "ricoh/authform.html");
      }
    }
  }

  private void brother(Variant variant) {
    WireMockServer s = server;
    String admin = "/admin/password.html";
    s.stubFor(get(urlEqualTo("/general/status.html")).willReturn(html("brother/status.html")));
    ResponseDefinitionBuilder challenge =
        aResponse()
            .withStatus(401)
            .withHeader("WWW-Authenticate", "Basic realm=\"Printer Config\"")
            .withBody("<html><body>401 Unauthorized</body></html>");
    switch (variant) {
      case OPEN_ADMIN ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(html("brother/password.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(301, "https://127.0.0.1" + admin)));
      case DEFAULT_PASSWORD -> {
        s.stubFor(get(urlEqualTo(admin)).atPriority(5).willReturn(challenge));
        s.stubFor(
            get(urlEqualTo(admin))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Basic YWRtaW46YWNjZXNz"))
                .willReturn(html("brother/password.html")));
      }
      case LOCKED -> {
        s.stubFor(get(urlEqualTo(admin)).willReturn(challenge));
        // Failed Basic logins count towards the lock-out too.
        lockoutSteps(
            () -> get(urlEqualTo(admin)).withHeader("Authorization", containing("Basic ")),
            challenge);
      }
    }
  }

  private void kyocera(Variant variant) {
    WireMockServer s = server;
    String admin = "/startwlm/Start_Wlm.htm";
    s.stubFor(get(urlEqualTo("/")).willReturn(html("kyocera/index.html")));
    switch (variant) {
      case OPEN_ADMIN ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(html("kyocera/start-admin.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin)).atPriority(5).willReturn(html("kyocera/start-guest.html")));
        formLogin(
            variant,
            "/startwlm/login.cgi",
            "arg01_UserName=Admin&arg02_Password=Admin",
            "rtl=0; path=/",
            admin,
            "kyocera/start-admin.html",
            "/startwlm/logout.cgi",
            "kyocera/start-guest.html");
      }
    }
  }

  private void sharp(Variant variant, String firmware) {
    WireMockServer s = server;
    String admin = "/security_password.html";
    s.stubFor(
        get(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withHeader("Set-Cookie", "MFPSESSIONID=2401A0B1C2D3E4F5; path=/")
                    .withBody(page("sharp/top.html").replace("%FW%", firmware))));
    s.stubFor(get(urlEqualTo("/login.html?/main.html")).willReturn(html("sharp/login.html")));
    if (variant == Variant.OPEN_ADMIN || variant == Variant.DEFAULT_PASSWORD) {
      s.stubFor(
          get(urlEqualTo("/installed_emanual_list.html"))
              .willReturn(
                  html("sharp/emanual-list.html")
                      .withHeader("Set-Cookie", "MFPSESSIONID=2401A0B1C2D3E4F5; path=/")));
    }
    switch (variant) {
      case OPEN_ADMIN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("sharp/password.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin))
                .atPriority(5)
                .willReturn(redirect(302, "/login.html?/main.html")));
        // The older default "Sharp" is accepted: the first default (admin) is refused first.
        formLogin(
            variant,
            "/login.html?/main.html",
            "ggt_textbox%2810003%29=Sharp",
            "MFPSESSIONID=5A5A5A5A5A5A5A5A; path=/",
            admin,
            "sharp/password.html",
            "/logout.html",
            "sharp/login.html");
      }
    }
  }

  /**
   * A form login: a POST whose body contains {@code accepted} sets {@code cookie} and redirects;
   * the admin page with that cookie is {@code adminPage}; the logout path answers 200. Any other
   * POST answers the login page again. In {@link Variant#LOCKED} no body is accepted and the 3rd
   * failure locks the device.
   */
  private void formLogin(
      Variant variant,
      String path,
      String accepted,
      String cookie,
      String admin,
      String adminPage,
      String logout,
      String loginPage) {
    WireMockServer s = server;
    String pair = cookie.split(";", 2)[0];
    ResponseDefinitionBuilder refused = html(loginPage).withStatus(200);
    if (variant == Variant.DEFAULT_PASSWORD) {
      s.stubFor(post(urlEqualTo(path)).atPriority(5).willReturn(refused));
      s.stubFor(
          post(urlEqualTo(path))
              .atPriority(1)
              .withRequestBody(containing(accepted))
              .willReturn(redirect(302, admin).withHeader("Set-Cookie", cookie)));
      s.stubFor(
          get(urlEqualTo(admin))
              .atPriority(1)
              .withHeader("Cookie", containing(pair))
              .willReturn(html(adminPage)));
      s.stubFor(
          get(urlEqualTo(logout))
              .withHeader("Cookie", containing(pair))
              .willReturn(aResponse().withStatus(200).withBody("<html>logged out</html>")));
    } else {
      lockoutSteps(() -> post(urlEqualTo(path)), refused);
    }
  }

  /** Three failures move the scenario to {@link #LOCKED_OUT}, where every login is refused. */
  private void lockoutSteps(Supplier<MappingBuilder> request, ResponseDefinitionBuilder refused) {
    String[] states = {Scenario.STARTED, "failed-1", "failed-2", LOCKED_OUT};
    for (int i = 0; i < 3; i++) {
      server.stubFor(
          request
              .get()
              .atPriority(2)
              .inScenario(LOCKOUT_SCENARIO)
              .whenScenarioStateIs(states[i])
              .willReturn(refused)
              .willSetStateTo(states[i + 1]));
    }
    server.stubFor(
        request
            .get()
            .atPriority(2)
            .inScenario(LOCKOUT_SCENARIO)
            .whenScenarioStateIs(LOCKED_OUT)
            .willReturn(aResponse().withStatus(403).withBody("account locked")));
  }
}
