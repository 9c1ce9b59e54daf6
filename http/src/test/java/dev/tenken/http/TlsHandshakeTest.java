package dev.tenken.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tenken.http.Scans.result;
import static dev.tenken.http.Scans.runner;
import static dev.tenken.http.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenken.CheckResult;
import dev.tenken.spi.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TlsHandshake} tells a TLS port from a plaintext one, through the runner's sockets. */
class TlsHandshakeTest {
  private static final TestCheck HANDSHAKE =
      TestCheck.of(
          "handshake",
          (e, c) -> {
            TlsObservation t = TlsHandshake.observe(c, e);
            return Outcome.pass(
                "tls",
                Map.of("protocol", t.protocol(), "selfSigned", String.valueOf(t.selfSigned())));
          });

  @Test
  void aSelfSignedTlsPortIsObservedAndAPlaintextPortIsNot() throws Exception {
    WireMockServer wm =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
    wm.start();
    try {
      CheckResult tls =
          result(scan(runner(HANDSHAKE), "https://127.0.0.1:" + wm.httpsPort()), "handshake");
      CheckResult plain =
          result(scan(runner(HANDSHAKE), "https://127.0.0.1:" + wm.port()), "handshake");

      assertThat(tls.status()).as(tls.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(tls.evidence()).containsEntry("selfSigned", "true");
      assertThat(tls.evidence().get("protocol")).startsWith("TLS");
      assertThat(plain.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(plain.detail()).containsIgnoringCase("SSL");
    } finally {
      wm.stop();
    }
  }
}
