package dev.tenken.printer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tenken.spi.PrintPortGuard;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PjlServiceProbeTest {
  private static final String UEL = PrintPortGuard.UEL;

  private final PjlServiceProbe probe = PjlServiceProbe.INSTANCE;

  @Test
  void namesTheServiceAndThePrintPortsAndSendsNothingOfItsOwn() {
    assertThat(probe.service()).isEqualTo("pjl");
    assertThat(probe.likelyPorts())
        .containsExactly(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999)
        .allSatisfy(p -> assertThat(PrintPortGuard.isPrintPort(p)).isTrue());
    assertThat(probe.request()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // HP LaserJet-style answer to INFO STATUS, ended by a form feed.
        "@PJL INFO STATUS\r\nCODE=10001\r\nDISPLAY=\"Ready\"\r\nONLINE=TRUE\r\n\f",
        "@PJL INFO STATUS\nCODE=10001\nDISPLAY=\"READY\"\nONLINE=TRUE\n\f",
        // Printers that frame the answer or start with line ends.
        UEL + "@PJL INFO STATUS\r\nCODE=10001\r\n" + UEL,
        "\r\n@PJL INFO STATUS\r\nCODE=40000\r\nDISPLAY=\"Sleep Mode\"\r\nONLINE=TRUE\r\n\f",
        "\u0000\f@PJL INFO ID\r\n\"HP LaserJet M507\"\r\n\f",
        // Unsolicited status after USTATUS was switched on.
        "@PJL USTATUS DEVICE\r\nCODE=10023\r\nDISPLAY=\"Printing\"\r\nONLINE=TRUE\r\n\f",
        "@PJL\r\n",
        "@PJL"
      })
  void recognisesPjlReplies(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isTrue();
    assertThat(probe.refine(reply.getBytes(ISO_8859_1))).isEqualTo("pjl");
  }

  @Test
  void doesNotMistakeRedisQuotingTheQueryForAPrinter() {
    byte[] redis =
        ("-ERR unknown command '" + UEL + "@PJL', with args beginning with: 'INFO' 'STATUS' \r\n")
            .getBytes(ISO_8859_1);
    assertThat(probe.recognises(redis)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n"
            + "<pre>\u001b%-12345X@PJL INFO STATUS</pre>",
        "HTTP/1.1 400 Bad Request\r\n\r\n@PJL INFO STATUS\r\n",
        "RTSP/1.0 400 Bad Request\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
        "+PONG\r\n",
        "-ERR unknown command '@PJL'\r\n",
        "@PJLX INFO\r\n",
        "@PJ",
        "@pjl info status\r\n",
        "PJL INFO STATUS\r\n",
        "x@PJL INFO STATUS\r\n",
        "\u001b%-12345@PJL INFO STATUS\r\n"
      })
  void rejectsOtherProtocolsAndNearMisses(String reply) {
    assertThat(probe.recognises(reply.getBytes(ISO_8859_1))).isFalse();
  }

  @Test
  void givesUpAfterALongRunOfFiller() {
    byte[] padded = ("\r\n".repeat(200) + "@PJL INFO STATUS\r\n").getBytes(ISO_8859_1);
    assertThat(probe.recognises(padded)).isFalse();
    byte[] uels = (UEL.repeat(100_000) + "@PJL INFO STATUS\r\n").getBytes(ISO_8859_1);
    assertThat(probe.recognises(uels)).isFalse();
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
    Arrays.fill(big, (byte) '\n');
    assertThat(probe.recognises(big)).isFalse();
  }
}
