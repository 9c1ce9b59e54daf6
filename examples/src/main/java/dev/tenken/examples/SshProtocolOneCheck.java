package dev.tenken.examples;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Writing your own check: an SSH server that still offers protocol version 1 (broken since 2001)
 * announces it in the first line it sends, {@code SSH-1.5-...} or {@code SSH-1.99-...}. The check
 * only reads that banner, so it is {@link Safety#PASSIVE}.
 *
 * <p>Register it in either of two ways: pass it to the runner ({@code
 * CheckRunner.builder().check(new SshProtocolOneCheck())}), or ship it in a jar with a {@link
 * Provider} named in {@code META-INF/services/dev.tenken.spi.CheckSetProvider}, as this module
 * does, so {@link CheckSet#discover(ClassLoader)} (and {@code @TenkenScan} in tests) finds it.
 *
 * <p>Stateless and thread-safe, as every check must be: the runner calls {@link #run} on many
 * endpoints at once.
 */
public final class SshProtocolOneCheck implements Check {
  /** The check's id: {@code <area>.<service>.<name>}, stable and never reused. */
  public static final String ID = "example.ssh.protocol-1";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "SSH server offers protocol version 1")
          .description(
              "SSH protocol 1 has known design flaws that let an attacker on the path read and"
                  + " alter the session.")
          .remediation("Disable protocol 1 in the server's configuration (Protocol 2).")
          .severity(Severity.HIGH)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services("ssh")
          .ports(22)
          .references(Reference.cwe(327))
          .build();

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    // The context's connection enforces scope, deadline and byte cap: no raw sockets in a check.
    String banner;
    try (TcpConnection connection = context.connect(endpoint)) {
      byte[] greeting = connection.readAvailable(Duration.ofSeconds(2), 255);
      banner = new String(greeting, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }
    // SSH-<protocol version>-<software version> [comments] (RFC 4253, section 4.2)
    String[] parts = banner.split("-", 3);
    if (parts.length < 3 || !parts[0].equals("SSH")) {
      return Outcome.error("no SSH banner within 2 s");
    }
    String version = parts[1];
    if (version.equals("1.5") || version.equals("1.99")) {
      return Outcome.fail(
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .evidence("protocol", version)
              .build());
    }
    return Outcome.pass("server offers protocol " + version + " only", Map.of("protocol", version));
  }

  /** Registers the check for {@link java.util.ServiceLoader}; see the class description. */
  public static final class Provider implements CheckSetProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public CheckSet checkSet() {
      return CheckSet.of(new SshProtocolOneCheck());
    }
  }
}
