package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckSet;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.spi.ServiceProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * The network camera checks of Tenken and the service probes they need: the entry point of module
 * {@code tenken-checks-camera}.
 *
 * <p>The module covers what the JPCERT/CC alert of January 2016 found on cameras reachable by
 * accident: video streams, snapshots and settings that strangers can reach without logging in
 * (RTSP, ONVIF, MJPEG and snapshot endpoints, web panels and webcam software), product-wide default
 * passwords on RTSP and the web panel, vendor flaws that bypass authentication, needless exposure
 * (WS-Discovery, UPnP, telnet) and firmware with known vulnerabilities. The table of checks is in
 * {@code docs/checks/camera.md}.
 *
 * <p>Use it as {@code CheckRunner.builder().checks(CameraChecks.all())}, or find it with {@link
 * CheckSet#discover(ClassLoader)} through {@link Provider}.
 *
 * <p>Thread safety: this class has no state; {@link #all()} returns the same immutable, thread-safe
 * set every time, and its checks and probes are stateless and thread-safe.
 */
public final class CameraChecks {
  private static final CheckSet ALL = assemble();

  private CameraChecks() {}

  private static CheckSet assemble() {
    List<Check> checks = new ArrayList<>();
    List<ServiceProbe> probes =
        new ArrayList<>(
            List.of(
                RtspServiceProbe.INSTANCE, HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE));
    for (var part :
        List.of(
            new Part(RtspChecks.ALL, RtspChecks.PROBES),
            new Part(OnvifChecks.ALL, OnvifChecks.PROBES),
            new Part(PanelChecks.ALL, PanelChecks.PROBES),
            new Part(FlawChecks.ALL, FlawChecks.PROBES),
            new Part(WebcamChecks.ALL, WebcamChecks.PROBES),
            new Part(DiscoveryChecks.ALL, DiscoveryChecks.PROBES))) {
      checks.addAll(part.checks());
      part.probes().stream().filter(p -> !probes.contains(p)).forEach(probes::add);
    }
    return new CheckSet(checks, probes);
  }

  private record Part(List<Check> checks, List<ServiceProbe> probes) {}

  /**
   * Every camera check, with the probes that identify RTSP ({@code rtsp}), HTTP ({@code http}), TLS
   * and the discovery and telnet ports they run on.
   *
   * @return an immutable set, the same instance on every call
   */
  public static CheckSet all() {
    return ALL;
  }

  /**
   * Registers {@link #all()} for {@link CheckSet#discover(ClassLoader)} through {@code
   * META-INF/services/dev.tenken.spi.CheckSetProvider}. Stateless and thread-safe.
   */
  public static final class Provider implements CheckSetProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {}

    /** Returns {@link CameraChecks#all()}. */
    @Override
    public CheckSet checkSet() {
      return all();
    }
  }
}
