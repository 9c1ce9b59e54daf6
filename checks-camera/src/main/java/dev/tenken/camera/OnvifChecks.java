package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for ONVIF (SOAP 1.2 over HTTP): device service exposure, device information and
 * stream URIs answered without WS-Security.
 */
final class OnvifChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL = List.of();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private OnvifChecks() {}
}
