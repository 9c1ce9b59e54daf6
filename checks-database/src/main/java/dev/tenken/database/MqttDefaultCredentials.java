package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iot.mqtt.default-credentials}: the broker accepts a well-known default user name and
 * password. Runs only when an anonymous CONNECT is refused (CONNACK 4 or 5), which makes a CONNACK
 * 0 with credentials a differential proof; then tries {@link #DEFAULTS} through {@link
 * CredentialAttempts} (the host's login budget), each on a fresh connection with a random client id
 * and clean session, DISCONNECTing at once after a success. Passwords never appear in evidence.
 * Stateless and thread-safe.
 */
final class MqttDefaultCredentials implements Check {
  static final String ID = "iot.mqtt.default-credentials";

  /** The tiny list, in order. */
  static final List<Credentials> DEFAULTS =
      List.of(
          Credentials.of("admin", "admin"),
          Credentials.of("admin", "password"),
          Credentials.of("guest", "guest"));

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "MQTT broker accepts default credentials")
          .description(
              "A broker that accepts a product-wide default user name and password is as open as"
                  + " one without authentication: anyone can read device data and publish"
                  + " commands.")
          .remediation(
              "Replace default accounts with unique, strong passwords (mosquitto_passwd), remove"
                  + " unused accounts and restrict topics per user with ACLs.")
          .probe(
              "anonymous CONNECT; if refused, CONNECT with admin/admin, admin/password,"
                  + " guest/guest within the host's login budget (random client id, clean session),"
                  + " DISCONNECT after a success")
          .proof("anonymous CONNECT refused, CONNACK 0 with default credentials")
          .severity(Severity.HIGH)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("mqtt")
          .ports(1883)
          .references(Reference.cwe(1392), Reference.cwe(521))
          .tags("mqtt", "iot", "default-credentials")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MqttClient.Connack anonymous = connect(context, endpoint, Optional.empty());
    if (anonymous.accepted()) {
      return Outcome.skip(
          "the broker accepts anonymous clients ("
              + anonymous.describe()
              + "): credentials prove nothing; see iot.mqtt.anonymous-connect");
    }
    if (anonymous.returnCode() != 4 && anonymous.returnCode() != 5) {
      return Outcome.error("the broker answered an anonymous CONNECT with " + anonymous.describe());
    }
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context,
            DEFAULTS,
            creds -> {
              MqttClient.Connack c = connect(context, endpoint, Optional.of(creds));
              if (c.accepted()) {
                return CredentialAttempts.Verdict.ACCEPTED;
              }
              if (c.returnCode() == 4 || c.returnCode() == 5) {
                return CredentialAttempts.Verdict.REJECTED;
              }
              throw new ProtocolException("the broker answered a login with " + c.describe());
            });
    if (result.accepted().isPresent()) {
      Credentials c = result.accepted().get();
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("user:" + c.user())
              .evidence("user", c.user())
              .evidence("password", "(a well-known default; not shown)")
              .evidence("without credentials", anonymous.describe())
              .evidence("with credentials", "CONNACK return code 0 (connection accepted)")
              .build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip(
          "login budget spent after "
              + result.tried()
              + " of "
              + DEFAULTS.size()
              + " default credentials, none accepted: not all were tried");
    }
    return Outcome.pass(
        "none of "
            + result.tried()
            + " default credentials was accepted; anonymous: "
            + anonymous.describe(),
        Map.of("anonymous", anonymous.describe(), "tried", String.valueOf(result.tried())));
  }

  private static MqttClient.Connack connect(
      CheckContext context, Endpoint endpoint, Optional<Credentials> credentials)
      throws IOException {
    MqttClient client = MqttClient.open(context, endpoint);
    Optional<MqttClient.Connack> ack = client.connect(credentials);
    client.disconnect();
    return ack.orElseThrow(
        () -> new ProtocolException("the broker closed the connection without CONNACK"));
  }

  @Override
  public String toString() {
    return ID;
  }
}
