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
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

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

  /** Completes a TLS handshake on a socket from the context; the protocol and cipher suite. */
  private static String handshake(CheckContext context, Endpoint endpoint) throws IOException {
    SSLContext ssl;
    try {
      ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {new AnyCertificate()}, null);
    } catch (GeneralSecurityException e) {
      throw new IOException("no TLS implementation: " + e.getMessage(), e);
    }
    Socket plain = context.socketFactory().createSocket();
    plain.connect(
        new java.net.InetSocketAddress(endpoint.address(), endpoint.port()),
        (int) Math.max(1, context.connectTimeout().toMillis()));
    plain.setSoTimeout((int) Math.max(1, context.remaining().toMillis()));
    try (SSLSocket s =
        (SSLSocket)
            ssl.getSocketFactory()
                .createSocket(plain, endpoint.addressText(), endpoint.port(), true)) {
      s.startHandshake();
      return s.getSession().getProtocol() + ", " + s.getSession().getCipherSuite();
    } catch (javax.net.ssl.SSLException e) {
      throw new ProtocolException(
          "plaintext CONNECT closed without CONNACK and no TLS handshake: " + e.getMessage(), e);
    }
  }

  /** Accepts any certificate: the handshake only shows that TLS is spoken; nothing is sent. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
