package dev.tenken.camera;

import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code camera.onvif.unauthenticated-device-info}: the ONVIF device service answers
 * GetDeviceInformation without WS-Security, naming manufacturer, model, firmware and serial number
 * to anyone. A {@code ter:NotAuthorized} (or any Sender) fault or HTTP 401/403 is a PASS; a port
 * without an ONVIF device service is a SKIP. Reports the identity it learns, with source {@code
 * ONVIF GetDeviceInformation}.
 */
final class OnvifUnauthenticatedDeviceInfo extends OnvifCheck {
  static final OnvifUnauthenticatedDeviceInfo INSTANCE = new OnvifUnauthenticatedDeviceInfo();

  static final String ID = "camera.onvif.unauthenticated-device-info";

  static final String SOURCE = "ONVIF GetDeviceInformation";

  /** A response field: element name, evidence label, identity attribute (or null). */
  private record Field(
      String element, String label, DeviceIdentity.@Nullable Attribute attribute) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("Manufacturer", "manufacturer", DeviceIdentity.Attribute.VENDOR),
          new Field("Model", "model", DeviceIdentity.Attribute.MODEL),
          new Field("FirmwareVersion", "firmware", DeviceIdentity.Attribute.FIRMWARE),
          new Field("SerialNumber", "serial", DeviceIdentity.Attribute.SERIAL),
          new Field("HardwareId", "hardware-id", null));

  private OnvifUnauthenticatedDeviceInfo() {
    super(
        onvif(ID, "ONVIF device information readable without authentication")
            .description(
                "The ONVIF device service answers GetDeviceInformation to a request without"
                    + " WS-Security credentials. The ONVIF Core specification puts the operation"
                    + " behind authentication; answering it tells anyone the exact model and"
                    + " firmware to pick a known exploit for, and usually means other operations"
                    + " are open as well (as in the ONVIF authentication bypass CVE-2025-65856).")
            .remediation(
                "Turn on ONVIF user authentication (WS-Security UsernameToken or HTTP Digest) in"
                    + " the camera's ONVIF settings, update the firmware, and keep ONVIF off"
                    + " untrusted networks.")
            .probe(
                "SOAP 1.2 POST of GetDeviceInformation to /onvif/device_service without"
                    + " WS-Security (after GetSystemDateAndTime showed an ONVIF device service)")
            .proof(
                "a GetDeviceInformationResponse with Manufacturer, Model, FirmwareVersion or"
                    + " SerialNumber; a ter:NotAuthorized / Sender fault or HTTP 401/403 is a PASS")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                ONVIF_CORE,
                Reference.cwe(306),
                Reference.url(
                    "https://github.com/KostasEreksonas/Besder-6024PB-XMA501-ip-camera-security-investigation"))
            .tags("authentication", "inventory", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, OnvifClient client) throws IOException {
    OnvifDeviceService service = OnvifClient.deviceService(context, endpoint, client);
    if (!service.isOnvif()) {
      return notOnvif(service);
    }
    OnvifClient.Answer a =
        client.call(endpoint, OnvifClient.DEVICE_PATH, OnvifOperation.GET_DEVICE_INFORMATION);
    if (a.isRefusal()) {
      return Outcome.pass(
          "GetDeviceInformation without credentials was refused: " + a.describe(),
          Map.of("reply", a.describe()));
    }
    if (!(a instanceof OnvifClient.Response r)) {
      return Outcome.error(
          "the ONVIF device service answered GetDeviceInformation with " + a.describe());
    }
    Confidence identity = client.isCatchAll(endpoint) ? Confidence.TENTATIVE : Confidence.FIRM;
    var f =
        context
            .finding(endpoint)
            .confidence(Confidence.CONFIRMED)
            .key(OnvifClient.DEVICE_PATH)
            .evidence("reply", "GetDeviceInformationResponse without WS-Security");
    int shown = 0;
    for (Field field : FIELDS) {
      Optional<String> v =
          r.element().text(field.element()).map(t -> OnvifClient.printable(t.strip(), 120));
      if (v.isEmpty()) {
        continue;
      }
      f.evidence(field.label(), v.get());
      if (field.attribute() != null) {
        context.facts().identify(field.attribute(), v.get(), SOURCE, identity);
        shown++;
      }
    }
    if (shown == 0) {
      return Outcome.pass(
          "GetDeviceInformation was answered without credentials, but with no manufacturer,"
              + " model, firmware or serial number",
          Map.of("reply", a.describe()));
    }
    context.facts().identify(DeviceIdentity.Attribute.DEVICE_CLASS, "camera", SOURCE, identity);
    return Outcome.fail(f.build());
  }
}
