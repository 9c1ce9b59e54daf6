package dev.tenken.test.sim;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RtspCameraSimulatorTest {

  static String ask(RtspCameraSimulator sim, String method, String route, String auth)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(3000);
      String req =
          method
              + " rtsp://127.0.0.1:"
              + sim.port()
              + route
              + " RTSP/1.0\r\nCSeq: 7\r\n"
              + (auth == null ? "" : "Authorization: " + auth + "\r\n")
              + "\r\n";
      s.getOutputStream().write(req.getBytes(ISO_8859_1));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), ISO_8859_1);
    }
  }

  @Test
  void basicCameraCountsFailedLoginsAndLocksOut() throws Exception {
    try (RtspCameraSimulator sim =
        RtspCameraSimulator.builder()
            .auth(RtspCameraSimulator.Auth.BASIC)
            .credentials("admin", "secret")
            .lockAfter(2)
            .server("Dahua Rtsp Server")
            .start()) {
      assertThat(ask(sim, "OPTIONS", "/", null))
          .startsWith("RTSP/1.0 200 OK\r\nCSeq: 7\r\nServer: Dahua Rtsp Server");
      assertThat(ask(sim, "DESCRIBE", "/nope", null)).startsWith("RTSP/1.0 404");
      assertThat(ask(sim, "DESCRIBE", "/live", null))
          .startsWith("RTSP/1.0 401")
          .contains("WWW-Authenticate: Basic realm=\"IP Camera\"");
      String good = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes());
      assertThat(ask(sim, "DESCRIBE", "/live", good))
          .startsWith("RTSP/1.0 200")
          .contains("application/sdp", "m=video 0 RTP/AVP 96");
      String bad = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes());
      ask(sim, "DESCRIBE", "/live", bad);
      assertThat(sim.lockedOut()).isFalse();
      ask(sim, "DESCRIBE", "/live", bad);
      assertThat(sim.failedLogins()).isEqualTo(2);
      assertThat(sim.lockedOut()).isTrue();
      assertThat(ask(sim, "DESCRIBE", "/live", good)).startsWith("RTSP/1.0 403");
      assertThat(ask(sim, "SETUP", "/live", good)).startsWith("RTSP/1.0 405");
      assertThat(sim.requests("SETUP")).isEqualTo(1);
      assertThat(sim.requests("DESCRIBE")).isEqualTo(6);
    }
  }

  @Test
  void catchAllAnswersAnyRoute() throws Exception {
    try (RtspCameraSimulator sim = RtspCameraSimulator.builder().catchAll().start()) {
      assertThat(ask(sim, "DESCRIBE", "/anything/at/all", "Basic eDp5")).contains("m=video");
      assertThat(sim.target()).isEqualTo("rtsp://127.0.0.1:" + sim.port());
    }
  }
}
