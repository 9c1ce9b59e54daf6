package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttServiceProbeTest {
  private final MqttServiceProbe probe = MqttServiceProbe.INSTANCE;

  @Test
  void namesServicePortAndSendsAFreshAnonymousCleanSessionConnect() {
    assertThat(probe.service()).isEqualTo("mqtt");
    assertThat(probe.likelyPorts()).containsExactly(1883);
    byte[] a = probe.request().orElseThrow();
    byte[] b = probe.request().orElseThrow();
    assertThat(a[0] & 0xff).isEqualTo(0x10);
    assertThat(a[9]).isEqualTo((byte) 0x02);
    assertThat(a).isNotEqualTo(b); // a new random client id each time
  }

  @Test
  void recognisesConnacksAsMosquittoSendsThem() {
    // mosquitto 2.0.11: accepted, and not authorised.
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x00, 0x00})).isTrue();
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x00, 0x05})).isTrue();
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x01, 0x00})).isTrue();
  }

  @Test
  void rejectsEverythingElse() {
    assertThat(probe.recognises(new byte[0])).isFalse();
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x00})).isFalse();
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x00, 0x06})).isFalse();
    assertThat(probe.recognises(new byte[] {0x20, 0x03, 0x00, 0x00})).isFalse();
    assertThat(probe.recognises(new byte[] {0x20, 0x02, 0x02, 0x00})).isFalse();
    assertThat(probe.recognises("ERROR\r\n".getBytes())).isFalse();
    assertThat(probe.recognises("HTTP/1.1 200 OK\r\n".getBytes())).isFalse();
  }
}
