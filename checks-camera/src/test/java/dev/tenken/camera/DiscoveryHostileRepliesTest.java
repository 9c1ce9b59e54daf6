package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.CheckResult;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.sim.DiscoverySimulator;
import dev.tenken.test.sim.RecordingServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile discovery replies: garbage, truncated or oversized datagrams, XML with a DTD or entities,
 * SOAP faults, lying {@code RelatesTo}, broken descriptions. Each ends ERROR (or, for a broken
 * description behind a valid search response, a FAIL that says so) with a reason; none throws, none
 * hangs, no entity is ever fetched.
 */
class DiscoveryHostileRepliesTest {

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> hostileWsDiscovery() {
    byte[] random = new byte[900];
    new Random(7).nextBytes(random);
    byte[] oversized = new byte[60_000];
    Arrays.fill(oversized, (byte) '<');
    String matches =
        "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><e:Header>"
            + "<a:RelatesTo>urn:uuid:00000000-0000-0000-0000-000000000000</a:RelatesTo>"
            + "</e:Header><e:Body><d:ProbeMatches><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter"
            + "</d:Types></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>";
    return Stream.of(
        Arguments.of("garbage", random, "unusable"),
        Arguments.of("oversized", oversized, "larger than"),
        Arguments.of("truncated", bytes(matches.substring(0, matches.length() / 2)), "XML"),
        Arguments.of("not soap", bytes("<html><body>hi</body></html>"), "not a SOAP envelope"),
        Arguments.of(
            "fault",
            bytes(
                "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body>"
                    + "<e:Fault><e:Code><e:Value>e:Sender</e:Value></e:Code></e:Fault>"
                    + "</e:Body></e:Envelope>"),
            "holds no ProbeMatches, its body holds <Fault>"),
        Arguments.of("other message", bytes(matches), "relating to another message"),
        Arguments.of(
            "xxe",
            bytes(
                "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body>"
                    + "<ProbeMatches>&x;</ProbeMatches></e:Body></e:Envelope>"),
            "DTD"),
        Arguments.of(
            "billion laughs",
            bytes(
                "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>"),
            "DTD"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileWsDiscovery")
  void wsDiscoveryHostileReplyIsAnError(String name, byte[] reply, String reason) throws Exception {
    try (DiscoverySimulator sim = DiscoverySimulator.builder().hostileReply(reply).start()) {
      CheckResult r =
          DiscoveryChecksTest.only(
              DiscoveryChecksTest.scan(WsDiscoveryExposed.INSTANCE, sim.wsDiscoveryTarget()));
      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains(reason).doesNotContain("root:");
    }
  }

  static Stream<Arguments> hostileSsdp() {
    byte[] random = new byte[700];
    new Random(11).nextBytes(random);
    StringBuilder big = new StringBuilder("HTTP/1.1 200 OK\r\n");
    while (big.length() < 30_000) {
      big.append("X-Pad: ").append("p".repeat(100)).append("\r\n");
    }
    big.append("\r\n");
    return Stream.of(
        Arguments.of("garbage", random, "not an SSDP search response"),
        Arguments.of("oversized", bytes(big.toString()), "larger than"),
        Arguments.of("error status", bytes("HTTP/1.1 404 Not Found\r\n\r\n"), "starts with"),
        Arguments.of(
            "truncated", bytes("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOC"), "malformed"),
        Arguments.of(
            "no blank line", bytes("HTTP/1.1 200 OK\r\nST: upnp:rootdevice"), "truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileSsdp")
  void ssdpHostileReplyIsAnError(String name, byte[] reply, String reason) throws Exception {
    try (DiscoverySimulator sim = DiscoverySimulator.builder().hostileReply(reply).start()) {
      for (var check : java.util.List.of(UpnpExposed.INSTANCE, UpnpInternetGateway.INSTANCE)) {
        CheckResult r = DiscoveryChecksTest.only(DiscoveryChecksTest.scan(check, sim.ssdpTarget()));
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).contains(reason);
      }
    }
  }

  static Stream<Arguments> hostileDescriptions() {
    return Stream.of(
        Arguments.of("garbage", "\u0001\u0002 not xml at all", "malformed XML"),
        Arguments.of(
            "truncated",
            "<?xml version=\"1.0\"?><root><device><deviceType>urn:schemas-upnp-org:device:Basic:1",
            "XML"),
        Arguments.of("not upnp", "<html><head></head></html>", "not a UPnP device description"),
        Arguments.of("oversized", "<root>" + "<x>a</x>".repeat(20_000) + "</root>", "cap"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileDescriptions")
  void aBrokenDescriptionIsRecordedAndTheGatewayCheckCannotTell(
      String name, String description, String reason) throws Exception {
    try (DiscoverySimulator sim = DiscoverySimulator.builder().description(description).start()) {
      CheckResult exposed =
          DiscoveryChecksTest.only(
              DiscoveryChecksTest.scan(UpnpExposed.INSTANCE, sim.ssdpTarget()));
      assertThat(exposed.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(exposed.findings().get(0).evidence().get("description")).contains(reason);
      CheckResult igd =
          DiscoveryChecksTest.only(
              DiscoveryChecksTest.scan(UpnpInternetGateway.INSTANCE, sim.ssdpTarget()));
      assertThat(igd.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(igd.detail()).contains(reason).contains("cannot tell");
    }
  }

  @Test
  void anExternalEntityInTheDescriptionIsNeverFetched() throws Exception {
    try (RecordingServer attacker = RecordingServer.builder().start()) {
      String xxe =
          "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"http://127.0.0.1:"
              + attacker.port()
              + "/xxe\">]><root><device><deviceType>&x;</deviceType>"
              + "<manufacturer>&x;</manufacturer></device></root>";
      try (DiscoverySimulator sim = DiscoverySimulator.builder().description(xxe).start()) {
        CheckResult r =
            DiscoveryChecksTest.only(
                DiscoveryChecksTest.scan(UpnpExposed.INSTANCE, sim.ssdpTarget()));
        assertThat(r.findings().get(0).evidence().get("description")).contains("DTD");
      }
      assertThat(attacker.connections()).isZero();
    }
  }

  @Test
  void theXmlReaderRefusesWhatItMust() {
    assertThatThrownBy(() -> DiscoveryXml.parse(new byte[DiscoveryXml.MAX_BYTES + 1]))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("cap");
    assertThatThrownBy(
            () -> DiscoveryXml.parse(bytes("<a>" + "<b>".repeat(40) + "</b>".repeat(40) + "</a>")))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("deeper");
    assertThatThrownBy(() -> DiscoveryXml.parse(bytes("<a>" + "x".repeat(5000) + "</a>")))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("characters");
    assertThatThrownBy(() -> DiscoveryXml.parse(new byte[0])).isInstanceOf(ProtocolException.class);
    assertThat(UpnpSurvey.isTargetAddress("999.0.0.1", java.net.InetAddress.getLoopbackAddress()))
        .isFalse();
    assertThat(UpnpSurvey.isTargetAddress("localhost", java.net.InetAddress.getLoopbackAddress()))
        .as("names are never resolved")
        .isFalse();
    assertThat(UpnpSurvey.isTargetAddress("127.0.0.1", java.net.InetAddress.getLoopbackAddress()))
        .isTrue();
  }
}
