package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The IPP and CUPS checks. Stateless. */
final class IppChecks {
  private IppChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of();
  }
}
