package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.UdpConnection;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.memcached.udp-enabled}: memcached listens on UDP, the reflector of the 2018
 * amplification attacks (CVE-2018-1000115; UDP is off by default since 1.5.6).
 *
 * <p>Runs on the memcached TCP port. First it asks {@code stats settings} over TCP (text, or binary
 * for a SASL-only server): that both proves the port is memcached — silence never leads to a PASS —
 * and, where readable, names the UDP port ({@code udpport}). Then it sends ONE small UDP datagram
 * ({@code stats} with the 8-byte frame header, 15 bytes) to the same port number and waits a short
 * while for one reply; nothing else, and the size of the answer is never measured or provoked
 * further.
 *
 * <ul>
 *   <li>a UDP reply: FAIL, confirmed;
 *   <li>no reply, but {@code stats settings} names a UDP port: FAIL, firm (the datagram may have
 *       been filtered, or UDP listens on another port);
 *   <li>ICMP port unreachable: PASS;
 *   <li>no reply and {@code udpport 0}: PASS;
 *   <li>no reply and the server requires SASL (memcached refuses to start UDP with SASL): PASS;
 *   <li>no reply and nothing else known: PASS, the evidence saying that UDP silence is ambiguous.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class MemcachedUdpEnabled implements Check {
  static final String ID = "database.memcached.udp-enabled";

  /** Longest wait for the UDP reply. */
  static final Duration MAX_UDP_WAIT = Duration.ofMillis(1000);

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Memcached answers over UDP (DDoS reflector)")
          .description(
              "A memcached that answers UDP can be abused as a reflector: a 15-byte request with"
                  + " a forged source address makes it send kilobytes to megabytes to the victim."
                  + " The 2018 attacks of over 1 Tbit/s used exposed memcached UDP listeners;"
                  + " UDP has been off by default since memcached 1.5.6.")
          .remediation(
              "Turn UDP off (-U 0, the default since 1.5.6), bind memcached to a private address"
                  + " and filter port 11211 (TCP and UDP) at the network edge.")
          .probe(
              "`stats settings` over TCP, then one 15-byte UDP `stats` datagram with the frame"
                  + " header to the same port (no amplification measurement)")
          .proof("any UDP reply, or `stats settings` shows udpport other than 0")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("memcached")
          .ports(11211)
          .references(
              Reference.cve("CVE-2018-1000115"),
              Reference.cwe(406),
              Reference.url(
                  "https://www.cisa.gov/news-events/alerts/2018/02/27/udp-based-amplification-attacks"))
          .tags("memcached", "udp", "amplification", "exposure")
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MemcachedClient.Answer settings =
        MemcachedClient.stats(context, endpoint, MemcachedClient.Command.STATS_SETTINGS);
    Optional<String> udpPort = Optional.empty();
    boolean sasl = false;
    String settingsEvidence;
    if (settings instanceof MemcachedClient.Stats s) {
      udpPort =
          Optional.ofNullable(s.values().get("udpport")).map(v -> MemcachedClient.printable(v, 16));
      settingsEvidence =
          udpPort.map(p -> "udpport " + p).orElse("no udpport entry")
              + " ("
              + s.protocol().label()
              + ")";
    } else if (settings instanceof MemcachedClient.Refused r) {
      sasl = r.protocol() == MemcachedClient.Protocol.BINARY && r.authRequired();
      settingsEvidence = "not readable: " + r.evidence() + " (" + r.protocol().label() + ")";
    } else {
      throw new ProtocolException(
          "the server closed the connection on `stats settings` in both framings");
    }

    Duration wait = context.remaining().minusMillis(250);
    if (wait.compareTo(MAX_UDP_WAIT) > 0) {
      wait = MAX_UDP_WAIT;
    }
    if (wait.isNegative() || wait.isZero()) {
      return Outcome.error("no time left for the UDP datagram");
    }
    int requestId = RANDOM.nextInt(0x10000);
    byte[] request = MemcachedClient.udpStats(requestId);
    Endpoint udp = endpoint.sibling(endpoint.port(), Transport.UDP, "memcached");
    Optional<byte[]> reply;
    boolean unreachable = false;
    try (UdpConnection socket = context.udp(udp)) {
      reply = socket.exchange(request, wait);
    } catch (PortUnreachableException e) {
      reply = Optional.empty();
      unreachable = true;
    }

    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("stats settings", settingsEvidence);
    if (reply.isPresent()) {
      byte[] r = reply.get();
      boolean framed = r.length >= 8 && (((r[0] & 0xff) << 8) | (r[1] & 0xff)) == requestId;
      Finding.Builder f =
          context
              .finding(endpoint)
              .confidence(framed ? Confidence.CONFIRMED : Confidence.FIRM)
              .key("udp-reply")
              .evidence(
                  "udp reply",
                  r.length
                      + " byte(s) on udp/"
                      + endpoint.port()
                      + " to a "
                      + request.length
                      + "-byte `stats` datagram"
                      + (framed
                          ? " (memcached frame, request id echoed)"
                          : " (not memcached-framed)"))
              .evidence("first line", firstLine(r, framed ? 8 : 0))
              .evidence("stats settings", settingsEvidence);
      return Outcome.fail(f.build());
    }
    String silence =
        unreachable
            ? "ICMP port unreachable for udp/" + endpoint.port()
            : "no UDP reply on udp/" + endpoint.port() + " within " + wait.toMillis() + " ms";
    evidence.put("udp", silence);
    if (udpPort.isPresent() && !udpPort.get().equals("0")) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.FIRM)
              .key("udpport")
              .evidence("stats settings", "udpport " + udpPort.get())
              .evidence("udp", silence + " (filtered on the way, or UDP listens on another port)")
              .build());
    }
    if (unreachable) {
      return Outcome.pass(
          "memcached does not listen on UDP: " + silence + "; stats settings: " + settingsEvidence,
          evidence);
    }
    if (udpPort.isPresent()) {
      return Outcome.pass("memcached reports udpport 0 (UDP off) and " + silence, evidence);
    }
    if (sasl) {
      return Outcome.pass(
          "memcached requires SASL, which it never runs together with UDP, and " + silence,
          evidence);
    }
    evidence.put(
        "confidence", "UDP silence is ambiguous: a firewall may drop datagrams or replies");
    return Outcome.pass(
        silence + "; UDP silence is ambiguous (the settings were " + settingsEvidence + ")",
        evidence);
  }

  private static String firstLine(byte[] r, int from) {
    int end = from;
    while (end < r.length && end - from < 120 && r[end] != '\r' && r[end] != '\n') {
      end++;
    }
    return MemcachedClient.printable(
        new String(r, from, Math.max(0, end - from), StandardCharsets.ISO_8859_1), 120);
  }

  @Override
  public String toString() {
    return ID;
  }
}
