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
 * The shape of every webcam check: one {@link WebcamHttp} for the run, closed after; a reply that
 * is not HTTP (garbage, broken framing, too many or too long headers) ends the run {@code ERROR}
 * with the reason. Subclasses are stateless and thread-safe.
 */
abstract class WebcamCheck implements Check {
  /** The JPCERT/CC alert on cameras, MFPs and databases reachable from the Internet. */
  static final Reference JPCERT = Reference.url("https://www.jpcert.or.jp/at/2016/at160013.html");

  /** Ports where camera and webcam software commonly serves HTTP. */
  static final int[] PORTS = {80, 81, 88, 5000, 8000, 8080, 8081, 8888, 9000};

  private final CheckDescriptor descriptor;

  WebcamCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder for service http on {@link #PORTS}, tagged camera and webcam. */
  static CheckDescriptor.Builder webcam(String id, String title) {
    return CheckDescriptor.builder(id, title).services("http").ports(PORTS);
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (WebcamHttp http = WebcamHttp.of(context)) {
      return run(endpoint, context, http);
    } catch (ProtocolException e) {
      return Outcome.error("the device's answer is not valid HTTP: " + e.getMessage());
    }
  }

  abstract Outcome run(Endpoint endpoint, CheckContext context, WebcamHttp http) throws IOException;

  @Override
  public String toString() {
    return descriptor.id();
  }
}
