package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemcachedServiceProbeTest {
  /** What memcached 1.6.18 (Debian 12) answers to the PJL status query; it keeps the connection. */
  static final String REPLY_TO_PJL = "ERROR\r\n";

  /** The same with ASCII authentication ({@code -Y}). */
  static final String REPLY_TO_PJL_AUTH = "CLIENT_ERROR unauthenticated\r\n";

  /** memcached 1.6.18's answer to a binary VERSION request: header plus "1.6.18". */
  static final byte[] BINARY_VERSION =
      HexFormat.of().parseHex("810b000000000000000000060000000000000000000000003" + "12e362e3138");

  private final MemcachedServiceProbe probe = MemcachedServiceProbe.INSTANCE;

  @Test
  void namesServicePortsAndABinaryVersionRequest() {
    assertThat(probe.service()).isEqualTo("memcached");
    assertThat(probe.likelyPorts()).containsExactly(11211);
    byte[] r = probe.request().orElseThrow();
    assertThat(r).hasSize(24);
    assertThat(r[0] & 0xff).isEqualTo(0x80);
    assertThat(r[1] & 0xff).isEqualTo(0x0b);
    r[1] = 0x01;
    assertThat(probe.request().orElseThrow()[1]).isEqualTo((byte) 0x0b);
  }

  @Test
  void recognisesMemcachedAnswers() {
    assertThat(probe.recognises(REPLY_TO_PJL.getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.recognises((REPLY_TO_PJL + REPLY_TO_PJL).getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.recognises(REPLY_TO_PJL_AUTH.getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.recognises("VERSION 1.6.18\r\n".getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.recognises(BINARY_VERSION)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\r\nERROR\r\n",
        "ERROR",
        "ERRORS\r\n",
        "ERROR\r\nOK\r\n",
        "-ERR unknown command\r\n",
        "+PONG\r\n",
        "HTTP/1.1 400 Bad Request\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2\r\n",
        "VERSION \r\n",
        "VERSION 1.6.18",
        "CLIENT_ERROR bad command line format\r\n"
      })
  void rejectsOtherReplies(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isFalse();
  }

  @Test
  void rejectsBinaryResponsesThatAreNotVersion() {
    byte[] stat = BINARY_VERSION.clone();
    stat[1] = 0x10;
    assertThat(probe.recognises(stat)).isFalse();
    byte[] huge = BINARY_VERSION.clone();
    huge[8] = 0x7f;
    assertThat(probe.recognises(huge)).isFalse();
    assertThat(probe.recognises(new byte[] {(byte) 0x81, 0x0b})).isFalse();
  }
}
