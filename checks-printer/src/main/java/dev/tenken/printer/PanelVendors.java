package dev.tenken.printer;

import dev.tenken.Credentials;
import dev.tenken.printer.PanelVendor.AdminPage;
import dev.tenken.printer.PanelVendor.Kind;
import dev.tenken.printer.PanelVendor.Login;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vendor table of the web panel checks: one {@link PanelVendor} per vendor, in the order they
 * are tried. Every marker set holds at least two texts, so a page mentioning one brand name does
 * not match. Defaults are only those the vendors' own manuals print (Canon: "Administrator" /
 * "7654321" and the System Manager ID/PIN 7654321; Kyocera: "Admin" / "Admin"; Sharp: "admin" with
 * "admin" on current models and "Sharp" on older ones; Ricoh: "admin" / blank; Brother HL: "admin"
 * / "access"), at most two per vendor. HP has none: a FutureSmart panel without a password is
 * already open (see {@code printer.http.admin-without-password}), and recent models print a
 * per-device PIN on a label. Stateless.
 */
final class PanelVendors {
  private PanelVendors() {}

  private static Pattern p(String regex) {
    return Pattern.compile(regex);
  }

  static final PanelVendor HP =
      new PanelVendor(
          "hp",
          "HP",
          "Embedded Web Server",
          "/hp/device/DeviceInformation/View",
          List.of("/hp/device/", "Device Information", "HP"),
          p("id=\"ProductName\"[^>]*>\\s*([^<]{1,80})<"),
          p("id=\"FirmwareRevision\"[^>]*>\\s*([^<]{1,80})<"),
          new AdminPage(
              "/hp/device/GeneralSecurity/Index",
              List.of("General Security", "Local Administrator Password")),
          // The sign-in page, for the cleartext check; no default is tried (see above).
          new Login(Kind.FORM, "/hp/device/SignIn/Index", "", null, null, null),
          List.of());

  static final PanelVendor CANON =
      new PanelVendor(
          "canon",
          "Canon",
          "Remote UI",
          "/",
          List.of("Remote UI", "Canon"),
          p("id=\"deviceName\"[^>]*>\\s*([^<]{1,80})<"),
          null,
          new AdminPage("/rps/", List.of("Remote UI : Portal", "Log Out")),
          new Login(
              Kind.FORM,
              "/login",
              "uri=%2F&deptid={user}&password={password}",
              null,
              null,
              "/logout"),
          List.of(
              Credentials.of("Administrator", "7654321"), Credentials.of("7654321", "7654321")));

  static final PanelVendor RICOH =
      new PanelVendor(
          "ricoh",
          "Ricoh",
          "Web Image Monitor",
          "/web/guest/en/websys/webArch/mainFrame.cgi",
          List.of("Web Image Monitor", "websys/webArch"),
          p("id=\"modelName\"[^>]*>\\s*([^<]{1,80})<"),
          null,
          new AdminPage(
              "/web/entry/en/websys/webArch/mainFrame.cgi", List.of("Web Image Monitor", "Logout")),
          new Login(
              Kind.FORM,
              "/web/guest/en/websys/webArch/login.cgi",
              "wimToken={token}&userid_work=&userid={user64}&password_work=&password={password64}"
                  + "&open=",
              "/web/guest/en/websys/webArch/authForm.cgi",
              p("name=\"wimToken\"\\s+value=\"([0-9A-Za-z]{1,64})\""),
              "/web/entry/en/websys/webArch/logout.cgi"),
          List.of(Credentials.of("admin", ""), Credentials.of("supervisor", "")));

  static final PanelVendor XEROX =
      new PanelVendor(
          "xerox",
          "Xerox",
          "CentreWare Internet Services",
          "/",
          List.of("CentreWare Internet Services", "XEROX"),
          p("<title>\\s*XEROX ([^<-]{1,80})"),
          null,
          null,
          null,
          List.of());

  static final PanelVendor FUJI_XEROX =
      new PanelVendor(
          "fujixerox",
          "Fuji Xerox",
          "CentreWare Internet Services",
          "/hdstat.htm",
          List.of("Fuji Xerox", "CentreWare"),
          null,
          null,
          null,
          null,
          List.of());

  static final PanelVendor BROTHER =
      new PanelVendor(
          "brother",
          "Brother",
          "Web Based Management",
          "/general/status.html",
          List.of("Brother Industries", "/general/status.html"),
          p("<title>\\s*Brother ([^<]{1,80}?)(?: series)?\\s*</title>"),
          p("Firmware Version[^0-9A-Za-z]{0,40}([0-9A-Za-z][0-9A-Za-z.]{0,20})"),
          new AdminPage(
              "/admin/password.html", List.of("Administrator Settings", "Configure Password")),
          new Login(Kind.BASIC, "/admin/password.html", "", null, null, null),
          List.of(Credentials.of("admin", "access")));

  static final PanelVendor KYOCERA =
      new PanelVendor(
          "kyocera",
          "Kyocera",
          "Command Center RX",
          "/",
          List.of("Command Center RX", "/startwlm/Start_Wlm.htm"),
          p("id=\"modelName\"[^>]*>\\s*([^<]{1,80})<"),
          null,
          new AdminPage("/startwlm/Start_Wlm.htm", List.of("Security Settings", "Logout")),
          new Login(
              Kind.FORM,
              "/startwlm/login.cgi",
              "okhtmlfile=%2Fstartwlm%2FStart_Wlm.htm&failhtmlfile=&func=authLogin"
                  + "&arg01_UserName={user}&arg02_Password={password}&arg03_LoginType=&submit001=OK",
              null,
              null,
              "/startwlm/logout.cgi"),
          List.of(Credentials.of("Admin", "Admin")));

  static final PanelVendor EPSON =
      new PanelVendor(
          "epson",
          "Epson",
          "Web Config",
          "/PRESENTATION/HTML/TOP/PRTINFO.HTML",
          List.of("SEIKO EPSON", "PRESENTATION"),
          p("<title>\\s*([^<]{1,80}?)\\s*</title>"),
          null,
          null,
          null,
          List.of());

  static final PanelVendor LEXMARK =
      new PanelVendor(
          "lexmark",
          "Lexmark",
          "Embedded Web Server",
          "/",
          List.of("<title>Lexmark ", "Lexmark International"),
          p("<title>Lexmark ([^<]{1,80})</title>"),
          null,
          null,
          null,
          List.of());

  static final PanelVendor SHARP =
      new PanelVendor(
          "sharp",
          "Sharp",
          "Device Web Page",
          "/",
          List.of("SHARP CORPORATION", "Top Page - "),
          p("<title>\\s*Top Page - ([^<]{1,80})</title>"),
          p("Firmware Version[^0-9]{0,40}([0-9][0-9A-Za-z.]{0,20})"),
          new AdminPage("/security_password.html", List.of("Password Change", "Logout")),
          new Login(
              Kind.FORM,
              "/login.html?/main.html",
              "ggt_select%2810009%29=3&ggt_textbox%2810003%29={password}&action=loginbtn",
              null,
              null,
              "/logout.html"),
          List.of(Credentials.of("admin", "admin"), Credentials.of("admin", "Sharp")));

  static final PanelVendor KONICA_MINOLTA =
      new PanelVendor(
          "konicaminolta",
          "Konica Minolta",
          "PageScope Web Connection",
          "/",
          List.of("Web Connection", "KONICA MINOLTA"),
          null,
          null,
          null,
          null,
          List.of());

  static final PanelVendor TOSHIBA =
      new PanelVendor(
          "toshiba",
          "Toshiba",
          "TopAccess",
          "/",
          List.of("TopAccess", "TOSHIBA"),
          null,
          null,
          null,
          null,
          List.of());

  static final PanelVendor SAMSUNG =
      new PanelVendor(
          "samsung",
          "Samsung",
          "SyncThru Web Service",
          "/sws/index.html",
          List.of("SyncThru Web Service", "/sws/"),
          null,
          null,
          null,
          null,
          List.of());

  static final PanelVendor OKI =
      new PanelVendor(
          "oki",
          "OKI",
          "Web Page",
          "/status.htm",
          List.of("OKI Data", "status.htm"),
          null,
          null,
          null,
          null,
          List.of());

  static final PanelVendor ZEBRA =
      new PanelVendor(
          "zebra",
          "Zebra",
          "PrintServer",
          "/",
          List.of("Zebra Technologies", "PrintServer"),
          null,
          null,
          null,
          null,
          List.of());

  /** Every vendor, in the order tried. */
  static final List<PanelVendor> ALL =
      List.of(
          HP,
          CANON,
          RICOH,
          XEROX,
          FUJI_XEROX,
          BROTHER,
          KYOCERA,
          EPSON,
          LEXMARK,
          SHARP,
          KONICA_MINOLTA,
          TOSHIBA,
          SAMSUNG,
          OKI,
          ZEBRA);

  /** The vendor of {@code id}. */
  static Optional<PanelVendor> byId(String id) {
    return ALL.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** Every path the table may have the panel checks request. */
  static Set<String> paths() {
    Set<String> s = new LinkedHashSet<>();
    for (PanelVendor v : ALL) {
      s.add(v.page());
      if (v.admin() != null) {
        s.add(v.admin().path());
      }
      if (v.login() != null) {
        s.add(v.login().path());
        if (v.login().tokenPage() != null) {
          s.add(v.login().tokenPage());
        }
        if (v.login().logout() != null) {
          s.add(v.login().logout());
        }
      }
    }
    return s;
  }
}
