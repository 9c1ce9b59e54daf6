package dev.tenken.camera;

import dev.tenken.Transport;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an SSDP responder on UDP 1900: sends a unicast {@code M-SEARCH} for {@code
 * upnp:rootdevice} ({@code HOST} the SSDP multicast address, since a probe does not know the
 * target's) and recognises an {@code HTTP/1.1 200} search response. Stateless and thread-safe.
 */
final class SsdpServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final SsdpServiceProbe INSTANCE = new SsdpServiceProbe();

  private SsdpServiceProbe() {}

  @Override
  public String service() {
    return UpnpSurvey.SERVICE;
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(UpnpSurvey.PORT);
  }

  @Override
  public Optional<byte[]> request() {
    return Optional.of(SsdpSearch.mSearch("239.255.255.250:1900", SsdpSearch.ROOT_DEVICE));
  }

  @Override
  public boolean recognises(byte[] reply) {
    try {
      return SsdpSearch.parse(reply).header("ST").isPresent()
          || SsdpSearch.parse(reply).location().isPresent();
    } catch (ProtocolException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "SsdpServiceProbe";
  }
}
