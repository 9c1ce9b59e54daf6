package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for ONVIF (SOAP 1.2 over HTTP): device service exposure, device information and
 * stream URIs answered without WS-Security. They share one {@link OnvifClient} design: an
 * allow-list of five read-only operations ({@link OnvifOperation}) and a safe, bounded XML reader
 * ({@link SoapXml}). No service probe of their own: ONVIF runs on the ports {@code
 * dev.tenken.http.HttpServiceProbe} already names {@code http}.
 */
final class OnvifChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL =
      List.of(
          OnvifDeviceServiceExposed.INSTANCE,
          OnvifUnauthenticatedDeviceInfo.INSTANCE,
          OnvifUnauthenticatedStreamUri.INSTANCE);

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private OnvifChecks() {}
}
