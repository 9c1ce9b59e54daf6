package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code printer.cups.web-interface-exposed}: {@code GET /} on the IPP port serves the CUPS web
 * interface (title {@code Home - CUPS x.y}) to this address. {@code 403 Forbidden}, {@code 401}
 * (login required) or CUPS's {@code Web Interface is Disabled} page is a PASS; an HTTP server that
 * is not CUPS is a SKIP. Reports product {@code cups} and its version from the title or the {@code
 * Server: CUPS/x.y IPP/2.1} header. Stateless and thread-safe.
 */
final class CupsWebInterfaceExposed implements Check {
  static final String ID = "printer.cups.web-interface-exposed";

  static final Pattern TITLE =
      Pattern.compile(
          "<title>\\s*([^<]{0,80}?)\\s*-\\s*CUPS\\s*([0-9][0-9A-Za-z.+~-]{0,30})?\\s*</title>",
          Pattern.CASE_INSENSITIVE);
  static final Pattern SERVER = Pattern.compile("(?i)\\bCUPS/([0-9][0-9A-Za-z.+~-]{0,30})");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "CUPS web interface exposed")
          .description(
              "The CUPS web interface on port 631 shows the server's version, its printers,"
                  + " classes and jobs, and offers the administration pages; exposed beyond"
                  + " the machine it invites guessing administrator passwords and exploiting"
                  + " CUPS flaws.")
          .remediation(
              "Turn the web interface off where it is not needed (cupsctl WebInterface=no) or"
                  + " limit <Location /> to localhost and administrators; never expose port"
                  + " 631 to the Internet.")
          .probe("HTTP GET / on the IPP port")
          .proof(
              "200 with title 'Home - CUPS x.y' (or a CUPS Server header and page); 403, 401 or"
                  + " 'Web Interface is Disabled' is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("ipp", "http")
          .ports(IppClient.PORT)
          .references(
              Reference.cwe(200), Reference.url("https://www.cups.org/doc/man-cupsd.conf.html"))
          .tags("cups", "exposure", "web-panel", CheckDescriptor.TAG_MARKER_BASED)
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (HttpProbe http = HttpProbe.of(context)) {
      HttpReply reply = http.get(endpoint, "/");
      Optional<String> server = reply.header("Server");
      Optional<String> serverVersion =
          server.map(SERVER::matcher).filter(Matcher::find).map(m -> m.group(1));
      String body = reply.bodyText();
      Matcher title = TITLE.matcher(body);
      boolean titled = title.find();
      boolean cups = serverVersion.isPresent() || titled;
      String status = "HTTP " + reply.status();
      if (reply.status() == 403 || reply.status() == 401) {
        return Outcome.pass(
            "GET / answered "
                + status
                + (reply.status() == 403 ? " Forbidden" : " (login required)")
                + (cups ? " from CUPS" : ""),
            Map.of(
                "reply",
                status + server.map(s -> ", Server " + IppClient.printable(s, 60)).orElse("")));
      }
      if (!cups) {
        return Outcome.skip("GET / did not answer a CUPS page (" + status + ")");
      }
      String page = titled ? IppClient.printable(title.group(1).strip(), 80) : "";
      if (page.toLowerCase(java.util.Locale.ROOT).contains("web interface is disabled")) {
        return Outcome.pass(
            "CUPS answers 'Web Interface is Disabled' to GET /", Map.of("title", page + " - CUPS"));
      }
      if (!reply.isSuccess()) {
        return Outcome.skip("CUPS answered GET / with " + status);
      }
      String version =
          titled && title.group(2) != null ? title.group(2) : serverVersion.orElse(null);
      String source =
          titled && title.group(2) != null ? "CUPS web page title" : "HTTP Server header";
      context.facts().identify(DeviceIdentity.Attribute.PRODUCT, "cups", source, Confidence.FIRM);
      if (version != null) {
        context
            .facts()
            .identify(DeviceIdentity.Attribute.VERSION, version, source, Confidence.FIRM);
      }
      var finding =
          context
              .finding(endpoint)
              .confidence(titled ? Confidence.CONFIRMED : Confidence.FIRM)
              .key("/")
              .evidence("reply", status + " to GET /")
              .evidence("cups version", version == null ? "(not shown)" : version);
      if (titled) {
        finding.evidence(
            "title", page + " - CUPS" + (title.group(2) == null ? "" : " " + title.group(2)));
      }
      server.ifPresent(s -> finding.evidence("server", IppClient.printable(s, 80)));
      return Outcome.fail(finding.build());
    }
  }

  @Override
  public String toString() {
    return ID;
  }
}
