package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.ReplayDevice;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the PJL reply reader of {@link PjlClient}: the printer's bytes answer {@code INFO ID},
 * then {@code INFO STATUS}, then the file-system listing on one raw print-port connection. Only
 * {@link ProtocolException} may escape, the line and size caps hold, and no input takes a second.
 * Plain test runs replay {@code PjlClientFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/fuzzing.md).
 */
class PjlClientFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    PjlClientFuzzTest test = new PjlClientFuzzTest();
    test.replies(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void replies(byte[] printer) throws IOException {
    PjlClient client =
        PjlClient.open(ReplayDevice.context(printer), ReplayDevice.endpoint(9100, "pjl"));
    try {
      for (PjlClient.Query q :
          new PjlClient.Query[] {
            PjlClient.Query.INFO_ID, PjlClient.Query.INFO_STATUS, PjlClient.Query.FSDIRLIST_ROOT
          }) {
        client
            .ask(q)
            .ifPresent(
                r -> {
                  assertThat(r.echo()).startsWith("@PJL ");
                  assertThat(r.lines()).hasSizeLessThanOrEqualTo(PjlClient.MAX_LINES);
                  r.unsupported();
                  r.firstValue();
                });
      }
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    } finally {
      client.close();
    }
  }
}
