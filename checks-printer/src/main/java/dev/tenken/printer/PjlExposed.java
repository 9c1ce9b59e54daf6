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
 * {@code printer.raw9100.exposed}: the raw print port answers PJL {@code INFO ID} to anyone. Sends
 * only the UEL-framed {@code @PJL INFO ID} (through {@link PjlClient}). A model line is a FAIL and
 * feeds the device identity (model, vendor; source "PJL INFO ID"). A printer that answers {@code ?}
 * or nothing identifying, or that closes the connection without a byte (an access list on the print
 * server), is a PASS with that evidence; silence proves nothing and is a SKIP. Stateless and
 * thread-safe.
 */
final class PjlExposed implements Check {
  static final String ID = "printer.raw9100.exposed";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Raw print port answers PJL to anyone")
          .description(
              "The raw print port (JetDirect/AppSocket, TCP 9100) takes print jobs and Printer Job"
                  + " Language (PJL) commands from anyone who can reach it, without"
                  + " authentication. Besides printing, PJL reads the printer's identity, status"
                  + " and settings and, on many models, its file system; attacks such as those of"
                  + " PRET start here.")
          .remediation(
              "Do not expose raw printing beyond the print server or the hosts that print:"
                  + " restrict TCP 9100-9107 (and 9999) with the printer's access control list or"
                  + " a firewall, or turn raw printing off and print over IPPS. Set a PJL password"
                  + " and disable PJL device and file-system access where the printer offers it.")
          .probe("UEL-framed `@PJL INFO ID` only (print-port guard; nothing printable is sent)")
          .proof(
              "the printer echoes `@PJL INFO ID` and names its model; `?`, an empty answer or a"
                  + " connection closed without a byte is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("pjl")
          .ports(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.jpcert.or.jp/at/2016/at160001.html"),
              Reference.url("https://github.com/RUB-NDS/PRET"),
              Reference.url(
                  "https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf"))
          .tags("printer", "pjl", "exposure", "inventory")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (PjlClient pjl = PjlClient.open(context, endpoint)) {
      Optional<PjlClient.Reply> reply = pjl.ask(PjlClient.Query.INFO_ID);
      if (reply.isEmpty()) {
        if (pjl.closed()) {
          return Outcome.pass(
              "the port closed the connection on `@PJL INFO ID` without answering",
              Map.of("reply", "connection closed, no bytes"));
        }
        return Outcome.skip("no answer to `@PJL INFO ID` within the wait");
      }
      PjlClient.Reply r = reply.get();
      if (r.unsupported()) {
        return Outcome.pass(
            "the printer answered `@PJL INFO ID` without identifying itself: "
                + PjlClient.printable(String.join(" ", r.values()), 40),
            Map.of("reply", r.values().isEmpty() ? "(empty)" : "?"));
      }
      String model = PjlClient.printable(r.values().get(0), 128);
      PjlChecks.identify(context, model);
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("info-id")
              .evidence("reply", "`@PJL INFO ID` answered without authentication")
              .evidence("model", model)
              .build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
