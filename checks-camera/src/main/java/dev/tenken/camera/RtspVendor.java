package dev.tenken.camera;

import dev.tenken.Credentials;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The RTSP data of the camera checks, in one place: the vendors recognised from the {@code Server}
 * header or the authentication realm, each vendor's stream route and at most two factory default
 * logins, the generic route list and the generic defaults. Sources: the vendors' manuals as
 * collected by Cameradar ({@code Ullaakut/cameradar} routes and dictionary), nmap's RTSP service
 * fingerprints ({@code Dahua Rtsp Server}, {@code H264DVR}, realm {@code Hikvision}) and
 * routersploit's camera credential modules. Immutable and thread-safe.
 *
 * @param name the vendor as reported, such as {@code Hikvision}
 * @param server what in the {@code Server} header names the vendor
 * @param realm what in a {@code WWW-Authenticate} realm names the vendor, or null
 * @param route the vendor's main stream route, or null
 * @param defaults the factory logins tried, at most 2; empty when none is documented
 */
record RtspVendor(
    String name, Pattern server, Pattern realm, String route, List<Credentials> defaults) {

  /** Most routes one scan asks for without credentials. */
  static final int MAX_ROUTES = 16;

  /** Most defaults tried per vendor. */
  static final int MAX_DEFAULTS = 2;

  RtspVendor {
    defaults = List.copyOf(defaults);
    if (defaults.size() > MAX_DEFAULTS) {
      throw new IllegalArgumentException(name + ": more than " + MAX_DEFAULTS + " defaults");
    }
  }

  /** The vendors, in the order their patterns are tried. */
  static final List<RtspVendor> VENDORS =
      List.of(
          vendor(
              "Hikvision", "hikvision", "hikvision", "/Streaming/Channels/101", "admin", "12345"),
          // Amcrest cameras are Dahua OEM and share its RTSP server and route.
          vendor(
              "Dahua",
              "dahua|amcrest",
              "^device$",
              "/cam/realmonitor?channel=1&subtype=0",
              "admin",
              "admin"),
          vendor("Axis", "axis", "axis", "/axis-media/media.amp", "root", "pass"),
          vendor("Reolink", "reolink", "reolink", "/h264Preview_01_main", "admin", ""),
          vendor("Foscam", "foscam", "foscam", "/videoMain", "admin", ""),
          vendor("Hanwha", "hanwha|wisenet|samsung", null, "/profile1/media.smp", "admin", "4321"),
          vendor("Vivotek", "vivotek", null, "/live.sdp"),
          vendor("Uniview", "uniview", null, "/media/video1"),
          // XiongMai (XMeye) DVRs and cameras: "H264DVR 1.0"; admin with an empty password.
          vendor("XiongMai", "h264dvr", null, null, "admin", ""));

  /** Routes many cameras without a recognised vendor serve, after the vendors' own. */
  static final List<String> GENERIC_ROUTES =
      List.of("/live", "/stream1", "/11", "/1", "/live/ch00_0", "/video1", "/ch0_0.h264", "/");

  /** Tried when no vendor was recognised. */
  static final List<Credentials> GENERIC_DEFAULTS =
      List.of(Credentials.of("admin", "admin"), Credentials.of("admin", "12345"));

  private static RtspVendor vendor(
      String name, String server, String realm, String route, String... userPassword) {
    List<Credentials> defaults = new ArrayList<>();
    for (int i = 0; i + 1 < userPassword.length; i += 2) {
      defaults.add(Credentials.of(userPassword[i], userPassword[i + 1]));
    }
    return new RtspVendor(
        name,
        Pattern.compile(server, Pattern.CASE_INSENSITIVE),
        realm == null ? null : Pattern.compile(realm, Pattern.CASE_INSENSITIVE),
        route,
        defaults);
  }

  /** The vendor the {@code Server} header names, if any. */
  static Optional<RtspVendor> byServer(String server) {
    if (server == null || server.isBlank()) {
      return Optional.empty();
    }
    return VENDORS.stream().filter(v -> v.server().matcher(server).find()).findFirst();
  }

  /** The vendor an authentication realm names, if any. */
  static Optional<RtspVendor> byRealm(String realm) {
    if (realm == null || realm.isBlank()) {
      return Optional.empty();
    }
    return VENDORS.stream()
        .filter(v -> v.realm() != null && v.realm().matcher(realm).find())
        .findFirst();
  }

  /**
   * The routes to ask for, at most {@value #MAX_ROUTES}: the caller's own first (option {@code
   * camera.rtsp.routes}), then {@code vendor}'s, then every vendor's, then the generic ones,
   * without duplicates.
   */
  static List<String> routes(List<String> extra, Optional<RtspVendor> vendor) {
    Set<String> out = new LinkedHashSet<>(extra);
    vendor.map(RtspVendor::route).ifPresent(out::add);
    VENDORS.stream().map(RtspVendor::route).filter(r -> r != null).forEach(out::add);
    out.addAll(GENERIC_ROUTES);
    List<String> list = new ArrayList<>(out);
    return List.copyOf(list.subList(0, Math.min(list.size(), MAX_ROUTES)));
  }
}
