package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for camera web panels: vendor fingerprints, the HTTP catch-all meta check,
 * cleartext login, default credentials with the differential proof, and the Axis and Mobotix pages
 * open to anyone.
 */
final class PanelChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL =
      List.of(
          PanelAcceptsAnyPath.INSTANCE,
          PanelExposed.INSTANCE,
          PanelCleartextAdmin.INSTANCE,
          PanelDefaultCredentials.INSTANCE,
          PanelAnonymousPage.AXIS_LIVE_VIEW,
          PanelAnonymousPage.MOBOTIX_GUEST_IMAGE);

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private PanelChecks() {}
}
