package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code database.postgres.trust-auth}: starts a session as user {@code postgres} on database
 * {@code postgres} without a password. AuthenticationOk without a password request means {@code
 * trust} authentication: anyone who can reach the port is the superuser. The client sends Terminate
 * at once and runs no query.
 *
 * <p>PASS evidence: the method the server asks for ({@code SCRAM-SHA-256}, {@code md5}, cleartext
 * {@code password}, GSSAPI...) — the client then hangs up without answering, which PostgreSQL does
 * not count or log as a failed password — or an ErrorResponse with SQLSTATE 28000 (no {@code
 * pg_hba.conf} entry admits this address over an unencrypted connection, or a {@code reject} rule).
 * Logins over TLS are not attempted: a server that refuses plaintext but trusts TLS clients passes
 * here.
 *
 * <p>Safety {@link Safety#CREDENTIAL_ATTEMPT} (minimal): it is a login attempt, though with no
 * password; it takes nothing from the host's login budget because it cannot fail a password.
 * Stateless.
 */
final class PostgresTrustAuth implements Check {
  static final PostgresTrustAuth INSTANCE = new PostgresTrustAuth();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.postgres.trust-auth",
              "PostgreSQL lets the postgres superuser in without a password (trust)")
          .description(
              "pg_hba.conf has a trust rule for this address: the server accepts the superuser"
                  + " postgres without asking for any password, so anyone who reaches the port can"
                  + " read, change or delete every database and, as superuser, run programs on the"
                  + " server (COPY ... PROGRAM).")
          .remediation(
              "Replace trust with scram-sha-256 in pg_hba.conf for every host line, set a strong"
                  + " password for postgres, and allow only the networks that need the database.")
          .probe(
              "a StartupMessage as user postgres, database postgres, with no password; Terminate"
                  + " right after AuthenticationOk, no query")
          .proof("AuthenticationOk without any password request")
          .severity(Severity.CRITICAL)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services(PostgresChecks.SERVICE)
          .ports(PostgresChecks.PORT)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.postgresql.org/docs/current/auth-trust.html"))
          .tags("no-auth", "postgresql")
          .build();

  private PostgresTrustAuth() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    PostgresClient.Login login;
    try (PostgresClient client = PostgresClient.open(context, endpoint)) {
      login = client.login(PostgresChecks.USER, PostgresChecks.USER, null, false);
    }
    return judge(login, endpoint, context);
  }

  /** The verdict on a passwordless login; shared with the other checks' pre-flight. */
  static Outcome judge(PostgresClient.Login login, Endpoint endpoint, CheckContext context)
      throws ProtocolException {
    PostgresChecks.identify(context, endpoint, login.serverVersion().orElse(""));
    switch (login.status()) {
      case ACCEPTED -> {
        Finding.Builder f =
            context
                .finding(endpoint)
                .confidence(Confidence.CONFIRMED)
                .evidence("user", PostgresChecks.USER)
                .evidence("answer", "AuthenticationOk without a password request (trust)");
        login.serverVersion().ifPresent(v -> f.evidence("server_version", v));
        return Outcome.fail(f.build());
      }
      case PASSWORD_REQUIRED, UNSUPPORTED -> {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("user", PostgresChecks.USER);
        ev.put("authentication requested", login.method());
        return Outcome.pass(
            "the server asks for " + login.method() + " before it lets postgres in", ev);
      }
      case REJECTED -> {
        if (login.sqlState().equals(PostgresClient.INVALID_AUTHORIZATION)) {
          Map<String, String> ev = new LinkedHashMap<>();
          ev.put("SQLSTATE", login.sqlState());
          ev.put("message", login.message());
          return Outcome.pass(
              "the server refuses postgres from this address before authentication (SQLSTATE"
                  + " 28000; logins over TLS not attempted)",
              ev);
        }
        if (login.sqlState().equals("3D000") && login.method().equals("trust")) {
          return Outcome.fail(
              context
                  .finding(endpoint)
                  .confidence(Confidence.FIRM)
                  .evidence("user", PostgresChecks.USER)
                  .evidence(
                      "answer",
                      "no password request; the server went on to database lookup: "
                          + login.message())
                  .build());
        }
        return Outcome.error(
            "the server refused the startup with SQLSTATE "
                + login.sqlState()
                + ": "
                + login.message());
      }
      default -> throw new ProtocolException("unexpected login status " + login.status());
    }
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
