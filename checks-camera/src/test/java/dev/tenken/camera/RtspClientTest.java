package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Endpoint;
import dev.tenken.Transport;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtspClientTest {
  private final RtspClient client =
      new RtspClient(
          null, // never reached: refused requests send nothing
          new Endpoint("cam", InetAddress.getLoopbackAddress(), 554, Transport.TCP, "rtsp"));

  @ParameterizedTest
  @ValueSource(strings = {"SETUP", "PLAY", "ANNOUNCE", "RECORD", "SET_PARAMETER", "TEARDOWN"})
  void refusesEveryMethodButOptionsAndDescribeBeforeSending(String method) {
    assertThatThrownBy(() -> client.send(method, "rtsp://127.0.0.1:554/live", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not allowed");
  }

  @Test
  void allowListIsOptionsAndDescribe() {
    assertThat(RtspClient.ALLOWED).containsExactlyInAnyOrder("OPTIONS", "DESCRIBE");
  }

  @Test
  void refusesHeaderInjection() {
    assertThatThrownBy(() -> client.send("DESCRIBE", "rtsp://x/\r\nSETUP x", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsAbsoluteUrls() {
    assertThat(client.url("/cam/realmonitor?channel=1&subtype=0"))
        .isEqualTo("rtsp://127.0.0.1:554/cam/realmonitor?channel=1&subtype=0");
    assertThat(client.url("live")).isEqualTo("rtsp://127.0.0.1:554/live");
  }

  @Test
  void vendorTableIsBoundedAndFindsVendors() {
    assertThat(RtspVendor.routes(java.util.List.of(), java.util.Optional.empty()))
        .hasSizeLessThanOrEqualTo(RtspVendor.MAX_ROUTES)
        .contains("/Streaming/Channels/101", "/axis-media/media.amp", "/");
    assertThat(RtspVendor.byServer("Dahua Rtsp Server")).map(RtspVendor::name).contains("Dahua");
    assertThat(RtspVendor.byServer("H264DVR 1.0")).map(RtspVendor::name).contains("XiongMai");
    assertThat(RtspVendor.byRealm("Hikvision")).map(RtspVendor::name).contains("Hikvision");
    assertThat(RtspVendor.byRealm("IP Camera")).isEmpty();
    assertThat(RtspVendor.VENDORS).allMatch(v -> v.defaults().size() <= 2);
  }
}
