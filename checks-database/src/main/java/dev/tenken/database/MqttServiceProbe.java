package dev.tenken.database;

import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an MQTT broker by its CONNACK.
 *
 * <p>mosquitto 2.0.11 (Debian 12) says nothing to the PJL status query identification sends first:
 * it reads {@code ESC} ({@code 0x1b}) as a CONNECT with bad flags, {@code %} as a remaining length
 * of 37 and waits for more bytes; so an MQTT port is only identified where this probe may send its
 * request, on its likely port 1883 (8883 is TLS, identified as such).
 *
 * <p>The request is an MQTT 3.1.1 CONNECT without credentials, a fresh random client id {@code
 * tenken-<hex>} each time (never colliding with a device's), clean session, no will; the runner
 * closes the connection right after reading the answer. It is read-only: a broker that accepts it
 * opens a session that is discarded at the close (clean session keeps no state, no will is
 * published), nothing is subscribed or published. The answer recognised is an MQTT 3.1.1 CONNACK:
 * {@code 0x20 0x02}, acknowledge flags 0 or 1, return code 0 to 5.
 *
 * <p>Stateless and thread-safe.
 */
final class MqttServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final MqttServiceProbe INSTANCE = new MqttServiceProbe();

  private MqttServiceProbe() {}

  @Override
  public String service() {
    return "mqtt";
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(1883);
  }

  /** An anonymous clean-session CONNECT with a new random client id on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(MqttClient.connectPacket(Optional.empty()));
  }

  @Override
  public boolean recognises(byte[] reply) {
    return reply.length >= 4
        && (reply[0] & 0xff) == 0x20
        && reply[1] == 0x02
        && (reply[2] & 0xfe) == 0
        && (reply[3] & 0xff) <= 5;
  }

  @Override
  public String toString() {
    return "MqttServiceProbe";
  }
}
