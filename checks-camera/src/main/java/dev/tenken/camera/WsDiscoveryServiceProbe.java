package dev.tenken.camera;

import dev.tenken.Transport;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a WS-Discovery responder on UDP 3702: sends the unicast {@code Probe} of {@link
 * WsDiscoveryMessage} (for every target service, a fresh random {@code MessageID} each time) and
 * recognises a reply that parses as a SOAP {@code ProbeMatches}. Stateless and thread-safe.
 */
final class WsDiscoveryServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final WsDiscoveryServiceProbe INSTANCE = new WsDiscoveryServiceProbe();

  private WsDiscoveryServiceProbe() {}

  @Override
  public String service() {
    return WsDiscoveryExposed.SERVICE;
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(WsDiscoveryExposed.PORT);
  }

  @Override
  public Optional<byte[]> request() {
    return Optional.of(WsDiscoveryMessage.probe(WsDiscoveryMessage.newMessageId()));
  }

  @Override
  public boolean recognises(byte[] reply) {
    try {
      WsDiscoveryMessage.parse(reply);
      return true;
    } catch (ProtocolException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "WsDiscoveryServiceProbe";
  }
}
