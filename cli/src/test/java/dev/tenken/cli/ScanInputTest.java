package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.cli.MainTest.Result;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a scan's targets come from (arguments, files, standard input), and the progress line. */
class ScanInputTest {
  private static final String[] QUICK = {"--connect-timeout", "1s", "--host-budget", "30s"};

  @TempDir Path dir;
  private RecordingServer door;

  @BeforeEach
  void startDoor() throws Exception {
    door = RecordingServer.withBanner("DOOR open, come in\r\n");
  }

  @AfterEach
  void stopDoor() {
    door.close();
  }

  /** Runs with {@code stdin} as standard input (a terminal when null) and a non-terminal stderr. */
  private Result run(String stdin, String... args) {
    String[] all = new String[args.length + QUICK.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(QUICK, 0, all, args.length, QUICK.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.Streams streams =
        new Main.Streams(
            new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
            stdin == null,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int code = new Main(DoorService.checks(), dir).execute(all, streams);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String usageLine(Result r) {
    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.USAGE);
    assertThat(r.errLines()).hasSize(1);
    return r.errLines().get(0);
  }

  private String doorTarget() {
    return "127.0.0.1:" + door.port();
  }

  @Test
  void targetsComeFromFilesWithComments() throws Exception {
    Files.writeString(dir.resolve("hosts.txt"), "# the door\n\n" + doorTarget() + "   # lobby\n");

    Result r = run(null, "scan", "-f", "hosts.txt");

    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.FINDINGS);
    assertThat(r.out()).contains(doorTarget() + "  SCANNED").contains(DoorService.CHECK_ID);
  }

  @Test
  void targetsComeFromStandardInputWhenItIsNotATerminal() {
    Result piped = run(doorTarget() + "\n", "scan");
    assertThat(piped.code()).as("stderr: %s", piped.err()).isEqualTo(Main.FINDINGS);
    assertThat(piped.out()).contains(DoorService.CHECK_ID);

    Result dash = run(doorTarget() + "\n", "scan", "-f", "-");
    assertThat(dash.code()).isEqualTo(Main.FINDINGS);

    assertThat(usageLine(run(null, "scan"))).contains("no target given").contains("-f FILE");
    assertThat(usageLine(run("# nothing here\n\n", "scan"))).contains("no target");
  }

  @Test
  void aBlockIsItsOwnDefaultScope() {
    // 127.0.0.0/30 is 127.0.0.1 and 127.0.0.2: both admitted by the default scope (the block).
    Result r = run(null, "scan", "127.0.0.0/30:" + door.port());

    assertThat(r.out())
        .contains(doorTarget() + "  SCANNED")
        .contains("127.0.0.2:" + door.port())
        .contains("Targets:   2")
        .doesNotContain("OUT_OF_SCOPE");
  }

  @Test
  void badFilesAndLinesAreOneLineNamingThem() throws Exception {
    assertThat(usageLine(run(null, "scan", "-f", "missing.txt")))
        .contains("missing.txt")
        .contains("no such file");
    Files.writeString(dir.resolve("bad.txt"), "127.0.0.1\n# fine\n10.0.0.0/33\n");
    assertThat(usageLine(run(null, "scan", "-f", "bad.txt")))
        .contains("'10.0.0.0/33'")
        .contains("line 3 of bad.txt");
    Files.write(dir.resolve("latin1.txt"), new byte[] {'h', (byte) 0xe9, '\n'});
    assertThat(usageLine(run(null, "scan", "-f", "latin1.txt"))).contains("not UTF-8");
    assertThat(usageLine(run(null, "scan", "2001:db8::/64"))).contains("/112 or smaller");
  }

  @Test
  void theProgressLineIsDrawnOnlyWhenAskedOrOnATerminal() {
    Result shown = run(null, "scan", doorTarget(), "--progress");
    assertThat(shown.err()).contains("\rtenken: ").contains("targets done (1 in all)");

    Result quiet = run(null, "scan", doorTarget());
    assertThat(quiet.err()).isEmpty();
    assertThat(run(null, "scan", doorTarget(), "--no-progress").err()).isEmpty();
  }
}
