package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.postgres.version-eol}: whether the server's major version (branch) is past its
 * end of life, per {@code postgresql-catalog.json}.
 *
 * <p>PostgreSQL tells its version ({@code server_version} in a ParameterStatus message) only after
 * a successful login. The check uses the version another check of this host learned by logging in
 * ({@link PostgresChecks#SERVER_VERSION}); otherwise it starts a passwordless session as {@code
 * postgres} and reads it after AuthenticationOk (trust), then terminates. When the server asks for
 * a password the version is unknown and the check SKIPs, saying so: it never guesses from anything
 * else. A branch the catalog does not list is a SKIP too.
 *
 * <p>Safety {@link Safety#CREDENTIAL_ATTEMPT}: its own startup is a login attempt without a
 * password, taking nothing from the login budget. Stateless; "today" is the runner's clock ({@link
 * CheckContext#today()}).
 */
final class PostgresVersionEol implements Check {
  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(PostgresVersionEol.class, "postgresql-catalog.json");

  static final PostgresVersionEol INSTANCE = new PostgresVersionEol();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.postgres.version-eol",
              "PostgreSQL runs a major version past its end of life")
          .description(
              "The server runs a PostgreSQL major version that no longer receives fixes, security"
                  + " fixes included: every vulnerability found since stays open.")
          .remediation(
              "Upgrade to a supported major version (pg_upgrade or dump and restore) and keep"
                  + " applying its minor releases.")
          .probe(
              "the server_version another check's login revealed, else a passwordless"
                  + " StartupMessage as postgres read up to ReadyForQuery (trust only), then"
                  + " Terminate; no query")
          .proof("server_version in a branch whose end-of-life date has passed")
          .severity(Severity.MEDIUM)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services(PostgresChecks.SERVICE)
          .ports(PostgresChecks.PORT)
          .references(
              Reference.cwe(1104), Reference.url("https://www.postgresql.org/support/versioning/"))
          .tags("eol", "version", "postgresql")
          .build();

  private PostgresVersionEol() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Optional<String> known =
        context.facts().get(PostgresChecks.SERVER_VERSION.perPort(endpoint.port()));
    String source = "server_version after another check's login";
    if (known.isEmpty()) {
      PostgresClient.Login login;
      try (PostgresClient client = PostgresClient.open(context, endpoint)) {
        login = client.login(PostgresChecks.USER, PostgresChecks.USER, null, false);
      }
      if (login.status() != PostgresClient.Status.ACCEPTED) {
        String why =
            login.status() == PostgresClient.Status.REJECTED
                ? "the server refused the startup (SQLSTATE " + login.sqlState() + ")"
                : "the server asks for " + login.method();
        return Outcome.skip(
            "version unknown: PostgreSQL tells server_version only after a login, and " + why);
      }
      if (login.serverVersion().isEmpty()) {
        return Outcome.skip("version unknown: the server sent no server_version after login");
      }
      known = login.serverVersion();
      source = "server_version after a passwordless login (trust)";
      PostgresChecks.identify(context, endpoint, known.get());
    }
    return assess(known.get(), source, endpoint, context, context.today());
  }

  static Outcome assess(
      String serverVersion,
      String source,
      Endpoint endpoint,
      CheckContext context,
      LocalDate today) {
    Optional<Version> parsed = Version.parse(serverVersion);
    if (parsed.isEmpty()) {
      return Outcome.skip("version unknown: server_version '" + serverVersion + "' is no version");
    }
    Version v = parsed.get();
    Optional<VulnerabilityCatalog.EndOfLife> eol = CATALOG.endOfLife("postgresql", v, today);
    if (eol.isEmpty()) {
      return Outcome.skip(
          "PostgreSQL " + v + ": the catalog lists no end of life for its branch; not judged");
    }
    VulnerabilityCatalog.EndOfLife e = eol.get();
    if (e.past()) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .title(
                  "PostgreSQL "
                      + v
                      + " runs branch "
                      + e.branch()
                      + ", past its end of life on "
                      + e.date())
              .confidence(Confidence.CONFIRMED)
              .evidence("server_version", serverVersion)
              .evidence("version source", source)
              .evidence("branch", e.branch())
              .evidence("end of life", e.date().toString())
              .key(e.branch())
              .build());
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("server_version", serverVersion);
    ev.put("branch", e.branch());
    ev.put("end of life", e.date().toString());
    return Outcome.pass(
        "PostgreSQL "
            + v
            + " ("
            + source
            + "): branch "
            + e.branch()
            + " is supported until "
            + e.date(),
        ev);
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
