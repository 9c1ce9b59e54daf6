package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.tenken.test.sim.CameraFlawSimulator;
import dev.tenken.test.sim.CameraFlawSimulator.Device;
import dev.tenken.test.sim.CameraFlawSimulator.Hostile;
import dev.tenken.test.sim.CameraFlawSimulator.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The vendor flaw checks against {@link CameraFlawSimulator} devices: the contract kit per row
 * (vulnerable firmware FAILs, patched PASSes, planted secrets never shown), the catch-all server,
 * vendor gating by identity and hostile replies. Paths are written out here, independently of the
 * table, so a wrong path in the table fails.
 */
class FlawChecksTest {
  private final List<CameraFlawSimulator> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(CameraFlawSimulator::close);
  }

  private CameraFlawSimulator keep(CameraFlawSimulator s) {
    servers.add(s);
    return s;
  }

  private String url(Device d, Variant v) {
    return keep(CameraFlawSimulator.start(d, v)).target();
  }

  private void contract(String id, Device device) {
    contract(id, device, url(device, Variant.PATCHED));
  }

  private void contract(String id, Device device, String hardened) {
    CheckContract.of(FlawChecks.flaw(id))
        .vulnerable(url(device, Variant.VULNERABLE))
        .hardened(hardened)
        .secrets(CameraFlawSimulator.SECRETS.toArray(String[]::new))
        .verify();
  }

  // --- the contract kit, per row --------------------------------------------------------------

  @Test
  void hikvisionCve20177921() {
    contract("camera.hikvision.cve-2017-7921", Device.HIKVISION);
  }

  @Test
  void hikvisionUserXml() {
    contract("camera.hikvision.user-xml-exposed", Device.HIKVISION);
  }

  @Test
  void dahuaCve20177925() {
    contract("camera.dahua.cve-2017-7925", Device.DAHUA);
  }

  @Test
  void amcrestCve20178229() {
    contract("camera.amcrest.cve-2017-8229", Device.AMCREST);
  }

  @Test
  void tbkCve20189995() {
    contract("camera.tbk.cve-2018-9995", Device.TBK);
  }

  @Test
  void dlinkCve202025078() {
    contract("camera.dlink.cve-2020-25078", Device.DLINK);
  }

  @Test
  void avtechCapability() {
    // AVTECH serves the page on every firmware: the hardened device is one without it.
    contract(
        "camera.avtech.capability-exposed", Device.AVTECH, url(Device.HIKVISION, Variant.PATCHED));
  }

  @Test
  void avtechAccountBypass() {
    contract("camera.avtech.account-config-bypass", Device.AVTECH);
  }

  @Test
  void reolinkCve202140150() {
    contract("camera.reolink.cve-2021-40150", Device.REOLINK);
  }

  @Test
  void theRowsMatchTheAssignedIdsAndPaths() {
    assertThat(FlawChecks.FLAWS)
        .extracting(c -> c.id() + " " + c.row().path())
        .containsExactly(
            "camera.hikvision.cve-2017-7921 /system/deviceInfo?auth=YWRtaW46MTEK",
            "camera.hikvision.user-xml-exposed /config/user.xml",
            "camera.dahua.cve-2017-7925 /current_config/passwd",
            "camera.amcrest.cve-2017-8229 /current_config/Sha1Account1",
            "camera.tbk.cve-2018-9995 /device.rsp?opt=user&cmd=list",
            "camera.dlink.cve-2020-25078 /config/getuser?index=0",
            "camera.avtech.capability-exposed /cgi-bin/nobody/Machine.cgi?action=get_capability",
            "camera.avtech.account-config-bypass"
                + " /cgi-bin/user/Config.cgi?.cab&action=get&category=Account.*",
            "camera.reolink.cve-2021-40150 /conf/nginx.conf");
    assertThat(FlawChecks.FLAWS)
        .allSatisfy(
            c -> {
              assertThat(c.descriptor().tags()).contains("marker-based");
              assertThat(c.descriptor().defaultPorts()).contains(80, 81, 88, 443, 8000, 8080);
              assertThat(c.descriptor().safety())
                  .isEqualTo(
                      c.row().cookie() == null ? Safety.READ_ONLY : Safety.CREDENTIAL_ATTEMPT);
            });
    CheckContract.verifyIds(new CheckSet(FlawChecks.ALL, List.of()));
  }

  // --- evidence and identity ------------------------------------------------------------------

  @Test
  void hikvisionDeviceInfoIsReadIntoTheIdentityAndNothingElseIsFetched() throws Exception {
    CameraFlawSimulator cam = keep(CameraFlawSimulator.start(Device.HIKVISION, Variant.VULNERABLE));
    TargetResult r = scan(cam.target(), List.of(flaw("camera.hikvision.cve-2017-7921")), b -> {});
    Finding f = single(r, "camera.hikvision.cve-2017-7921");
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("model", "DS-2CD2032-I")
        .containsEntry("firmware", "V5.3.0 build 151016")
        .containsEntry("serial", "DS-2CD2032-I20160712AAWR588888888");
    DeviceIdentity id = r.identity();
    assertThat(id.value(DeviceIdentity.Attribute.VENDOR)).contains("Hikvision");
    assertThat(id.get(DeviceIdentity.Attribute.FIRMWARE).orElseThrow().source())
        .isEqualTo("HTTP /system/deviceInfo (camera.hikvision.cve-2017-7921)");
    assertThat(cam.requests())
        .allMatch(l -> l.startsWith("GET "))
        .noneMatch(l -> l.contains("/Security/users") || l.contains("configurationFile"));
  }

  @Test
  void secretsAreCountedAndMasked() throws Exception {
    TargetResult r =
        scan(
            url(Device.HIKVISION, Variant.VULNERABLE),
            List.of(flaw("camera.hikvision.user-xml-exposed")),
            b -> {});
    Finding f = single(r, "camera.hikvision.user-xml-exposed");
    assertThat(f.evidence()).containsEntry("secret password", "2 value(s) read, shown as ****");
    assertThat(f.toString()).doesNotContain("Hik-Secret-4711", "Op3rator-Pass");
  }

  @Test
  void tbkSendsTheCookieOnceAsALoginOnlyWhenEnabled() throws Exception {
    CameraFlawSimulator dvr = keep(CameraFlawSimulator.start(Device.TBK, Variant.VULNERABLE));
    Check tbk = flaw("camera.tbk.cve-2018-9995");
    TargetResult off = scan(dvr.target(), List.of(tbk), b -> {});
    assertThat(result(off, tbk.id()).status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(dvr.requestsWithCredentials()).isZero();

    TargetResult on = scan(dvr.target(), List.of(tbk), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(on, tbk.id());
    assertThat(f.evidence()).containsEntry("secret pwd", "1 value(s) read, shown as ****");
    assertThat(f.evidence().get("without the cookie")).startsWith("HTTP 401");
    assertThat(dvr.requestsWithCredentials()).isEqualTo(1);
  }

  @Test
  void aVendorNamedByTheIdentitySkipsTheOtherVendorsRows() throws Exception {
    TargetResult r =
        scan(
            url(Device.AVTECH, Variant.VULNERABLE),
            List.of(
                flaw("camera.avtech.capability-exposed"),
                flaw("camera.hikvision.cve-2017-7921"),
                flaw("camera.avtech.account-config-bypass")),
            b -> b.perHostConcurrency(1));
    assertThat(r.identity().value(DeviceIdentity.Attribute.VENDOR)).contains("AVTECH");
    CheckResult hik = result(r, "camera.hikvision.cve-2017-7921");
    assertThat(hik.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(hik.detail()).contains("AVTECH").contains("not Hikvision");
    assertThat(result(r, "camera.avtech.account-config-bypass").status())
        .isEqualTo(CheckResult.Status.FAIL);
    assertThat(single(r, "camera.avtech.capability-exposed").evidence())
        .containsEntry("firmware", "1017-1003-1009-1003")
        .containsEntry("model", "DVR");
  }

  // --- catch-all and hostile replies ----------------------------------------------------------

  @Test
  void aCatchAllServerGetsNoConfirmedFinding() throws Exception {
    CameraFlawSimulator pot = keep(CameraFlawSimulator.catchAll());
    TargetResult r = scan(pot.target(), FlawChecks.ALL, b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(r.findings()).filteredOn(f -> !f.checkId().startsWith("camera.firmware")).isEmpty();
    for (FlawCheck c : FlawChecks.FLAWS) {
      CheckResult res = result(r, c.id());
      // SKIP when the random page shows the row's markers; PASS when the row's content type
      // differs.
      assertThat(res.status())
          .as(c.id() + ": " + res.detail())
          .isIn(CheckResult.Status.SKIP, CheckResult.Status.PASS);
    }
    assertThat(r.findings()).noneMatch(f -> f.confidence() == Confidence.CONFIRMED);
    assertThat(pot.requestsWithCredentials()).isZero();
    assertThat(r.identity().value(DeviceIdentity.Attribute.VENDOR)).isEmpty();
  }

  @Test
  void hostileRepliesEndInErrorOrPassWithAReason() throws Exception {
    for (Hostile kind : Hostile.values()) {
      CameraFlawSimulator bad = keep(CameraFlawSimulator.hostile(kind));
      TargetResult r =
          scan(
              bad.target(),
              new ArrayList<>(FlawChecks.FLAWS),
              b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
      for (FlawCheck c : FlawChecks.FLAWS) {
        CheckResult res = result(r, c.id());
        assertThat(res.status())
            .as(kind + " " + c.id() + ": " + res.detail())
            .isIn(CheckResult.Status.ERROR, CheckResult.Status.PASS, CheckResult.Status.SKIP);
        assertThat(res.detail()).as(kind + " " + c.id()).isNotBlank();
      }
      assertThat(r.findings()).as(kind.name()).isEmpty();
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  static Check flaw(String id) {
    return FlawChecks.flaw(id);
  }

  static TargetResult scan(
      String target, List<? extends Check> checks, Consumer<CheckRunner.Builder> configure)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(new CheckSet(List.copyOf(checks), List.of()))
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
