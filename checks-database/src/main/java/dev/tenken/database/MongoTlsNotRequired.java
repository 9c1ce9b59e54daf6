package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code database.mongodb.tls-not-required}: a plaintext {@code hello} is answered, so clients (and
 * their SCRAM exchanges and data) may talk to the server unencrypted — {@code net.tls.mode} is
 * {@code disabled}, {@code allowTLS} or {@code preferTLS}. FAIL when the plaintext handshake is
 * answered. When the server closes the connection on it instead, a TLS ClientHello is sent on a
 * fresh connection: a TLS handshake or alert record back is the PASS ({@code requireTLS}); anything
 * else is an ERROR. Stateless and thread-safe.
 */
final class MongoTlsNotRequired implements Check {
  static final MongoTlsNotRequired INSTANCE = new MongoTlsNotRequired();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.tls-not-required", "MongoDB accepts unencrypted connections")
          .description(
              "The server answers the wire protocol in plaintext: logins, queries and results"
                  + " can cross the network unencrypted, readable and alterable by anyone on the"
                  + " path.")
          .remediation(
              "Configure TLS with net.tls.mode: requireTLS and a certificate, and connect"
                  + " clients with tls=true.")
          .probe(
              "plaintext OP_MSG hello; if the server hangs up, a TLS ClientHello on a new"
                  + " connection")
          .proof("the plaintext hello is answered with ok: 1")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(
              Reference.cwe(319),
              Reference.url("https://www.mongodb.com/docs/manual/tutorial/configure-ssl/"))
          .tags("tls", "cleartext", "mongodb")
          .build();

  private MongoTlsNotRequired() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    String refused;
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of())) {
      Map<String, Object> hello = h.hello();
      var f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("plaintext")
              .evidence("plaintext handshake", h.command() + " answered ok: 1");
      if (hello.get("maxWireVersion") instanceof Number n) {
        f.evidence("maxWireVersion", Long.toString(n.longValue()));
      }
      return Outcome.fail(f.build());
    } catch (MongoWire.NoReplyException e) {
      refused = e.getMessage();
    }
    byte[] clientHello = TlsServiceProbe.INSTANCE.request().orElseThrow();
    try (TcpConnection c = context.connect(endpoint)) {
      c.send(clientHello);
      Duration wait = context.remaining();
      byte[] reply = c.readAvailable(wait, 64);
      if (reply.length > 0 && TlsServiceProbe.INSTANCE.recognises(reply)) {
        return Outcome.pass(
            "the plaintext hello was refused ("
                + refused
                + ") and the port answers a TLS ClientHello with a TLS record: TLS is required",
            Map.of("plaintext hello", refused, "TLS ClientHello", "answered with a TLS record"));
      }
      throw new ProtocolException(
          "the port refused a plaintext hello and answered a TLS ClientHello with "
              + (reply.length == 0 ? "nothing" : "no TLS record"));
    }
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
