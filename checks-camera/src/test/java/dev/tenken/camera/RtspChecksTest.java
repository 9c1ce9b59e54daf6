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
import dev.tenken.Secret;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.ClosedPort;
import dev.tenken.test.sim.RtspCameraSimulator;
import dev.tenken.test.sim.RtspCameraSimulator.Auth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RTSP checks against {@link RtspCameraSimulator} cameras: the contract kit per check, vendor
 * identification, the catch-all and any-password devices, and the lock-out budget. Routes and
 * defaults are written out here, independently of {@link RtspVendor}, so a wrong table entry fails.
 */
class RtspChecksTest {
  static final String HIKVISION_ROUTE = "/Streaming/Channels/101";
  static final String DAHUA_ROUTE = "/cam/realmonitor?channel=1&subtype=0";

  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  private RtspCameraSimulator start(RtspCameraSimulator.Builder b) throws IOException {
    RtspCameraSimulator s = b.start();
    servers.add(s);
    return s;
  }

  private String open() throws IOException {
    return start(RtspCameraSimulator.builder().routes(HIKVISION_ROUTE)).target();
  }

  private String digest(String user, String password) throws IOException {
    return start(
            RtspCameraSimulator.builder()
                .auth(Auth.DIGEST)
                .realm("Hikvision")
                .routes(HIKVISION_ROUTE)
                .credentials(user, password))
        .target();
  }

  // --- the contract kit, per check ------------------------------------------------------------

  @Test
  void serviceExposedContract() throws IOException {
    CheckContract.of(RtspServiceExposed.INSTANCE)
        .vulnerable(open())
        .vulnerable(digest("admin", "S3cure-Passw0rd"))
        .hardened(start(RtspCameraSimulator.builder().speakHttp()).target())
        .verify();
  }

  @Test
  void unauthenticatedStreamContract() throws IOException {
    CheckContract.of(RtspUnauthenticatedStream.INSTANCE)
        .vulnerable(open())
        .vulnerable(start(RtspCameraSimulator.builder().routes("/live")).target())
        .vulnerable(
            start(RtspCameraSimulator.builder().routes(DAHUA_ROUTE).server("Dahua Rtsp Server"))
                .target())
        .hardened(digest("admin", "S3cure-Passw0rd"))
        .hardened(start(RtspCameraSimulator.builder().auth(Auth.BASIC)).target())
        .hardened(start(RtspCameraSimulator.builder().routes("/somewhere/else")).target())
        .verify();
  }

  @Test
  void acceptsAnyRouteContract() throws IOException {
    CheckContract.of(RtspAcceptsAnyRoute.INSTANCE)
        .vulnerable(start(RtspCameraSimulator.builder().catchAll()).target())
        .hardened(open())
        .hardened(digest("admin", "12345"))
        .verify();
  }

  @Test
  void authSchemeContract() throws IOException {
    CheckContract.of(RtspAuthScheme.INSTANCE)
        .vulnerable(start(RtspCameraSimulator.builder().auth(Auth.BASIC).realm("device")).target())
        .hardened(digest("admin", "S3cure-Passw0rd"))
        .hardened(start(RtspCameraSimulator.builder().auth(Auth.BASIC_AND_DIGEST)).target())
        .verify();
  }

  @Test
  void defaultCredentialsContract() throws IOException {
    CheckContract.of(RtspDefaultCredentials.INSTANCE)
        .vulnerable(digest("admin", "12345"))
        .vulnerable(
            start(
                    RtspCameraSimulator.builder()
                        .auth(Auth.BASIC)
                        .server("Dahua Rtsp Server")
                        .routes(DAHUA_ROUTE)
                        .credentials("admin", "admin"))
                .target())
        .vulnerable(
            start(
                    RtspCameraSimulator.builder()
                        .auth(Auth.DIGEST)
                        .routes("/axis-media/media.amp")
                        .realm("AXIS_ACCC8E012345")
                        .credentials("root", "pass"))
                .target())
        // unknown vendor: the generic admin/admin, admin/12345
        .vulnerable(
            start(RtspCameraSimulator.builder().auth(Auth.DIGEST).credentials("admin", "12345"))
                .target())
        .hardened(digest("admin", "S3cure-Passw0rd"))
        .hardened(
            start(
                    RtspCameraSimulator.builder()
                        .auth(Auth.BASIC_AND_DIGEST)
                        .credentials("admin", "An0ther-Str0ng-One"))
                .target())
        .secrets("S3cure-Passw0rd", "An0ther-Str0ng-One")
        .verify();
  }

  @Test
  void cleartextOnlyContract() throws Exception {
    int closed = ClosedPort.find();
    CheckContract.of(RtspCleartextOnly.INSTANCE)
        .vulnerable(open())
        .skipHardened("needs a TLS listener on the RTSPS port: cleartextOnlyPassesWithRtsps")
        .configure(b -> b.option(RtspCleartextOnly.TLS_PORTS_OPTION, String.valueOf(closed)))
        .verify();
    try (RtspTlsListener tls = RtspTlsListener.start()) {
      CheckContract.of(RtspCleartextOnly.INSTANCE)
          .hardened(open())
          .skipVulnerable("see the contract above, without RTSPS")
          .configure(b -> b.option(RtspCleartextOnly.TLS_PORTS_OPTION, closed + "," + tls.port()))
          .verify();
    }
  }

  // --- behaviour --------------------------------------------------------------------------------

  @Test
  void serviceExposedKeepsServerAndPublicAndIdentifiesTheVendor() throws Exception {
    String t =
        start(RtspCameraSimulator.builder().server("Dahua Rtsp Server").routes(DAHUA_ROUTE))
            .target();
    TargetResult r = scan(t, RtspChecks.ALL, b -> {});
    Finding f = single(r, "camera.rtsp.service-exposed");
    assertThat(f.evidence())
        .containsEntry("server", "Dahua Rtsp Server")
        .containsEntry("vendor", "Dahua")
        .containsKey("methods");
    assertThat(r.identity().value(DeviceIdentity.Attribute.VENDOR)).contains("Dahua");
    assertThat(r.identity().get(DeviceIdentity.Attribute.VENDOR).orElseThrow().source())
        .isEqualTo("RTSP Server header");
    assertThat(r.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("Dahua Rtsp Server");
    Finding open = single(r, "camera.rtsp.unauthenticated-stream");
    assertThat(open.evidence())
        .containsEntry("route", DAHUA_ROUTE)
        .containsEntry("media", "video H264 (RTP/AVP), audio PCMA (RTP/AVP)");
    assertThat(open.confidence()).isEqualTo(Confidence.CONFIRMED);
  }

  @Test
  void sendsOnlyOptionsAndDescribeAndFindsTheVendorRouteFirst() throws Exception {
    RtspCameraSimulator sim =
        start(
            RtspCameraSimulator.builder()
                .auth(Auth.DIGEST)
                .realm("Hikvision")
                .routes(HIKVISION_ROUTE)
                .credentials("admin", "12345"));
    scan(sim.target(), RtspChecks.ALL, b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(sim.requestLines())
        .allMatch(l -> l.startsWith("OPTIONS ") || l.startsWith("DESCRIBE "));
    assertThat(sim.requests("SETUP") + sim.requests("PLAY") + sim.requests("RECORD")).isZero();
    assertThat(sim.requests("DESCRIBE")).isLessThanOrEqualTo(1 + 16 + 2 * 2 + 2);
    assertThat(sim.requests("OPTIONS")).isEqualTo(1);
  }

  @Test
  void anOpenRouteIsNotAProofWithoutVideo() throws Exception {
    String t = start(RtspCameraSimulator.builder().withoutVideo()).target();
    CheckResult r = result(scan(t, List.of(RtspUnauthenticatedStream.INSTANCE), b -> {}));
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.detail()).contains("200 OK (no video)");
  }

  @Test
  void catchAllCameraGivesNoConfidentStreamOrCredentialFinding() throws Exception {
    RtspCameraSimulator sim = start(RtspCameraSimulator.builder().catchAll());
    TargetResult r = scan(sim.target(), RtspChecks.ALL, b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(single(r, "camera.rtsp.accepts-any-route").evidence())
        .containsEntry("stream description", "SDP with m=video");
    assertThat(r.findings())
        .filteredOn(
            f ->
                f.checkId().equals("camera.rtsp.unauthenticated-stream")
                    || f.checkId().equals("camera.rtsp.default-credentials"))
        .allMatch(f -> f.confidence() == Confidence.TENTATIVE);
    assertThat(status(r, "camera.rtsp.default-credentials")).isEqualTo(CheckResult.Status.SKIP);
    assertThat(sim.requests("DESCRIBE")).as("%s", sim.requestLines()).isEqualTo(1); // the canary
  }

  @Test
  void anyPasswordCameraGivesOnlyATentativeCredentialFinding() throws Exception {
    String t =
        start(
                RtspCameraSimulator.builder()
                    .auth(Auth.DIGEST)
                    .realm("Hikvision")
                    .routes(HIKVISION_ROUTE)
                    .acceptAnyPassword())
            .target();
    TargetResult r =
        scan(t, List.of(RtspDefaultCredentials.INSTANCE), b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(r, "camera.rtsp.default-credentials");
    assertThat(f.confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(f.evidence().get("control login")).contains("accepts any password");
  }

  @Test
  void confirmedDefaultLoginMasksThePasswordAndNamesTheVendor() throws Exception {
    RtspCameraSimulator sim =
        start(
            RtspCameraSimulator.builder()
                .auth(Auth.DIGEST)
                .realm("Hikvision")
                .routes(HIKVISION_ROUTE)
                .credentials("admin", "12345"));
    TargetResult r =
        scan(
            sim.target(),
            List.of(RtspDefaultCredentials.INSTANCE),
            b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    Finding f = single(r, "camera.rtsp.default-credentials");
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("vendor", "Hikvision")
        .containsEntry("user", "admin")
        .containsEntry("route", HIKVISION_ROUTE)
        .containsEntry("control login", "a random password was refused");
    assertThat(f.evidence().get("password")).startsWith(Secret.MASK);
    assertThat(f.toString() + f.evidence()).doesNotContain("12345");
    assertThat(sim.failedLogins()).isEqualTo(1); // the control only
  }

  @Test
  void aCameraLockingAfterThreeFailuresIsNeverLocked() throws Exception {
    for (boolean vendorKnown : List.of(true, false)) {
      RtspCameraSimulator.Builder b =
          RtspCameraSimulator.builder()
              .auth(Auth.DIGEST)
              .routes(HIKVISION_ROUTE)
              .credentials("admin", "N0t-A-Default")
              .lockAfter(3);
      if (vendorKnown) {
        b.realm("Hikvision");
      }
      RtspCameraSimulator sim = start(b);
      TargetResult r = scan(sim.target(), RtspChecks.ALL, x -> x.enable(Safety.CREDENTIAL_ATTEMPT));
      assertThat(sim.failedLogins()).as("vendor known: %s", vendorKnown).isLessThanOrEqualTo(2);
      assertThat(sim.lockedOut()).isFalse();
      assertThat(status(r, "camera.rtsp.default-credentials"))
          .isIn(CheckResult.Status.PASS, CheckResult.Status.SKIP);
    }
  }

  @Test
  void authBeforeRouteDevicesStopTheScanAtTheFirst401() throws Exception {
    RtspCameraSimulator sim =
        start(
            RtspCameraSimulator.builder()
                .auth(Auth.BASIC)
                .realm("Hikvision")
                .routes(HIKVISION_ROUTE)
                .credentials("admin", "12345")
                .authBeforeRoute());
    TargetResult r = scan(sim.target(), RtspChecks.ALL, b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
    assertThat(single(r, "camera.rtsp.auth-scheme").evidence())
        .containsEntry("offered", "Basic realm=\"Hikvision\"");
    assertThat(single(r, "camera.rtsp.default-credentials").confidence())
        .isEqualTo(Confidence.CONFIRMED);
    // canary + the Hikvision route, then 1 login and 1 control
    assertThat(sim.requests("DESCRIBE")).isEqualTo(4);
  }

  @Test
  void routesOptionIsAskedFirst() throws Exception {
    RtspCameraSimulator sim = start(RtspCameraSimulator.builder().routes("/my/own/route"));
    TargetResult r =
        scan(
            sim.target(),
            List.of(RtspUnauthenticatedStream.INSTANCE),
            b -> b.option(RtspProbe.ROUTES_OPTION, "my/own/route"));
    assertThat(single(r, "camera.rtsp.unauthenticated-stream").evidence())
        .containsEntry("route", "/my/own/route");
    assertThat(sim.requests("DESCRIBE")).isEqualTo(2);
  }

  @Test
  void theModuleCarriesTheRtspChecks() {
    assertThat(CameraChecks.all().checks())
        .extracting(Check::id)
        .contains(
            "camera.rtsp.service-exposed",
            "camera.rtsp.accepts-any-route",
            "camera.rtsp.unauthenticated-stream",
            "camera.rtsp.auth-scheme",
            "camera.rtsp.default-credentials",
            "camera.rtsp.cleartext-only");
  }

  // --- helpers ----------------------------------------------------------------------------------

  static TargetResult scan(String target, List<Check> checks, Consumer<CheckRunner.Builder> more)
      throws Exception {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(new CheckSet(checks, List.of()))
            .scope(Scope.of("127.0.0.0/8"));
    more.accept(b);
    return b.build().scan(List.of(Target.parse(target))).targets().get(0);
  }

  static Finding single(TargetResult r, String checkId) {
    List<Finding> f = r.findings().filter(x -> x.checkId().equals(checkId)).toList();
    assertThat(f).as("findings of %s in %s", checkId, r).hasSize(1);
    return f.get(0);
  }

  static CheckResult.Status status(TargetResult r, String checkId) {
    return r.results().stream()
        .filter(x -> x.checkId().equals(checkId))
        .findFirst()
        .orElseThrow()
        .status();
  }

  static CheckResult result(TargetResult r) {
    assertThat(r.results()).hasSize(1);
    return r.results().get(0);
  }
}
