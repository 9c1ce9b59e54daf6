package dev.tenken.camera;

import dev.tenken.Credentials;
import dev.tenken.camera.PanelVendor.Extract;
import dev.tenken.camera.PanelVendor.LoginPage;
import dev.tenken.camera.PanelVendor.Marker;
import dev.tenken.camera.PanelVendor.Part;
import dev.tenken.camera.PanelVendor.Spot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The vendor table of the camera web panel checks, in the order vendors are tried, and the realm
 * table of cameras and DVRs recognised only by their HTTP challenge. Every vendor needs at least
 * two markers on different parts of the replies (a {@code Server} header, a challenge realm, a
 * title, a body text), from the vendors' public pages and the detection rules of public scanners
 * (nuclei {@code hikvision-detect}, {@code dahua-web-panel}, {@code reolink-panel}, {@code
 * amcrest-login}, {@code avtech-avn801-camera-panel}, {@code liveview-axis-camera}, {@code
 * mobotix-guest-camera}; nmap {@code http-default-accounts}; changeme fingerprints). Defaults are
 * at most two per vendor or realm, only those the vendors' manuals or those public lists name, and
 * only where the login is HTTP Basic or Digest on a page that shows something only after login.
 * Stateless.
 */
final class PanelVendors {
  private PanelVendors() {}

  private static Spot server(String text) {
    return new Spot("/", Part.SERVER, text);
  }

  private static Spot title(String text) {
    return new Spot("/", Part.TITLE, text);
  }

  private static Spot body(String text) {
    return new Spot("/", Part.BODY, text);
  }

  private static Marker any(Spot... spots) {
    return new Marker(List.of(spots));
  }

  private static Marker bodyAny(String... texts) {
    return new Marker(java.util.Arrays.stream(texts).map(PanelVendors::body).toList());
  }

  private static Marker titleAny(String... texts) {
    return new Marker(java.util.Arrays.stream(texts).map(PanelVendors::title).toList());
  }

  /** Hikvision's login page, fetched by the fingerprint. */
  static final String HIKVISION_LOGIN = "/doc/page/login.asp";

  /** Axis's live view page: the viewer or its 401 challenge. */
  static final String AXIS_VIEWER = "/view/viewer_index.shtml";

  /** Dahua's (and its OEMs') system information CGI, behind Digest. */
  static final String DAHUA_SYSTEM_INFO = "/cgi-bin/magicBox.cgi?action=getSystemInfo";

  static final PanelVendor HIKVISION =
      new PanelVendor(
          "hikvision",
          "Hikvision",
          HIKVISION_LOGIN,
          List.of(
              any(server("App-webs/"), server("Hikvision-Webs"), server("DNVRS-Webs")),
              any(
                  new Spot(HIKVISION_LOGIN, Part.BODY, "Hikvision Digital Technology"),
                  body("/doc/page/login.asp"))),
          List.of(),
          null,
          // ISAPI userCheck answers 401 without a login and <statusValue>200 after one (Digest on
          // current firmware, Basic on old); admin/12345 was the factory password before 2015.
          new LoginPage(
              "/ISAPI/Security/userCheck",
              List.of("<statusValue>200</statusValue>", "<statusString>OK</statusString>"),
              List.of(Credentials.of("admin", "12345"))));

  static final PanelVendor DAHUA =
      new PanelVendor(
          "dahua",
          "Dahua",
          "/",
          List.of(titleAny("WEB SERVICE"), bodyAny("RPC2_Login", "jsCore/rpcCore.js")),
          List.of("Amcrest"),
          null,
          new LoginPage(
              DAHUA_SYSTEM_INFO,
              List.of("deviceType=", "serialNumber="),
              List.of(Credentials.of("admin", "admin"), Credentials.of("888888", "888888"))));

  static final PanelVendor AMCREST =
      new PanelVendor(
          "amcrest",
          "Amcrest",
          "/",
          List.of(bodyAny("Amcrest Technologies"), bodyAny("LDAPUser")),
          List.of(),
          null,
          new LoginPage(
              DAHUA_SYSTEM_INFO,
              List.of("deviceType=", "serialNumber="),
              List.of(Credentials.of("admin", "admin"))));

  static final PanelVendor AXIS =
      new PanelVendor(
          "axis",
          "Axis",
          AXIS_VIEWER,
          List.of(
              bodyAny("/view/viewer_index.shtml", "/axis-cgi/"),
              any(
                  new Spot(AXIS_VIEWER, Part.REALM, "AXIS"),
                  new Spot(AXIS_VIEWER, Part.TITLE, "AXIS"))),
          List.of(),
          new Extract(
              AXIS_VIEWER,
              Part.TITLE,
              Pattern.compile("Live view\\s*-\\s*AXIS\\s+([A-Z][A-Z0-9-]{1,24})")),
          // VAPIX param.cgi needs a viewer login; root/pass was the factory password before
          // AXIS OS 5.x asked for one at first start.
          new LoginPage(
              "/axis-cgi/param.cgi?action=list&group=root.Brand",
              List.of("root.Brand.Brand=AXIS", "root.Brand.ProdNbr="),
              List.of(Credentials.of("root", "pass"))));

  static final PanelVendor REOLINK =
      new PanelVendor(
          "reolink",
          "Reolink",
          "/",
          // The title ends "Reolink"; the web client logs in through /cgi-bin/api.cgi (JSON, not
          // Basic/Digest, so no default is tried here).
          List.of(titleAny("Reolink"), bodyAny("/cgi-bin/api.cgi")),
          List.of(),
          null,
          null);

  static final PanelVendor AVTECH =
      new PanelVendor(
          "avtech",
          "AVTECH",
          "/",
          List.of(bodyAny("IP Surveillance for Your Life"), bodyAny("/cgi-bin/guest/Login.cgi")),
          List.of(),
          null,
          null);

  static final PanelVendor MOBOTIX =
      new PanelVendor(
          "mobotix",
          "Mobotix",
          "/admin/index.html",
          List.of(
              titleAny("MOBOTIX"),
              bodyAny(
                  "/control/userimage.html", "/cgi-bin/guestimage.html", "/record/current.jpg")),
          List.of(),
          new Extract("/", Part.TITLE, Pattern.compile("MOBOTIX\\s+([A-Z]{1,2}[0-9]{1,3}[A-Z]?)")),
          new LoginPage(
              "/admin/index.html",
              List.of("Admin Menu", "MOBOTIX"),
              List.of(Credentials.of("admin", "meinsm"))));

  static final PanelVendor VIVOTEK =
      new PanelVendor(
          "vivotek",
          "Vivotek",
          "/",
          List.of(bodyAny("VIVOTEK"), bodyAny("/cgi-bin/viewer/")),
          List.of(),
          null,
          new LoginPage(
              "/cgi-bin/admin/getparam.cgi",
              List.of("system_hostname=", "system_info_modelname="),
              List.of(Credentials.of("root", ""))));

  static final PanelVendor FOSCAM =
      new PanelVendor(
          "foscam",
          "Foscam",
          "/",
          List.of(titleAny("IPCam Client"), bodyAny("CGIProxy.fcgi")),
          List.of(),
          null,
          null);

  static final PanelVendor UNIVIEW =
      new PanelVendor(
          "uniview",
          "Uniview",
          "/",
          List.of(any(title("Uniview"), body("Uniview"), body("UNIVIEW")), bodyAny("/LAPI/V1.0/")),
          List.of(),
          null,
          null);

  static final PanelVendor GEOVISION =
      new PanelVendor(
          "geovision",
          "GeoVision",
          "/",
          List.of(titleAny("GeoVision"), bodyAny("/ssi.cgi/")),
          List.of(),
          null,
          null);

  static final PanelVendor HANWHA =
      new PanelVendor(
          "hanwha",
          "Hanwha Vision",
          "/",
          List.of(titleAny("Wisenet", "WISENET", "Samsung Techwin"), bodyAny("/stw-cgi/")),
          List.of(),
          null,
          // SUNAPI behind Digest; admin/4321 was the Samsung Techwin factory password.
          new LoginPage(
              "/stw-cgi/system.cgi?msubmenu=deviceinfo&action=view",
              List.of("Model=", "FirmwareVersion="),
              List.of(Credentials.of("admin", "4321"))));

  static final PanelVendor PANASONIC =
      new PanelVendor(
          "panasonic",
          "Panasonic i-PRO",
          "/",
          List.of(
              any(title("Panasonic"), body("Panasonic"), body("i-PRO")),
              bodyAny("/config/cam_portal.cgi", "cam_portal.cgi")),
          List.of(),
          null,
          null);

  static final PanelVendor SONY =
      new PanelVendor(
          "sony",
          "Sony",
          "/command/inquiry.cgi?inq=system",
          List.of(titleAny("Sony Network Camera"), bodyAny("/command/inquiry.cgi")),
          List.of(),
          new Extract(
              "/", Part.TITLE, Pattern.compile("Sony Network Camera\\s+(SNC-[A-Za-z0-9-]{1,20})")),
          new LoginPage(
              "/command/inquiry.cgi?inq=system",
              List.of("ModelName=", "SoftVersion="),
              List.of(Credentials.of("admin", "admin"))));

  static final PanelVendor TPLINK =
      new PanelVendor(
          "tplink",
          "TP-Link",
          "/",
          List.of(titleAny("VIGI", "Tapo"), bodyAny("TP-Link", "TP-LINK", "tp-link.com")),
          List.of(),
          null,
          null);

  static final PanelVendor DLINK =
      new PanelVendor(
          "dlink",
          "D-Link",
          "/",
          // DCS cameras challenge / with their model as realm, served by alphapd or dcs-lig-httpd.
          List.of(
              any(new Spot("/", Part.REALM, "DCS-"), title("D-Link DCS-")),
              any(server("alphapd"), server("dcs-lig-httpd"))),
          List.of(),
          new Extract("/", Part.REALM, Pattern.compile("(DCS-[0-9]{3,4}[A-Z0-9-]{0,12})")),
          new LoginPage("/", List.of("D-Link", "DCS-"), List.of(Credentials.of("admin", ""))));

  /** The table, in the order vendors are tried. */
  static final List<PanelVendor> ALL =
      List.of(
          HIKVISION, DAHUA, AMCREST, AXIS, REOLINK, AVTECH, MOBOTIX, VIVOTEK, FOSCAM, UNIVIEW,
          GEOVISION, HANWHA, PANASONIC, SONY, TPLINK, DLINK);

  /**
   * A camera or DVR recognised only by the challenge on {@code /}: a realm or {@code Server} header
   * text, the page to log in on and its defaults.
   *
   * @param id short id, used in keys
   * @param name the product as shown in findings
   * @param part {@link Part#REALM} or {@link Part#SERVER} of the 401 on {@code /}
   * @param text what that part contains
   * @param login the page, post-login markers and at most two defaults
   */
  record Realm(String id, String name, Part part, String text, LoginPage login) {}

  /** The realm table (changeme fingerprints and defaults; reference §2a). */
  static final List<Realm> REALMS =
      List.of(
          new Realm(
              "speco",
              "Speco IP camera",
              Part.REALM,
              "SuperNova",
              new LoginPage(
                  "/", List.of("Network Camera Viewer"), List.of(Credentials.of("admin", "1234")))),
          new Realm(
              "trendnet",
              "TRENDnet IP camera",
              Part.SERVER,
              "dcs-lig-httpd",
              new LoginPage(
                  "/eng/liveView.cgi",
                  List.of("titleLiveVideo"),
                  List.of(Credentials.of("admin", "admin")))),
          new Realm(
              "netwave",
              "Netwave IP camera",
              Part.SERVER,
              "Netwave IP Camera",
              new LoginPage(
                  "/get_camera_params.cgi",
                  List.of("var resolution=", "var brightness="),
                  List.of(Credentials.of("admin", ""), Credentials.of("admin", "123456")))),
          new Realm("mobotix", "Mobotix", Part.REALM, "MOBOTIX", MOBOTIX.login()),
          new Realm("axis", "Axis", Part.REALM, "AXIS", AXIS.login()));

  static Optional<PanelVendor> byId(String id) {
    return ALL.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The distinct pages the fingerprint fetches, {@code /} first. */
  static List<String> fingerprintPaths() {
    Set<String> paths = new LinkedHashSet<>();
    paths.add("/");
    for (PanelVendor v : ALL) {
      v.markers().forEach(m -> m.anyOf().forEach(s -> paths.add(s.path())));
      if (v.model() != null) {
        paths.add(v.model().path());
      }
    }
    return List.copyOf(paths);
  }

  /** Every path any panel check may read without credentials (canaries aside). */
  static Set<String> readPaths() {
    Set<String> paths = new LinkedHashSet<>(fingerprintPaths());
    ALL.forEach(v -> paths.add(v.loginPage()));
    paths.addAll(loginPaths());
    paths.addAll(PanelAnonymousPage.paths());
    return Set.copyOf(paths);
  }

  /** Every path a Basic/Digest login may be sent to. */
  static Set<String> loginPaths() {
    Set<String> paths = new LinkedHashSet<>();
    ALL.stream().filter(v -> v.login() != null).forEach(v -> paths.add(v.login().path()));
    REALMS.forEach(r -> paths.add(r.login().path()));
    return Set.copyOf(paths);
  }
}
