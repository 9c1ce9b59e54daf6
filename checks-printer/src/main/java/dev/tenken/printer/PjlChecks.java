package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.spi.CheckContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PJL checks on raw print ports (opt-in: the runner lets nothing reach ports 9100-9107 and 9999
 * unless {@code CheckRunner.Builder.printPorts(true)}, and then only PJL queries). Stateless.
 */
final class PjlChecks {
  /** Vendor names as they start a PJL {@code INFO ID} model line. */
  private static final Map<String, String> VENDORS =
      Map.ofEntries(
          Map.entry("HP", "HP"),
          Map.entry("HEWLETT-PACKARD", "HP"),
          Map.entry("BROTHER", "Brother"),
          Map.entry("LEXMARK", "Lexmark"),
          Map.entry("KYOCERA", "Kyocera"),
          Map.entry("RICOH", "Ricoh"),
          Map.entry("XEROX", "Xerox"),
          Map.entry("CANON", "Canon"),
          Map.entry("SAMSUNG", "Samsung"),
          Map.entry("OKI", "OKI"),
          Map.entry("SHARP", "Sharp"),
          Map.entry("KONICA", "Konica Minolta"),
          Map.entry("TOSHIBA", "Toshiba"),
          Map.entry("EPSON", "Epson"),
          Map.entry("DELL", "Dell"));

  private PjlChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        new PjlExposed(),
        new PjlStatusConfigReadable(),
        new PjlFilesystemAccessible(),
        new PjlSecuritySettings());
  }

  /** Reports the model (and vendor, when the model names one) from {@code @PJL INFO ID}. */
  static void identify(CheckContext context, String model) {
    String m = PjlClient.printable(model.strip(), 128);
    if (m.isEmpty() || m.equals("?")) {
      return;
    }
    context.facts().identify(DeviceIdentity.Attribute.MODEL, m, "PJL INFO ID", Confidence.FIRM);
    String first = m.split("[ _]", 2)[0].toUpperCase(Locale.ROOT);
    String vendor = VENDORS.get(first);
    if (vendor != null) {
      context
          .facts()
          .identify(DeviceIdentity.Attribute.VENDOR, vendor, "PJL INFO ID", Confidence.FIRM);
    }
  }
}
