package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.VulnerabilityMatch;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code camera.firmware.known-vulnerable}: the firmware of the camera's merged identity against
 * {@code camera-firmware-catalog.json} through {@link VersionVerdicts}, per release branch, read
 * with {@link FirmwareVersions}. Sends nothing at all: it runs after the identity-producing checks
 * (tag {@value CheckDescriptor#TAG_AFTER_IDENTITY}) and judges what they read, once per host.
 * Version findings are {@link Confidence#TENTATIVE}: a version says nothing of a workaround.
 * Stateless and thread-safe.
 */
final class FirmwareKnownVulnerable implements Check {
  static final FirmwareKnownVulnerable INSTANCE = new FirmwareKnownVulnerable();

  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(
          FirmwareKnownVulnerable.class, "camera-firmware-catalog.json");

  /** The port the host's firmware was assessed on. */
  static final FactKey<Integer> ASSESSED = new FactKey<>("camera.firmware.assessed", Integer.class);

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "camera.firmware.known-vulnerable", "Camera firmware with known vulnerabilities")
          .description(
              "The camera's firmware, as the device reported it, is in a range a vendor or"
                  + " ICS-CERT advisory of the module's firmware catalog lists as affected"
                  + " (e.g. Hikvision CVE-2021-36260 command injection, CVE-2017-7921).")
          .remediation(
              "Install the firmware the vendor's advisory names for the model, and keep the"
                  + " camera off untrusted networks.")
          .probe("nothing: the host's merged identity (vendor, model, firmware)")
          .proof(
              "the vendor (or vendor and model) is in camera-firmware-catalog.json and the"
                  + " firmware, read per vendor (Hikvision: version and build date), is in an"
                  + " affected range; a version the catalog cannot place is unknown, not judged")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services("http", "https", "rtsp")
          .ports(FirmwareInventory.PORTS)
          .references(FirmwareInventory.JPCERT)
          .tags("camera", "firmware", CheckDescriptor.TAG_AFTER_IDENTITY)
          .build();

  private FirmwareKnownVulnerable() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) {
    DeviceIdentity id = context.facts().identity();
    Optional<DeviceIdentity.Fact> firmware = id.get(DeviceIdentity.Attribute.FIRMWARE);
    Optional<String> vendor = id.value(DeviceIdentity.Attribute.VENDOR);
    if (firmware.isEmpty()) {
      return Outcome.skip("no firmware version is known for this device: unknown");
    }
    if (vendor.isEmpty()) {
      return Outcome.skip(
          "firmware " + firmware.get().value() + " is known, but not the vendor: unknown");
    }
    int first = context.facts().computeIfAbsent(ASSESSED, endpoint::port);
    if (first != endpoint.port()) {
      return Outcome.skip("the host's firmware is assessed once, on port " + first);
    }
    Optional<String> product =
        product(vendor.get(), id.value(DeviceIdentity.Attribute.MODEL).orElse(null));
    if (product.isEmpty()) {
      return Outcome.skip(
          "the firmware catalog lists nothing for " + vendor.get() + ": unknown, not judged");
    }
    Optional<FirmwareVersions.Reading> reading =
        FirmwareVersions.read(vendor.get(), firmware.get().value());
    if (reading.isEmpty()) {
      return Outcome.skip(
          "firmware '"
              + firmware.get().value()
              + "' is not a version the catalog can compare: unknown");
    }
    FirmwareVersions.Reading r = reading.get();
    if (!r.exact() && !sameVerdicts(product.get(), r.low(), r.high())) {
      return Outcome.skip(
          "firmware '"
              + firmware.get().value()
              + "' names no build date, and the build decides: unknown");
    }
    return VersionVerdicts.assess(
        context,
        endpoint,
        CATALOG,
        product.get(),
        r.low(),
        v -> true,
        firmware.get().source() + " (firmware " + firmware.get().value() + ")",
        Confidence.TENTATIVE);
  }

  private static boolean sameVerdicts(String product, Version low, Version high) {
    List<VulnerabilityMatch.Verdict> a =
        CATALOG.assess(product, low).stream().map(VulnerabilityMatch::verdict).toList();
    List<VulnerabilityMatch.Verdict> b =
        CATALOG.assess(product, high).stream().map(VulnerabilityMatch::verdict).toList();
    return a.equals(b);
  }

  /**
   * The catalog product: {@code <vendor>-<model>} when the catalog lists the model, else {@code
   * <vendor>} when it lists vendor-wide entries (Hikvision's advisories are per firmware branch
   * across models), else empty.
   */
  static Optional<String> product(String vendor, @org.jspecify.annotations.Nullable String model) {
    String v = vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    if (model != null) {
      String m = model.toLowerCase(Locale.ROOT);
      if (m.startsWith(v + " ")) {
        m = m.substring(v.length() + 1);
      }
      m = m.replaceAll("[^a-z0-9.+_]+", "-").replaceAll("^-+|-+$", "");
      String p = v + "-" + m;
      if (!m.isEmpty() && p.length() <= 64 && !CATALOG.vulnerabilities(p).isEmpty()) {
        return Optional.of(p);
      }
    }
    return CATALOG.vulnerabilities(v).isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
