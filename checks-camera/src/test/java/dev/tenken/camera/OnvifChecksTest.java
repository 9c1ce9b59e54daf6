package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.OnvifDeviceSimulator;
import dev.tenken.test.sim.OnvifDeviceSimulator.Variant;
import dev.tenken.test.sim.OnvifDeviceSimulator.Vendor;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ONVIF checks against {@link OnvifDeviceSimulator} devices shaped like a Hikvision camera and
 * a generic XM-based IPC, open, half open (device information only), secured with a SOAP fault or
 * with HTTP Digest, and with ONVIF off; plus web and SOAP catch-alls. Operation and element names
 * are written out here, independently of {@link OnvifOperation}.
 */
class OnvifChecksTest {
  static final String EXPOSED = "camera.onvif.device-service-exposed";
  static final String DEVICE_INFO = "camera.onvif.unauthenticated-device-info";
  static final String STREAM_URI = "camera.onvif.unauthenticated-stream-uri";

  private final List<OnvifDeviceSimulator> sims = new ArrayList<>();

  @AfterEach
  void stop() {
    sims.forEach(OnvifDeviceSimulator::close);
  }

  private OnvifDeviceSimulator keep(OnvifDeviceSimulator s) {
    sims.add(s);
    return s;
  }

  private OnvifDeviceSimulator start(Vendor v, Variant variant) {
    return keep(OnvifDeviceSimulator.start(v, variant));
  }

  private String url(Vendor v, Variant variant) {
    return start(v, variant).target();
  }

  // --- the contract kit, per check ------------------------------------------------------------

  @Test
  void deviceServiceExposedContract() {
    CheckContract c = CheckContract.of(OnvifDeviceServiceExposed.INSTANCE);
    for (Vendor v : Vendor.values()) {
      c.vulnerable(url(v, Variant.SECURED)).hardened(url(v, Variant.DISABLED));
    }
    c.vulnerable(url(Vendor.GENERIC_IPC, Variant.OPEN)).verify();
  }

  @Test
  void unauthenticatedDeviceInfoContract() {
    CheckContract c = CheckContract.of(OnvifUnauthenticatedDeviceInfo.INSTANCE);
    for (Vendor v : Vendor.values()) {
      c.vulnerable(url(v, Variant.OPEN))
          .vulnerable(url(v, Variant.DEVICE_INFO_OPEN))
          .hardened(url(v, Variant.SECURED))
          .hardened(url(v, Variant.SECURED_HTTP_AUTH));
    }
    c.verify();
  }

  @Test
  void unauthenticatedStreamUriContract() {
    CheckContract c = CheckContract.of(OnvifUnauthenticatedStreamUri.INSTANCE);
    for (Vendor v : Vendor.values()) {
      c.vulnerable(url(v, Variant.OPEN))
          .hardened(url(v, Variant.DEVICE_INFO_OPEN))
          .hardened(url(v, Variant.SECURED))
          .hardened(url(v, Variant.SECURED_HTTP_AUTH));
    }
    c.secrets(OnvifDeviceSimulator.STREAM_PASSWORD).verify();
  }

  @Test
  void idsAreUniqueAndWellFormed() {
    CheckContract.verifyIds(new CheckSet(OnvifChecks.ALL, OnvifChecks.PROBES));
    assertThat(OnvifChecks.ALL)
        .extracting(c -> c.id())
        .containsExactly(EXPOSED, DEVICE_INFO, STREAM_URI);
  }

  // --- evidence and identity ------------------------------------------------------------------

  @Test
  void exposureReportsTheDeviceClockAndTheCameraClass() throws Exception {
    OnvifDeviceSimulator sim = start(Vendor.HIKVISION, Variant.SECURED);
    TargetResult r = scan(sim.target());
    Finding f = single(r, EXPOSED);
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("path", "/onvif/device_service")
        .containsEntry(
            "device-utc", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(sim.deviceTime()) + "Z")
        .containsEntry("date-time-type", "Manual");
    assertThat(f.evidence().get("reply")).contains("GetSystemDateAndTimeResponse");
    assertThat(f.evidence().get("clock")).startsWith("same UTC date as the scan");
    assertThat(r.identity().value(DeviceIdentity.Attribute.DEVICE_CLASS)).contains("camera");
  }

  @Test
  void deviceInformationBecomesTheHostsIdentity() throws Exception {
    TargetResult r = scan(url(Vendor.HIKVISION, Variant.DEVICE_INFO_OPEN));
    Finding f = single(r, DEVICE_INFO);
    assertThat(f.evidence())
        .containsEntry("manufacturer", "HIKVISION")
        .containsEntry("model", "DS-2CD2043G2-I")
        .containsEntry("firmware", "V5.7.3 build 220112")
        .containsEntry("serial", "DS-2CD2043G2-I20220315AAWRJ12345678")
        .containsEntry("hardware-id", "88");
    DeviceIdentity id = r.identity();
    assertThat(id.value(DeviceIdentity.Attribute.VENDOR)).contains("HIKVISION");
    assertThat(id.value(DeviceIdentity.Attribute.MODEL)).contains("DS-2CD2043G2-I");
    assertThat(id.value(DeviceIdentity.Attribute.FIRMWARE)).contains("V5.7.3 build 220112");
    assertThat(id.get(DeviceIdentity.Attribute.SERIAL).orElseThrow().source())
        .isEqualTo("ONVIF GetDeviceInformation");
    // Media refused in this variant: the stream check passes with the fault as evidence.
    CheckResult stream = result(r, STREAM_URI);
    assertThat(stream.status()).as(stream.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(stream.detail()).contains("GetProfiles").contains("NotAuthorized");
  }

  @Test
  void refusalsArePassesWithTheFaultOrChallenge() throws Exception {
    CheckResult fault = result(scan(url(Vendor.GENERIC_IPC, Variant.SECURED)), DEVICE_INFO);
    assertThat(fault.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(fault.detail()).contains("HTTP 400").contains("Sender / NotAuthorized");
    CheckResult digest =
        result(scan(url(Vendor.GENERIC_IPC, Variant.SECURED_HTTP_AUTH)), DEVICE_INFO);
    assertThat(digest.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(digest.detail()).contains("HTTP 401").contains("Digest realm=\"XM ONVIF\"");
    CheckResult hik = result(scan(url(Vendor.HIKVISION, Variant.SECURED_HTTP_AUTH)), STREAM_URI);
    assertThat(hik.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(hik.detail()).contains("HTTP 401").contains("NotAuthorized");
  }

  @Test
  void streamUriIsReportedWithItsPasswordMasked() throws Exception {
    TargetResult r = scan(url(Vendor.GENERIC_IPC, Variant.OPEN));
    Finding f = single(r, STREAM_URI);
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    // Masked by the check (password=****_channel=...), and again by the runner's redaction.
    assertThat(f.evidence().get("stream-uri"))
        .startsWith("rtsp://127.0.0.1:554/user=admin_password=****");
    assertThat(f.evidence())
        .containsEntry("profile", "000")
        .containsEntry("media-path", "/onvif/media_service");
    assertThat(f.toString() + f.evidence()).doesNotContain(OnvifDeviceSimulator.STREAM_PASSWORD);
  }

  @Test
  void aMediaXAddrOnAnotherHostIsRecordedButOnlyItsPathIsUsed() throws Exception {
    OnvifDeviceSimulator sim = start(Vendor.HIKVISION, Variant.OPEN);
    Finding f = single(scan(sim.target()), STREAM_URI);
    assertThat(f.evidence().get("media-xaddr"))
        .startsWith("http://192.0.2.64/onvif/Media")
        .contains("another host or port");
    assertThat(f.evidence())
        .containsEntry("media-path", "/onvif/Media")
        .containsEntry(
            "stream-uri",
            "rtsp://192.0.2.64:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1")
        .containsEntry("profile", "Profile_1");
    assertThat(sim.requests("GetStreamUri")).isEqualTo(1);
  }

  @Test
  void onlyAllowListedOperationsAreSentAndNeverCredentials() throws Exception {
    for (Variant variant : Variant.values()) {
      OnvifDeviceSimulator sim = start(Vendor.GENERIC_IPC, variant);
      scan(sim.target());
      assertThat(sim.operations()).as(variant.name()).isSubsetOf(OnvifDeviceSimulator.OPERATIONS);
      assertThat(sim.authenticatedRequests()).isZero();
      // GetSystemDateAndTime is shared through the host's facts: asked once per port.
      assertThat(sim.requests("GetSystemDateAndTime")).as(variant.name()).isEqualTo(1);
    }
  }

  @Test
  void withOnvifOffTheOtherChecksSkip() throws Exception {
    TargetResult r = scan(url(Vendor.HIKVISION, Variant.DISABLED));
    assertThat(result(r, EXPOSED).status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(result(r, EXPOSED).detail()).contains("HTTP 404");
    for (String id : List.of(DEVICE_INFO, STREAM_URI)) {
      assertThat(result(r, id).status()).as(id).isEqualTo(CheckResult.Status.SKIP);
      assertThat(result(r, id).detail()).contains("no ONVIF device service");
    }
  }

  // --- catch-alls -----------------------------------------------------------------------------

  @Test
  void aWebServerAnsweringEveryPostMakesNoFinding() throws Exception {
    TargetResult r = scan(keep(OnvifDeviceSimulator.webCatchAll()).target());
    assertThat(r.findings().toList()).isEmpty();
    assertThat(result(r, EXPOSED).status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(result(r, EXPOSED).detail()).contains("not SOAP");
    assertThat(result(r, DEVICE_INFO).status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(result(r, STREAM_URI).status()).isEqualTo(CheckResult.Status.SKIP);
  }

  @Test
  void aSoapHoneypotGetsNoAuthenticationFindingAndATentativeExposure() throws Exception {
    TargetResult r = scan(keep(OnvifDeviceSimulator.soapCatchAll()).target());
    assertThat(single(r, EXPOSED).confidence()).isEqualTo(Confidence.TENTATIVE);
    for (String id : List.of(DEVICE_INFO, STREAM_URI)) {
      CheckResult c = result(r, id);
      assertThat(c.status()).as(id).isEqualTo(CheckResult.Status.ERROR);
      assertThat(c.detail()).contains("GetSystemDateAndTimeResponse").contains("not <");
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  static TargetResult scan(String target) throws InterruptedException {
    return CheckRunner.builder()
        .checks(new CheckSet(OnvifChecks.ALL, List.of()))
        .scope(Scope.of("127.0.0.1/32"))
        .checkTimeout(Duration.ofSeconds(5))
        .build()
        .scan(List.of(Target.parse(target)))
        .targets()
        .get(0);
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
