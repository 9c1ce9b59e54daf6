package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/**
 * The shape of every web panel check: one {@link PanelHttp} for the run, closed after. Subclasses
 * are stateless and thread-safe.
 */
abstract class PanelCheck implements Check {
  /** The JPCERT/CC alert on MFPs reachable from the Internet. */
  static final Reference JPCERT = Reference.url("https://www.jpcert.or.jp/at/2016/at160013.html");

  private final CheckDescriptor descriptor;

  PanelCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /**
   * A descriptor builder for {@code printer.http.<name>} on http/https, ports 80, 443, 8080, 8000.
   */
  static CheckDescriptor.Builder panel(String id, String title) {
    return CheckDescriptor.builder(id, title)
        .services("http", "https")
        .ports(80, 443, 8080, 8000)
        .tags("printer", "ews");
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

  /** SKIP because no single printer vendor's panel was recognised. */
  static Outcome notAPanel(PanelFingerprint fp) {
    if (!fp.ambiguous().isEmpty()) {
      return Outcome.skip(
          "the pages match several vendors' panels ("
              + String.join(", ", fp.ambiguous())
              + "): a honeypot or a page quoting others, not judged");
    }
    return Outcome.skip("no printer web panel recognised on " + fp.pages() + " vendor page(s)");
  }
}
