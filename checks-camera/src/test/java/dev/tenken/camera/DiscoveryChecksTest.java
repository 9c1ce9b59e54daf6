package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.DiscoverySimulator;
import dev.tenken.test.sim.DiscoverySimulator.Variant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WS-Discovery and UPnP checks against {@link DiscoverySimulator}: contract kit, identity. */
class DiscoveryChecksTest {
  static final String UDP_SILENCE =
      "a hardened responder is silent, and UDP silence proves nothing: the check ends ERROR";

  static Report scan(Check check, Target target) throws InterruptedException {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.1/32"))
        .check(check)
        .enable(check.descriptor().safety())
        .checkTimeout(Duration.ofSeconds(6))
        .build()
        .scan(List.of(target));
  }

  static CheckResult only(Report report) {
    List<CheckResult> results = report.results().toList();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  @Test
  void wsDiscoveryContract() throws Exception {
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA);
        DiscoverySimulator printer = DiscoverySimulator.start(Variant.PRINTER)) {
      CheckContract.of(WsDiscoveryExposed.INSTANCE)
          .vulnerable(cam.wsDiscoveryTarget())
          .vulnerable(printer.wsDiscoveryTarget())
          .skipHardened(UDP_SILENCE)
          .verify();
      assertThat(cam.probes()).isPositive();
      assertThat(cam.httpRequests()).as("XAddrs are never contacted").isZero();
      assertThat(printer.httpRequests()).as("XAddrs are never contacted").isZero();
    }
  }

  @Test
  void wsDiscoveryFindingAndIdentity() throws Exception {
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA)) {
      Report report = scan(WsDiscoveryExposed.INSTANCE, cam.wsDiscoveryTarget());
      CheckResult r = only(report);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      Finding f = r.findings().get(0);
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.evidence().get("types")).isEqualTo("dn:NetworkVideoTransmitter");
      assertThat(f.evidence().get("scopes"))
          .contains("onvif://www.onvif.org/hardware/DS-2CD2042WD-I");
      assertThat(f.evidence().get("xaddrs"))
          .contains("/onvif/device_service")
          .endsWith("(recorded, not contacted)");
      assertThat(f.evidence().get("reflection")).startsWith("reply ").contains("-byte request (x");
      DeviceIdentity id = report.targets().get(0).identity();
      assertThat(id.value(DeviceIdentity.Attribute.DEVICE_CLASS)).hasValue("camera");
      assertThat(id.value(DeviceIdentity.Attribute.MODEL)).hasValue("DS-2CD2042WD-I");
      assertThat(id.value(DeviceIdentity.Attribute.NAME)).hasValue("HIKVISION");
      assertThat(cam.probes()).isEqualTo(1);
    }
    try (DiscoverySimulator printer = DiscoverySimulator.start(Variant.PRINTER)) {
      Report report = scan(WsDiscoveryExposed.INSTANCE, printer.wsDiscoveryTarget());
      assertThat(report.targets().get(0).identity().value(DeviceIdentity.Attribute.DEVICE_CLASS))
          .hasValue("printer");
    }
  }

  @Test
  void upnpExposedContract() throws Exception {
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA);
        DiscoverySimulator foreign = DiscoverySimulator.start(Variant.FOREIGN_LOCATION);
        DiscoverySimulator router = DiscoverySimulator.start(Variant.ROUTER)) {
      CheckContract.of(UpnpExposed.INSTANCE)
          .vulnerable(cam.ssdpTarget())
          .vulnerable(foreign.ssdpTarget())
          .vulnerable(router.ssdpTarget())
          .skipHardened(UDP_SILENCE)
          .verify();
      assertThat(cam.searchTargets()).isNotEmpty().allMatch("upnp:rootdevice"::equals);
      assertThat(cam.httpReceivedText()).startsWith("GET /description.xml HTTP/1.1");
      assertThat(foreign.httpRequests()).isZero();
    }
  }

  @Test
  void upnpFindingAndIdentity() throws Exception {
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA)) {
      Report report = scan(UpnpExposed.INSTANCE, cam.ssdpTarget());
      CheckResult r = only(report);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      Finding f = r.findings().get(0);
      assertThat(f.evidence())
          .containsEntry("manufacturer", "Hikvision")
          .containsEntry("modelName", "DS-2CD2042WD-I")
          .containsEntry("serialNumber", "DS-2CD2042WD-I20160101AAWR123456789")
          .containsEntry("SERVER", "Linux/3.0.8 UPnP/1.0 DahuaRpc/1.0")
          .containsEntry("ST", "upnp:rootdevice");
      assertThat(f.evidence().get("description")).startsWith("read from tcp://127.0.0.1:");
      DeviceIdentity id = report.targets().get(0).identity();
      assertThat(id.value(DeviceIdentity.Attribute.VENDOR)).hasValue("Hikvision");
      assertThat(id.value(DeviceIdentity.Attribute.MODEL)).hasValue("DS-2CD2042WD-I");
      assertThat(id.value(DeviceIdentity.Attribute.SERIAL))
          .hasValue("DS-2CD2042WD-I20160101AAWR123456789");
      assertThat(cam.searches()).isEqualTo(1);
      assertThat(cam.httpRequests()).isEqualTo(1);
    }
  }

  @Test
  void aLocationAtAnotherHostIsRecordedAndNotFollowed() throws Exception {
    try (DiscoverySimulator foreign = DiscoverySimulator.start(Variant.FOREIGN_LOCATION)) {
      CheckResult r = only(scan(UpnpExposed.INSTANCE, foreign.ssdpTarget()));
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence().get("LOCATION"))
          .startsWith("http://" + DiscoverySimulator.FOREIGN_HOST);
      assertThat(r.findings().get(0).evidence().get("description"))
          .contains("not the target's address: recorded, not followed");
      CheckResult igd = only(scan(UpnpInternetGateway.INSTANCE, foreign.ssdpTarget()));
      assertThat(igd.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(igd.detail()).contains("cannot tell");
      assertThat(foreign.httpRequests()).isZero();
    }
  }

  @Test
  void internetGatewayContract() throws Exception {
    try (DiscoverySimulator router = DiscoverySimulator.start(Variant.ROUTER);
        DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA);
        DiscoverySimulator printer = DiscoverySimulator.start(Variant.PRINTER)) {
      CheckContract.of(UpnpInternetGateway.INSTANCE)
          .vulnerable(router.ssdpTarget())
          .hardened(cam.ssdpTarget())
          .hardened(printer.ssdpTarget())
          .verify();
      CheckResult r = only(scan(UpnpInternetGateway.INSTANCE, router.ssdpTarget()));
      assertThat(r.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
      assertThat(r.findings().get(0).evidence().get("gateway"))
          .contains("urn:schemas-upnp-org:device:InternetGatewayDevice:1")
          .contains("urn:schemas-upnp-org:service:WANIPConnection:1");
      // Only the description was ever fetched: no SOAP action, no POST, no control URL.
      assertThat(router.httpReceivedText())
          .doesNotContain("POST")
          .doesNotContain("SOAPACTION")
          .doesNotContain("/ctl/");
    }
  }

  @Test
  void bothUpnpChecksShareOneSurveyPerPort() throws Exception {
    try (DiscoverySimulator router = DiscoverySimulator.start(Variant.ROUTER)) {
      Report report =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(
                  new CheckSet(
                      List.of(UpnpExposed.INSTANCE, UpnpInternetGateway.INSTANCE), List.of()))
              .build()
              .scan(List.of(router.ssdpTarget()));
      assertThat(report.results().map(CheckResult::status))
          .containsOnly(CheckResult.Status.FAIL)
          .hasSize(2);
      assertThat(router.searches()).isEqualTo(1);
      assertThat(router.httpRequests()).isEqualTo(1);
      assertThat(report.targets().get(0).identity().value(DeviceIdentity.Attribute.DEVICE_CLASS))
          .hasValue("router");
    }
  }

  @Test
  void everyCheckAndProbeIsDeclaredConsistently() {
    CheckContract.verifyIds(new CheckSet(DiscoveryChecks.ALL, DiscoveryChecks.PROBES));
    assertThat(DiscoveryChecks.ALL)
        .extracting(Check::id)
        .containsExactly(
            "device.wsdiscovery.exposed",
            "device.upnp.exposed",
            "device.upnp.internet-gateway",
            "camera.telnet.exposed");
    assertThat(CameraChecks.all().checks()).containsAll(DiscoveryChecks.ALL);
  }
}
