package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.sim.CameraPanelSimulator;
import dev.tenken.test.sim.RtspCameraSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The login budget is the host's, not the protocol's: a camera whose RTSP server and web panel
 * share one account store, and which locks that account after 3 failed logins, is never locked by a
 * scan of every camera check with credential attempts on. Each protocol on its own would try two
 * defaults; together they must still stay within the default budget of 2 failures. The RTSP server
 * names no vendor (two generic defaults) and the panel is a Hikvision (one default): three
 * candidates for a budget of two, so one protocol must find the budget spent.
 */
class CameraLockoutTest {

  @Test
  void aCameraLockingAfterThreeFailuresIsNeverLockedAcrossRtspAndHttp() throws Exception {
    try (RtspCameraSimulator rtsp =
            RtspCameraSimulator.builder()
                .auth(RtspCameraSimulator.Auth.DIGEST)
                .routes("/Streaming/Channels/101")
                .credentials("admin", CameraPanelSimulator.STRONG_PASSWORD)
                .lockAfter(3)
                .start();
        CameraPanelSimulator http =
            CameraPanelSimulator.start(
                CameraPanelSimulator.Vendor.HIKVISION, CameraPanelSimulator.Variant.LOCKED)) {
      CheckRunner runner =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1"))
              .checks(CameraChecks.all())
              .enable(Safety.CREDENTIAL_ATTEMPT)
              .checkTimeout(Duration.ofSeconds(5))
              .build();
      // Two targets, one address: the budget follows the address, not the target.
      Report report = runner.scan(List.of(rtsp.asTarget(), Target.parse(http.target())));

      List<CheckResult> results = report.results().toList();
      int failures = rtsp.failedLogins() + http.failedLogins();
      assertThat(failures).as("failed logins across RTSP and HTTP").isEqualTo(2);
      assertThat(rtsp.lockedOut()).isFalse();
      assertThat(http.lockedOut()).isFalse();
      assertThat(result(results, "camera.rtsp.default-credentials").status())
          .isIn(CheckResult.Status.PASS, CheckResult.Status.SKIP);
      assertThat(result(results, "camera.http.default-credentials").status())
          .isIn(CheckResult.Status.PASS, CheckResult.Status.SKIP);
      // Three candidates, a budget of two: whichever protocol came second found it spent.
      assertThat(results)
          .filteredOn(r -> r.checkId().endsWith(".default-credentials"))
          .anySatisfy(r -> assertThat(r.detail()).containsIgnoringCase("budget"));
    }
  }

  private static CheckResult result(List<CheckResult> results, String id) {
    return results.stream()
        .filter(r -> r.checkId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " did not run: " + results));
  }
}
