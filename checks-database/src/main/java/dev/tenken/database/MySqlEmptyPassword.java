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
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code database.mysql.empty-password}: answers the handshake with a {@code HandshakeResponse41}
 * as {@code root} with an empty password ({@code mysql_native_password}; an auth switch to {@code
 * caching_sha2_password} is answered with the same empty response), through {@link
 * CredentialAttempts} within the host's login budget. An OK packet is the proof; the client then
 * sends {@code COM_QUIT} and nothing else. Error 1045 (access denied) is a PASS with that evidence;
 * a server that refuses this host (1130) is a PASS too, as no login from here is possible. Another
 * error (such as 3159, insecure transport prohibited) is a SKIP saying so: not proven either way.
 * Stateless.
 */
final class MySqlEmptyPassword implements Check {
  static final MySqlEmptyPassword INSTANCE = new MySqlEmptyPassword();

  private static final String USER = "root";

  private static final CheckDescriptor DESCRIPTOR =
      MySqlChecks.descriptor(
              "database.mysql.empty-password", "MySQL/MariaDB lets root in with an empty password")
          .description(
              "The administrative account root logs in without a password from this address:"
                  + " anyone who reaches the port can read, change or delete every database.")
          .remediation(
              "Set a strong password for every root account (ALTER USER 'root'@'%' IDENTIFIED BY"
                  + " ...), or use unix_socket authentication for local root only; remove remote"
                  + " root accounts and anonymous users (mysql_secure_installation).")
          .probe(
              "reads the handshake, sends a HandshakeResponse41 as root with an empty password"
                  + " (mysql_native_password), then COM_QUIT; no query")
          .proof("an OK packet in answer to the empty-password login")
          .severity(Severity.CRITICAL)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .references(
              Reference.cwe(521),
              Reference.cwe(1392),
              Reference.url("https://nmap.org/nsedoc/scripts/mysql-empty-password.html"))
          .tags("empty-password", "default-credentials")
          .build();

  private MySqlEmptyPassword() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    String[] refusal = {""};
    int[] code = {0};
    CredentialAttempts.Result result =
        CredentialAttempts.run(
            context,
            List.of(Credentials.of(USER, "")),
            c -> {
              try (MySqlClient client = MySqlClient.open(context, endpoint)) {
                MySqlClient.Greeting g = client.greeting();
                if (g instanceof MySqlClient.ErrorPacket e) {
                  code[0] = e.code();
                  refusal[0] = "error " + e.code() + " before the handshake: " + e.message();
                  return CredentialAttempts.Verdict.REJECTED;
                }
                MySqlClient.Handshake h = (MySqlClient.Handshake) g;
                MySqlChecks.identify(context, h);
                MySqlClient.Login login = client.loginWithEmptyPassword(c.user(), h);
                if (login.accepted()) {
                  return CredentialAttempts.Verdict.ACCEPTED;
                }
                code[0] = login.errorCode() == 0 ? MySqlClient.ER_ACCESS_DENIED : login.errorCode();
                refusal[0] = login.detail();
                return CredentialAttempts.Verdict.REJECTED;
              }
            });
    if (result.accepted().isPresent()) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .evidence("user", USER)
              .evidence("password", "(empty)")
              .evidence("answer", "OK packet to the empty-password login; COM_QUIT sent")
              .key(USER)
              .build());
    }
    if (result.budgetSpent()) {
      return Outcome.skip("login budget spent before the empty-password login: not tried");
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("user", USER);
    ev.put("answer", refusal[0]);
    if (code[0] == MySqlClient.ER_ACCESS_DENIED) {
      return Outcome.pass(
          "the server refused root with an empty password (" + refusal[0] + ")", ev);
    }
    if (code[0] == MySqlClient.ER_HOST_NOT_PRIVILEGED) {
      return Outcome.pass("no login from this host is possible (" + refusal[0] + ")", ev);
    }
    return Outcome.skip("the server refused the login for another reason: " + refusal[0]);
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
