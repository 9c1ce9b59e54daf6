package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/**
 * The shape of every camera web panel check: one {@link PanelHttp} for the run, closed after.
 * Subclasses are stateless and thread-safe.
 */
abstract class PanelCheck implements Check {
  /** The JPCERT/CC alert on devices (cameras among them) reachable from the Internet. */
  static final Reference JPCERT = Reference.url("https://www.jpcert.or.jp/at/2016/at160013.html");

  private final CheckDescriptor descriptor;

  PanelCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder on http/https, ports 80, 443, 8080, 8000, 81, 8081. */
  static CheckDescriptor.Builder panel(String id, String title) {
    return CheckDescriptor.builder(id, title)
        .services("http", "https")
        .ports(80, 443, 8080, 8000, 81, 8081);
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (PanelHttp http = PanelHttp.of(context)) {
      return run(endpoint, context, http);
    }
  }

  abstract Outcome run(Endpoint endpoint, CheckContext context, PanelHttp http) throws IOException;

  /** SKIP because several vendors matched: a honeypot or a page quoting others. */
  static Outcome ambiguous(PanelFingerprint fp) {
    return Outcome.skip(
        "the pages match several camera vendors' panels ("
            + String.join(", ", fp.ambiguous())
            + "): a honeypot or a page quoting others, not judged");
  }
}
