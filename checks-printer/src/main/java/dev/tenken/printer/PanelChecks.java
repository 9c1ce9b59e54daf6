package dev.tenken.printer;

import dev.tenken.Check;
import java.util.List;

/** The printer web panel (EWS) checks. Stateless. */
final class PanelChecks {
  private PanelChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }
}
