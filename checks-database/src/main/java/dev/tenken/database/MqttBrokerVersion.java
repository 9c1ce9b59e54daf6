package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code iot.mqtt.broker-version}: an anonymous client can read the broker's product and version
 * from {@value MqttClient#VERSION_TOPIC}. Connects anonymously (random client id, clean session);
 * when accepted, subscribes to that one read-only topic and waits a short bound for one message,
 * then DISCONNECTs. The version is reported as identity ({@code mosquitto}, version, CPE-like name)
 * and as an informational finding; PASS when it is not readable (anonymous CONNECT refused,
 * SUBSCRIBE refused, or no message within the bound). Stateless and thread-safe.
 */
final class MqttBrokerVersion implements Check {
  static final String ID = "iot.mqtt.broker-version";

  /** Longest wait for the version message. */
  static final Duration MAX_WAIT = Duration.ofMillis(2000);

  private static final Pattern MOSQUITTO =
      Pattern.compile("mosquitto version (\\d+\\.\\d+(?:\\.\\d+)?)");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "MQTT broker discloses its version to anonymous clients")
          .description(
              "The broker's $SYS/broker/version topic tells anyone who can connect which product"
                  + " and release it runs, which helps an attacker pick known vulnerabilities, and"
                  + " which belongs in the inventory.")
          .remediation(
              "Refuse anonymous clients, restrict $SYS topics with ACLs, and keep the broker"
                  + " current.")
          .probe(
              "anonymous CONNECT (random client id, clean session); when accepted, SUBSCRIBE"
                  + " to $SYS/broker/version only, read one message for at most 2 s, DISCONNECT")
          .proof("a message on $SYS/broker/version such as 'mosquitto version 2.0.11'")
          .severity(Severity.INFO)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.INVENTORY)
          .services("mqtt")
          .ports(1883)
          .references(Reference.url("https://mosquitto.org/man/mosquitto-8.html"))
          .tags("mqtt", "iot", "inventory", "version")
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
    if (!c.accepted()) {
      client.disconnect();
      if (c.returnCode() == 4 || c.returnCode() == 5) {
        return Outcome.pass(
            "$SYS/broker/version is not readable anonymously: " + c.describe(),
            Map.of("reply", c.describe()));
      }
      return Outcome.error("the broker answered " + c.describe());
    }
    Duration wait = context.remaining().minusMillis(300);
    if (wait.compareTo(MAX_WAIT) > 0) {
      wait = MAX_WAIT;
    }
    if (wait.isNegative() || wait.isZero()) {
      client.disconnect();
      return Outcome.error("no time left to read " + MqttClient.VERSION_TOPIC);
    }
    StringBuilder why = new StringBuilder();
    Optional<String> version;
    try {
      version = client.readVersion(wait, why);
    } finally {
      client.disconnect();
    }
    if (version.isEmpty()) {
      return Outcome.pass(
          "anonymous CONNECT accepted, but " + why,
          Map.of("connect", c.describe(), "$SYS", why.toString()));
    }
    String text = version.get();
    String source = "MQTT " + MqttClient.VERSION_TOPIC;
    Matcher m = MOSQUITTO.matcher(text);
    var finding =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key("sys-version")
            .evidence(MqttClient.VERSION_TOPIC, text)
            .evidence("connect", "anonymous, " + c.describe());
    if (m.matches()) {
      String v = m.group(1);
      context
          .facts()
          .identify(DeviceIdentity.Attribute.PRODUCT, "mosquitto", source, Confidence.FIRM);
      context.facts().identify(DeviceIdentity.Attribute.VERSION, v, source, Confidence.FIRM);
      context
          .facts()
          .identify(
              DeviceIdentity.Attribute.CPE,
              "cpe:2.3:a:eclipse:mosquitto:" + v,
              source,
              Confidence.FIRM);
      finding.evidence("product", "mosquitto").evidence("version", v);
    }
    return Outcome.fail(finding.build());
  }

  @Override
  public String toString() {
    return ID;
  }
}
