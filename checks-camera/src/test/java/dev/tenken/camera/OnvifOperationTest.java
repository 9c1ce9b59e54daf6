package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The allow-list of ONVIF operations, their envelopes, and masking of stream URIs. */
class OnvifOperationTest {

  @Test
  void onlyTheFiveReadOnlyOperationsAreAllowed() {
    assertThat(OnvifOperation.named("GetDeviceInformation"))
        .isEqualTo(OnvifOperation.GET_DEVICE_INFORMATION);
    for (String op :
        new String[] {
          "SetSystemDateAndTime",
          "SystemReboot",
          "CreateUsers",
          "SetUser",
          "GetUsers",
          "SetSystemFactoryDefault",
          "getdeviceinformation",
          ""
        }) {
      assertThatThrownBy(() -> OnvifOperation.named(op))
          .as(op)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allow-list");
    }
  }

  @Test
  void envelopesAreSoap12WithoutWsSecurityAndReadBackAsTheOperation() throws Exception {
    for (OnvifOperation op : OnvifOperation.values()) {
      byte[] body =
          op == OnvifOperation.GET_STREAM_URI
              ? OnvifOperation.streamUri("Profile_1")
              : op.envelope();
      String text = new String(body, StandardCharsets.UTF_8);
      assertThat(text).doesNotContain("Security").doesNotContain("UsernameToken");
      SoapXml.Envelope e = SoapXml.envelope(body).orElseThrow();
      assertThat(e.namespace()).isEqualTo(SoapXml.SOAP12);
      assertThat(e.content().name()).isEqualTo(op.operation());
      assertThat(e.content().namespace()).isEqualTo(op.namespace());
      assertThat(op.contentType())
          .isEqualTo("application/soap+xml; charset=utf-8; action=\"" + op.action() + "\"");
    }
    SoapXml.Envelope s = SoapXml.envelope(OnvifOperation.streamUri("000")).orElseThrow();
    assertThat(s.content().text("Stream")).contains("RTP-Unicast");
    assertThat(s.content().text("Protocol")).contains("RTSP");
    assertThat(s.content().text("ProfileToken")).contains("000");
  }

  @Test
  void aDevicesProfileTokenIsSentBackOnlyWhenPlain() {
    for (String bad :
        new String[] {"", "a<b", "x\"/><tds:SystemReboot/>", "a b", "t".repeat(65), "&amp;"}) {
      assertThatThrownBy(() -> OnvifOperation.streamUri(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(OnvifOperation.GET_STREAM_URI::envelope)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deviceOperationsGoOnlyToTheDevicePath() {
    // No traffic: the client refuses before sending; HttpProbe is never reached.
    assertThat(OnvifClient.servicePath("http://192.0.2.10/onvif/Media")).contains("/onvif/Media");
    assertThat(OnvifClient.servicePath("http://192.0.2.10/onvif/../x?y")).isEmpty();
    assertThat(OnvifClient.servicePath("not a uri")).isEmpty();
  }

  @Test
  void streamUriPasswordsAreMasked() {
    assertThat(OnvifClient.maskUri("rtsp://admin:s3cret-pass@192.0.2.1:554/Streaming/101"))
        .isEqualTo("rtsp://admin:****@192.0.2.1:554/Streaming/101");
    assertThat(OnvifClient.maskUri("rtsp://admin@192.0.2.1/live"))
        .isEqualTo("rtsp://admin@192.0.2.1/live");
    assertThat(
            OnvifClient.maskUri(
                "rtsp://192.0.2.1:554/user=admin_password=tlJwpbo6_channel=1_stream=0.sdp"))
        .isEqualTo("rtsp://192.0.2.1:554/user=admin_password=****_channel=1_stream=0.sdp");
    assertThat(OnvifClient.maskUri("rtsp://192.0.2.1/live?user=a&pwd=hunter22&ch=1"))
        .isEqualTo("rtsp://192.0.2.1/live?user=a&pwd=****&ch=1");
  }
}
