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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code camera.onvif.device-service-exposed}: the port serves an ONVIF device service, proven by a
 * {@code GetSystemDateAndTimeResponse} to an unauthenticated SOAP request (or, less strongly, a
 * SOAP fault from the ONVIF device path). Reports the device's UTC clock and how far its date is
 * from the scan's. No SOAP at the path is a PASS. Severity INFO, raised on a public address.
 */
final class OnvifDeviceServiceExposed extends OnvifCheck {
  static final OnvifDeviceServiceExposed INSTANCE = new OnvifDeviceServiceExposed();

  static final String ID = "camera.onvif.device-service-exposed";

  private OnvifDeviceServiceExposed() {
    super(
        onvif(ID, "ONVIF device service exposed")
            .description(
                "The device serves the ONVIF device service, the SOAP interface through which"
                    + " video management software finds, configures and streams from cameras and"
                    + " recorders. Reachable by anyone who reaches the port, it tells them the"
                    + " device is a camera and exposes every ONVIF operation to password guessing"
                    + " and to the authentication flaws ONVIF implementations have had.")
            .remediation(
                "Keep ONVIF on the network of the video management system only (firewall or the"
                    + " camera's IP filter); turn it off where it is not used, and set ONVIF"
                    + " user accounts with strong passwords.")
            .probe(
                "SOAP 1.2 POST of GetSystemDateAndTime (an ONVIF pre-authentication operation) to"
                    + " /onvif/device_service, without WS-Security")
            .proof(
                "an application/soap+xml reply whose Body holds GetSystemDateAndTimeResponse"
                    + " (CONFIRMED); a SOAP fault from that path is FIRM; anything else is a PASS")
            .severity(Severity.INFO)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(ONVIF_CORE, Reference.cwe(200))
            .tags("exposure", "inventory", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, OnvifClient client) throws IOException {
    OnvifDeviceService service = OnvifClient.deviceService(context, endpoint, client);
    if (!service.isOnvif()) {
      return Outcome.pass(
          "no ONVIF device service answered SOAP at "
              + OnvifClient.DEVICE_PATH
              + ": "
              + service.evidence(),
          Map.of("reply", service.evidence()));
    }
    boolean answered = service.kind() == OnvifDeviceService.Kind.ANSWERED;
    // The canary sets the port's catch-all fact, which makes the runner downgrade this
    // marker-based finding where any request is answered.
    boolean catchAll = client.isCatchAll(endpoint);
    context
        .facts()
        .identify(
            DeviceIdentity.Attribute.DEVICE_CLASS,
            "camera",
            "ONVIF GetSystemDateAndTime",
            answered && !catchAll ? Confidence.FIRM : Confidence.TENTATIVE);
    var f =
        context
            .finding(endpoint)
            .confidence(
                catchAll ? Confidence.TENTATIVE : answered ? Confidence.CONFIRMED : Confidence.FIRM)
            .key(OnvifClient.DEVICE_PATH)
            .evidence("path", OnvifClient.DEVICE_PATH)
            .evidence("reply", service.evidence());
    if (service.utc() != null) {
      f.evidence("device-utc", service.utc().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z");
      long days = ChronoUnit.DAYS.between(context.today(), service.utc().toLocalDate());
      f.evidence(
          "clock",
          days == 0
              ? "same UTC date as the scan (" + context.today() + ")"
              : (days > 0 ? days + " day(s) ahead of" : -days + " day(s) behind")
                  + " the scan's date "
                  + context.today()
                  + (Math.abs(days) > 1
                      ? ": a wrong clock breaks WS-Security replay protection and log times"
                      : ""));
    }
    if (service.dateTimeType() != null) {
      f.evidence("date-time-type", service.dateTimeType());
    }
    return Outcome.fail(f.build());
  }
}
