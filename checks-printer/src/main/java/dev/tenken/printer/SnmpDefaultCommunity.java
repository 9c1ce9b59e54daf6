package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code printer.snmp.default-community}: the agent accepts a factory-default community.
 *
 * <p>First the credential-free SNMPv3 discovery message, which proves a live agent without spending
 * any login attempt. Then, through {@link CredentialAttempts} (the host's shared budget of failed
 * logins), one SNMPv2c {@code GetRequest} for {@code sysDescr.0} per candidate community, in order:
 * {@code private} (the usual read-write default), {@code public} (the read-only default), then the
 * vendor communities {@code internal} (HP JetDirect) and {@code admin}. Only GET is ever sent: a
 * community that is usually read-write is reported HIGH without ever writing to prove it; {@code
 * public} alone is reported MEDIUM. Since a wrong community is dropped silently, each rejection is
 * a timeout of at most {@link SnmpClient#MAX_WAIT}, all within the check's deadline.
 *
 * <p>Outcomes: a community answered: FAIL. The budget ran out first: SKIP (never PASS). Every
 * candidate silent and the v3 Report proved a live agent: PASS. Nothing answered at all: ERROR.
 * Communities are secrets: findings name the candidate by its label, never the string. Stateless
 * and thread-safe.
 */
final class SnmpDefaultCommunity implements Check {
  static final String ID = "printer.snmp.default-community";

  /**
   * One candidate community.
   *
   * @param label how findings name it (never the community itself)
   * @param community the community string
   * @param readWrite whether vendors ship it read-write
   */
  record Candidate(String label, Secret community, boolean readWrite) {}

  /** The factory defaults, in the order tried. */
  static final List<Candidate> DEFAULTS =
      List.of(
          new Candidate(
              "default community #1 (the usual read-write default)", Secret.of("private"), true),
          new Candidate("default community #2 (the read-only default)", Secret.of("public"), false),
          new Candidate(
              "default community #3 (HP JetDirect vendor community)", Secret.of("internal"), true),
          new Candidate(
              "default community #4 (vendor administration community)", Secret.of("admin"), true));

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "SNMP accepts a default community")
          .description(
              "Printers and MFPs ship with SNMP communities everybody knows. With 'public'"
                  + " anyone reads the device's configuration, model and serial; a community that"
                  + " vendors ship read-write ('private', HP's 'internal', 'admin') usually lets"
                  + " anyone change the network settings, reset the device or redirect its"
                  + " traffic.")
          .remediation(
              "Remove the default communities (above all the read-write ones), use SNMPv3"
                  + " authPriv users instead, or at least long random read-only communities,"
                  + " and restrict SNMP to the management network.")
          .probe(
              "SNMPv3 discovery (no credentials), then one SNMPv2c GetRequest for sysDescr.0 per"
                  + " community within the host's login budget, in order: #1 private, #2 public,"
                  + " #3 internal, #4 admin (never a SetRequest)")
          .proof(
              "a GetResponse to a candidate community; #1, #3 and #4 are reported high as usually"
                  + " read-write (never verified by writing), #2 medium")
          .severity(Severity.HIGH)
          .safety(Safety.CREDENTIAL_ATTEMPT)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("snmp")
          .transport(Transport.UDP)
          .ports(SnmpChecks.PORT)
          .references(
              Reference.cwe(1392),
              Reference.cwe(798),
              SnmpChecks.JPCERT,
              Reference.url("https://nmap.org/nsedoc/scripts/snmp-brute.html"))
          .tags("snmp", "printer", "default-credentials", "community")
          .build();

  private final List<Candidate> candidates;

  SnmpDefaultCommunity() {
    this(DEFAULTS);
  }

  /** With other candidates: for tests only. */
  SnmpDefaultCommunity(List<Candidate> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Optional<SnmpClient.EngineReport> report;
    try {
      report = SnmpClient.discover(context, endpoint);
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    } catch (ProtocolException e) {
      report = Optional.empty(); // not proof of a live agent; the communities may still tell
    }
    // Only as many candidates as the deadline leaves time for: an attempt is taken from the
    // budget before each login, so none may be taken that could not be tried.
    long fit =
        context.remaining().minus(SnmpClient.RESERVE).toMillis() / SnmpClient.MAX_WAIT.toMillis();
    List<Credentials> creds = new ArrayList<>();
    for (Candidate c : candidates) {
      if (creds.size() < fit) {
        creds.add(new Credentials(c.label(), c.community()));
      }
    }
    String[] sysDescr = new String[1];
    boolean[] outOfTime = {creds.size() < candidates.size()};
    CredentialAttempts.Result result;
    try {
      result =
          CredentialAttempts.run(
              context,
              creds,
              c -> {
                if (!SnmpClient.hasTime(context)) {
                  outOfTime[0] = true;
                  return CredentialAttempts.Verdict.REJECTED;
                }
                Optional<SnmpClient.Response> r =
                    SnmpClient.get(
                        context,
                        endpoint,
                        SnmpClient.Version.V2C,
                        c.secret(),
                        List.of(SnmpClient.SYS_DESCR));
                if (r.isEmpty()) {
                  return CredentialAttempts.Verdict.REJECTED;
                }
                sysDescr[0] =
                    r.get()
                        .binding(SnmpClient.SYS_DESCR)
                        .map(SnmpClient.Binding::text)
                        .orElse("(the agent answered without the value)");
                return CredentialAttempts.Verdict.ACCEPTED;
              });
    } catch (PortUnreachableException e) {
      return Outcome.error("ICMP port unreachable: no SNMP agent on udp/" + endpoint.port());
    }
    if (result.accepted().isPresent()) {
      String label = result.accepted().get().user();
      Candidate hit =
          candidates.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
      return Outcome.fail(
          context
              .finding(endpoint)
              .severity(hit.readWrite() ? Severity.HIGH : Severity.MEDIUM)
              .confidence(Confidence.CONFIRMED)
              .key(label)
              .evidence("accepted", label + " (the community itself is withheld)")
              .evidence(
                  "access",
                  hit.readWrite()
                      ? "answered a GetRequest; vendors ship this community read-write (not"
                          + " verified: Tenken never writes)"
                      : "answered a GetRequest: the MIB is readable by anyone")
              .evidence("sysDescr.0", sysDescr[0])
              .evidence("tried", result.tried() + " of " + candidates.size() + " candidates")
              .build());
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put(
        "tried", result.tried() + " of " + candidates.size() + " candidates, none answered");
    if (result.budgetSpent()) {
      return Outcome.skip(
          "the host's login budget ran out after "
              + result.tried()
              + " of "
              + candidates.size()
              + " candidate communities (none answered): raise it to test the rest");
    }
    if (outOfTime[0]) {
      return Outcome.error(
          "the deadline left no time to try every candidate community ("
              + result.tried()
              + " tried, none answered)");
    }
    if (report.isEmpty()) {
      return Outcome.error(
          "no SNMP reply on udp/"
              + endpoint.port()
              + " to v3 discovery or any candidate community: silence proves nothing");
    }
    evidence.put("SNMPv3", "Report from engine " + report.get().engineIdHex() + " (live agent)");
    return Outcome.pass(
        "a live SNMP agent (engine "
            + report.get().engineIdHex()
            + ") answered none of the "
            + candidates.size()
            + " default communities",
        evidence);
  }

  @Override
  public String toString() {
    return ID;
  }
}
