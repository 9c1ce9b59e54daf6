package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for camera web panels: vendor fingerprints, anonymous live view, cleartext
 * admin login, default credentials with the differential proof.
 */
final class PanelChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL = List.of();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private PanelChecks() {}
}
