package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The camera checks for discovery and console protocols: WS-Discovery, UPnP/SSDP and telnet. */
final class DiscoveryChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL = List.of();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private DiscoveryChecks() {}
}
