package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The camera checks for generic camera and webcam software on any port: MJPEG streams, JPEG
 * snapshots, control pages, Basic and Digest realms. They recognise the software by what it sends
 * (multipart JPEG streams, JPEG magic bytes, page markers, authentication challenges), not by a
 * banner, and share {@link WebcamHttp}.
 */
final class WebcamChecks {
  /** The checks, in catalogue order. */
  static final List<Check> ALL =
      List.of(
          MjpegUnauthenticatedStream.INSTANCE,
          SnapshotUnauthenticated.INSTANCE,
          WebcamControlPageOpen.INSTANCE,
          WebcamBasicOverCleartext.INSTANCE);

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private WebcamChecks() {}
}
