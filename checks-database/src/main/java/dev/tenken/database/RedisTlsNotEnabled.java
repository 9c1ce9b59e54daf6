package dev.tenken.database;

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
import java.net.SocketException;
import java.util.Map;

/**
 * {@code database.redis.tls-not-enabled}: the port answers RESP in plaintext. A PASS needs proof of
 * TLS: the plaintext {@code PING} drew no RESP reply, and a TLS handshake on the same port
 * completed (any certificate is accepted: the handshake is observed, nothing is sent over it).
 */
final class RedisTlsNotEnabled extends RedisCheck {

  RedisTlsNotEnabled() {
    super(
        redis("tls-not-enabled", "Redis serves clients in plaintext")
            .description(
                "Commands, replies and the AUTH password cross the network unencrypted: anyone on"
                    + " the path reads the data and the password.")
            .remediation(
                "Enable TLS (tls-port, tls-cert-file, tls-key-file; port 0 to close the"
                    + " plaintext port), or keep Redis on a private network segment only.")
            .probe("PING as a RESP array; if no RESP reply: a TLS handshake, then close")
            .proof("a RESP reply (+PONG, -NOAUTH, -DENIED) to a plaintext PING")
            .severity(Severity.LOW)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .ports(6380)
            .references(
                Reference.cwe(319),
                Reference.url(
                    "https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/"))
            .tags("tls", "cleartext")
            .build());
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    IOException plaintextRefused;
    RedisClient client = RedisClient.open(context, endpoint); // connect failures end the check
    try (client) {
      RespValue reply = client.call("PING");
      if ((reply instanceof RespValue.SimpleString s && s.value().equals("PONG"))
          || reply instanceof RespValue.ErrorReply) {
        return Outcome.fail(
            context
                .finding(endpoint)
                .confidence(Confidence.CONFIRMED)
                .key("plaintext")
                .evidence("reply to plaintext PING", reply.excerpt(RedisAccess.EXCERPT))
                .build());
      }
      throw new ProtocolException("not a Redis answer to PING: " + reply.excerpt(80));
    } catch (ProtocolException | SocketException e) {
      // not RESP, or the server hung up / reset on plaintext (a TLS listener does): try TLS
      plaintextRefused = e;
    }
    TlsObservation tls;
    try {
      tls = TlsHandshake.observe(context, endpoint);
    } catch (javax.net.ssl.SSLException e) {
      throw new ProtocolException(
          "neither plaintext RESP ("
              + describe(plaintextRefused)
              + ") nor a TLS handshake ("
              + e.getMessage()
              + ")",
          e);
    }
    return Outcome.pass(
        "no RESP reply to plaintext PING ("
            + describe(plaintextRefused)
            + "); TLS handshake completed: "
            + tls.protocol()
            + ", "
            + tls.cipherSuite(),
        Map.of("tls protocol", tls.protocol(), "cipher suite", tls.cipherSuite()));
  }

  private static String describe(IOException e) {
    return e instanceof ProtocolException
        ? e.getMessage()
        : "connection "
            + RespValue.shorten(String.valueOf(e.getMessage()), 60)
                .toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RedisClient client) {
    throw new UnsupportedOperationException("run(Endpoint, CheckContext) is overridden");
  }
}
