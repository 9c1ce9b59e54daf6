package dev.tenken.test;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A tiny check for the kit's own tests: it reads the banner of a "demo" service and FAILs when the
 * banner's first word is OPEN, PASSes when it is LOCKED, and returns ERROR otherwise. Each {@link
 * Flaw} breaks one rule of the contract on purpose.
 */
final class DemoBannerCheck implements Check {
  static final String ID = "demo.banner.exposed";
  static final String TITLE = "Demo device announces it is open";

  /** The ways this check can be wrong. */
  enum Flaw {
    /** A correct check. */
    NONE,
    /** Never detects anything. */
    ALWAYS_PASS,
    /** Copies the whole banner (which holds a secret) into the evidence. */
    LEAKS_BANNER,
    /**
     * Puts the configured credentials into the evidence as an HTTP Basic value (base64 of
     * user:password), a form the runner's masking of the literal password cannot see.
     */
    LEAKS_CREDENTIALS,
    /** Concludes PASS when the port refuses the connection. */
    PASS_WHEN_CLOSED,
    /** Concludes PASS when no banner comes. */
    PASS_ON_SILENCE,
    /** Reports a finding without evidence. */
    NO_EVIDENCE
  }

  static CheckDescriptor.Builder descriptorBuilder(String id) {
    return CheckDescriptor.builder(id, TITLE)
        .description("Anyone on the network can use a device whose banner says OPEN.")
        .remediation("Lock the device: turn authentication on.")
        .severity(Severity.HIGH)
        .safety(Safety.PASSIVE)
        .countermeasure(Countermeasure.AUTHENTICATION)
        .services("demo")
        .ports(10007)
        .references(Reference.cwe(306));
  }

  private final Flaw flaw;
  private final CheckDescriptor descriptor;

  DemoBannerCheck() {
    this(Flaw.NONE);
  }

  DemoBannerCheck(Flaw flaw) {
    this(flaw, descriptorBuilder(ID).build());
  }

  DemoBannerCheck(Flaw flaw, CheckDescriptor descriptor) {
    this.flaw = flaw;
    this.descriptor = descriptor;
  }

  @Override
  public CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    TcpConnection connection;
    try {
      connection = context.connect(endpoint);
    } catch (ConnectException e) {
      if (flaw == Flaw.PASS_WHEN_CLOSED) {
        return Outcome.pass("nothing listens, so nothing is exposed");
      }
      throw e;
    }
    String banner =
        new String(connection.readAvailable(Duration.ofSeconds(1), 256), StandardCharsets.US_ASCII)
            .strip();
    if (banner.isEmpty()) {
      return flaw == Flaw.PASS_ON_SILENCE
          ? Outcome.pass("no OPEN banner")
          : Outcome.error("no banner within 1 s");
    }
    String word = banner.split("\\s+", 2)[0];
    switch (word) {
      case "OPEN":
        if (flaw == Flaw.ALWAYS_PASS) {
          return Outcome.pass("banner says " + word);
        }
        Finding.Builder finding = context.finding(endpoint).confidence(Confidence.CONFIRMED);
        if (flaw != Flaw.NO_EVIDENCE) {
          finding.evidence("banner", flaw == Flaw.LEAKS_BANNER ? banner : word);
        }
        if (flaw == Flaw.LEAKS_CREDENTIALS) {
          Credentials c = context.credentials("demo").orElseThrow();
          String basic = c.user() + ":" + c.secret().reveal();
          finding.evidence(
              "login",
              "sent Basic "
                  + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))
                  + ", the device accepted it");
        }
        return Outcome.fail(finding.build());
      case "LOCKED":
        return Outcome.pass("banner says LOCKED", Map.of("banner", word));
      default:
        return Outcome.error("unexpected banner word " + word);
    }
  }

  @Override
  public String toString() {
    return "DemoBannerCheck[" + flaw + "]";
  }
}
