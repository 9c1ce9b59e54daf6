package dev.tenken.cli;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ServiceProbe;
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A made-up "door" protocol for the command line's tests: a server greets with {@code DOOR <state>}
 * on connect. The probe recognises the greeting; the check fails with a HIGH finding when the door
 * says {@code open}.
 */
final class DoorService {
  static final String CHECK_ID = "test.door.open";
  static final String TITLE = "Door service lets anyone in";

  private DoorService() {}

  static CheckSet checks() {
    return new CheckSet(List.of(new OpenDoorCheck()), List.of(new DoorProbe()));
  }

  static final class DoorProbe implements ServiceProbe {
    @Override
    public String service() {
      return "door";
    }

    @Override
    public List<Integer> likelyPorts() {
      return List.of();
    }

    @Override
    public boolean recognises(byte[] reply) {
      return new String(reply, StandardCharsets.ISO_8859_1).startsWith("DOOR ");
    }
  }

  static final class OpenDoorCheck implements Check {
    private static final CheckDescriptor DESCRIPTOR =
        CheckDescriptor.builder(CHECK_ID, TITLE)
            .description("A door that greets strangers as open lets them in.")
            .remediation("Lock the door.")
            .severity(Severity.HIGH)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .services("door")
            .build();

    @Override
    public CheckDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
      try (TcpConnection c = context.connect(endpoint)) {
        byte[] banner = c.readAvailable(Duration.ofSeconds(2), 256);
        String text = new String(banner, StandardCharsets.ISO_8859_1).strip();
        if (text.contains("open")) {
          return Outcome.fail(
              context
                  .finding(endpoint)
                  .confidence(Confidence.CONFIRMED)
                  .evidence("banner", text)
                  .build());
        }
        return Outcome.pass("the door greets with '" + text + "'");
      }
    }
  }
}
