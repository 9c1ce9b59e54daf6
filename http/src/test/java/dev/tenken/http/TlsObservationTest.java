package dev.tenken.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tenken.http.Scans.result;
import static dev.tenken.http.Scans.runner;
import static dev.tenken.http.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenken.CheckResult;
import dev.tenken.spi.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expired certificate whose subject alternative names cover 127.0.0.1, made with the JDK's
 * keytool, served by WireMock: TLS is observed, not enforced.
 */
class TlsObservationTest {

  @Test
  void anExpiredCertificateIsAcceptedAndObservedAsExpiredWithItsNameMatching(@TempDir Path dir)
      throws Exception {
    Path keystore = dir.resolve("device.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "device",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=camera.example.test, O=Tenken Test",
                    "-ext",
                    "san=ip:127.0.0.1,dns:*.example.test",
                    "-startdate",
                    "-30d",
                    "-validity",
                    "2",
                    "-keystore",
                    keystore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    "changeit",
                    "-keypass",
                    "changeit"))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    assertThat(Files.size(keystore)).isPositive();

    WireMockServer wm =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
    wm.start();
    try {
      wm.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("cam")));
      TestCheck check =
          TestCheck.of(
              "expired",
              (e, c) -> {
                try (HttpProbe probe = HttpProbe.of(c)) {
                  HttpReply reply = probe.get(e, "/");
                  TlsObservation t = reply.tls().orElseThrow();
                  Map<String, String> m = new LinkedHashMap<>();
                  m.put("body", reply.bodyText());
                  m.put("subject", t.subject());
                  m.put("selfSigned", String.valueOf(t.selfSigned()));
                  m.put("expired", String.valueOf(t.expired()));
                  m.put("nameMatches", String.valueOf(t.nameMatches()));
                  m.put("notAfter", t.notAfter().toString());
                  return Outcome.pass("read", m);
                }
              });

      CheckResult r = result(scan(runner(check), "https://127.0.0.1:" + wm.httpsPort()), "expired");

      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence())
          .containsEntry("body", "cam")
          .containsEntry("subject", "CN=camera.example.test,O=Tenken Test")
          .containsEntry("selfSigned", "true")
          .containsEntry("expired", "true")
          .containsEntry("nameMatches", "true");
      assertThat(Instant.parse(r.evidence().get("notAfter"))).isBefore(Instant.now());
    } finally {
      wm.stop();
    }
  }
}
