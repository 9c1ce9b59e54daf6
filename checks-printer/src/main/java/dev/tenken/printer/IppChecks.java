package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;

/**
 * The IPP and CUPS checks. Stateless. No service probe of their own: {@code
 * dev.tenken.http.HttpServiceProbe} already names a port {@code ipp} when its {@code Server} header
 * names IPP or CUPS.
 */
final class IppChecks {
  private IppChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        new IppAttributesWithoutAuth(),
        new IppPrintWithoutAuth(),
        new IppPlaintext(),
        new IppJobListDisclosed(),
        new CupsWebInterfaceExposed());
  }

  /** The service probes that identify the service's ports: none (see the class description). */
  static List<ServiceProbe> probes() {
    return List.of();
  }

  /**
   * Reports what the printer attributes say about the device: model, vendor and firmware, each with
   * its IPP attribute as source.
   */
  static void identify(CheckContext context, IppMessage m) {
    var facts = context.facts();
    facts.identify(
        DeviceIdentity.Attribute.DEVICE_CLASS,
        "printer",
        "IPP Get-Printer-Attributes",
        Confidence.FIRM);
    text(m, "printer-make-and-model")
        .ifPresent(
            v ->
                facts.identify(
                    DeviceIdentity.Attribute.MODEL,
                    v,
                    "IPP printer-make-and-model",
                    Confidence.FIRM));
    text(m, "printer-firmware-string-version")
        .ifPresent(
            v ->
                facts.identify(
                    DeviceIdentity.Attribute.FIRMWARE,
                    v,
                    "IPP printer-firmware-string-version",
                    Confidence.FIRM));
    text(m, "printer-device-id")
        .ifPresent(
            id -> {
              deviceIdField(id, "MFG", "MANUFACTURER")
                  .ifPresent(
                      v ->
                          facts.identify(
                              DeviceIdentity.Attribute.VENDOR,
                              v,
                              "IPP printer-device-id",
                              Confidence.FIRM));
              deviceIdField(id, "MDL", "MODEL")
                  .ifPresent(
                      v ->
                          facts.identify(
                              DeviceIdentity.Attribute.MODEL,
                              v,
                              "IPP printer-device-id",
                              Confidence.FIRM));
            });
  }

  /** The first value of printer attribute {@code name}, printable, if present and not blank. */
  static Optional<String> text(IppMessage m, String name) {
    return m.printer(name)
        .map(IppMessage.Attribute::first)
        .map(s -> IppClient.printable(s.strip(), 200))
        .filter(s -> !s.isBlank());
  }

  /** A field of an IEEE 1284 device id ({@code MFG:HP;MDL:LaserJet M404;CMD:PJL,PCL;}). */
  static Optional<String> deviceIdField(String deviceId, String... keys) {
    for (String part : deviceId.split(";")) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String k = part.substring(0, colon).strip();
      for (String key : keys) {
        if (k.equalsIgnoreCase(key)) {
          String v = part.substring(colon + 1).strip();
          return v.isEmpty() ? Optional.empty() : Optional.of(IppClient.printable(v, 100));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The index of the printer-uri-supported value whose path is {@code path} and whose scheme is
   * {@code ipp} (plain) or {@code ipps}, else 0; the same index selects the matching
   * uri-authentication-supported and uri-security-supported values (RFC 8011 section 5.4.1-3).
   */
  static int uriIndex(IppMessage m, String path, boolean tls) {
    List<String> uris =
        m.printer("printer-uri-supported").map(IppMessage.Attribute::texts).orElse(List.of());
    for (int i = 0; i < uris.size(); i++) {
      String u = uris.get(i);
      if (u.startsWith(tls ? "ipps:" : "ipp:") && IppClient.path(u).orElse("").equals(path)) {
        return i;
      }
    }
    return 0;
  }

  /** Value {@code index} of printer attribute {@code name} (the last one when there are fewer). */
  static Optional<String> valueAt(IppMessage m, String name, int index) {
    return m.printer(name)
        .map(IppMessage.Attribute::texts)
        .filter(l -> !l.isEmpty())
        .map(l -> IppClient.printable(l.get(Math.min(index, l.size() - 1)), 60));
  }
}
