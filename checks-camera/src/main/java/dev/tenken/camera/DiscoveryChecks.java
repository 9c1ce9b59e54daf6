package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for discovery and console protocols: WS-Discovery, UPnP/SSDP and telnet, with
 * the UDP probes that mark 3702 and 1900 open and the telnet probe for 23 and 2323.
 */
final class DiscoveryChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL =
      List.of(
          WsDiscoveryExposed.INSTANCE,
          UpnpExposed.INSTANCE,
          UpnpInternetGateway.INSTANCE,
          CameraTelnetExposed.INSTANCE);

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES =
      List.of(
          WsDiscoveryServiceProbe.INSTANCE,
          SsdpServiceProbe.INSTANCE,
          CameraTelnetServiceProbe.INSTANCE);

  private DiscoveryChecks() {}
}
