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
import java.io.IOException;
import java.util.Map;

/**
 * {@code database.postgres.tls-not-offered}: sends an {@code SSLRequest} and reads the one byte
 * that answers it. {@code N} means the server offers no TLS, so passwords (cleartext or MD5) and
 * data cross the network readable; {@code S} is a PASS with that evidence. An ErrorResponse ({@code
 * E}) comes from servers too old to know TLS, and fails too. Nothing else is sent; no TLS handshake
 * follows (the check proves TLS is offered, not which certificate is served). Stateless.
 */
final class PostgresTlsNotOffered implements Check {
  static final PostgresTlsNotOffered INSTANCE = new PostgresTlsNotOffered();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder("database.postgres.tls-not-offered", "PostgreSQL does not offer TLS")
          .description(
              "The server answers an SSLRequest with N: clients can only talk to it in cleartext,"
                  + " so passwords sent in cleartext or as MD5 hashes, and every query and"
                  + " result, can be read or altered by anyone on the network path.")
          .remediation(
              "Set ssl = on with a certificate and key in postgresql.conf, and require TLS for"
                  + " remote clients with hostssl lines (and no host lines) in pg_hba.conf.")
          .probe("an SSLRequest (8 bytes); reads the one-byte answer, sends nothing else")
          .proof("the server answers N (TLS not offered) instead of S")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services(PostgresChecks.SERVICE)
          .ports(PostgresChecks.PORT)
          .references(
              Reference.cwe(319),
              Reference.url("https://www.postgresql.org/docs/current/protocol-flow.html"))
          .tags("tls", "cleartext", "postgresql")
          .build();

  private PostgresTlsNotOffered() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    char answer;
    try (PostgresClient client = PostgresClient.open(context, endpoint)) {
      answer = client.sslRequest();
    }
    PostgresChecks.identify(context, endpoint, "");
    if (answer == 'S') {
      return Outcome.pass(
          "the server answered S to an SSLRequest: TLS is offered",
          Map.of("SSLRequest answer", "S"));
    }
    String evidence =
        answer == 'N'
            ? "N (the server does not offer TLS)"
            : "E (an ErrorResponse: a server too old to support TLS)";
    return Outcome.fail(
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .evidence("SSLRequest answer", evidence)
            .build());
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
