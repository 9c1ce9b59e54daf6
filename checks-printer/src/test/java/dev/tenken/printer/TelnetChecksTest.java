package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The telnet check: passive, against a JetDirect-style console and a refusing service. */
class TelnetChecksTest {

  /** HP JetDirect telnet: negotiation, then the console banner and prompt. */
  static byte[] jetDirectBanner() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfb, 0x01, (byte) 0xff, (byte) 0xfb, 0x03});
    b.writeBytes(
        ("\r\nHP JetDirect\r\n\r\nPassword is not set\r\n\r\n"
                + "Please type \"menu\" for the MENU system,\r\nor \"?\" for help, or \"/\" for"
                + " current settings.\r\n> ")
            .getBytes(StandardCharsets.ISO_8859_1));
    return b.toByteArray();
  }

  @Test
  void exposedContractAndNothingIsSent() throws Exception {
    try (RecordingServer console = RecordingServer.builder().banner(jetDirectBanner()).start();
        RecordingServer refusing = RecordingServer.builder().closeAfterBanner().start()) {
      CheckContract.of(new TelnetExposed())
          .vulnerable(console.target("telnet"))
          .hardened(refusing.target("telnet"))
          .verify();
      assertThat(console.connections()).isPositive();
      for (RecordingServer.Connection c : console.connectionList()) {
        assertThat(c.receivedCount()).as("bytes sent to telnet").isZero();
      }
      var r = FtpChecksTest.scanOne(new TelnetExposed(), console.target("telnet"));
      assertThat(r.findings().get(0).evidence().get("banner"))
          .isEqualTo("telnet option negotiation (WILL ECHO, WILL SUPPRESS-GO-AHEAD)");
      assertThat(r.findings().get(0).evidence().get("text")).contains("HP JetDirect");
    }
  }

  @Test
  void promptWithoutNegotiationIsAFailAndOtherBannersAreSkipped() throws Exception {
    try (RecordingServer prompt = RecordingServer.withBanner("\r\nRICOH login: ");
        RecordingServer ssh = RecordingServer.withBanner("SSH-2.0-OpenSSH_9.2\r\n")) {
      assertThat(FtpChecksTest.scanOne(new TelnetExposed(), prompt.target("telnet")).status())
          .isEqualTo(CheckResult.Status.FAIL);
      assertThat(FtpChecksTest.scanOne(new TelnetExposed(), ssh.target("telnet")).status())
          .isEqualTo(CheckResult.Status.SKIP);
    }
  }

  @Test
  void aHugeOrBinaryBannerIsReadBoundedAndNeverThrows() throws Exception {
    byte[] big = new byte[5 * 1024 * 1024];
    new Random(3).nextBytes(big);
    big[0] = (byte) 0xff;
    big[1] = (byte) 0xfd;
    try (RecordingServer s = RecordingServer.builder().banner(big).start()) {
      CheckResult r = FtpChecksTest.scanOne(new TelnetExposed(), s.target("telnet"));
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence().get("text")).hasSizeLessThanOrEqualTo(123);
    }
  }

  @Test
  void probeRecognisesNegotiationOnly() {
    TelnetServiceProbe p = TelnetServiceProbe.INSTANCE;
    assertThat(p.service()).isEqualTo("telnet");
    assertThat(p.likelyPorts()).containsExactly(23);
    assertThat(p.request()).isEmpty();
    assertThat(p.recognises(jetDirectBanner())).isTrue();
    assertThat(p.recognises(new byte[] {(byte) 0xff, (byte) 0xfa, 0x18})).isTrue();
    assertThat(p.recognises(new byte[] {(byte) 0xff, (byte) 0xfb})).isFalse();
    assertThat(p.recognises(new byte[] {(byte) 0xff, (byte) 0xf1, 0x01})).isFalse();
    assertThat(p.recognises("login: ".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(p.recognises(new byte[0])).isFalse();
  }
}
