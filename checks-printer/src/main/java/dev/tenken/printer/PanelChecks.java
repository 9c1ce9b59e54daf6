package dev.tenken.printer;

import dev.tenken.Check;
import java.util.List;

/**
 * The printer web panel (EWS) checks and the firmware check that reads the merged identity. Every
 * request goes through {@link PanelHttp}'s allow-list. Stateless.
 */
final class PanelChecks {
  private PanelChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        PanelFingerprintCheck.INSTANCE,
        PanelAdminWithoutPassword.INSTANCE,
        PanelDefaultCredentials.INSTANCE,
        PanelCleartextLogin.INSTANCE,
        PanelSharpCve202433605.INSTANCE,
        FirmwareKnownVulnerable.INSTANCE);
  }
}
