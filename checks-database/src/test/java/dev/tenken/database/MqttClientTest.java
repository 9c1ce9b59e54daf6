package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Credentials;
import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The MQTT allow-list and the bounded packet parser. */
class MqttClientTest {

  static MqttClient.PacketReader reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new MqttClient.PacketReader(
        new MqttClient.StreamInput(new ByteArrayInputStream(b)), MqttClient.MAX_PACKET);
  }

  @Test
  void connectIsCleanSessionMqtt311WithARandomTenkenClientId() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      byte[] p = MqttClient.connectPacket(Optional.empty());
      assertThat(p[0] & 0xff).isEqualTo(0x10);
      assertThat(p[1]).isEqualTo((byte) (p.length - 2));
      assertThat(new String(p, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("MQTT");
      assertThat(p[8]).isEqualTo((byte) 4);
      assertThat(p[9]).isEqualTo((byte) 0x02); // clean session only: no will, no credentials
      String id = new String(p, 14, p.length - 14, StandardCharsets.US_ASCII);
      assertThat(id).matches("tenken-[0-9a-f]{16}");
      ids.add(id);
    }
    assertThat(ids).hasSize(20);
    byte[] withCreds = MqttClient.connectPacket(Optional.of(Credentials.of("admin", "admin")));
    assertThat(withCreds[9]).isEqualTo((byte) 0xc2);
  }

  @Test
  void theOnlySubscriptionIsSysBrokerVersionAtQos0AndNothingIsEverPublished() {
    byte[] s = MqttClient.subscribeVersionPacket();
    assertThat(s[0] & 0xff).isEqualTo(0x82);
    assertThat(new String(s, 6, s.length - 7, StandardCharsets.UTF_8))
        .isEqualTo("$SYS/broker/version");
    assertThat(s[s.length - 1]).isZero();
    assertThat(MqttClient.DISCONNECT).containsExactly(0xe0, 0x00);
    // No encoder produces a PUBLISH (0x3_), PUBACK (0x4_) or UNSUBSCRIBE (0xa_).
    for (byte[] p :
        new byte[][] {MqttClient.connectPacket(Optional.empty()), s, MqttClient.DISCONNECT}) {
      assertThat((p[0] & 0xff) >> 4).isIn(1, 8, 14);
    }
  }

  @Test
  void readsAConnack() throws Exception {
    MqttClient.Packet p = reader(0x20, 0x02, 0x00, 0x05).next().orElseThrow();
    assertThat(p.type()).isEqualTo(2);
    assertThat(p.body()).containsExactly(0, 5);
  }

  @Test
  void remainingLengthOfFiveBytesIsRefused() {
    assertThatThrownBy(() -> reader(0x20, 0xff, 0xff, 0xff, 0xff, 0x7f).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("longer than 4 bytes");
  }

  @Test
  void hugeRemainingLengthIsRefusedBeforeAllocation() {
    // 0xff 0xff 0xff 0x7f = 268,435,455 bytes, the MQTT maximum.
    assertThatThrownBy(() -> reader(0x30, 0xff, 0xff, 0xff, 0x7f).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("268435455")
        .hasMessageContaining("cap");
  }

  @Test
  void truncatedConnackIsRefused() {
    assertThatThrownBy(() -> reader(0x20, 0x02, 0x00).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> reader(0x20, 0x82).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> reader(0x00, 0x00).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> reader(0xf0, 0x00).next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("reserved");
    // 'H' of "HTTP/1.1": type 4 with flags 8
    assertThatThrownBy(() -> reader('H', 'T', 'T', 'P').next())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("flags");
  }

  @Test
  void endOfStreamBeforeAPacketIsEmpty() throws Exception {
    assertThat(reader().next()).isEmpty();
  }

  @Test
  void publishPayloadIsReadOnlyForTheVersionTopic() throws Exception {
    byte[] topic = "$SYS/broker/version".getBytes(StandardCharsets.UTF_8);
    byte[] payload = "mosquitto version 2.0.11".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + topic.length + payload.length];
    body[1] = (byte) topic.length;
    System.arraycopy(topic, 0, body, 2, topic.length);
    System.arraycopy(payload, 0, body, 2 + topic.length, payload.length);
    assertThat(MqttClient.versionFrom(new MqttClient.Packet(3, 1, body)))
        .contains("mosquitto version 2.0.11");
    body[5] = 'X';
    assertThat(MqttClient.versionFrom(new MqttClient.Packet(3, 1, body))).isEmpty();
    byte[] lying = {0x7f, 0x7f, 'a'};
    assertThatThrownBy(() -> MqttClient.versionFrom(new MqttClient.Packet(3, 0, lying)))
        .isInstanceOf(ProtocolException.class);
  }
}
