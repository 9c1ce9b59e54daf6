package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code camera.firmware.version-inventory}: the camera's merged identity — vendor, model,
 * firmware, serial, each with the protocol and message it was read from — as one INFO finding per
 * host, for the inventory the JPCERT/CC alert asks for. Sends nothing: it runs after the
 * identity-producing checks (tag {@value CheckDescriptor#TAG_AFTER_IDENTITY}) and reads what they
 * found. Stateless and thread-safe.
 */
final class FirmwareInventory implements Check {
  static final FirmwareInventory INSTANCE = new FirmwareInventory();

  /** Ports and services of the firmware checks: any port a camera's identity may come from. */
  static final int[] PORTS = {80, 81, 88, 443, 554, 8000, 8080};

  static final List<DeviceIdentity.Attribute> SHOWN =
      List.of(
          DeviceIdentity.Attribute.VENDOR,
          DeviceIdentity.Attribute.MODEL,
          DeviceIdentity.Attribute.FIRMWARE,
          DeviceIdentity.Attribute.SERIAL);

  /** The port the host's identity was reported on. */
  static final FactKey<Integer> REPORTED =
      new FactKey<>("camera.firmware.inventory-reported", Integer.class);

  static final Reference JPCERT = Reference.url("https://www.jpcert.or.jp/at/2016/at160001.html");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder("camera.firmware.version-inventory", "Camera identity and firmware")
          .description(
              "What the camera said about itself — vendor, model, firmware version and serial"
                  + " number — and where each fact was read, for the device inventory.")
          .remediation(
              "Record the device in the inventory with its firmware, and compare the firmware"
                  + " with the vendor's current release and advisories.")
          .probe(
              "nothing: the host's merged identity from the checks that ran before (flaw probes,"
                  + " ONVIF, RTSP, web panel)")
          .proof("at least one of vendor, model, firmware, serial is known for the host")
          .severity(Severity.INFO)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.INVENTORY)
          .services("http", "https", "rtsp")
          .ports(PORTS)
          .references(JPCERT)
          .tags("camera", "firmware", CheckDescriptor.TAG_AFTER_IDENTITY)
          .build();

  private FirmwareInventory() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) {
    DeviceIdentity id = context.facts().identity();
    Optional<String> kind = id.value(DeviceIdentity.Attribute.DEVICE_CLASS);
    if (kind.isPresent() && !kind.get().equalsIgnoreCase("camera")) {
      return Outcome.skip("the device is a " + kind.get() + ", not a camera");
    }
    if (SHOWN.stream().allMatch(a -> id.get(a).isEmpty())) {
      return Outcome.skip("nothing is known of the camera's vendor, model, firmware or serial");
    }
    int first = context.facts().computeIfAbsent(REPORTED, endpoint::port);
    if (first != endpoint.port()) {
      return Outcome.skip("the host's identity is reported once, on port " + first);
    }
    Finding.Builder f =
        context
            .finding(endpoint)
            .title("Camera " + summary(id))
            .confidence(Confidence.CONFIRMED)
            .key("identity");
    for (DeviceIdentity.Attribute a : SHOWN) {
      id.get(a)
          .ifPresent(
              fact ->
                  f.evidence(
                      a.name().toLowerCase(Locale.ROOT),
                      fact.value() + " (" + fact.source() + ", " + fact.confidence() + ")"));
    }
    if (id.get(DeviceIdentity.Attribute.FIRMWARE).isEmpty()) {
      f.evidence("firmware", "unknown");
    }
    return Outcome.fail(f.build());
  }

  private static String summary(DeviceIdentity id) {
    String s =
        id.value(DeviceIdentity.Attribute.VENDOR).orElse("(vendor unknown)")
            + id.value(DeviceIdentity.Attribute.MODEL).map(m -> " " + m).orElse("")
            + ", firmware "
            + id.value(DeviceIdentity.Attribute.FIRMWARE).orElse("unknown");
    return s;
  }
}
