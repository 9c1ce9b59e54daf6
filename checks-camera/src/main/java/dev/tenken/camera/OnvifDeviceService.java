package dev.tenken.camera;

import dev.tenken.spi.FactKey;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a port's ONVIF device service answered to GetSystemDateAndTime (a pre-authentication
 * operation, so any ONVIF device should answer it), asked once per host and port and shared through
 * the host's facts so every ONVIF check knows whether the port is ONVIF at all. Immutable.
 *
 * @param kind answered, faulted, or no ONVIF device service
 * @param evidence what the device answered, one line
 * @param utc the device's UTC date and time, when it answered one
 * @param dateTimeType {@code NTP} or {@code Manual}, when answered
 */
record OnvifDeviceService(
    Kind kind, String evidence, @Nullable LocalDateTime utc, @Nullable String dateTimeType) {

  /** The fact key, specialised per port. */
  static final FactKey<OnvifDeviceService> KEY =
      new FactKey<>("camera.onvif.device-service", OnvifDeviceService.class);

  /** How the device service answered. */
  enum Kind {
    /** {@code GetSystemDateAndTimeResponse}: an ONVIF device service. */
    ANSWERED,
    /** A SOAP fault from the ONVIF device path: a SOAP service there, refusing even the clock. */
    FAULTED,
    /** No SOAP at the device path: 404, a web page, HTTP authentication before any SOAP. */
    ABSENT
  }

  /** Whether the port speaks SOAP at the ONVIF device path. */
  boolean isOnvif() {
    return kind != Kind.ABSENT;
  }

  static OnvifDeviceService of(OnvifClient.Answer answer) {
    if (answer instanceof OnvifClient.Response r) {
      SoapElement sdt = r.element().find("SystemDateAndTime").orElse(r.element());
      return new OnvifDeviceService(
          Kind.ANSWERED,
          "GetSystemDateAndTimeResponse (" + r.describe() + ")",
          utc(sdt).orElse(null),
          sdt.text("DateTimeType").map(t -> OnvifClient.printable(t, 20)).orElse(null));
    }
    if (answer instanceof OnvifClient.Fault f) {
      return new OnvifDeviceService(Kind.FAULTED, f.describe(), null, null);
    }
    return new OnvifDeviceService(Kind.ABSENT, answer.describe(), null, null);
  }

  /** {@code UTCDateTime/Date/{Year,Month,Day}} and {@code Time/{Hour,Minute,Second}}. */
  static Optional<LocalDateTime> utc(SoapElement sdt) {
    Optional<SoapElement> u = sdt.find("UTCDateTime");
    if (u.isEmpty()) {
      return Optional.empty();
    }
    try {
      SoapElement date = u.get().find("Date").orElseThrow();
      SoapElement time = u.get().find("Time").orElseThrow();
      return Optional.of(
          LocalDateTime.of(
              number(date, "Year"),
              number(date, "Month"),
              number(date, "Day"),
              number(time, "Hour"),
              number(time, "Minute"),
              number(time, "Second")));
    } catch (DateTimeException | IllegalArgumentException | java.util.NoSuchElementException e) {
      return Optional.empty();
    }
  }

  private static int number(SoapElement parent, String name) {
    String t = parent.text(name).orElseThrow().strip();
    if (!t.matches("-?[0-9]{1,4}")) {
      throw new IllegalArgumentException(name);
    }
    return Integer.parseInt(t);
  }
}
