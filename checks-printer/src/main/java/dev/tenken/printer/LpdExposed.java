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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code printer.lpd.exposed}: the LPD service (RFC 1179) tells anyone the state of a print queue,
 * with the owners and names of waiting jobs. Sends only "send queue state (short)" ({@code 0x03}
 * queue {@code LF}) for the queue named by option {@value #QUEUE_OPTION} (default {@code lp}),
 * through {@link LpdClient}. Queue-state text is a FAIL (evidence: the first line, the number of
 * jobs and up to three owners); a refusal ({@code no permission}, {@code does not have line printer
 * access}, {@code access denied}) or a close without a byte is a PASS; an unknown queue is a SKIP.
 * Stateless and thread-safe.
 */
final class LpdExposed implements Check {
  static final String ID = "printer.lpd.exposed";

  /** The check option naming the queue to ask about. */
  static final String QUEUE_OPTION = "printer.lpd.queue";

  private static final Pattern JOB =
      Pattern.compile("^\\s*(active|\\d+(?:st|nd|rd|th))\\s+(\\S+)\\s+(\\d+)\\b.*");

  private static final List<String> REFUSALS =
      List.of(
          "no permission",
          "not have line printer access",
          "access denied",
          "permission denied",
          "not allowed",
          "connection refused");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "LPD discloses print queue state")
          .description(
              "The printer (or print server) runs the Line Printer Daemon (RFC 1179, TCP 515)"
                  + " for anyone: it tells who prints what (job owners and document names) and,"
                  + " since LPD has no authentication, accepts print jobs from anyone who reaches"
                  + " it.")
          .remediation(
              "Turn LPD off where nothing prints over it (print over IPPS instead), or restrict"
                  + " TCP 515 to the print server with the printer's access control list or a"
                  + " firewall.")
          .probe("RFC 1179 \"send queue state (short)\": `0x03 lp LF`; never a print job")
          .proof(
              "queue-state text (`lp is ready`, job lines with owners); a refusal or a close"
                  + " without a byte is a PASS")
          .severity(Severity.LOW)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("lpd")
          .ports(515)
          .references(Reference.cwe(200), Reference.url("https://www.rfc-editor.org/rfc/rfc1179"))
          .tags("printer", "lpd", "exposure", "information-disclosure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    String queue = context.option(QUEUE_OPTION).orElse("lp");
    String state = LpdClient.queueState(context, endpoint, queue);
    String text = state.strip();
    if (text.isEmpty()) {
      return Outcome.pass(
          "LPD closed the connection without a queue state for `" + queue + "`",
          Map.of("queue", queue, "reply", "connection closed, no bytes"));
    }
    String firstLine = PjlClient.printable(text.lines().findFirst().orElse(""), 120);
    String lower = text.toLowerCase(Locale.ROOT);
    for (String refusal : REFUSALS) {
      if (lower.contains(refusal)) {
        return Outcome.pass(
            "LPD refused the queue state: " + firstLine,
            Map.of("queue", queue, "reply", firstLine));
      }
    }
    if (lower.contains("unknown printer") || lower.contains("unknown queue")) {
      return Outcome.skip("queue `" + queue + "` is unknown to LPD: " + firstLine);
    }
    int jobs = 0;
    Set<String> owners = new LinkedHashSet<>();
    for (String line : text.lines().toList()) {
      Matcher m = JOB.matcher(line);
      if (m.matches()) {
        jobs++;
        if (owners.size() < 3) {
          owners.add(PjlClient.printable(m.group(2), 32));
        }
      }
    }
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key(queue)
            .evidence("queue", queue)
            .evidence("state", firstLine)
            .evidence("jobs", String.valueOf(jobs));
    if (!owners.isEmpty()) {
      f.evidence("owners", String.join(", ", new ArrayList<>(owners)));
    }
    return Outcome.fail(f.build());
  }

  @Override
  public String toString() {
    return ID;
  }
}
