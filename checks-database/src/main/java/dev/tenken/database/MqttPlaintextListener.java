package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.TlsHandshake;
import dev.tenken.http.TlsObservation;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iot.mqtt.plaintext-listener}: the broker speaks MQTT without TLS on this port. Sends one
 * anonymous CONNECT in plaintext (random client id, clean session) and DISCONNECTs at once: any
 * CONNACK, accepted or refused, proves the port speaks cleartext MQTT (user names, passwords and
 * messages cross the network readable). A PASS needs proof that TLS is required instead: the
 * plaintext CONNECT is closed or reset without a CONNACK, and a TLS handshake (certificate not
 * verified; nothing is sent over it) then completes on the same port. Stateless and thread-safe.
 */
final class MqttPlaintextListener implements Check {
  static final String ID = "iot.mqtt.plaintext-listener";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "MQTT broker listens without TLS")
          .description(
              "MQTT without TLS sends user names, passwords and every message in cleartext:"
                  + " anyone on the path can read device data and credentials, and change"
                  + " commands in flight.")
          .remediation(
              "Serve MQTT over TLS only (port 8883; in mosquitto a listener with certfile and"
                  + " keyfile), remove plaintext listeners or bind them to loopback.")
          .probe(
              "one plaintext MQTT 3.1.1 CONNECT (anonymous, random client id, clean session),"
                  + " then DISCONNECT; if refused without CONNACK, a TLS handshake")
          .proof("any CONNACK over plaintext TCP; a close plus a completed TLS handshake is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("mqtt")
          .ports(1883)
          .references(
              Reference.cwe(319), Reference.url("https://mosquitto.org/man/mosquitto-tls-7.html"))
          .tags("mqtt", "iot", "cleartext", "tls")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MqttClient client = MqttClient.open(context, endpoint);
    Optional<MqttClient.Connack> ack = client.connect(Optional.empty());
    if (ack.isPresent()) {
      client.disconnect();
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("plaintext")
              .evidence("reply", ack.get().describe() + " to a plaintext CONNECT")
              .evidence("transport", "TCP without TLS on port " + endpoint.port())
              .build());
    }
    client.close();
    String tls = handshake(context, endpoint);
    return Outcome.pass(
        "plaintext CONNECT closed without CONNACK; TLS handshake completed (" + tls + ")",
        Map.of("plaintext", "closed without CONNACK", "tls", tls));
  }

  /** Completes a TLS handshake on the port; the protocol and cipher suite. */
  private static String handshake(CheckContext context, Endpoint endpoint) throws IOException {
    try {
      TlsObservation tls = TlsHandshake.observe(context, endpoint);
      return tls.protocol() + ", " + tls.cipherSuite();
    } catch (javax.net.ssl.SSLException e) {
      throw new ProtocolException(
          "plaintext CONNECT closed without CONNACK and no TLS handshake: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
