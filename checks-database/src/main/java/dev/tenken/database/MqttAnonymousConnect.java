package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iot.mqtt.anonymous-connect}: the broker accepts a CONNECT without user name or password
 * (CONNACK 0). Sends one MQTT 3.1.1 CONNECT (random client id, clean session) and DISCONNECT at
 * once; CONNACK 5 (not authorised) or 4 (bad user name or password) is a PASS with that evidence.
 * Stateless and thread-safe.
 */
final class MqttAnonymousConnect implements Check {
  static final String ID = "iot.mqtt.anonymous-connect";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "MQTT broker accepts anonymous clients")
          .description(
              "An MQTT broker that accepts clients without credentials lets anyone who reaches it"
                  + " read the messages of the devices it serves (sensor data, camera events,"
                  + " locations) and publish commands to them.")
          .remediation(
              "Require authentication: in mosquitto set allow_anonymous false with a"
                  + " password_file (or an auth plugin) and use ACLs per client; do not expose the"
                  + " broker beyond the networks of its devices.")
          .probe(
              "one MQTT 3.1.1 CONNECT without user name or password (random client id tenken-"
                  + "<hex>, clean session), then DISCONNECT")
          .proof("CONNACK return code 0 (accepted); 5 (not authorised) or 4 is a PASS")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("mqtt")
          .ports(1883)
          .references(
              Reference.cwe(306),
              Reference.url("https://mosquitto.org/documentation/authentication-methods/"))
          .tags("mqtt", "iot", "no-auth")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MqttClient client = MqttClient.open(context, endpoint);
    Optional<MqttClient.Connack> ack = client.connect(Optional.empty());
    if (ack.isEmpty()) {
      throw new ProtocolException("the broker closed the connection without CONNACK");
    }
    MqttClient.Connack c = ack.get();
    client.disconnect();
    return switch (c.returnCode()) {
      case 0 ->
          Outcome.fail(
              context
                  .finding(endpoint)
                  .confidence(Confidence.CONFIRMED)
                  .key("connack-0")
                  .evidence("connect", "CONNECT without user name or password (MQTT 3.1.1)")
                  .evidence("reply", c.describe())
                  .build());
      case 4, 5 ->
          Outcome.pass(
              "the broker refused an anonymous CONNECT: " + c.describe(),
              Map.of("reply", c.describe()));
      case 1 -> Outcome.skip("the broker does not speak MQTT 3.1.1: " + c.describe());
      default -> Outcome.error("the broker answered " + c.describe());
    };
  }

  @Override
  public String toString() {
    return ID;
  }
}
