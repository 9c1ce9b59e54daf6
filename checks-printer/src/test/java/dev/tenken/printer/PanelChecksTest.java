package dev.tenken.printer;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.EwsPanelSimulator;
import dev.tenken.test.sim.EwsPanelSimulator.Variant;
import dev.tenken.test.sim.EwsPanelSimulator.Vendor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web panel checks against {@link EwsPanelSimulator} panels shaped like HP, Canon, Ricoh,
 * Brother, Kyocera and Sharp ones (open, factory default, locked with a 3-failure lock-out, HTTPS
 * only), a honeypot answering every path with every vendor's markers, and a plain web site. Paths
 * are written out here, independently of the vendor table, so a wrong path in the table fails.
 */
class PanelChecksTest {
  static final Clock CATALOG_DAY =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
  static final List<Vendor> VENDORS = List.of(Vendor.values());
  static final List<Vendor> WITH_DEFAULTS =
      List.of(Vendor.CANON, Vendor.RICOH, Vendor.BROTHER, Vendor.KYOCERA, Vendor.SHARP);

  private final List<EwsPanelSimulator> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(EwsPanelSimulator::close);
  }

  private EwsPanelSimulator start(Vendor vendor, Variant variant) {
    return keep(EwsPanelSimulator.start(vendor, variant));
  }

  private EwsPanelSimulator keep(EwsPanelSimulator s) {
    servers.add(s);
    return s;
  }

  private String url(Vendor vendor, Variant variant) {
    return start(vendor, variant).target();
  }

  private CheckContract contract(Check check, List<Vendor> vendors, Variant bad, Variant good) {
    CheckContract c = CheckContract.of(check);
    for (Vendor v : vendors) {
      c.vulnerable(url(v, bad)).hardened(url(v, good));
    }
    return c;
  }

  // --- the contract kit, per check ------------------------------------------------------------

  @Test
  void fingerprintContract() {
    CheckContract c = CheckContract.of(PanelFingerprintCheck.INSTANCE);
    for (Vendor v : VENDORS) {
      c.vulnerable(url(v, Variant.LOCKED));
    }
    c.hardened(keep(EwsPanelSimulator.plainSite()).target()).verify();
  }

  @Test
  void adminWithoutPasswordContract() {
    contract(PanelAdminWithoutPassword.INSTANCE, VENDORS, Variant.OPEN_ADMIN, Variant.LOCKED)
        .verify();
  }

  @Test
  void defaultCredentialsContract() {
    contract(
            PanelDefaultCredentials.INSTANCE,
            WITH_DEFAULTS,
            Variant.DEFAULT_PASSWORD,
            Variant.LOCKED)
        .secrets("7654321", "access")
        .verify();
  }

  @Test
  void cleartextLoginContract() {
    contract(PanelCleartextLogin.INSTANCE, VENDORS, Variant.LOCKED, Variant.HTTPS_ONLY).verify();
  }

  @Test
  void sharpCve202433605Contract() {
    CheckContract.of(PanelSharpCve202433605.INSTANCE)
        .vulnerable(url(Vendor.SHARP, Variant.OPEN_ADMIN))
        .hardened(url(Vendor.SHARP, Variant.LOCKED))
        .secrets("2401A0B1C2D3E4F5")
        .verify();
  }

  @Test
  void firmwareKnownVulnerableContract() {
    CheckContract.of(FirmwareKnownVulnerable.INSTANCE)
        .vulnerable(url(Vendor.SHARP, Variant.OPEN_ADMIN))
        .hardened(url(Vendor.SHARP, Variant.LOCKED))
        .configure(b -> b.clock(CATALOG_DAY))
        .verify();
  }

  // --- evidence -------------------------------------------------------------------------------

  @Test
  void fingerprintRecordsVendorModelAndFirmwareWithTheirSource() throws Exception {
    TargetResult r = scan(url(Vendor.HP, Variant.LOCKED), b -> {});
    Finding f = single(r, "printer.http.panel-fingerprint");
    assertThat(f.evidence())
        .containsEntry("vendor", "HP")
        .containsEntry("model", "HP Color LaserJet MFP M479fdw")
        .containsEntry("firmware", "002_2411A")
        .containsEntry("page", "HTTP /hp/device/DeviceInformation/View");
    DeviceIdentity id = r.identity();
    assertThat(id.value(DeviceIdentity.Attribute.VENDOR)).contains("HP");
    assertThat(id.value(DeviceIdentity.Attribute.FIRMWARE)).contains("002_2411A");
    assertThat(id.get(DeviceIdentity.Attribute.MODEL).orElseThrow().source())
        .isEqualTo("HTTP /hp/device/DeviceInformation/View");
  }

  @Test
  void eachVendorIsRecognisedWithItsModel() throws Exception {
    List<String> expected =
        List.of(
            "HP Color LaserJet MFP M479fdw",
            "iR-ADV C5535 / iR-ADV C5535",
            "RICOH IM C3000",
            "HL-L8360CDW",
            "ECOSYS M3655idn",
            "BP-70C45");
    for (int i = 0; i < VENDORS.size(); i++) {
      TargetResult r = scan(url(VENDORS.get(i), Variant.LOCKED), b -> {});
      Finding f = single(r, "printer.http.panel-fingerprint");
      assertThat(f.key()).isEqualTo(VENDORS.get(i).name().toLowerCase(Locale.ROOT));
      assertThat(f.evidence()).containsEntry("model", expected.get(i));
    }
  }

  @Test
  void defaultLoginIsProvedDifferentiallyAndLoggedOut() throws Exception {
    EwsPanelSimulator kyocera = start(Vendor.KYOCERA, Variant.DEFAULT_PASSWORD);
    TargetResult r = scan(kyocera.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(r, "printer.http.default-credentials");
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("user", "Admin")
        .containsEntry("login", "POST /startwlm/login.cgi")
        .containsEntry("logout", "GET /startwlm/logout.cgi -> HTTP 200");
    assertThat(f.evidence().get("without credentials"))
        .contains("HTTP 200 without the administrator markers");
    assertThat(f.evidence().get("after login")).contains("Security Settings + Logout");
    assertThat(f.evidence().values()).noneMatch(v -> v.contains("Admin/Admin"));
    assertThat(kyocera.logouts()).isEqualTo(1);
    kyocera
        .wireMock()
        .verify(
            1,
            getRequestedFor(urlEqualTo("/startwlm/logout.cgi"))
                .withHeader("Cookie", containing("rtl=0")));
  }

  @Test
  void everyFormVendorIsLoggedOutAfterASuccessfulLogin() throws Exception {
    String[][] logout = {
      {"CANON", "/logout"},
      {"RICOH", "/web/entry/en/websys/webArch/logout.cgi"},
      {"SHARP", "/logout.html"},
      {"KYOCERA", "/startwlm/logout.cgi"}
    };
    for (String[] l : logout) {
      EwsPanelSimulator s = start(Vendor.valueOf(l[0]), Variant.DEFAULT_PASSWORD);
      TargetResult r = scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      assertThat(single(r, "printer.http.default-credentials").evidence().get("logout"))
          .as(l[0])
          .isEqualTo("GET " + l[1] + " -> HTTP 200");
      assertThat(s.logouts()).as(l[0]).isEqualTo(1);
      s.wireMock().verify(1, getRequestedFor(urlEqualTo(l[1])));
    }
  }

  @Test
  void basicAuthPanelIsLoggedInWithAnAuthorizationHeader() throws Exception {
    EwsPanelSimulator brother = start(Vendor.BROTHER, Variant.DEFAULT_PASSWORD);
    TargetResult r = scan(brother.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(r, "printer.http.default-credentials");
    assertThat(f.evidence()).containsEntry("user", "admin").containsEntry("login", "HTTP Basic");
    assertThat(f.evidence().get("without credentials"))
        .contains("HTTP 401")
        .contains("Printer Config");
  }

  @Test
  void cleartextLoginNamesTheFormOrTheBasicChallenge() throws Exception {
    Finding basic =
        single(
            scan(url(Vendor.BROTHER, Variant.LOCKED), b -> {}),
            "printer.http.cleartext-admin-login");
    assertThat(basic.evidence().get("login")).startsWith("HTTP Basic challenge");
    Finding form =
        single(scan(url(Vendor.HP, Variant.LOCKED), b -> {}), "printer.http.cleartext-admin-login");
    assertThat(form.evidence())
        .containsEntry("login", "login form with a password field")
        .containsEntry(
            "requests",
            "GET /hp/device/GeneralSecurity/Index -> 302 /hp/device/SignIn/Index -> 200");
  }

  @Test
  void aLockingDeviceIsNeverLockedOutByADefaultScan() throws Exception {
    for (Vendor v : WITH_DEFAULTS) {
      EwsPanelSimulator s = start(v, Variant.LOCKED);
      TargetResult r = scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      List<LoggedRequest> logins = new ArrayList<>();
      logins.addAll(s.wireMock().findAll(postRequestedFor(anyUrl())));
      logins.addAll(
          s.wireMock()
              .findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", containing("Basic"))));
      assertThat(logins).as(v + " login attempts").hasSizeBetween(1, 2);
      assertThat(s.loginAttempts()).as(v + " login attempts").isEqualTo(logins.size());
      assertThat(s.lockoutState())
          .as(v.name())
          .isNotNull()
          .isNotEqualTo(EwsPanelSimulator.LOCKED_OUT);
      assertThat(s.lockedOut()).as(v.name()).isFalse();
      CheckResult cred = result(r, "printer.http.default-credentials");
      assertThat(cred.status()).as(v + ": " + cred.detail()).isEqualTo(CheckResult.Status.PASS);
    }
  }

  @Test
  void theLockOutScenarioReallyLocksAfterThreeFailures() throws Exception {
    // The fixture's own proof: a scan allowed 3 failures does lock the device out.
    EwsPanelSimulator s = start(Vendor.SHARP, Variant.LOCKED);
    scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT).loginAttemptsPerHost(3));
    scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT).loginAttemptsPerHost(3));
    assertThat(s.lockoutState()).isEqualTo(EwsPanelSimulator.LOCKED_OUT);
    assertThat(s.lockedOut()).isTrue();
    assertThat(s.loginAttempts()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aHoneypotGetsNoAdminOrCredentialFinding() throws Exception {
    EwsPanelSimulator pot = keep(EwsPanelSimulator.honeypot());
    TargetResult r =
        scan(pot.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT).clock(CATALOG_DAY));
    for (String id :
        List.of(
            "printer.http.admin-without-password",
            "printer.http.default-credentials",
            "printer.sharp.cve-2024-33605",
            "printer.http.cleartext-admin-login",
            "printer.http.panel-fingerprint")) {
      CheckResult c = result(r, id);
      assertThat(c.status()).as(id + ": " + c.detail()).isEqualTo(CheckResult.Status.SKIP);
    }
    assertThat(r.findings()).noneMatch(f -> f.confidence() != Confidence.TENTATIVE);
    assertThat(r.identity().value(DeviceIdentity.Attribute.VENDOR)).isEmpty();
    assertThat(pot.wireMock().findAll(postRequestedFor(anyUrl()))).isEmpty();
    assertThat(
            pot.wireMock()
                .findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", containing(""))))
        .isEmpty();
    assertThat(pot.loginAttempts()).isZero();
  }

  @Test
  void aPlainWebSiteIsNoPrinter() throws Exception {
    EwsPanelSimulator plain = keep(EwsPanelSimulator.plainSite());
    TargetResult r = scan(plain.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(result(r, "printer.http.panel-fingerprint").status())
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(result(r, "printer.http.admin-without-password").status())
        .isEqualTo(CheckResult.Status.SKIP);
    assertThat(plain.wireMock().findAll(postRequestedFor(anyUrl()))).isEmpty();
    assertThat(plain.loginAttempts()).isZero();
  }

  @Test
  void firmwareFindingNamesTheAdvisoryAndTheSource() throws Exception {
    TargetResult r = scan(url(Vendor.SHARP, Variant.OPEN_ADMIN), b -> b.clock(CATALOG_DAY));
    Finding f = single(r, "printer.firmware.known-vulnerable");
    assertThat(f.key()).isEqualTo("CVE-2022-45796");
    assertThat(f.evidence())
        .containsEntry("version", "202")
        .containsEntry("fixed in", "203")
        .containsEntry("version source", "HTTP / (firmware 0202a.10)");
  }

  @Test
  void firmwareIsSkippedWhenNoneIsKnown() throws Exception {
    TargetResult r = scan(url(Vendor.CANON, Variant.LOCKED), b -> b.clock(CATALOG_DAY));
    CheckResult c = result(r, "printer.firmware.known-vulnerable");
    assertThat(c.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(c.detail()).contains("no firmware");
  }

  // --- the allow-list and the table -----------------------------------------------------------

  @Test
  void onlyTablePathsAndCanariesMayBeRead() {
    assertThat(PanelHttp.read("/hp/device/DeviceInformation/View").method()).isEqualTo("GET");
    assertThat(PanelHttp.read("/tenken-canary-0123456789abcdef").path())
        .isEqualTo("/tenken-canary-0123456789abcdef");
    assertThatThrownBy(() -> PanelHttp.read("/installed_emanual_down.html?path=/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allow-list");
    assertThatThrownBy(() -> PanelHttp.read("/hp/device/GeneralSecurity/Save"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loginsGoOnlyToTheTablesLoginPathsWithCredentialHeadersOnly() {
    assertThat(PanelHttp.loginPost("/startwlm/login.cgi", "a=b").purpose())
        .isEqualTo(dev.tenken.http.HttpRequest.Purpose.LOGIN);
    assertThatThrownBy(() -> PanelHttp.loginPost("/hp/device/GeneralSecurity/Index", "a=b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PanelHttp.loginPost("/admin/password.html", "a=b"))
        .as("a Basic panel's page takes no POST")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PanelHttp.authenticatedGet("/admin/password.html", "X-Api", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PanelHttp.authenticatedGet("/cgi-bin/reboot", "Cookie", "a=b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTableKeepsMarkersSpecificAndDefaultsFew() {
    assertThat(PanelVendors.ALL).hasSize(15);
    assertThat(PanelVendors.ALL).extracting(PanelVendor::id).doesNotHaveDuplicates();
    for (PanelVendor v : PanelVendors.ALL) {
      assertThat(v.markers()).as(v.id()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(v.defaults()).as(v.id()).hasSizeLessThanOrEqualTo(2);
    }
    assertThatThrownBy(
            () ->
                new PanelVendor(
                    "x", "X", "p", "/", List.of("one"), null, null, null, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachFixturePageMatchesExactlyOneVendorAndTheHoneypotAll() {
    String[][] pages = {
      {"hp/device-information.html", "hp"},
      {"canon/portal-login.html", "canon"},
      {"ricoh/mainframe-guest.html", "ricoh"},
      {"brother/status.html", "brother"},
      {"kyocera/index.html", "kyocera"},
      {"sharp/top.html", "sharp"}
    };
    for (String[] p : pages) {
      String body = EwsPanelSimulator.page(p[0]);
      assertThat(PanelVendors.ALL.stream().filter(v -> v.recognisedIn(body)).map(PanelVendor::id))
          .as(p[0])
          .containsExactly(p[1]);
    }
    String pot = EwsPanelSimulator.page("other/honeypot.html");
    assertThat(PanelVendors.ALL).allMatch(v -> v.recognisedIn(pot));
  }

  @Test
  void hostilePagesAreReadWithinBounds() {
    String huge = "<title>Brother " + "A".repeat(300_000) + "</title>";
    assertThat(PanelVendors.BROTHER.modelIn(huge)).isEmpty();
    String spaced = "<title>Brother   HL-L2350DW\n series</title>";
    assertThat(PanelVendors.BROTHER.modelIn(spaced)).contains("HL-L2350DW");
    assertThat(FirmwareKnownVulnerable.version("Sharp", "0٢٠٢a")).isEmpty();
    assertThat(FirmwareKnownVulnerable.version("Sharp", "02")).isEmpty();
    assertThat(FirmwareKnownVulnerable.product("Sharp", "SHARP BP-70C45"))
        .isEqualTo("sharp-bp-70c45");
    assertThat(PanelCleartextLogin.sameHostPath("//evil.example/login")).isEmpty();
    assertThat(PanelCleartextLogin.sameHostPath("https://127.0.0.1/")).isEmpty();
    assertThat(PanelCleartextLogin.sameHostPath("/login.html?/main.html"))
        .contains("/login.html?/main.html");
    assertThat(PanelCleartextLogin.sameHostPath("/hp/device/SignIn/Index?ReturnUrl=%2F"))
        .contains("/hp/device/SignIn/Index");
    assertThat(PanelCleartextLogin.sameHostPath("/cgi-bin/other?x=1")).isEmpty();
  }

  @Test
  void theSetPassesTheIdChecks() {
    CheckContract.verifyIds(new CheckSet(PanelChecks.checks(), List.of()));
  }

  // --- helpers --------------------------------------------------------------------------------

  static TargetResult scan(String target, Consumer<CheckRunner.Builder> configure)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(new CheckSet(PanelChecks.checks(), List.of()))
            .scope(Scope.of("127.0.0.1/32"))
            .checkTimeout(Duration.ofSeconds(5));
    configure.accept(b);
    return b.build().scan(List.of(Target.parse(target))).targets().get(0);
  }

  static CheckResult result(TargetResult r, String id) {
    return r.results().stream()
        .filter(c -> c.checkId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result of " + id + " in " + r.results()));
  }

  static Finding single(TargetResult r, String id) {
    CheckResult c = result(r, id);
    assertThat(c.status()).as(id + ": " + c.detail()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(c.findings()).hasSize(1);
    return c.findings().get(0);
  }
}
