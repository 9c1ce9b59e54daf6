package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * The camera checks for read-only vendor flaw checks and firmware versions against the camera
 * firmware catalog: one {@link FlawCheck} per row of {@link FlawRows}, then the two firmware
 * checks, which read the identity the flaw checks (and the other parts) found and send nothing.
 */
final class FlawChecks {
  /** One check per flaw row, in the table's order. */
  static final List<FlawCheck> FLAWS = FlawRows.ALL.stream().map(FlawCheck::new).toList();

  /** The checks, in catalogue order: the flaw rows, then the firmware checks. */
  static final List<Check> ALL = all();

  /** The service probes these checks need, beyond RTSP, HTTP and TLS. */
  static final List<ServiceProbe> PROBES = List.of();

  private FlawChecks() {}

  private static List<Check> all() {
    List<Check> all = new ArrayList<>(FLAWS);
    all.add(FirmwareInventory.INSTANCE);
    all.add(FirmwareKnownVulnerable.INSTANCE);
    return List.copyOf(all);
  }

  /** The flaw check of {@code id}. */
  static FlawCheck flaw(String id) {
    return FLAWS.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no flaw check " + id));
  }
}
