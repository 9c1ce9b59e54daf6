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
 * The frame of every RTSP check: one {@link RtspProbe} per run, closed after, and a reply that is
 * not usable RTSP (malformed, truncated, oversized, another protocol) turned into an ERROR with the
 * reason. Subclasses are stateless singletons and thread-safe.
 */
abstract class RtspCheck implements Check {
  /** RFC 2326, RTSP 1.0. */
  static final Reference RFC2326 = Reference.url("https://www.rfc-editor.org/rfc/rfc2326");

  private final CheckDescriptor descriptor;

  RtspCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder for {@code camera.rtsp.<name>} on rtsp, ports 554, 8554, 10554. */
  static CheckDescriptor.Builder rtsp(String id, String title) {
    return CheckDescriptor.builder(id, title).services("rtsp").ports(554, 8554, 10554);
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (RtspProbe probe = new RtspProbe(context, endpoint)) {
      return run(endpoint, context, probe);
    } catch (ProtocolException e) {
      return Outcome.error("unusable RTSP reply: " + e.getMessage());
    }
  }

  abstract Outcome run(Endpoint endpoint, CheckContext context, RtspProbe probe) throws IOException;

  @Override
  public String toString() {
    return descriptor.id();
  }
}
