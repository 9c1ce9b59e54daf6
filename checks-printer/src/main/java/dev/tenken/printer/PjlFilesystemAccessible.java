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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code printer.pjl.filesystem-accessible}: the printer's file system (stored jobs, scans, fonts,
 * web server files) can be listed over PJL without a password. Sends {@code @PJL INFO FILESYS} and,
 * when volumes are reported, {@code @PJL FSDIRLIST NAME="0:\" ENTRY=1 COUNT=16} — a listing of at
 * most 16 names; never {@code FSUPLOAD}, {@code FSDOWNLOAD}, {@code FSDELETE} or any other file
 * command. Entries in the listing are a FAIL (evidence: the volumes, the number of entries and at
 * most {@value #NAMES_SHOWN} names); no volume, {@code ?} or a {@code FILEERROR} answer to the
 * listing is a PASS. Stateless and thread-safe.
 */
final class PjlFilesystemAccessible implements Check {
  static final String ID = "printer.pjl.filesystem-accessible";

  /** Most entry names quoted as evidence. */
  static final int NAMES_SHOWN = 4;

  private static final Pattern VOLUME = Pattern.compile("^\\s*\"?(\\d{1,2}:)\"?(?:\\s|$).*");
  private static final Pattern ENTRY = Pattern.compile("^\\s*(.*?)\\s+TYPE=(DIR|FILE)\\b.*");
  private static final Pattern FILEERROR = Pattern.compile("FILEERROR\\s*=\\s*(\\d{1,6})");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Printer file system listable over PJL without a password")
          .description(
              "PJL file-system commands read the printer's disk or flash without authentication:"
                  + " anyone who reaches the raw print port can list, and with further commands"
                  + " read, change or delete, stored print jobs, scanned documents, fonts, macros"
                  + " and configuration files. JPCERT/CC warned of exactly this on MFPs reachable"
                  + " from the Internet.")
          .remediation(
              "Disable PJL file-system access (HP: 'File System External Access' off, or a PJL"
                  + " password and disk lock), restrict the raw print ports to the print server,"
                  + " and delete stored jobs that are no longer needed. Update the firmware.")
          .probe(
              "UEL-framed `@PJL INFO FILESYS`, then `@PJL FSDIRLIST NAME=\"0:\\\" ENTRY=1"
                  + " COUNT=16` (a listing of the root only)")
          .proof(
              "a volume table and directory entries (`TYPE=DIR` / `TYPE=FILE`) returned without a"
                  + " password; no volume, `?` or `FILEERROR` is a PASS")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("pjl")
          .ports(9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107, 9999)
          .references(
              Reference.cwe(306),
              Reference.url("https://www.jpcert.or.jp/at/2016/at160001.html"),
              Reference.url("https://github.com/RUB-NDS/PRET"),
              Reference.url(
                  "https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf"))
          .tags("printer", "pjl", "file-system", "no-auth")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (PjlClient pjl = PjlClient.open(context, endpoint)) {
      Optional<PjlClient.Reply> filesys = pjl.ask(PjlClient.Query.INFO_FILESYS);
      if (filesys.isEmpty()) {
        return Outcome.skip("no answer to `@PJL INFO FILESYS` within the wait");
      }
      List<String> volumes = new ArrayList<>();
      for (String line : filesys.get().lines()) {
        Matcher m = VOLUME.matcher(line);
        if (m.matches() && volumes.size() < 16) {
          volumes.add(m.group(1));
        }
      }
      if (volumes.isEmpty()) {
        return Outcome.pass(
            "`@PJL INFO FILESYS` reports no volume",
            Map.of("filesys", filesys.get().unsupported() ? "?" : "no volume lines"));
      }
      Optional<PjlClient.Reply> listing = pjl.ask(PjlClient.Query.FSDIRLIST_ROOT);
      if (listing.isEmpty()) {
        return Outcome.skip(
            "volumes " + String.join(", ", volumes) + " reported, but no answer to FSDIRLIST");
      }
      List<String> names = new ArrayList<>();
      String error = null;
      for (String line : listing.get().lines()) {
        Matcher e = FILEERROR.matcher(line);
        if (e.find()) {
          error = "FILEERROR=" + e.group(1);
          break;
        }
        Matcher m = ENTRY.matcher(line);
        if (m.matches() && !m.group(1).equals(".") && !m.group(1).equals("..")) {
          names.add(PjlClient.printable(m.group(1), 64));
        }
      }
      if (error != null || names.isEmpty()) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("volumes", String.join(", ", volumes));
        details.put("listing", error != null ? error : "no entries");
        return Outcome.pass(
            "volumes "
                + String.join(", ", volumes)
                + " reported, but listing 0:\\ was refused ("
                + details.get("listing")
                + ")",
            details);
      }
      List<String> shown = names.subList(0, Math.min(NAMES_SHOWN, names.size()));
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key("0:")
              .evidence("volumes", String.join(", ", volumes))
              .evidence(
                  "listing",
                  names.size()
                      + " entr"
                      + (names.size() == 1 ? "y" : "ies")
                      + " in 0:\\ listed without a password (first 16 asked)")
              .evidence(
                  "names", String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : ""))
              .build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
