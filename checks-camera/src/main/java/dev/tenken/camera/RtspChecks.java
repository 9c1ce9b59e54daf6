package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for RTSP (RFC 2326): service exposure, open streams, the route catch-all
 * canary, authentication scheme, default credentials, RTSPS.
 */
final class RtspChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL = List.of();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private RtspChecks() {}
}
