package dev.tenken.printer;

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
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code printer.pjl.security-settings}: no PJL password, and the disk and control panel are not
 * locked. Sends {@code @PJL DINQUIRE PASSWORD}, {@code DINQUIRE CPLOCK} and {@code DINQUIRE
 * DISKLOCK} (reads of the settings; the password itself is never revealed by PJL, only whether one
 * is set). {@code PASSWORD DISABLED} is a FAIL (key {@code password}, the lock states as evidence);
 * with a password of unknown state, {@code DISKLOCK OFF} is a FAIL (key {@code disklock}). {@code
 * PASSWORD ENABLED} without an unlocked disk is a PASS; a printer that answers none of them is a
 * SKIP. Stateless and thread-safe.
 */
final class PjlSecuritySettings implements Check {
  static final String ID = "printer.pjl.security-settings";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "No PJL password; disk and control panel not locked")
          .description(
              "Without a PJL password, anyone who reaches the raw print port can change the"
                  + " printer's PJL settings (SET/DEFAULT, which also wear out its NVRAM), lock the"
                  + " control panel or the disk against the administrator, and reach the file"
                  + " system. CPLOCK and DISKLOCK OFF mean the control panel and the disk are not"
                  + " protected by that password.")
          .remediation(
              "Set a PJL password (HP: in the web panel under Security, or `@PJL DEFAULT"
                  + " PASSWORD` from the print server), turn DISKLOCK on, and restrict the raw"
                  + " print ports to the print server.")
          .probe(
              "UEL-framed `@PJL DINQUIRE PASSWORD`, `@PJL DINQUIRE CPLOCK`, `@PJL DINQUIRE"
                  + " DISKLOCK` (reads only)")
          .proof(
              "`PASSWORD` answered `DISABLED` (or `DISKLOCK` answered `OFF`); `PASSWORD ENABLED`"
                  + " with the disk not unlocked is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("pjl")
          .ports(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999)
          .references(
              Reference.cwe(306),
              Reference.url("https://github.com/RUB-NDS/PRET"),
              Reference.url(
                  "https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf"))
          .tags("printer", "pjl", "no-auth", "configuration")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    try (PjlClient pjl = PjlClient.open(context, endpoint)) {
      values.put("password", value(pjl.ask(PjlClient.Query.DINQUIRE_PASSWORD)));
      values.put("cplock", value(pjl.ask(PjlClient.Query.DINQUIRE_CPLOCK)));
      values.put("disklock", value(pjl.ask(PjlClient.Query.DINQUIRE_DISKLOCK)));
    }
    String password = values.get("password");
    String disklock = values.get("disklock");
    if (password.equals("DISABLED") || password.equals("0") || disklock.equals("OFF")) {
      boolean noPassword = password.equals("DISABLED") || password.equals("0");
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(noPassword ? "password" : "disklock")
              .evidence(
                  "reply",
                  noPassword
                      ? "`@PJL DINQUIRE PASSWORD` answered " + password + ": no PJL password set"
                      : "`@PJL DINQUIRE DISKLOCK` answered OFF: the disk is not locked");
      values.forEach((k, v) -> f.evidence(k, v));
      return Outcome.fail(f.build());
    }
    if (password.equals("ENABLED")) {
      return Outcome.pass(
          "a PJL password is set (`DINQUIRE PASSWORD` answered ENABLED); CPLOCK "
              + values.get("cplock")
              + ", DISKLOCK "
              + disklock,
          values);
    }
    return Outcome.skip(
        "the printer does not report its PJL password state (PASSWORD "
            + password
            + ", DISKLOCK "
            + disklock
            + ")");
  }

  /** The answer, upper case and printable, or {@code none}/{@code ?}. */
  private static String value(Optional<PjlClient.Reply> reply) {
    if (reply.isEmpty()) {
      return "none";
    }
    if (reply.get().unsupported()) {
      return "?";
    }
    String v = reply.get().firstValue();
    int eq = v.indexOf('=');
    // some printers answer NAME=VALUE (PASSWORD=DISABLED) instead of the bare value
    return PjlClient.printable(eq >= 0 ? PjlClient.unquote(v.substring(eq + 1).strip()) : v, 32);
  }

  @Override
  public String toString() {
    return ID;
  }
}
