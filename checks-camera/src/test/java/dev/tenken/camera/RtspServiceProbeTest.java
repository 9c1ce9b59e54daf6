package dev.tenken.camera;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tenken.spi.PrintPortGuard;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtspServiceProbeTest {
  private final RtspServiceProbe probe = RtspServiceProbe.INSTANCE;

  @Test
  void namesTheServiceAndItsPorts() {
    assertThat(probe.service()).isEqualTo("rtsp");
    assertThat(probe.likelyPorts()).containsExactly(554, 8554, 10554);
  }

  @Test
  void requestIsOptionsStarAndACopyEachTime() {
    byte[] request = probe.request().orElseThrow();
    assertThat(new String(request, ISO_8859_1))
        .isEqualTo("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Tenken\r\n\r\n");
    request[0] = 'X';
    assertThat(probe.request().orElseThrow()[0]).isEqualTo((byte) 'O');
    assertThat(PrintPortGuard.isAllowed(probe.request().orElseThrow())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Answer to OPTIONS (live555, Hikvision-like).
        "RTSP/1.0 200 OK\r\nCSeq: 1\r\nDate: Mon, Jan 04 2016 09:00:00 GMT\r\n"
            + "Public: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER,"
            + " SET_PARAMETER\r\n\r\n",
        // Camera that wants credentials even for OPTIONS.
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n"
            + "WWW-Authenticate: Digest realm=\"IP Camera\", nonce=\"a1b2c3\"\r\n\r\n",
        // Answer to the PJL status query, which no RTSP server can parse.
        "RTSP/1.0 400 Bad Request\r\nServer: GStreamer RTSP server\r\n\r\n",
        "RTSP/2.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n",
        "RTSP/1.0 551 Option not supported\r\nCSeq: 1\r\n\r\n",
        "RTSP/1.0 200"
      })
  void recognisesRtspReplies(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.refine(reply.getBytes(ISO_8859_1))).isEqualTo("rtsp");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.0 400 Bad Request\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
        "-ERR unknown command 'OPTIONS', with args beginning with: '*' 'RTSP/1.0' \r\n",
        "@PJL INFO STATUS\r\nCODE=10001\r\n",
        "RTSP/1.0",
        "RTSP/1.0 ",
        "RTSP/1.0 20",
        "RTSP/1.1 200 OK\r\n",
        "RTSP/3.0 200 OK\r\n",
        "rtsp/1.0 200 OK\r\n",
        " RTSP/1.0 200 OK\r\n",
        "RTSP/1.0 OK 200\r\n",
        "RTSP/1.0  200 OK\r\n",
        "<html>RTSP/1.0 200 OK</html>",
        "R"
      })
  void rejectsOtherProtocolsAndNearMisses(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isFalse();
  }

  @Test
  void rejectsEmptyAndRandomBytesWithoutThrowing() {
    assertThat(probe.recognises(new byte[0])).isFalse();
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      assertThatCode(() -> probe.recognises(garbage)).doesNotThrowAnyException();
    }
    byte[] big = new byte[1 << 20];
    random.nextBytes(big);
    big[0] = 'X';
    assertThat(probe.recognises(big)).isFalse();
  }
}
