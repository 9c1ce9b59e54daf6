package dev.tenken.printer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * WireMock servers on loopback replaying printer web panels (EWS) shaped like HP, Canon, Ricoh,
 * Brother, Kyocera and Sharp ones, bodies from {@code src/test/resources/dev/tenken/printer/ews/},
 * in four states; plus a honeypot answering every path with every vendor's markers, and a plain web
 * site. Paths are written out here, independently of the vendor table, so a wrong path in the table
 * fails the tests. Unknown paths answer 404, as the real panels do.
 */
final class PanelFixtures {
  static final String DIR = "/dev/tenken/printer/ews/";

  /** The state a panel is in. */
  enum State {
    /**
     * No administrator password: the admin page is open (Sharp: e-manual list served, old
     * firmware).
     */
    OPEN,
    /** A password is required and the factory default is accepted. */
    DEFAULT,
    /**
     * A password is required, the defaults are refused, and the device locks logins out after 3
     * failures (a scenario counting attempts); Sharp firmware patched.
     */
    LOCKED,
    /** Like LOCKED, but plain HTTP redirects the admin page to HTTPS. */
    HTTPS_ONLY
  }

  /** The scenario that counts failed logins. */
  static final String LOCKOUT = "lockout";

  static final String LOCKED_OUT = "locked-out";

  private PanelFixtures() {}

  static String body(String name) {
    try (InputStream in = PanelFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WireMockServer server() {
    WireMockServer server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
    server.start();
    return server;
  }

  static String http(WireMockServer s) {
    return "http://127.0.0.1:" + s.port();
  }

  private static ResponseDefinitionBuilder html(String name) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=UTF-8")
        .withBody(body(name));
  }

  private static ResponseDefinitionBuilder redirect(int status, String location) {
    return aResponse().withStatus(status).withHeader("Location", location);
  }

  /** A vendor's panel in {@code state}. */
  static WireMockServer start(String vendor, State state) {
    WireMockServer s = server();
    switch (vendor) {
      case "hp" -> hp(s, state);
      case "canon" -> canon(s, state);
      case "ricoh" -> ricoh(s, state);
      case "brother" -> brother(s, state);
      case "kyocera" -> kyocera(s, state);
      case "sharp" ->
          sharp(s, state, state == State.OPEN || state == State.DEFAULT ? "0202a.10" : "0300a.00");
      default -> throw new IllegalArgumentException(vendor);
    }
    return s;
  }

  /** A web server answering 200 with every vendor's markers to every request. */
  static WireMockServer honeypot() {
    WireMockServer s = server();
    s.stubFor(
        any(anyUrl())
            .willReturn(
                html("other/honeypot.html")
                    .withHeader("Set-Cookie", "MFPSESSIONID=0123456789abcdef; path=/")
                    .withHeader("Server", "HP HTTP Server; HP Color LaserJet")));
    return s;
  }

  /** A web site that is no printer. */
  static WireMockServer plainSite() {
    WireMockServer s = server();
    s.stubFor(get(urlEqualTo("/")).willReturn(html("other/plain-site.html")));
    return s;
  }

  // --- vendors --------------------------------------------------------------------------------

  private static void hp(WireMockServer s, State state) {
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
    switch (state) {
      case OPEN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("hp/general-security.html")));
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

  private static void canon(WireMockServer s, State state) {
    String admin = "/rps/";
    if (state == State.OPEN) {
      s.stubFor(get(urlEqualTo("/")).willReturn(html("canon/portal.html")));
      s.stubFor(get(urlEqualTo(admin)).willReturn(html("canon/portal.html")));
      return;
    }
    s.stubFor(get(urlEqualTo("/")).willReturn(html("canon/portal-login.html")));
    if (state == State.HTTPS_ONLY) {
      s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(301, "https://127.0.0.1:8443/rps/")));
      return;
    }
    s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "/")));
    formLogin(
        s,
        state,
        "/login",
        "deptid=Administrator&password=7654321",
        "com.canon.meap.service.login.session=4e2f0c1d; path=/",
        admin,
        "canon/portal.html",
        "/logout",
        "canon/portal-login.html");
  }

  private static void ricoh(WireMockServer s, State state) {
    String admin = "/web/entry/en/websys/webArch/mainFrame.cgi";
    s.stubFor(
        get(urlEqualTo("/web/guest/en/websys/webArch/mainFrame.cgi"))
            .willReturn(html("ricoh/mainframe-guest.html").withHeader("Server", "Web-Server/3.0")));
    s.stubFor(
        get(urlEqualTo("/web/guest/en/websys/webArch/authForm.cgi"))
            .willReturn(html("ricoh/authform.html")));
    switch (state) {
      case OPEN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("ricoh/mainframe-admin.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin))
                .willReturn(redirect(302, "/web/guest/en/websys/webArch/authForm.cgi")));
        formLogin(
            s,
            state,
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

  private static void brother(WireMockServer s, State state) {
    String admin = "/admin/password.html";
    s.stubFor(get(urlEqualTo("/general/status.html")).willReturn(html("brother/status.html")));
    ResponseDefinitionBuilder challenge =
        aResponse()
            .withStatus(401)
            .withHeader("WWW-Authenticate", "Basic realm=\"Printer Config\"")
            .withBody("<html><body>401 Unauthorized</body></html>");
    switch (state) {
      case OPEN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("brother/password.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(301, "https://127.0.0.1" + admin)));
      case DEFAULT -> {
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
            s,
            () -> get(urlEqualTo(admin)).withHeader("Authorization", containing("Basic ")),
            challenge);
      }
    }
  }

  private static void kyocera(WireMockServer s, State state) {
    String admin = "/startwlm/Start_Wlm.htm";
    s.stubFor(get(urlEqualTo("/")).willReturn(html("kyocera/index.html")));
    switch (state) {
      case OPEN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("kyocera/start-admin.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin)).atPriority(5).willReturn(html("kyocera/start-guest.html")));
        formLogin(
            s,
            state,
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

  private static void sharp(WireMockServer s, State state, String firmware) {
    String admin = "/security_password.html";
    s.stubFor(
        get(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                    .withHeader("Set-Cookie", "MFPSESSIONID=2401A0B1C2D3E4F5; path=/")
                    .withBody(body("sharp/top.html").replace("%FW%", firmware))));
    s.stubFor(get(urlEqualTo("/login.html?/main.html")).willReturn(html("sharp/login.html")));
    if (state == State.OPEN || state == State.DEFAULT) {
      s.stubFor(
          get(urlEqualTo("/installed_emanual_list.html"))
              .willReturn(
                  html("sharp/emanual-list.html")
                      .withHeader("Set-Cookie", "MFPSESSIONID=2401A0B1C2D3E4F5; path=/")));
    }
    switch (state) {
      case OPEN -> s.stubFor(get(urlEqualTo(admin)).willReturn(html("sharp/password.html")));
      case HTTPS_ONLY ->
          s.stubFor(get(urlEqualTo(admin)).willReturn(redirect(302, "https://127.0.0.1" + admin)));
      default -> {
        s.stubFor(
            get(urlEqualTo(admin))
                .atPriority(5)
                .willReturn(redirect(302, "/login.html?/main.html")));
        // The older default "Sharp" is accepted: the first default (admin) is refused first.
        formLogin(
            s,
            state,
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
   * POST answers the login page again. In state LOCKED no body is accepted and the 3rd failure
   * locks the device.
   */
  private static void formLogin(
      WireMockServer s,
      State state,
      String path,
      String accepted,
      String cookie,
      String admin,
      String adminPage,
      String logout,
      String loginPage) {
    String pair = cookie.split(";", 2)[0];
    ResponseDefinitionBuilder refused = html(loginPage).withStatus(200);
    if (state == State.DEFAULT) {
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
      lockoutSteps(s, () -> post(urlEqualTo(path)), refused);
    }
  }

  /** Three failures move the scenario to {@link #LOCKED_OUT}, where every login is refused. */
  private static void lockoutSteps(
      WireMockServer s, Supplier<MappingBuilder> request, ResponseDefinitionBuilder refused) {
    String[] states = {Scenario.STARTED, "failed-1", "failed-2", LOCKED_OUT};
    for (int i = 0; i < 3; i++) {
      s.stubFor(
          request
              .get()
              .atPriority(2)
              .inScenario(LOCKOUT)
              .whenScenarioStateIs(states[i])
              .willReturn(refused)
              .willSetStateTo(states[i + 1]));
    }
    s.stubFor(
        request
            .get()
            .atPriority(2)
            .inScenario(LOCKOUT)
            .whenScenarioStateIs(LOCKED_OUT)
            .willReturn(aResponse().withStatus(403).withBody("account locked")));
  }

  static @Nullable String scenarioState(WireMockServer s) {
    return s.getAllScenarios().getScenarios().stream()
        .filter(sc -> sc.getName().equals(LOCKOUT))
        .map(Scenario::getState)
        .findFirst()
        .orElse(null);
  }
}
