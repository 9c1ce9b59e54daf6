package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The discovery simulator answers only well-formed requests, and counts them. */
class DiscoverySimulatorTest {

  private static final String SEARCH =
      "M-SEARCH * HTTP/1.1\r\nHOST: 127.0.0.1:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
          + "ST: %s\r\n\r\n";

  private static String exchange(int port, String request) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(1500);
      byte[] b = request.getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(b, b.length, Loopback.address(), port));
      DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
      s.receive(p);
      return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void ssdpAnswersMatchingSearchesOnly() throws Exception {
    try (DiscoverySimulator router = DiscoverySimulator.start(DiscoverySimulator.Variant.ROUTER)) {
      String reply =
          exchange(
              router.ssdpPort(),
              String.format(SEARCH, "urn:schemas-upnp-org:device:InternetGatewayDevice:1"));
      assertThat(reply)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("LOCATION: http://127.0.0.1:" + router.httpPort() + "/description.xml");
      assertThatThrownBy(
              () -> exchange(router.ssdpPort(), String.format(SEARCH, "urn:other:device:X:1")))
          .isInstanceOf(SocketTimeoutException.class);
      assertThatThrownBy(() -> exchange(router.ssdpPort(), "GET / HTTP/1.1\r\n\r\n"))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(router.searches()).isEqualTo(2);
      assertThat(router.datagrams()).isEqualTo(3);
      assertThat(router.description()).contains("WANIPConnection");
    }
  }

  @Test
  void wsDiscoveryIgnoresWhatIsNotAProbeAndSilentIsSilent() throws Exception {
    try (DiscoverySimulator cam = DiscoverySimulator.start(DiscoverySimulator.Variant.CAMERA);
        DiscoverySimulator silent = DiscoverySimulator.start(DiscoverySimulator.Variant.SILENT)) {
      assertThatThrownBy(() -> exchange(cam.wsDiscoveryPort(), "<Envelope/>"))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(cam.probes()).isZero();
      assertThatThrownBy(() -> exchange(silent.ssdpPort(), String.format(SEARCH, "ssdp:all")))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(silent.searches()).isEqualTo(1);
    }
  }
}
