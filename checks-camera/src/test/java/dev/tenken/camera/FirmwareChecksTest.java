package dev.tenken.camera;

import static dev.tenken.camera.FlawChecksTest.result;
import static dev.tenken.camera.FlawChecksTest.scan;
import static dev.tenken.camera.FlawChecksTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Finding;
import dev.tenken.TargetResult;
import dev.tenken.Version;
import dev.tenken.VulnerabilityMatch.Verdict;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.CameraFlawSimulator;
import dev.tenken.test.sim.CameraFlawSimulator.Device;
import dev.tenken.test.sim.CameraFlawSimulator.Variant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The firmware checks: the version normaliser, the catalog's ranges, and both checks judging the
 * identity the flaw checks read. The scans run the module's order (flaw rows, then the firmware
 * checks) one check at a time, so the identity is in before the firmware checks run, whatever the
 * runner does with the {@code after-identity} tag; the contract kit runs the check first, so its
 * tests need the runner's support for that tag and are skipped until it is there.
 */
class FirmwareChecksTest {
  static final Clock CATALOG_DAY =
      Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  private final List<CameraFlawSimulator> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(CameraFlawSimulator::close);
  }

  private String url(Device d, Variant v) {
    CameraFlawSimulator s = CameraFlawSimulator.start(d, v);
    servers.add(s);
    return s.target();
  }

  private static Consumer<CheckRunner.Builder> inOrder() {
    return b -> b.perHostConcurrency(1).clock(CATALOG_DAY);
  }

  // --- normaliser and catalog -----------------------------------------------------------------

  @Test
  void hikvisionFirmwareIsReadWithItsBuildDate() {
    FirmwareVersions.Reading r = FirmwareVersions.read("Hikvision", "V5.4.5 build 170124").get();
    assertThat(r.exact()).isTrue();
    assertThat(r.low()).isEqualTo(Version.of("5.4.5.170124"));
    assertThat(FirmwareVersions.read("HIKVISION", "V5.5.800_210628").get().low())
        .isEqualTo(Version.of("5.5.800.210628"));
    FirmwareVersions.Reading noBuild = FirmwareVersions.read("Hikvision", "V5.5.800").get();
    assertThat(noBuild.exact()).isFalse();
    assertThat(noBuild.high()).isEqualTo(Version.of("5.5.800.999999"));
  }

  @Test
  void whatIsNoVersionIsUnknown() {
    assertThat(FirmwareVersions.read("AVTECH", "1017-1003-1009-1003")).isEmpty();
    assertThat(FirmwareVersions.read("Hikvision", "build 170124")).isEmpty();
    assertThat(FirmwareVersions.read("Hikvision", "V5.4.5-beta")).isEmpty();
    assertThat(FirmwareVersions.read("Reolink", "x" + "1".repeat(300))).isEmpty();
    assertThat(FirmwareVersions.read("Reolink", "v3.0.0.716_21012800").get().low())
        .isEqualTo(Version.of("3.0.0.716"));
    assertThat(FirmwareVersions.read("Dahua", "V2.800.0000016.0.R").get().low())
        .isEqualTo(Version.of("2.800.16.0"));
  }

  @Test
  void theCatalogJudgesPerBranchAndSaysUnknownElsewhere() {
    assertThat(verdict("CVE-2021-36260", "5.5.800.210627")).isEqualTo(Verdict.AFFECTED);
    assertThat(verdict("CVE-2021-36260", "5.5.800.210628")).isEqualTo(Verdict.NOT_AFFECTED);
    assertThat(verdict("CVE-2021-36260", "5.7.3.211112")).isEqualTo(Verdict.UNKNOWN);
    assertThat(verdict("CVE-2017-7921", "5.3.0.151016")).isEqualTo(Verdict.AFFECTED);
    assertThat(verdict("CVE-2017-7921", "5.4.5.170124")).isEqualTo(Verdict.UNKNOWN);
    assertThat(verdict("CVE-2017-7921", "5.6.3.190923")).isEqualTo(Verdict.NOT_AFFECTED);
    assertThat(FirmwareKnownVulnerable.CATALOG.vulnerabilities())
        .allSatisfy(v -> assertThat(v.references()).anyMatch(r -> r.id().startsWith("https://")));
    assertThat(FirmwareKnownVulnerable.product("Reolink", "Reolink E1 Zoom"))
        .contains("reolink-e1-zoom");
    assertThat(FirmwareKnownVulnerable.product("Hikvision", "DS-2CD2032-I")).contains("hikvision");
    assertThat(FirmwareKnownVulnerable.product("AVTECH", "DVR")).isEmpty();
  }

  private static Verdict verdict(String id, String version) {
    return FirmwareKnownVulnerable.CATALOG.assess("hikvision", Version.of(version)).stream()
        .filter(m -> m.vulnerability().id().equals(id))
        .findFirst()
        .orElseThrow()
        .verdict();
  }

  // --- the checks on the identity the flaw rows read ------------------------------------------

  @Test
  void vulnerableHikvisionFirmwareIsReportedWithItsSource() throws Exception {
    TargetResult r = scan(url(Device.HIKVISION, Variant.VULNERABLE), FlawChecks.ALL, inOrder());
    Finding f = single(r, "camera.firmware.known-vulnerable");
    assertThat(f.key()).isEqualTo("CVE-2017-7921");
    assertThat(f.evidence())
        .containsEntry("version", "5.3.0.151016")
        .containsEntry(
            "version source",
            "HTTP /system/deviceInfo (camera.hikvision.cve-2017-7921)"
                + " (firmware V5.3.0 build 151016)");
    Finding inv = single(r, "camera.firmware.version-inventory");
    assertThat(inv.evidence().get("model")).startsWith("DS-2CD2032-I (HTTP /system/deviceInfo");
    assertThat(inv.evidence().get("firmware")).startsWith("V5.3.0 build 151016 (");
  }

  @Test
  void nothingKnownIsSkipped() throws Exception {
    TargetResult r = scan(url(Device.HIKVISION, Variant.PATCHED), FlawChecks.ALL, inOrder());
    for (String id :
        List.of("camera.firmware.known-vulnerable", "camera.firmware.version-inventory")) {
      assertThat(result(r, id).status()).as(id).isEqualTo(CheckResult.Status.SKIP);
    }
  }

  @Test
  void aFirmwareStringThatIsNoVersionIsUnknown() throws Exception {
    TargetResult r = scan(url(Device.AVTECH, Variant.PATCHED), FlawChecks.ALL, inOrder());
    CheckResult c = result(r, "camera.firmware.known-vulnerable");
    assertThat(c.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(c.detail()).contains("unknown");
    assertThat(single(r, "camera.firmware.version-inventory").evidence().get("vendor"))
        .startsWith("AVTECH (");
  }

  // --- the contract kit -----------------------------------------------------------------------

  @Test
  void inventoryContract() {
    CheckContract.of(FirmwareInventory.INSTANCE)
        .vulnerable(url(Device.AVTECH, Variant.PATCHED))
        .configure(withIdentityFrom("camera.avtech.capability-exposed"))
        .skipHardened("a device that tells nothing of itself is SKIP, not PASS")
        .verify();
  }

  @Test
  void knownVulnerableContract() {
    CheckContract.of(FirmwareKnownVulnerable.INSTANCE)
        .vulnerable(url(Device.HIKVISION, Variant.VULNERABLE))
        .skipHardened("the simulated patched firmware does not reveal its version")
        .configure(withIdentityFrom("camera.hikvision.cve-2017-7921"))
        .configure(b -> b.clock(CATALOG_DAY))
        .verify();
  }

  /**
   * Adds the one flaw row that reads the device's identity: the kit's silent-socket case then waits
   * for two deadlines (the row, then the firmware check), not one per flaw row.
   */
  private static Consumer<CheckRunner.Builder> withIdentityFrom(String flawId) {
    return b -> b.check(FlawChecks.flaw(flawId));
  }
}
