package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for RTSP (RFC 2326): service exposure, open streams, the route catch-all
 * canary, authentication scheme, default credentials, RTSPS. They share one {@link RtspProbe} per
 * port (OPTIONS, canary and route scan run once) and send only OPTIONS and DESCRIBE.
 */
final class RtspChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL =
      List.of(
          RtspServiceExposed.INSTANCE,
          RtspUnauthenticatedStream.INSTANCE,
          RtspAcceptsAnyRoute.INSTANCE,
          RtspAuthScheme.INSTANCE,
          RtspDefaultCredentials.INSTANCE,
          RtspCleartextOnly.INSTANCE);

  /** The service probes these checks need, beyond RTSP, HTTP and TLS: none. */
  static final List<ServiceProbe> PROBES = List.of();

  private RtspChecks() {}
}
