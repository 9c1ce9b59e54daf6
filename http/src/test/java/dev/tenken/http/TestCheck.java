package dev.tenken.http;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/** A check whose run() is a lambda, for driving HttpProbe through the real runner. */
final class TestCheck implements Check {
  /** What the check does. */
  interface Body {
    Outcome run(Endpoint endpoint, CheckContext context) throws IOException;
  }

  private final CheckDescriptor descriptor;
  private final Body body;

  private TestCheck(CheckDescriptor descriptor, Body body) {
    this.descriptor = descriptor;
    this.body = body;
  }

  /** A READ_ONLY check for services http and https, with no default ports. */
  static TestCheck of(String name, Body body) {
    return of(name, Safety.READ_ONLY, body);
  }

  static TestCheck of(String name, Safety safety, Body body) {
    return new TestCheck(
        CheckDescriptor.builder("test.http." + name, "test check " + name)
            .safety(safety)
            .services("http", "https")
            .build(),
        body);
  }

  /** A check for the given services only. */
  static TestCheck forServices(String name, Body body, String... services) {
    return new TestCheck(
        CheckDescriptor.builder("test.http." + name, "test check " + name)
            .services(services)
            .build(),
        body);
  }

  @Override
  public CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    return body.run(endpoint, context);
  }
}
