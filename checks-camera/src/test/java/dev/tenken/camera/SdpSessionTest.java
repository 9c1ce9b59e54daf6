package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.ProtocolException;
import org.junit.jupiter.api.Test;

class SdpSessionTest {

  @Test
  void readsNameMediaAndCodecs() throws Exception {
    SdpSession s =
        SdpSession.parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=Media Presentation\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n"
                + "m=audio 0 RTP/AVP 8\r\na=control:trackID=2\r\n"
                + "m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\n");
    assertThat(s.name()).isEqualTo("Media Presentation");
    assertThat(s.hasVideo()).isTrue();
    assertThat(s.describeMedia())
        .isEqualTo(
            "video H264 (RTP/AVP), audio PCMA (RTP/AVP), application vnd.onvif.metadata (RTP/AVP)");
  }

  @Test
  void staticJpegPayloadAndLfOnly() throws Exception {
    SdpSession s =
        SdpSession.parse("v=0\ns=Session streamed with GStreamer\nm=video 0 RTP/AVP 26\n");
    assertThat(s.media()).containsExactly(new SdpSession.Media("video", "RTP/AVP", "JPEG"));
  }

  @Test
  void audioOnlyHasNoVideo() throws Exception {
    assertThat(SdpSession.parse("v=0\r\nm=audio 0 RTP/AVP 0\r\n").hasVideo()).isFalse();
    assertThat(SdpSession.parse("v=0\r\ns=x\r\n").describeMedia()).isEqualTo("no media sections");
  }

  @Test
  void refusesWhatIsNotSdp() {
    assertThatThrownBy(() -> SdpSession.parse("<html>hi</html>"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("does not start with v=0");
    assertThatThrownBy(() -> SdpSession.parse("v=0\r\nthis is not sdp\r\n"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void boundedOnHugeInput() throws Exception {
    StringBuilder b = new StringBuilder("v=0\r\n");
    for (int i = 0; i < 10_000; i++) {
      b.append("m=video 0 RTP/AVP 96\r\n");
    }
    assertThat(SdpSession.parse(b.toString()).media()).hasSize(SdpSession.MAX_MEDIA);
  }
}
