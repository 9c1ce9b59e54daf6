package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.http.TlsHandshake;
import dev.tenken.http.TlsObservation;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code camera.rtsp.cleartext-only}: RTSP answers in cleartext and the host offers no RTSPS, so
 * video and credentials can only travel unencrypted. After the port's {@code OPTIONS} answer, a TLS
 * handshake (nothing sent over it) with the same host's RTSPS ports, {@value #DEFAULT_TLS_PORTS} by
 * default or option {@value #TLS_PORTS_OPTION}. One completed handshake is a PASS. Stateless and
 * thread-safe.
 */
final class RtspCleartextOnly extends RtspCheck {
  static final RtspCleartextOnly INSTANCE = new RtspCleartextOnly();

  /** Option: comma-separated RTSPS ports to look at instead of the defaults. */
  static final String TLS_PORTS_OPTION = "camera.rtsp.tls-ports";

  /** The RTSPS ports of RFC 2326 (322) and common cameras (8322). */
  static final String DEFAULT_TLS_PORTS = "322,8322";

  private RtspCleartextOnly() {
    super(
        rtsp("camera.rtsp.cleartext-only", "RTSP only in cleartext, no RTSPS")
            .description(
                "The device streams RTSP in cleartext and offers no RTSPS (RTSP over TLS) on"
                    + " port 322 or 8322. Video, and the credentials viewers send with Basic"
                    + " authentication, cross the network readable by anyone on the path.")
            .remediation(
                "Turn on RTSPS (RTSP over TLS) where the device supports it and have recorders"
                    + " use it; otherwise keep RTSP on an isolated camera network.")
            .probe(
                "OPTIONS on the port; then a TLS handshake (nothing sent over it) with ports"
                    + " 322 and 8322 of the same host")
            .proof("an RTSP answer in cleartext and no TLS handshake completed on 322 or 8322")
            .severity(Severity.LOW)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(RFC2326, Reference.cwe(319))
            .tags("camera", "rtsp", "cleartext", "tls")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException {
    RtspProbe.Service s = probe.service();
    List<Integer> ports = ports(context.option(TLS_PORTS_OPTION).orElse(DEFAULT_TLS_PORTS));
    Map<String, String> tried = new LinkedHashMap<>();
    for (int port : ports) {
      if (port == endpoint.port()) {
        continue;
      }
      Endpoint tls = endpoint.sibling(port, Transport.TCP, "rtsps");
      try {
        TlsObservation o = TlsHandshake.observe(context, tls);
        return Outcome.pass(
            "RTSPS answers on port " + port + " (" + o.protocol() + ")",
            Map.of(
                "rtsp", "port " + endpoint.port() + ": RTSP/1.0 " + s.statusLine(),
                "rtsps", "port " + port + ": " + o.protocol() + ", " + o.cipherSuite()));
      } catch (OutOfScopeException e) {
        tried.put("port " + port, "not scanned: out of scope");
      } catch (IOException e) {
        tried.put("port " + port, "no TLS handshake (" + e.getClass().getSimpleName() + ")");
      }
      if (context.remaining().isZero()) {
        break;
      }
    }
    if (tried.isEmpty()) {
      return Outcome.skip("no RTSPS port to look at besides this one");
    }
    if (tried.values().stream().allMatch(v -> v.startsWith("not scanned"))) {
      return Outcome.skip("the RTSPS ports are out of scope: not judged");
    }
    var f =
        context
            .finding(endpoint)
            .confidence(Confidence.FIRM)
            .key("cleartext")
            .evidence("rtsp", "port " + endpoint.port() + ": RTSP/1.0 " + s.statusLine());
    tried.forEach(f::evidence);
    return Outcome.fail(f.build());
  }

  /** The ports of {@code option}: numbers within 1-65535, at most 4. */
  static List<Integer> ports(String option) {
    List<Integer> out = new ArrayList<>();
    for (String p : option.split(",")) {
      String t = p.strip();
      if (t.matches("\\d{1,5}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= 65535) {
        out.add(Integer.parseInt(t));
      }
      if (out.size() == 4) {
        break;
      }
    }
    return out;
  }
}
