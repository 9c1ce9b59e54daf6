package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpProbe;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * {@code camera.http.accepts-any-path}: the HTTP catch-all meta check. A random path answering 2xx
 * marks a honeypot or a soft-404 server, on which body-marker and credential results are unreliable
 * (the runner then downgrades marker-based findings, and the credential check does not try).
 */
final class PanelAcceptsAnyPath extends PanelCheck {
  static final PanelAcceptsAnyPath INSTANCE = new PanelAcceptsAnyPath();

  private PanelAcceptsAnyPath() {
    super(
        panel("camera.http.accepts-any-path", "HTTP port answers success to any path")
            .description(
                "A path that cannot exist on any device answers with success. Honeypots and"
                    + " soft-404 web servers do this; every finding that rests on a page"
                    + " answering or showing a text is then unreliable on this port.")
            .remediation(
                "Nothing to fix on a device; treat the port's other findings as tentative, and"
                    + " check whether the address is a honeypot or a proxy answering for others.")
            .probe("GET " + HttpProbe.CANARY_PREFIX + "<16 random hex digits>, no redirects")
            .proof("a 2xx answer to that path")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.INVENTORY)
            .tags("camera", "web-panel", "meta")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    if (!http.isCatchAll(endpoint)) {
      return Outcome.pass(
          "a random path (" + HttpProbe.CANARY_PREFIX + "<16 hex digits>) is not answered 2xx",
          Map.of("canary", "not 2xx"));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .title("HTTP port answers success to any path")
            .confidence(Confidence.CONFIRMED)
            .key("catch-all")
            .evidence(
                "canary", "GET " + HttpProbe.CANARY_PREFIX + "<16 random hex digits> answered 2xx")
            .evidence(
                "consequence", "body-marker and credential results on this port are unreliable")
            .build());
  }
}
