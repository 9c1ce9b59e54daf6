package dev.tenken.printer;

import dev.tenken.Check;
import java.util.List;

/** The PJL checks on raw print ports (opt-in). Stateless. */
final class PjlChecks {
  private PjlChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }
}
