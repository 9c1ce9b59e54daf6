package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.test.sim.OnvifDeviceSimulator.Variant;
import dev.tenken.test.sim.OnvifDeviceSimulator.Vendor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The ONVIF simulator answers by the operation in the Body, per variant, and counts requests. */
class OnvifDeviceSimulatorTest {
  static final String S12 = "http://www.w3.org/2003/05/soap-envelope";

  static String request(String prefix, String operation, String ns) {
    return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\""
        + S12
        + "\" xmlns:"
        + prefix
        + "=\""
        + ns
        + "\"><s:Body>\n  <"
        + prefix
        + ":"
        + operation
        + "/></s:Body></s:Envelope>";
  }

  static HttpResponse<String> post(OnvifDeviceSimulator sim, String path, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(sim.target() + path))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
  static final String TRT = "http://www.onvif.org/ver10/media/wsdl";

  @Test
  void answersByOperationWhateverThePrefixAndRefusesPerVariant() throws Exception {
    try (OnvifDeviceSimulator sim =
        OnvifDeviceSimulator.start(Vendor.HIKVISION, Variant.DEVICE_INFO_OPEN)) {
      HttpResponse<String> time =
          post(sim, "/onvif/device_service", request("tds", "GetSystemDateAndTime", TDS));
      assertThat(time.statusCode()).isEqualTo(200);
      assertThat(time.body()).contains("<tds:GetSystemDateAndTimeResponse>");
      HttpResponse<String> info =
          post(sim, "/onvif/device_service", request("d", "GetDeviceInformation", TDS));
      assertThat(info.body()).contains("<tds:Manufacturer>HIKVISION</tds:Manufacturer>");
      HttpResponse<String> profiles = post(sim, "/onvif/Media", request("trt", "GetProfiles", TRT));
      assertThat(profiles.statusCode()).isEqualTo(400);
      assertThat(profiles.body()).contains("ter:NotAuthorized");
      HttpResponse<String> other =
          post(sim, "/onvif/device_service", request("tds", "SystemReboot", TDS));
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(sim.operations())
          .containsExactly(
              "GetSystemDateAndTime", "GetDeviceInformation", "GetProfiles", "SystemReboot");
      assertThat(sim.requests("GetProfiles")).isEqualTo(1);
      assertThat(sim.requests()).isEqualTo(4);
      assertThat(sim.authenticatedRequests()).isZero();
    }
  }

  @Test
  void securedWithHttpAuthAsksForDigest() throws Exception {
    try (OnvifDeviceSimulator sim =
        OnvifDeviceSimulator.start(Vendor.GENERIC_IPC, Variant.SECURED_HTTP_AUTH)) {
      HttpResponse<String> info =
          post(sim, "/onvif/device_service", request("tds", "GetDeviceInformation", TDS));
      assertThat(info.statusCode()).isEqualTo(401);
      assertThat(info.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Digest ");
    }
  }

  @Test
  void overridesAndCatchAlls() throws Exception {
    try (OnvifDeviceSimulator sim = OnvifDeviceSimulator.start(Vendor.GENERIC_IPC, Variant.OPEN)) {
      sim.reply("GetSystemDateAndTime", 200, "application/soap+xml", "GARBAGE");
      assertThat(
              post(sim, "/onvif/device_service", request("tds", "GetSystemDateAndTime", TDS))
                  .body())
          .isEqualTo("GARBAGE");
      assertThatThrownBy(() -> sim.reply("SystemReboot", 200, "text/plain", "x"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    try (OnvifDeviceSimulator web = OnvifDeviceSimulator.webCatchAll()) {
      assertThat(post(web, "/anything", "x").body()).contains("It works!");
    }
  }
}
