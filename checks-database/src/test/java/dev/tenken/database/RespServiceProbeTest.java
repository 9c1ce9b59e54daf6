package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tenken.spi.PrintPortGuard;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RespServiceProbeTest {
  /**
   * What redis-server 7.0.15 (Debian 12) answers to {@link PrintPortGuard#STATUS_QUERY}, byte for
   * byte, with and without {@code requirepass}; it then keeps the connection open, waiting for the
   * end of the trailing UEL's line.
   */
  static final byte[] REDIS_REPLY_TO_PJL_QUERY =
      ("-ERR unknown command '\u001b%-12345X@PJL', with args beginning with: 'INFO' 'STATUS' \r\n")
          .getBytes(ISO_8859_1);

  private final RespServiceProbe probe = RespServiceProbe.INSTANCE;

  @Test
  void namesTheServiceAndItsPorts() {
    assertThat(probe.service()).isEqualTo("redis");
    assertThat(probe.likelyPorts()).containsExactly(6379, 6380, 26379);
  }

  @Test
  void requestIsAnInlinePingAndACopyEachTime() {
    byte[] request = probe.request().orElseThrow();
    assertThat(new String(request, ISO_8859_1)).isEqualTo("PING\r\n");
    request[0] = 'X';
    assertThat(probe.request().orElseThrow()).isEqualTo("PING\r\n".getBytes(ISO_8859_1));
  }

  @Test
  void recognisesWhatRedisAnswersToThePjlStatusQuery() {
    assertThat(REDIS_REPLY_TO_PJL_QUERY).hasSize(82);
    assertThat(probe.recognises(REDIS_REPLY_TO_PJL_QUERY)).isTrue();
    assertThat(probe.refine(REDIS_REPLY_TO_PJL_QUERY)).isEqualTo("redis");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+PONG\r\n",
        "-NOAUTH Authentication required.\r\n",
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "-ERR unknown command 'OPTIONS', with args beginning with: '*' 'RTSP/1.0' \r\n"
            + "-ERR unknown command 'CSeq:', with args beginning with: '1' \r\n",
        "-ERR wrong number of arguments for 'get' command\r\n",
        "-ERR Protocol error: unbalanced quotes in request\r\n",
        "-ERR Protocol error: too big inline request\r\n",
        "-NOPERM User default has no permissions to run the 'ping' command\r\n",
        "-LOADING Redis is loading the dataset in memory\r\n",
        "-MISCONF Errors writing to the AOF file: No space left on device\r\n",
        "-ERR\r\n"
      })
  void recognisesRespReplies(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isTrue();
  }

  @Test
  void recognisesTheLongProtectedModeDenial() {
    String denied =
        "-DENIED Redis is running in protected mode because protected mode is enabled and no"
            + " password is set for the default user. "
            + "In this mode connections are only accepted from the loopback interface. ".repeat(14)
            + "\r\n";
    assertThat(denied.length()).isGreaterThan(1_000);
    assertThat(probe.recognises(denied.getBytes(ISO_8859_1))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nServer: Apache\r\n\r\n+PONG\r\n",
        "RTSP/1.0 400 Bad Request\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
        "@PJL INFO STATUS\r\nCODE=10001\r\n",
        "+OK\r\n",
        "+PONG",
        "+PONG\n",
        "+PONGS\r\n",
        "+pong\r\n",
        "-ERR unknown command",
        "-ERR unknown command\n",
        "-err unknown command\r\n",
        "-E\r\n",
        "-\r\n",
        "- ERR\r\n",
        "--ERR\r\n",
        "-ERR:\r\n",
        "-ERR\n\r\n",
        "-1 0\r\n",
        ":1\r\n",
        "$4\r\nPONG\r\n",
        "-",
        "Hello -ERR x\r\n"
      })
  void rejectsOtherProtocolsAndNearMisses(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isFalse();
  }

  @Test
  void rejectsAnErrorLineWithoutEndWithinTheLimit() {
    byte[] endless = new byte[RespServiceProbe.MAX_LINE + 100];
    Arrays.fill(endless, (byte) 'x');
    System.arraycopy("-ERR ".getBytes(ISO_8859_1), 0, endless, 0, 5);
    endless[endless.length - 2] = '\r';
    endless[endless.length - 1] = '\n';
    assertThat(probe.recognises(endless)).isFalse();
  }

  @Test
  void rejectsEmptyAndRandomBytesWithoutThrowing() {
    assertThat(probe.recognises(new byte[0])).isFalse();
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      assertThatCode(() -> probe.recognises(garbage)).doesNotThrowAnyException();
      byte[] dashed = new byte[1 + garbage.length];
      dashed[0] = '-';
      System.arraycopy(garbage, 0, dashed, 1, garbage.length);
      assertThatCode(() -> probe.recognises(dashed)).doesNotThrowAnyException();
    }
    byte[] big = new byte[1 << 20];
    random.nextBytes(big);
    big[0] = 'X';
    assertThat(probe.recognises(big)).isFalse();
    Arrays.fill(big, (byte) 'A');
    big[0] = '-';
    assertThat(probe.recognises(big)).isFalse();
  }
}
