package dev.tenken.printer;

import dev.tenken.Transport;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an SNMP agent on UDP. The request is the SNMPv3 engine discovery message of RFC 3414
 * §4: it carries no community and no credentials, every SNMPv3-capable agent answers it with a
 * {@code Report}, and nothing in it can change the agent. A reply is recognised when it is a
 * well-formed SNMP message (any version) whose PDU is a {@code Response} or {@code Report}, parsed
 * by the module's bounded SNMP decoder. Stateless and thread-safe.
 */
final class SnmpServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final SnmpServiceProbe INSTANCE = new SnmpServiceProbe();

  /** A fixed message id: identification keeps no state between request and reply. */
  static final int MSG_ID = 0x54656e6b;

  private SnmpServiceProbe() {}

  @Override
  public String service() {
    return "snmp";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(SnmpChecks.PORT);
  }

  /** The SNMPv3 discovery message; a fresh copy on every call. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(SnmpClient.discoveryMessage(MSG_ID));
  }

  @Override
  public boolean recognises(byte[] reply) {
    return SnmpClient.isSnmpReply(reply);
  }

  @Override
  public String toString() {
    return "SnmpServiceProbe";
  }
}
