package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.tenken.test.sim.CameraPanelSimulator;
import dev.tenken.test.sim.CameraPanelSimulator.Hostility;
import dev.tenken.test.sim.CameraPanelSimulator.Variant;
import dev.tenken.test.sim.CameraPanelSimulator.Vendor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The camera web panel checks against {@link CameraPanelSimulator} panels (open, factory default,
 * locked after 3 failures, HTTPS redirect, any password), a honeypot, a plain web site and hostile
 * servers. Paths and markers are written out here, independently of the vendor table, so a wrong
 * entry in the table fails.
 */
class PanelChecksTest {
  static final List<Vendor> RECOGNISED =
      List.of(
          Vendor.HIKVISION,
          Vendor.DAHUA,
          Vendor.AXIS,
          Vendor.AMCREST,
          Vendor.REOLINK,
          Vendor.MOBOTIX,
          Vendor.HANWHA,
          Vendor.SONY,
          Vendor.DLINK);
  static final List<Vendor> WITH_DEFAULTS =
      List.of(
          Vendor.HIKVISION,
          Vendor.DAHUA,
          Vendor.AXIS,
          Vendor.AMCREST,
          Vendor.MOBOTIX,
          Vendor.HANWHA,
          Vendor.SONY,
          Vendor.DLINK,
          Vendor.SPECO);

  private final List<CameraPanelSimulator> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(CameraPanelSimulator::close);
  }

  private CameraPanelSimulator keep(CameraPanelSimulator s) {
    servers.add(s);
    return s;
  }

  private CameraPanelSimulator start(Vendor v, Variant variant) {
    return keep(CameraPanelSimulator.start(v, variant));
  }

  private String url(Vendor v, Variant variant) {
    return start(v, variant).target();
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
  void panelExposedContract() {
    CheckContract c = CheckContract.of(PanelExposed.INSTANCE);
    RECOGNISED.forEach(v -> c.vulnerable(url(v, Variant.LOCKED)));
    c.hardened(keep(CameraPanelSimulator.plainSite()).target()).verify();
  }

  @Test
  void acceptsAnyPathContract() {
    CheckContract.of(PanelAcceptsAnyPath.INSTANCE)
        .vulnerable(keep(CameraPanelSimulator.honeypot()).target())
        .hardened(url(Vendor.HIKVISION, Variant.LOCKED))
        .hardened(keep(CameraPanelSimulator.plainSite()).target())
        .verify();
  }

  @Test
  void cleartextAdminContract() {
    contract(PanelCleartextAdmin.INSTANCE, RECOGNISED, Variant.LOCKED, Variant.HTTPS_REDIRECT)
        .verify();
  }

  @Test
  void defaultCredentialsContract() {
    contract(
            PanelDefaultCredentials.INSTANCE,
            WITH_DEFAULTS,
            Variant.DEFAULT_PASSWORD,
            Variant.LOCKED)
        .secrets("meinsm", CameraPanelSimulator.STRONG_PASSWORD)
        .verify();
  }

  @Test
  void axisAnonymousLiveViewContract() {
    CheckContract.of(PanelAnonymousPage.AXIS_LIVE_VIEW)
        .vulnerable(url(Vendor.AXIS, Variant.OPEN))
        .hardened(url(Vendor.AXIS, Variant.LOCKED))
        .hardened(url(Vendor.AXIS, Variant.DEFAULT_PASSWORD))
        .verify();
  }

  @Test
  void mobotixGuestImageContract() {
    CheckContract.of(PanelAnonymousPage.MOBOTIX_GUEST_IMAGE)
        .vulnerable(url(Vendor.MOBOTIX, Variant.OPEN))
        .hardened(url(Vendor.MOBOTIX, Variant.LOCKED))
        .verify();
  }

  // --- identity and evidence ------------------------------------------------------------------

  @Test
  void eachVendorIsRecognisedAndRecordedAsACamera() throws Exception {
    String[][] expected = {
      {"HIKVISION", "hikvision", "HTTP Server header"},
      {"DAHUA", "dahua", "HTTP /"},
      {"AXIS", "axis", "HTTP /"},
      {"AMCREST", "amcrest", "HTTP /"},
      {"REOLINK", "reolink", "HTTP /"},
      {"MOBOTIX", "mobotix", "HTTP /"},
      {"HANWHA", "hanwha", "HTTP /"},
      {"SONY", "sony", "HTTP /"},
      {"DLINK", "dlink", "HTTP /"}
    };
    for (String[] e : expected) {
      TargetResult r = scan(url(Vendor.valueOf(e[0]), Variant.LOCKED), b -> {});
      Finding f = single(r, "camera.http.panel-exposed");
      assertThat(f.key()).as(e[0]).isEqualTo(e[1]);
      assertThat(f.evidence()).as(e[0]).containsEntry("source", e[2]);
      assertThat(r.identity().value(DeviceIdentity.Attribute.DEVICE_CLASS)).contains("camera");
      assertThat(r.identity().get(DeviceIdentity.Attribute.VENDOR).orElseThrow().source())
          .isEqualTo(e[2]);
    }
  }

  @Test
  void modelsAreReadWhereThePageShowsThem() throws Exception {
    Object[][] expected = {
      {Vendor.AXIS, Variant.OPEN, "M3045-V", "HTTP /view/viewer_index.shtml"},
      {Vendor.SONY, Variant.LOCKED, "SNC-EB600", "HTTP /"},
      {Vendor.MOBOTIX, Variant.LOCKED, "M16", "HTTP /"},
      {Vendor.DLINK, Variant.LOCKED, "DCS-932L", "HTTP /"}
    };
    for (Object[] e : expected) {
      TargetResult r = scan(url((Vendor) e[0], (Variant) e[1]), b -> {});
      assertThat(single(r, "camera.http.panel-exposed").evidence())
          .as(e[0].toString())
          .containsEntry("model", (String) e[2]);
      assertThat(r.identity().get(DeviceIdentity.Attribute.MODEL).orElseThrow().source())
          .isEqualTo(e[3]);
    }
  }

  @Test
  void digestDefaultIsProvedDifferentiallyWithAControl() throws Exception {
    CameraPanelSimulator dahua = start(Vendor.DAHUA, Variant.DEFAULT_PASSWORD);
    TargetResult r = scan(dahua.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(r, "camera.http.default-credentials");
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("user", "admin")
        .containsEntry("scheme", "Digest realm=\"Login to 4K0123PAZ1A2B3C\"")
        .containsEntry("logout", "none: HTTP Basic/Digest keeps no session to end");
    assertThat(f.evidence().get("password")).startsWith("****");
    assertThat(f.evidence().get("without credentials"))
        .isEqualTo(
            "GET /cgi-bin/magicBox.cgi?action=getSystemInfo -> HTTP 401 Digest realm=\"Login to"
                + " 4K0123PAZ1A2B3C\"");
    assertThat(f.evidence().get("control")).contains("random password").contains("refused");
    assertThat(dahua.requests())
        .filteredOn(q -> q.authorization() != null)
        .extracting(CameraPanelSimulator.Request::authorization)
        .containsOnly("Digest");
    // the default, then the control: one failure only (the control)
    assertThat(dahua.loginAttempts()).isEqualTo(2);
    assertThat(dahua.failedLogins()).isEqualTo(1);
  }

  @Test
  void basicDefaultAndTheRealmTable() throws Exception {
    Finding mobotix =
        single(
            scan(
                url(Vendor.MOBOTIX, Variant.DEFAULT_PASSWORD),
                b -> b.enable(Safety.CREDENTIAL_ATTEMPT)),
            "camera.http.default-credentials");
    assertThat(mobotix.evidence())
        .containsEntry("scheme", "Basic realm=\"MOBOTIX Camera Admin\"")
        .containsEntry("after login", "GET /admin/index.html -> 200 with Admin Menu + MOBOTIX");
    CameraPanelSimulator speco = start(Vendor.SPECO, Variant.DEFAULT_PASSWORD);
    TargetResult r = scan(speco.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(result(r, "camera.http.panel-exposed").status()).isEqualTo(CheckResult.Status.PASS);
    Finding f = single(r, "camera.http.default-credentials");
    assertThat(f.key()).isEqualTo("speco:admin");
    assertThat(f.evidence()).containsEntry("vendor", "Speco IP camera");
    Finding dlink =
        single(
            scan(
                url(Vendor.DLINK, Variant.DEFAULT_PASSWORD),
                b -> b.enable(Safety.CREDENTIAL_ATTEMPT)),
            "camera.http.default-credentials");
    assertThat(dlink.evidence().get("password"))
        .isEqualTo("**** (empty) (the documented default; not shown)");
  }

  @Test
  void aLockingDeviceIsNeverLockedOutByADefaultScan() throws Exception {
    for (Vendor v : WITH_DEFAULTS) {
      CameraPanelSimulator s = start(v, Variant.LOCKED);
      TargetResult r = scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      assertThat(s.failedLogins()).as(v.name()).isBetween(1, 2);
      assertThat(s.lockedOut()).as(v.name()).isFalse();
      CheckResult c = result(r, "camera.http.default-credentials");
      assertThat(c.status()).as(v + ": " + c.detail()).isEqualTo(CheckResult.Status.PASS);
    }
  }

  @Test
  void theSimulatorReallyLocksAfterThreeFailures() throws Exception {
    CameraPanelSimulator s = start(Vendor.DAHUA, Variant.LOCKED);
    scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT).loginAttemptsPerHost(3));
    scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT).loginAttemptsPerHost(3));
    assertThat(s.lockedOut()).isTrue();
    assertThat(s.failedLogins()).isGreaterThanOrEqualTo(CameraPanelSimulator.LOCKOUT_AFTER);
  }

  @Test
  void aHoneypotGetsNoHighConfidenceFindingAndNoLogin() throws Exception {
    CameraPanelSimulator pot = keep(CameraPanelSimulator.honeypot());
    TargetResult r = scan(pot.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(result(r, "camera.http.accepts-any-path").status())
        .isEqualTo(CheckResult.Status.FAIL);
    for (String id :
        List.of(
            "camera.http.panel-exposed",
            "camera.http.default-credentials",
            "camera.http.cleartext-admin",
            "camera.axis.anonymous-live-view",
            "camera.mobotix.guest-image")) {
      CheckResult c = result(r, id);
      assertThat(c.status()).as(id + ": " + c.detail()).isEqualTo(CheckResult.Status.SKIP);
    }
    assertThat(r.findings())
        .filteredOn(f -> !f.checkId().equals("camera.http.accepts-any-path"))
        .isEmpty();
    assertThat(r.identity().value(DeviceIdentity.Attribute.VENDOR)).isEmpty();
    assertThat(pot.loginAttempts()).isZero();
  }

  @Test
  void aPageAcceptingAnyPasswordIsNoDefaultPasswordFinding() throws Exception {
    for (Vendor v : List.of(Vendor.DAHUA, Vendor.SONY)) {
      CameraPanelSimulator s = start(v, Variant.ANY_PASSWORD);
      TargetResult r = scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      CheckResult c = result(r, "camera.http.default-credentials");
      assertThat(c.status()).as(v.name()).isEqualTo(CheckResult.Status.SKIP);
      assertThat(c.detail()).contains("accepts a random password");
      assertThat(c.findings()).isEmpty();
    }
  }

  @Test
  void aPlainWebSiteIsNoCamera() throws Exception {
    CameraPanelSimulator plain = keep(CameraPanelSimulator.plainSite());
    TargetResult r = scan(plain.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(result(r, "camera.http.panel-exposed").status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(result(r, "camera.http.accepts-any-path").status())
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(result(r, "camera.http.default-credentials").status())
        .isEqualTo(CheckResult.Status.SKIP);
    assertThat(r.findings()).isEmpty();
    assertThat(plain.loginAttempts()).isZero();
  }

  @Test
  void vendorChecksSkipOtherVendors() throws Exception {
    TargetResult r = scan(url(Vendor.HIKVISION, Variant.OPEN), b -> {});
    assertThat(result(r, "camera.axis.anonymous-live-view").detail()).contains("Hikvision");
    assertThat(result(r, "camera.mobotix.guest-image").status()).isEqualTo(CheckResult.Status.SKIP);
  }

  @Test
  void cleartextNamesTheChallengeOrTheForm() throws Exception {
    Finding axis =
        single(scan(url(Vendor.AXIS, Variant.LOCKED), b -> {}), "camera.http.cleartext-admin");
    assertThat(axis.evidence())
        .containsEntry("login", "HTTP Digest realm=\"AXIS_ACCC8E012345\" challenge")
        .containsEntry("request", "GET /view/viewer_index.shtml -> 401");
    Finding hik =
        single(scan(url(Vendor.HIKVISION, Variant.LOCKED), b -> {}), "camera.http.cleartext-admin");
    assertThat(hik.evidence()).containsEntry("login", "login form with a password field");
  }

  // --- hostile replies ------------------------------------------------------------------------

  @Test
  void hostileRepliesEndInErrorWithAReason() throws Exception {
    Object[][] cases = {
      {Hostility.GARBAGE_HEADER, "not a valid HTTP answer"},
      {Hostility.HUGE_BODY, "read cap"},
      {Hostility.TRUNCATED_BODY, "announced length"}
    };
    for (Object[] c : cases) {
      CameraPanelSimulator s = keep(CameraPanelSimulator.hostile((Hostility) c[0]));
      long start = System.nanoTime();
      TargetResult r = scan(s.target(), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      for (Check check : PanelChecks.ALL) {
        if (check == PanelAcceptsAnyPath.INSTANCE) {
          continue; // it reads only the canary, which the hostile server answers 404
        }
        CheckResult res = result(r, check.id());
        assertThat(res.status())
            .as(c[0] + " " + check.id() + ": " + res.detail())
            .isEqualTo(CheckResult.Status.ERROR);
        assertThat(res.detail()).as(c[0] + " " + check.id()).contains((String) c[1]);
      }
      assertThat(s.loginAttempts()).isZero();
    }
  }

  // --- the allow-list and the table -----------------------------------------------------------

  @Test
  void onlyTablePathsMayBeReadAndLoginsGoOnlyToLoginPages() {
    assertThat(PanelHttp.read("/doc/page/login.asp").method()).isEqualTo("GET");
    assertThat(PanelHttp.read("/tenken-canary-0123456789abcdef").path())
        .isEqualTo("/tenken-canary-0123456789abcdef");
    assertThatThrownBy(() -> PanelHttp.read("/current_config/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allow-list");
    assertThat(PanelHttp.login("/ISAPI/Security/userCheck", "Basic eA==").purpose())
        .isEqualTo(dev.tenken.http.HttpRequest.Purpose.LOGIN);
    assertThatThrownBy(() -> PanelHttp.login("/doc/page/login.asp", "Basic eA=="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTableKeepsMarkersSpecificAndDefaultsFew() {
    assertThat(PanelVendors.ALL).hasSize(16);
    assertThat(PanelVendors.ALL).extracting(PanelVendor::id).doesNotHaveDuplicates();
    for (PanelVendor v : PanelVendors.ALL) {
      assertThat(v.markers()).as(v.id()).hasSizeGreaterThanOrEqualTo(2);
      if (v.login() != null) {
        assertThat(v.login().defaults()).as(v.id()).hasSizeBetween(1, 2);
      }
    }
    PanelVendors.REALMS.forEach(
        r -> assertThat(r.login().defaults()).as(r.id()).hasSizeBetween(1, 2));
    assertThatThrownBy(
            () ->
                new PanelVendor(
                    "x",
                    "X",
                    "/",
                    List.of(
                        new PanelVendor.Marker(
                            List.of(new PanelVendor.Spot("/", PanelVendor.Part.BODY, "x")))),
                    List.of(),
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSetPassesTheIdChecks() {
    CheckContract.verifyIds(new CheckSet(PanelChecks.ALL, List.of()));
  }

  // --- helpers --------------------------------------------------------------------------------

  static TargetResult scan(String target, Consumer<CheckRunner.Builder> configure)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(new CheckSet(PanelChecks.ALL, List.of()))
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
    return Objects.requireNonNull(c.findings().get(0));
  }
}
