package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code database.postgres.default-credentials}: logs in as {@code postgres} with a tiny list of
 * publicly known passwords ({@code postgres}, {@code password}, {@code admin}) through {@link
 * CredentialAttempts}, within the host's login budget, stopping at the first success, and sends
 * Terminate right after AuthenticationOk — no query.
 *
 * <p>First, a passwordless startup (no budget taken, it cannot fail a password) learns what the
 * server wants: AuthenticationOk there (trust) is a FAIL at once — any password works; SQLSTATE
 * 28000 (no {@code pg_hba.conf} entry for this address) is a PASS, as no login from here is
 * possible; a method this client does not speak (GSSAPI, SSPI) is a SKIP. Only a password request
 * leads to the list.
 *
 * <p>SCRAM-SHA-256 and MD5 send no password. A cleartext password request is answered, over this
 * unencrypted connection, because the candidates are public vendor defaults, not secrets; the
 * client refuses that for any other password. A SCRAM server that does not prove it knows the
 * password (a wrong server signature) is not a success: the check ends {@code ERROR}.
 *
 * <p>Evidence names the user and masks the password. A PASS says how many defaults the server
 * refused (SQLSTATE 28P01); a budget spent before the list was done is a SKIP, not a PASS.
 * Stateless.
 */
final class PostgresDefaultCredentials implements Check {
  static final PostgresDefaultCredentials INSTANCE = new PostgresDefaultCredentials();

  /** The defaults tried, in order. */
  static final List<Credentials> DEFAULTS =
      List.of(
          Credentials.of(PostgresChecks.USER, "postgres"),
          Credentials.of(PostgresChecks.USER, "password"),
          Credentials.of(PostgresChecks.USER, "admin"));

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.postgres.default-credentials",
              "PostgreSQL accepts a default password for the postgres superuser")
          .description(
              "The superuser postgres logs in with a widely known password. Anyone who reaches"
                  + " the port can read, change or delete every database and, as superuser, run"
                  + " programs on the server.")
          .remediation(
              "Set a long random password for postgres (ALTER ROLE postgres PASSWORD ...), use"
                  + " scram-sha-256 in pg_hba.conf, and allow only the networks that need the"
                  + " database.")
          .probe(
              "a passwordless StartupMessage as postgres, then logins with postgres/postgres,"
                  + " postgres/password, postgres/admin (SCRAM-SHA-256, MD5 or cleartext as the"
                  + " server asks) within the login budget; Terminate right after"
                  + " AuthenticationOk, no query")
          .proof(
              "AuthenticationOk (after a verified SCRAM server signature) for a default password")
          .severity(Severity.HIGH)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services(PostgresChecks.SERVICE)
          .ports(PostgresChecks.PORT)
          .references(
              Reference.cwe(1392),
              Reference.cwe(521),
              Reference.url("https://www.postgresql.org/docs/current/auth-password.html"))
          .tags("default-credentials", "postgresql")
          .build();

  private PostgresDefaultCredentials() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    PostgresClient.Login first;
    try (PostgresClient client = PostgresClient.open(context, endpoint)) {
      first = client.login(PostgresChecks.USER, PostgresChecks.USER, null, false);
    }
    switch (first.status()) {
      case ACCEPTED -> {
        PostgresChecks.identify(context, endpoint, first.serverVersion().orElse(""));
        Finding.Builder f =
            context
                .finding(endpoint)
                .confidence(Confidence.CONFIRMED)
                .evidence("user", PostgresChecks.USER)
                .evidence(
                    "answer",
                    "AuthenticationOk without any password request (trust): every password"
                        + " works; see database.postgres.trust-auth");
        first.serverVersion().ifPresent(v -> f.evidence("server_version", v));
        return Outcome.fail(f.build());
      }
      case UNSUPPORTED -> {
        return Outcome.skip(
            "the server asks for " + first.method() + ", which this check does not speak");
      }
      case REJECTED -> {
        return PostgresTrustAuth.judge(first, endpoint, context);
      }
      default -> {
        // PASSWORD_REQUIRED: try the list
      }
    }
    List<String> refusals = new ArrayList<>();
    String[] version = {""};
    String[] method = {first.method()};
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context,
            DEFAULTS,
            c -> {
              try (PostgresClient client = PostgresClient.open(context, endpoint)) {
                PostgresClient.Login login =
                    client.login(c.user(), PostgresChecks.USER, c.secret(), true);
                method[0] = login.method();
                switch (login.status()) {
                  case ACCEPTED -> {
                    version[0] = login.serverVersion().orElse("");
                    return CredentialAttempts.Verdict.ACCEPTED;
                  }
                  case REJECTED -> {
                    if (!login.sqlState().equals(PostgresClient.INVALID_PASSWORD)
                        && !login.sqlState().equals(PostgresClient.INVALID_AUTHORIZATION)) {
                      throw new ProtocolException(
                          "the server refused a login with SQLSTATE "
                              + login.sqlState()
                              + ": "
                              + login.message());
                    }
                    refusals.add("SQLSTATE " + login.sqlState());
                    return CredentialAttempts.Verdict.REJECTED;
                  }
                  default ->
                      throw new ProtocolException(
                          "login ended " + login.status() + " (" + login.method() + ")");
                }
              }
            });
    PostgresChecks.identify(context, endpoint, version[0]);
    if (result.accepted().isPresent()) {
      Credentials c = result.accepted().get();
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .evidence("user", c.user())
              .evidence("password", Secret.MASK + " (a publicly known default)")
              .evidence("authentication", method[0] + ", then AuthenticationOk");
      if (!version[0].isEmpty()) {
        f.evidence("server_version", version[0]);
      }
      return Outcome.fail(f.key(c.user()).build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip(
          "login budget spent after "
              + result.tried()
              + " of "
              + DEFAULTS.size()
              + " default password(s), none accepted: not proven either way");
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("user", PostgresChecks.USER);
    ev.put("authentication requested", method[0]);
    ev.put("refusals", String.join(", ", refusals));
    return Outcome.pass(
        "the server refused all "
            + result.tried()
            + " default passwords for postgres ("
            + method[0]
            + ")",
        ev);
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
