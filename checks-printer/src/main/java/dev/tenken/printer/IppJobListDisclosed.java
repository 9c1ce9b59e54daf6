package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpProbe;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code printer.ipp.job-list-disclosed}: Get-Jobs, without credentials, lists the job names and
 * owners of other people's jobs. Sends Get-Jobs twice ({@code which-jobs} {@code not-completed},
 * then {@code completed}, at most {@value #LIMIT} jobs each) asking for {@code job-name} and {@code
 * job-originating-user-name} only. Names and owners appear in the evidence masked (a few leading
 * characters and the length). Jobs listed without those values (CUPS hides them from other users by
 * default, {@code JobPrivateValues}), no jobs, or a refused request is a PASS with evidence.
 * Stateless and thread-safe.
 */
final class IppJobListDisclosed implements Check {
  static final String ID = "printer.ipp.job-list-disclosed";

  static final int LIMIT = 50;

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "IPP job list discloses job names and owners")
          .description(
              "Job names are usually document titles (\"Dismissal letter - J. Smith.docx\") and"
                  + " owners are user names: a printer or CUPS server that lists them to anyone"
                  + " leaks what the organisation prints, who prints it, and valid account names.")
          .remediation(
              "Hide job names and owners from other users (CUPS: JobPrivateValues default and"
                  + " JobPrivateAccess default in every policy; printers: restrict the job list"
                  + " to administrators) and require authentication for IPP.")
          .probe(
              "IPP Get-Printer-Attributes to find the printer, then Get-Jobs which-jobs"
                  + " not-completed and completed with requested-attributes job-name,"
                  + " job-originating-user-name (limit "
                  + LIMIT
                  + ")")
          .proof(
              "job groups carrying job-name or job-originating-user-name values, without"
                  + " credentials")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.AUTHENTICATION)
          .services("ipp", "ipps")
          .ports(IppClient.PORT)
          .references(
              Reference.cwe(200),
              Reference.url("https://www.cups.org/doc/man-cupsd.conf.html"),
              Reference.url("https://www.rfc-editor.org/rfc/rfc8011#section-4.2.6"))
          .tags("ipp", "privacy", "exposure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (HttpProbe http = HttpProbe.of(context)) {
      IppClient.Answer located =
          IppClient.printerAttributes(http, context, endpoint, "printer-name");
      if (IppClient.isAccessRefusal(located)) {
        String e = IppClient.refusal(located);
        return Outcome.pass(
            "the printer refuses IPP requests without credentials: " + e, Map.of("reply", e));
      }
      if (!(located instanceof IppClient.Reply printer) || !printer.message().isSuccess()) {
        return Outcome.skip("no IPP printer answered: " + IppClient.refusal(located));
      }
      String path = printer.path();
      int jobs = 0;
      List<String> names = new ArrayList<>();
      Set<String> owners = new LinkedHashSet<>();
      List<String> statuses = new ArrayList<>();
      for (String which : new String[] {"not-completed", "completed"}) {
        IppClient.Answer answer =
            IppClient.send(
                http,
                endpoint,
                path,
                IppCodec.request(IppCodec.Operation.GET_JOBS)
                    .printerUri(IppClient.printerUri(endpoint, path))
                    .limit(LIMIT)
                    .whichJobs(which)
                    .requestedAttributes("job-id", "job-name", "job-originating-user-name"));
        if (!(answer instanceof IppClient.Reply reply) || !reply.message().isSuccess()) {
          statuses.add(which + ": " + IppClient.refusal(answer));
          continue;
        }
        List<IppMessage.Group> groups = reply.message().groups(IppCodec.JOB_GROUP);
        statuses.add(which + ": " + groups.size() + " job(s)");
        jobs += groups.size();
        for (IppMessage.Group g : groups) {
          g.get("job-name")
              .map(IppMessage.Attribute::first)
              .filter(IppJobListDisclosed::shown)
              .ifPresent(names::add);
          g.get("job-originating-user-name")
              .map(IppMessage.Attribute::first)
              .filter(IppJobListDisclosed::shown)
              .ifPresent(owners::add);
        }
      }
      String summary = String.join("; ", statuses);
      if (names.isEmpty() && owners.isEmpty()) {
        return Outcome.pass(
            jobs == 0
                ? "Get-Jobs listed no job names or owners (" + summary + ")"
                : jobs + " job(s) listed with job names and owners withheld (" + summary + ")",
            Map.of("get-jobs", summary));
      }
      var finding =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(path)
              .evidence("get-jobs", summary + " on " + path + " without credentials")
              .evidence("job names disclosed", Integer.toString(names.size()))
              .evidence("owners disclosed", Integer.toString(owners.size()));
      if (!names.isEmpty()) {
        finding.evidence("job names (masked)", sample(names));
      }
      if (!owners.isEmpty()) {
        finding.evidence("owners (masked)", sample(new ArrayList<>(owners)));
      }
      return Outcome.fail(finding.build());
    }
  }

  /** Whether a value is really shown (not blank, not a placeholder a server put in its place). */
  static boolean shown(String v) {
    String s = v.strip();
    return !s.isEmpty() && !s.equals("?") && !s.startsWith("**");
  }

  /** Up to three values, each masked. */
  static String sample(List<String> values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.size() && i < 3; i++) {
      out.add(mask(values.get(i)));
    }
    return String.join(", ", out) + (values.size() > 3 ? ", …" : "");
  }

  /** The first characters of {@code v} (one for short values, three otherwise) and its length. */
  static String mask(String v) {
    String s = IppClient.printable(v.strip(), 200);
    int keep = s.length() <= 4 ? 1 : 3;
    return s.substring(0, keep) + "… (" + s.length() + " chars)";
  }

  @Override
  public String toString() {
    return ID;
  }
}
