package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;

/**
 * The shape of every ONVIF check: one {@link OnvifClient} for the run, closed after; a reply that
 * is malformed, truncated, oversized or carries a DTD ends the check with ERROR and the parser's
 * reason. Subclasses are stateless and thread-safe.
 */
abstract class OnvifCheck implements Check {
  /** ONVIF Core Specification (device service, pre-authentication operations, faults). */
  static final Reference ONVIF_CORE =
      Reference.url("https://www.onvif.org/specs/core/ONVIF-Core-Specification.pdf");

  private final CheckDescriptor descriptor;

  OnvifCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder on http, ports 80, 8000, 8080, 8899 and 2020, the ONVIF ports seen. */
  static CheckDescriptor.Builder onvif(String id, String title) {
    return CheckDescriptor.builder(id, title)
        .services("http")
        .ports(80, 8000, 8080, 8899, 2020)
        .tags("camera", "onvif");
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (OnvifClient client = OnvifClient.of(context)) {
      return run(endpoint, context, client);
    } catch (ProtocolException e) {
      return Outcome.error("ONVIF: " + e.getMessage());
    }
  }

  abstract Outcome run(Endpoint endpoint, CheckContext context, OnvifClient client)
      throws IOException;

  /** SKIP because the port has no ONVIF device service. */
  static Outcome notOnvif(OnvifDeviceService service) {
    return Outcome.skip(
        "no ONVIF device service answered SOAP at "
            + OnvifClient.DEVICE_PATH
            + ": "
            + service.evidence());
  }

  @Override
  public String toString() {
    return descriptor.id();
  }
}
