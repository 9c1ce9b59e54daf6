package dev.tenken.spi;

import dev.tenken.Transport;
import java.util.List;
import java.util.Optional;

/**
 * Recognises one protocol by what a port answers, so checks run on the service a port actually
 * speaks, never on what its number suggests. Check modules contribute probes with their checks.
 * Stateless and thread-safe.
 *
 * <p>How the runner identifies an open TCP port of unknown service:
 *
 * <ol>
 *   <li>It listens for a banner; a probe that {@link #recognises} it names the service.
 *   <li>Otherwise it sends {@link PrintPortGuard#STATUS_QUERY}, which a printer answers and cannot
 *       print and other services reject harmlessly. A PJL answer makes it a print port: nothing
 *       more is sent. Any other answer is offered to the probes.
 *   <li>If the port closed the connection on that query (or reset it), each probe's {@link
 *       #request()} is sent on a fresh connection, probes that list the port in {@link
 *       #likelyPorts()} first.
 *   <li>If the port stayed silent with the connection open, it may be a printer that swallowed the
 *       query — or a server still waiting for the blank line that ends a request, as many HTTP and
 *       RTSP servers do. Only probes that list this port in {@link #likelyPorts()} may then send
 *       their request; on a port no probe claims, nothing more is sent and the service stays {@code
 *       unknown} (a scheme hint such as {@code http://host:port} names it).
 * </ol>
 *
 * <p>Replies are offered to every probe, those listing the port first, and the first that
 * recognises one names the service. A reply may quote the PJL query back ({@code -ERR unknown
 * command '...@PJL'}), so a probe must recognise its protocol's own framing, not a substring.
 *
 * <p>UDP ports are identified by sending each UDP probe's request to the ports it lists.
 */
public interface ServiceProbe {

  /** The service this probe recognises, lower case, as named in check descriptors. */
  String service();

  /** The transport the service runs over. */
  default Transport transport() {
    return Transport.TCP;
  }

  /** Ports where the service usually listens; tried first, and for UDP the only ports tried. */
  List<Integer> likelyPorts();

  /**
   * A harmless request that makes the service answer in a recognisable way; empty when the probe
   * only recognises banners and replies to other requests. Must be read-only for the service and
   * must never be something a printer would print.
   */
  default Optional<byte[]> request() {
    return Optional.empty();
  }

  /**
   * Whether {@code reply} (a banner, or an answer to any probe's request) comes from this service.
   */
  boolean recognises(byte[] reply);

  /**
   * A more specific service for a recognised reply, such as {@code ipp} for an HTTP server whose
   * {@code Server} header names IPP; by default the probe's own service.
   */
  default String refine(byte[] reply) {
    return service();
  }
}
