package dev.tenken.printer;

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
import java.util.Optional;

/**
 * {@code printer.pjl.status-config-readable}: the printer tells anyone its status (code, panel
 * display, online) and configuration (trays, memory, installed languages) over PJL {@code INFO
 * STATUS} and {@code INFO CONFIG}: inventory for the owner, reconnaissance for a stranger. Sends
 * only those two UEL-framed queries. Both unsupported ({@code ?}) or the connection closed without
 * a byte is a PASS; silence proves nothing and is a SKIP. Stateless and thread-safe.
 */
final class PjlStatusConfigReadable implements Check {
  static final String ID = "printer.pjl.status-config-readable";

  /** Most configuration lines shown as evidence. */
  private static final int CONFIG_LINES = 8;

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer status and configuration readable over PJL")
          .description(
              "PJL INFO STATUS and INFO CONFIG answer anyone who reaches the raw print port with"
                  + " the printer's state, panel display, trays, memory and installed printer"
                  + " languages: an inventory of the device for its owner, and for a stranger a"
                  + " map of what to attack.")
          .remediation(
              "Restrict the raw print port (TCP 9100-9107, 9999) to the print server and the hosts"
                  + " that print, and turn off PJL information access where the printer offers"
                  + " it.")
          .probe("UEL-framed `@PJL INFO STATUS` and `@PJL INFO CONFIG` only (print-port guard)")
          .proof("the printer answers either query with values; `?` or a close is a PASS")
          .severity(Severity.INFO)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.INVENTORY)
          .services("pjl")
          .ports(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999)
          .references(
              Reference.url(
                  "https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf"))
          .tags("printer", "pjl", "inventory")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (PjlClient pjl = PjlClient.open(context, endpoint)) {
      Optional<PjlClient.Reply> status = pjl.ask(PjlClient.Query.INFO_STATUS);
      if (status.isEmpty()) {
        return pjl.closed()
            ? Outcome.pass(
                "the port closed the connection on `@PJL INFO STATUS` without answering",
                Map.of("reply", "connection closed, no bytes"))
            : Outcome.skip("no answer to `@PJL INFO STATUS` within the wait");
      }
      Optional<PjlClient.Reply> config = pjl.ask(PjlClient.Query.INFO_CONFIG);
      boolean statusRead = !status.get().unsupported();
      boolean configRead = config.isPresent() && !config.get().unsupported();
      if (!statusRead && !configRead) {
        return Outcome.pass(
            "the printer answered `?` to `@PJL INFO STATUS` and `@PJL INFO CONFIG`",
            Map.of("status", "?", "config", config.isPresent() ? "?" : "(no answer)"));
      }
      var finding = context.finding(endpoint).confidence(Confidence.CONFIRMED).key("status-config");
      if (statusRead) {
        finding.evidence(
            "INFO STATUS", PjlClient.printable(String.join("; ", status.get().values()), 200));
      }
      if (configRead) {
        var lines = config.get().values();
        finding.evidence(
            "INFO CONFIG",
            PjlClient.printable(
                    String.join("; ", lines.subList(0, Math.min(CONFIG_LINES, lines.size()))), 300)
                + (lines.size() > CONFIG_LINES ? " (" + lines.size() + " lines)" : ""));
      }
      return Outcome.fail(finding.build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
