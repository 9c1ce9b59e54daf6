package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Transport;
import dev.tenken.test.sim.DiscoverySimulator;
import dev.tenken.test.sim.DiscoverySimulator.Variant;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The UDP service probes: their requests are answered by the simulator, their replies recognised.
 */
class DiscoveryServiceProbesTest {

  static byte[] exchange(int port, byte[] request) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(3000);
      InetAddress lo = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      s.send(new DatagramPacket(request, request.length, lo, port));
      DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
      s.receive(p);
      return java.util.Arrays.copyOf(p.getData(), p.getLength());
    }
  }

  @Test
  void wsDiscoveryProbe() throws Exception {
    WsDiscoveryServiceProbe p = WsDiscoveryServiceProbe.INSTANCE;
    assertThat(p.transport()).isEqualTo(Transport.UDP);
    assertThat(p.likelyPorts()).containsExactly(3702);
    assertThat(new String(p.request().orElseThrow(), StandardCharsets.UTF_8))
        .containsPattern("<wsa:MessageID>urn:uuid:[0-9a-f-]{36}</wsa:MessageID>")
        .isNotEqualTo(new String(p.request().orElseThrow(), StandardCharsets.UTF_8));
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA)) {
      byte[] reply = exchange(cam.wsDiscoveryPort(), p.request().orElseThrow());
      assertThat(p.recognises(reply)).isTrue();
      assertThat(cam.probes()).isEqualTo(1);
    }
    assertThat(p.recognises("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
  }

  @Test
  void ssdpProbe() throws Exception {
    SsdpServiceProbe p = SsdpServiceProbe.INSTANCE;
    assertThat(p.transport()).isEqualTo(Transport.UDP);
    assertThat(p.likelyPorts()).containsExactly(1900);
    try (DiscoverySimulator cam = DiscoverySimulator.start(Variant.CAMERA)) {
      byte[] reply = exchange(cam.ssdpPort(), p.request().orElseThrow());
      assertThat(p.recognises(reply)).isTrue();
      assertThat(cam.searchTargets()).containsExactly("upnp:rootdevice");
    }
    assertThat(p.recognises("<Envelope/>".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }
}
