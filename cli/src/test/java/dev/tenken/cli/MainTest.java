package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckSet;
import dev.tenken.Tenken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage, parsing and listing: everything that happens before (or instead of) a scan. */
class MainTest {
  @TempDir Path dir;

  /** What one run of the command line printed and returned. */
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result run(Main main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        main.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Result run(String... args) {
    return run(new Main(DoorService.checks(), dir), args);
  }

  private static Result runStatic(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Asserts a usage error: exit 2, nothing on stdout, exactly one line on stderr; returns it. */
  private static String usageLine(Result r) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(Main.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    String line = r.errLines().get(0);
    assertThat(line).startsWith("tenken: ").doesNotContain("Exception").doesNotContain("\tat ");
    return line;
  }

  @Test
  void badTargetIsOneLineNamingItAndExits2() {
    Result r = runStatic("scan", "not_a_target::");

    String line = usageLine(r);
    assertThat(line)
        .startsWith("tenken: bad target 'not_a_target::': 'not_a_target::' is not an IPv6 address");
  }

  @Test
  void everyTargetIsParsedBeforeAnythingIsScanned() {
    Result r = run("scan", "127.0.0.1", "127.0.0.1:99999");

    assertThat(usageLine(r)).contains("99999").contains("1 to 65535");
  }

  @Test
  void credentialsInATargetAreRefusedWithoutRepeatingThePassword() {
    Result r = run("scan", "redis://admin:hunter2@127.0.0.1");

    assertThat(usageLine(r)).contains("credentials").doesNotContain("hunter2");
  }

  @Test
  void unknownFormatListsTheAcceptedOnes() {
    Result r = run("scan", "127.0.0.1", "--format", "text,pdf");

    assertThat(usageLine(r))
        .contains("'pdf'")
        .contains("text, json, jsonl, sarif, junit, markdown")
        .endsWith("try 'tenken scan --help'");
  }

  @Test
  void badFailOnValuesAreUsageErrors() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--fail-on", "severe")))
        .contains("'severe'")
        .contains("info, low, medium, high, critical, none");
    assertThat(usageLine(run("scan", "127.0.0.1", "--fail-on")))
        .contains("--fail-on")
        .endsWith("try 'tenken scan --help'");
    assertThat(usageLine(run("scan", "127.0.0.1", "--fail-on", ""))).contains("--fail-on");
  }

  @Test
  void badDurationsRatesAndCountsAreUsageErrors() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--check-timeout", "2")))
        .contains("500ms, 2s or 1m");
    assertThat(usageLine(run("scan", "127.0.0.1", "--connect-timeout", "0s")))
        .contains("more than zero");
    assertThat(usageLine(run("scan", "127.0.0.1", "--rate", "fast"))).contains("100/s");
    assertThat(usageLine(run("scan", "127.0.0.1", "--concurrency", "0")))
        .contains("whole number of 1 or more");
    assertThat(usageLine(run("scan", "127.0.0.1", "--enable", "exploits")))
        .contains("credential-attempts, sessions, print-ports");
  }

  @Test
  void unknownOptionsAndCommandsSaySoOnOneLine() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--fromat", "json")))
        .contains("--fromat")
        .contains("--format")
        .endsWith("try 'tenken scan --help'");
    assertThat(usageLine(run("scna", "127.0.0.1"))).contains("scna").contains("scan");
    assertThat(usageLine(run("scan"))).contains("TARGET");
    assertThat(usageLine(run())).contains("tenken scan");
  }

  @Test
  void aChecksPatternMatchingNothingIsAUsageError() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--checks", "database.redis.*")))
        .contains("'database.redis.*' matches no check id");
  }

  @Test
  void badScopeEntriesAreUsageErrors() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--scope", "10.0.0.0/99")))
        .contains("--scope entry '10.0.0.0/99'");
    assertThat(usageLine(run("scan", "127.0.0.1", "--scope", "bad_host!")))
        .contains("--scope entry 'bad_host!'");
    assertThat(usageLine(run("scan", "127.0.0.1", "--exclude-scope", "example.com")))
        .contains("--exclude-scope entry 'example.com'");
  }

  @Test
  void outputToStandardOutputTakesExactlyOneFormat() {
    assertThat(usageLine(run("scan", "127.0.0.1", "--format", "json,sarif", "--output", "-")))
        .contains("exactly one --format");
  }

  @Test
  void versionPrintsTheVersion() {
    Result r = runStatic("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("tenken " + Tenken.version() + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpOnEveryCommandDocumentsDefaultsAndExitCodes() {
    Result top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("scan").contains("checks").contains("Exit codes");

    Result scan = run("scan", "--help");
    assertThat(scan.code()).isZero();
    assertThat(scan.out().replaceAll("\\s+", " "))
        .contains("--fail-on=SEVERITY")
        .contains("Default: high")
        .contains("Default: 128")
        .contains("Default: 2000ms")
        .contains("Default: 10000ms")
        .contains("Default: 500/s")
        .contains("500ms")
        .contains("Exit codes")
        .contains("3 the scan itself failed");

    Result checks = run("checks", "--help");
    assertThat(checks.code()).isZero();
    assertThat(checks.out()).contains("--format");

    assertThat(run("help", "scan").out()).contains("--fail-on");
  }

  @Test
  void checksListsTheInjectedChecks() {
    Result r = run("checks");

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("ID")
        .contains("COUNTERMEASURE")
        .contains(DoorService.CHECK_ID)
        .contains("high")
        .contains("passive")
        .contains("authentication")
        .contains("door")
        .contains(DoorService.TITLE)
        .contains("1 check(s).")
        .contains("1 service probe(s) identify: door.");
  }

  @Test
  void checksAsJson() throws Exception {
    Result r = run("checks", "--format", "json");

    assertThat(r.code()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("version").asText()).isEqualTo(Tenken.version());
    JsonNode check = doc.get("checks").get(0);
    assertThat(check.get("id").asText()).isEqualTo(DoorService.CHECK_ID);
    assertThat(check.get("severity").asText()).isEqualTo("high");
    assertThat(check.get("safety").asText()).isEqualTo("passive");
    assertThat(check.get("countermeasure").asText()).isEqualTo("authentication");
    assertThat(check.get("services").get(0).asText()).isEqualTo("door");
    assertThat(doc.get("probes").get(0).get("service").asText()).isEqualTo("door");
  }

  @Test
  void anEmptyCatalogueIsSaidPlainly() throws Exception {
    Result r = run(new Main(CheckSet.EMPTY, dir), "checks");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("No checks are installed");

    Result json = run(new Main(CheckSet.EMPTY, dir), "checks", "--format", "json");
    assertThat(new ObjectMapper().readTree(json.out()).get("checks")).isEmpty();
  }

  @Test
  void checksFiltersByGlob() {
    assertThat(run("checks", "--checks", "test.*.open").out()).contains(DoorService.CHECK_ID);
    assertThat(usageLine(run("checks", "--checks", "camera.*"))).contains("matches no check id");
    assertThat(usageLine(run("checks", "--format", "yaml"))).contains("use text or json");
  }

  @Test
  void globsMatchWholeIds() {
    assertThat(matches("database.redis.*", "database.redis.no-auth")).isTrue();
    assertThat(matches("*.no-auth", "database.redis.no-auth")).isTrue();
    assertThat(matches("database.redis", "database.redis.no-auth")).isFalse();
    assertThat(matches("d?tabase.*", "database.x.y")).isTrue();
    assertThat(matches("a.b+c", "a.bbc")).isFalse();
  }

  private static boolean matches(String glob, String id) {
    return CheckSelection.toRegex(glob).matcher(id).matches();
  }

  @Test
  void aBadShardIsOneLineSayingHowToWriteIt() {
    for (String bad : List.of("2/2", "x/4", "1", "-1/3", "1/0")) {
      assertThat(usageLine(run("scan", "127.0.0.1", "--shard", bad)))
          .as(bad)
          .isEqualTo("tenken: bad --shard '" + bad + "': give I/N with 0 <= I < N, such as 0/4");
    }
  }

  @Test
  void durationsTakeUnits() {
    Converters.DurationConverter c = new Converters.DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(c.convert("2s")).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(c.convert("1.5s")).isEqualTo(java.time.Duration.ofMillis(1500));
    assertThat(c.convert("1m")).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(c.convert("PT3S")).isEqualTo(java.time.Duration.ofSeconds(3));
    assertThat(new Converters.RateConverter().convert("100/s")).isEqualTo(100.0);
    assertThat(new Converters.RateConverter().convert("0")).isEqualTo(0.0);
  }

  @Test
  void terminalTextIsDefused() {
    assertThat(Terminal.clean("a\u001b[31mred\nb\u202e")).isEqualTo("a\\u001B[31mred\\nb\\u202E");
  }
}
