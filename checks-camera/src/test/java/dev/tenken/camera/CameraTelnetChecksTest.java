package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The camera telnet check: passive, on the shared telnet banner read. */
class CameraTelnetChecksTest {

  /** A Dahua-style DVR console: negotiation, then a BusyBox login prompt. */
  static byte[] dvrBanner() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfd, 0x18, (byte) 0xff, (byte) 0xfb, 0x01});
    b.writeBytes("\r\nDVR-LINUX login: ".getBytes(StandardCharsets.ISO_8859_1));
    return b.toByteArray();
  }

  @Test
  void exposedContractAndNothingIsSent() throws Exception {
    try (RecordingServer dvr = RecordingServer.builder().banner(dvrBanner()).start();
        RecordingServer refusing = RecordingServer.builder().closeAfterBanner().start()) {
      CheckContract.of(CameraTelnetExposed.INSTANCE)
          .vulnerable(dvr.target("telnet"))
          .hardened(refusing.target("telnet"))
          .verify();
      assertThat(dvr.connections()).isPositive();
      for (RecordingServer.Connection c : dvr.connectionList()) {
        assertThat(c.receivedCount()).as("bytes sent to telnet").isZero();
      }
      CheckResult r =
          DiscoveryChecksTest.only(
              DiscoveryChecksTest.scan(CameraTelnetExposed.INSTANCE, dvr.target("telnet")));
      assertThat(r.findings().get(0).evidence())
          .containsEntry("banner", "telnet option negotiation (DO TERMINAL-TYPE, WILL ECHO)")
          .containsEntry("text", "DVR-LINUX login:");
    }
  }

  @Test
  void busyBoxPromptIsAFailAndOtherBannersAreSkipped() throws Exception {
    try (RecordingServer xm = RecordingServer.withBanner("\r\nLocalHost login: ");
        RecordingServer shell =
            RecordingServer.withBanner("\r\n\r\nBusyBox v1.20.2 built-in shell (ash)\r\n");
        RecordingServer ssh = RecordingServer.withBanner("SSH-2.0-dropbear_2014.63\r\n")) {
      assertThat(scan(xm)).isEqualTo(CheckResult.Status.FAIL);
      assertThat(scan(shell)).isEqualTo(CheckResult.Status.FAIL);
      assertThat(scan(ssh)).isEqualTo(CheckResult.Status.SKIP);
    }
  }

  private static CheckResult.Status scan(RecordingServer s) throws Exception {
    return DiscoveryChecksTest.only(
            DiscoveryChecksTest.scan(CameraTelnetExposed.INSTANCE, s.target("telnet")))
        .status();
  }

  @Test
  void aHugeBinaryBannerIsReadBounded() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024];
    new Random(5).nextBytes(big);
    big[0] = (byte) 0xff;
    big[1] = (byte) 0xfb;
    try (RecordingServer s = RecordingServer.builder().banner(big).start()) {
      CheckResult r =
          DiscoveryChecksTest.only(
              DiscoveryChecksTest.scan(CameraTelnetExposed.INSTANCE, s.target("telnet")));
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence().get("text")).hasSizeLessThanOrEqualTo(123);
    }
  }

  @Test
  void probeRecognisesNegotiationOnPorts23And2323() {
    CameraTelnetServiceProbe p = CameraTelnetServiceProbe.INSTANCE;
    assertThat(p.service()).isEqualTo("telnet");
    assertThat(p.likelyPorts()).containsExactly(23, 2323);
    assertThat(p.request()).isEmpty();
    assertThat(p.recognises(dvrBanner())).isTrue();
    assertThat(p.recognises("login: ".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }
}
