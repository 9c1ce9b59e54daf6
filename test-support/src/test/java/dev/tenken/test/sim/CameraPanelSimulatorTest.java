package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.test.sim.CameraPanelSimulator.Variant;
import dev.tenken.test.sim.CameraPanelSimulator.Vendor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CameraPanelSimulatorTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(CameraPanelSimulator s, String path, String auth)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.target() + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicDefaultIsAcceptedAndAWrongOneCounted() throws Exception {
    try (CameraPanelSimulator s =
        CameraPanelSimulator.start(Vendor.SONY, Variant.DEFAULT_PASSWORD)) {
      String inq = "/command/inquiry.cgi?inq=system";
      HttpResponse<String> none = get(s, inq, null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .contains("Basic realm=\"Sony Network Camera SNC-EB600\"");
      assertThat(get(s, inq, basic("admin", "wrong")).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(s, inq, basic("admin", "admin"));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("ModelName=SNC-EB600");
      assertThat(s.loginAttempts()).isEqualTo(2);
      assertThat(s.failedLogins()).isEqualTo(1);
    }
  }

  @Test
  void digestDevicesChallengeWithANonceAndRefuseBasic() throws Exception {
    try (CameraPanelSimulator s =
        CameraPanelSimulator.start(Vendor.HIKVISION, Variant.DEFAULT_PASSWORD)) {
      HttpResponse<String> none = get(s, "/ISAPI/Security/userCheck", null);
      assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Digest realm=\"IP Camera(E1234)\", qop=\"auth\", nonce=\"");
      assertThat(get(s, "/ISAPI/Security/userCheck", basic("admin", "12345")).statusCode())
          .isEqualTo(401);
      assertThat(s.failedLogins()).isEqualTo(1);
    }
  }

  @Test
  void lockedLocksAfterThreeFailuresEvenForTheRightPassword() throws Exception {
    try (CameraPanelSimulator s = CameraPanelSimulator.start(Vendor.DLINK, Variant.LOCKED)) {
      for (int i = 0; i < 3; i++) {
        assertThat(get(s, "/", basic("admin", "x" + i)).statusCode()).isEqualTo(401);
      }
      assertThat(s.lockedOut()).isTrue();
      assertThat(get(s, "/", basic("admin", CameraPanelSimulator.STRONG_PASSWORD)).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void httpsRedirectHoneypotAndPlainSite() throws Exception {
    try (CameraPanelSimulator s = CameraPanelSimulator.start(Vendor.AXIS, Variant.HTTPS_REDIRECT);
        CameraPanelSimulator pot = CameraPanelSimulator.honeypot();
        CameraPanelSimulator plain = CameraPanelSimulator.plainSite()) {
      HttpResponse<String> r = get(s, "/view/viewer_index.shtml", null);
      assertThat(r.statusCode()).isEqualTo(301);
      assertThat(r.headers().firstValue("Location"))
          .contains("https://127.0.0.1/view/viewer_index.shtml");
      assertThat(get(pot, "/anything", basic("x", "y")).body()).contains("Live view - AXIS");
      assertThat(get(plain, "/", null).body()).doesNotContain("Camera");
      assertThat(get(plain, "/x", null).statusCode()).isEqualTo(404);
    }
  }
}
