package dev.tenken.printer;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code printer.firmware.known-vulnerable}: the firmware of the merged device identity (whatever
 * SNMP, IPP, PJL or the web panel reported, each with its source) against {@code
 * printer-firmware-catalog.json}, through {@link VersionVerdicts}. Reads the web panel's
 * recognition pages first so the HTTP facts are present; sends nothing else.
 */
final class FirmwareKnownVulnerable extends PanelCheck {
  static final FirmwareKnownVulnerable INSTANCE = new FirmwareKnownVulnerable();

  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(
          FirmwareKnownVulnerable.class, "printer-firmware-catalog.json");

  /** The port the host's firmware was assessed on. */
  static final FactKey<Integer> ASSESSED =
      new FactKey<>("printer.firmware.assessed", Integer.class);

  private FirmwareKnownVulnerable() {
    super(
        CheckDescriptor.builder(
                "printer.firmware.known-vulnerable", "Printer firmware with known vulnerabilities")
            .services("http", "https")
            .ports(80, 443, 8080, 8000)
            .description(
                "The printer's model and firmware, as the device reported them over SNMP, IPP,"
                    + " PJL or its web panel, are listed as affected in a vendor advisory of the"
                    + " module's firmware catalog.")
            .remediation(
                "Install the firmware the vendor's advisory names for the model, and keep the"
                    + " device's web panel and print services off untrusted networks.")
            .probe(
                "the web panel's recognition pages (GET, as printer.http.panel-fingerprint),"
                    + " then the host's merged identity: vendor, model, firmware")
            .proof(
                "the model is listed in printer-firmware-catalog.json and its firmware is below"
                    + " the first fixed release (Sharp: the 2nd to 4th characters of the firmware"
                    + " version, as Sharp's advisories say)")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(JPCERT)
            .tags("printer", "firmware", CheckDescriptor.TAG_AFTER_IDENTITY)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException {
    PanelFingerprint fp = PanelFingerprint.of(context, endpoint, http);
    fp.identify(context, http.isCatchAll(endpoint) ? Confidence.TENTATIVE : Confidence.FIRM);
    // The identity is the host's, not the port's: judge it once per host.
    int first = context.facts().computeIfAbsent(ASSESSED, endpoint::port);
    if (first != endpoint.port()) {
      return Outcome.skip(
          "the host's firmware is assessed once, on port " + first + " (same identity)");
    }
    DeviceIdentity id = context.facts().identity();
    Optional<DeviceIdentity.Fact> firmware = id.get(DeviceIdentity.Attribute.FIRMWARE);
    Optional<String> vendor = id.value(DeviceIdentity.Attribute.VENDOR);
    Optional<String> model = id.value(DeviceIdentity.Attribute.MODEL);
    if (firmware.isEmpty()) {
      return Outcome.skip("no firmware version is known for this device (SNMP, IPP, PJL, HTTP)");
    }
    if (vendor.isEmpty() || model.isEmpty()) {
      return Outcome.skip(
          "firmware " + firmware.get().value() + " is known, but not the vendor and model");
    }
    String product = product(vendor.get(), model.get());
    Optional<Version> version = version(vendor.get(), firmware.get().value());
    if (version.isEmpty()) {
      return Outcome.skip(
          "firmware '" + firmware.get().value() + "' is not a version the catalog can compare");
    }
    return VersionVerdicts.assess(
        context,
        endpoint,
        CATALOG,
        product,
        version.get(),
        v -> true,
        firmware.get().source() + " (firmware " + firmware.get().value() + ")",
        Confidence.TENTATIVE);
  }

  /** {@code <vendor>-<model>}, lower case, runs of other characters as one {@code -}. */
  static String product(String vendor, String model) {
    String v = vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    String m = model.toLowerCase(Locale.ROOT);
    if (m.startsWith(v + " ")) {
      m = m.substring(v.length() + 1);
    }
    m = m.replaceAll("[^a-z0-9.+_]+", "-").replaceAll("^-+|-+$", "");
    return v + "-" + m;
  }

  /** The comparable version: Sharp's 2nd to 4th characters, else the firmware text parsed. */
  static Optional<Version> version(String vendor, String firmware) {
    String f = firmware.strip();
    if (vendor.equalsIgnoreCase("Sharp")) {
      if (f.length() >= 4
          && f.substring(1, 4).chars().allMatch(Character::isDigit)
          && f.substring(1, 4).chars().allMatch(c -> c < 128)) {
        return Optional.of(Version.of(f.substring(1, 4)));
      }
      return Optional.empty();
    }
    return Version.parse(f);
  }
}
