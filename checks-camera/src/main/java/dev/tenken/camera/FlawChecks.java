package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for read-only vendor flaw checks and firmware versions against the camera
 * firmware catalog.
 */
final class FlawChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL = List.of();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private FlawChecks() {}
}
