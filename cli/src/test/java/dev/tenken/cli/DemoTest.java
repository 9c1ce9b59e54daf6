package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Safety;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.camera.CameraChecks;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.printer.PrinterChecks;
import dev.tenken.report.Report;
import dev.tenken.test.sim.RespServerSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tenken demo}, run in-process against the real checks. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoTest {
  private static final CheckSet CHECKS =
      CameraChecks.all().plus(PrinterChecks.all()).plus(DatabaseChecks.all());

  /** Mirrors the Redis checks' read-only allow-list (RespCommand.ALLOWED). */
  private static final Set<String> REDIS_ALLOWED =
      Set.of("PING", "INFO", "AUTH", "COMMAND", "CONFIG", "ROLE", "QUIT");

  @TempDir static Path dir;

  private static int exit;
  private static String out;
  private static String err;
  private static JsonNode json;

  @BeforeAll
  static void runTheDemoOnce() throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    exit =
        new Main(CHECKS, dir)
            .execute(
                new String[] {"demo", "--output", "reports"},
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    json = new ObjectMapper().readTree(dir.resolve("reports/tenken-report.json").toFile());
  }

  /** Per device name: the check ids that FAILed on its targets, from the JSON report. */
  private static Map<String, Set<String>> failedByDevice() {
    Map<String, Set<String>> failed = new TreeMap<>();
    for (JsonNode t : json.get("targets")) {
      String device = t.get("labels").get(DemoSummary.DEVICE_LABEL).asText();
      Set<String> ids = failed.computeIfAbsent(device, k -> new TreeSet<>());
      for (JsonNode r : t.get("results")) {
        if (r.get("status").asText().equals("fail")) {
          ids.add(r.get("checkId").asText());
        }
      }
    }
    return failed;
  }

  @Test
  void everyDeviceBehavesAsItsVariantSays() {
    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out)
        .contains("camera-vulnerable  (camera, vulnerable)  127.0.0.")
        .contains("mfp-vulnerable  (printer, vulnerable)  127.0.0.")
        .contains("redis-hardened  (database, hardened)")
        .contains("mongodb-vulnerable  (database, vulnerable)")
        .contains("Authentication (turn it on, change default passwords):")
        .contains("* CRITICAL printer.http.default-credentials")
        .contains("* HIGH     database.redis.no-auth")
        .contains("* HIGH     camera.rtsp.unauthenticated-stream")
        .endsWith(
            "Result: all 4 vulnerable variants failed their signature checks and all 4 hardened"
                + " variants passed them (* marks a signature finding)."
                + System.lineSeparator());
    Map<String, Set<String>> failed = failedByDevice();
    assertThat(failed.keySet())
        .containsExactlyInAnyOrder(
            "camera-vulnerable",
            "camera-hardened",
            "mfp-vulnerable",
            "mfp-hardened",
            "redis-vulnerable",
            "redis-hardened",
            "mongodb-vulnerable",
            "mongodb-hardened");
    assertThat(failed.get("mfp-vulnerable"))
        .contains("printer.snmp.default-community", "printer.ipp.attributes-without-auth");
    assertThat(failed.get("redis-vulnerable")).contains("database.redis.no-auth");
    assertThat(failed.get("camera-vulnerable"))
        .contains(
            "camera.rtsp.unauthenticated-stream",
            "camera.onvif.unauthenticated-device-info",
            "camera.onvif.unauthenticated-stream-uri",
            "camera.http.default-credentials");
    assertThat(failed.get("camera-hardened"))
        .doesNotContain(
            "camera.rtsp.unauthenticated-stream",
            "camera.onvif.unauthenticated-device-info",
            "camera.onvif.unauthenticated-stream-uri",
            "camera.http.default-credentials");
    assertThat(failed.get("mongodb-vulnerable")).contains("database.mongodb.no-auth");
    assertThat(failed.get("mfp-hardened"))
        .doesNotContain(
            "printer.snmp.default-community",
            "printer.ipp.attributes-without-auth",
            "printer.http.default-credentials");
    assertThat(failed.get("redis-hardened")).doesNotContain("database.redis.no-auth");
    assertThat(failed.get("mongodb-hardened")).isEmpty();
  }

  @Test
  void speaksJapaneseWithLangJa() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        new Main(CHECKS, dir)
            .execute(
                new String[] {"demo", "--lang", "ja", "--format", "text"},
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
    String ja = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as("stderr: %s", e).isZero();
    assertThat(ja)
        .startsWith("tenken demo: 模擬機器 8 台、対象 16 件、チェック ")
        .contains("camera-vulnerable  （camera、脆弱な設定）  127.0.0.")
        .contains("  内容:     RTSP ストリームはパスワードなし")
        .contains("  認証（認証を有効にし、初期パスワードを変更する）:")
        .contains("* HIGH     database.redis.no-auth")
        .contains("  判定:     想定どおり（脆弱な設定）: 判定用チェックがすべて不合格になりました（")
        .contains("  判定:     想定どおり（対策済みの設定）")
        .doesNotContain("verdict:", "targets:", "Authentication")
        .endsWith(
            "結果: 脆弱な設定の 4 台はすべて判定用チェックで不合格になり、対策済みの設定の 4 台は"
                + "すべて合格しました（* は判定用チェックの検出です）。"
                + System.lineSeparator());
    assertThat(e.toString(StandardCharsets.UTF_8)).contains("tenken: 模擬機器 8 台を 127.0.0.");
  }

  @Test
  void helpIsInJapaneseWithLangJa() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code =
        new Main(CHECKS, dir)
            .execute(
                new String[] {"demo", "--lang", "ja", "--help"},
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(o.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
        .contains("模擬機器のラボを起動します")
        .contains("既定: 現在のディレクトリの tenken-demo")
        .contains("text, json, jsonl, sarif, junit, markdown")
        .contains("終了コード:");
  }

  @Test
  void eachDeviceLivesOnItsOwnLoopbackAddress() {
    Map<String, Set<String>> hosts = new TreeMap<>();
    for (JsonNode t : json.get("targets")) {
      hosts
          .computeIfAbsent(t.get("host").asText(), k -> new TreeSet<>())
          .add(t.get("labels").get(DemoSummary.DEVICE_LABEL).asText());
    }
    assertThat(hosts.keySet()).allMatch(h -> h.startsWith("127."));
    if (DemoHost.canBind(DemoHost.loopback(2))) {
      assertThat(hosts).hasSize(8).allSatisfy((h, devices) -> assertThat(devices).hasSize(1));
      assertThat(hosts).doesNotContainKey("127.0.0.1");
    }
  }

  @Test
  void writesEveryReportAndTheyParse() throws Exception {
    Path reports = dir.resolve("reports");
    assertThat(reports.resolve("tenken-report.json")).isRegularFile();
    assertThat(json.get("targets")).hasSize(16);
    JsonNode sarif = new ObjectMapper().readTree(reports.resolve("tenken-report.sarif").toFile());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("runs").get(0).get("results")).isNotEmpty();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    assertThat(
            f.newDocumentBuilder()
                .parse(reports.resolve("tenken-report.xml").toFile())
                .getDocumentElement()
                .getTagName())
        .isEqualTo("testsuites");
    assertThat(Files.readString(reports.resolve("tenken-report.md")))
        .contains("database.redis.no-auth");
    assertThat(err).contains("wrote the sarif report to ");
  }

  @Test
  void aDeviceThatDoesNotBehaveFailsTheDemo() throws Exception {
    // A "hardened" Redis that is in fact open: the verdict must say so.
    try (RespServerSimulator open = RespServerSimulator.start(RespServerSimulator.Variant.OPEN);
        DemoLab lab =
            DemoLab.builder()
                .add(
                    "redis",
                    DemoDevice.Variant.HARDENED,
                    (host, v) ->
                        DemoDevice.builder("redis", "database", v, host)
                            .tcp("redis", open.port())
                            .signature("database.redis.no-auth")
                            .build())
                .start()) {
      Report report = scan(lab);
      List<DemoSummary.Verdict> verdicts = DemoSummary.verdicts(lab, report);
      assertThat(verdicts).singleElement().matches(v -> !v.asExpected());
      assertThat(DemoSummary.resultLine(verdicts, Lang.of(Locale.ENGLISH)))
          .startsWith("Result: NOT as expected: redis-hardened");
      assertThat(verdicts.get(0).explain(Lang.of(Locale.JAPANESE)))
          .isEqualTo("想定と異なります: 対策済みの設定なのに、次の判定用チェックが不合格になりました:" + " database.redis.no-auth");
      // Reached through the relay on the device's own address.
      assertThat(open.connections()).isPositive();
    }
  }

  @Test
  void redisChecksFailOnOpenPassOnPasswordAndSendOnlyAllowListedCommands() throws Exception {
    CheckSet redis = DatabaseChecks.all().filter(d -> d.id().startsWith("database.redis."));
    try (RespServerSimulator open = RespServerSimulator.start(RespServerSimulator.Variant.OPEN);
        RespServerSimulator locked =
            RespServerSimulator.start(RespServerSimulator.Variant.PASSWORD)) {
      CheckRunner runner =
          CheckRunner.builder()
              .checks(redis)
              .scope(dev.tenken.Scope.of("127.0.0.1"))
              .enable(Safety.CREDENTIAL_ATTEMPT)
              .checkTimeout(Duration.ofSeconds(5))
              .build();
      Report report =
          runner.scan(List.of(Target.parse(open.target()), Target.parse(locked.target())));
      assertThat(status(report, open.target(), "database.redis.no-auth"))
          .isEqualTo(CheckResult.Status.FAIL);
      assertThat(status(report, locked.target(), "database.redis.no-auth"))
          .isEqualTo(CheckResult.Status.PASS);
      assertThat(status(report, locked.target(), "database.redis.default-password"))
          .isNotEqualTo(CheckResult.Status.FAIL);
      assertThat(open.commandNames()).isNotEmpty().allMatch(REDIS_ALLOWED::contains);
      assertThat(locked.commandNames()).isNotEmpty().allMatch(REDIS_ALLOWED::contains);
      assertThat(locked.failedAuths()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void serveRunsUntilStandardInputClosesThenStops() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(keyboard);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
    Main.Env env =
        new Main.Env(() -> CHECKS, dir, ps, new PrintStream(new ByteArrayOutputStream(), true));
    CommandLine cl = new CommandLine(new DemoCommand(env, stdin));
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cl.execute("--serve"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(o).size() < 8 && System.nanoTime() < until && !running.isDone()) {
      Thread.sleep(50);
    }
    List<String> lines = lines(o);
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).matches("camera-vulnerable rtsp://127\\.0\\.0\\.\\d+:\\d+ http://.*");
    assertThat(lines.get(2)).matches("mfp-vulnerable snmp://127\\.0\\.0\\.\\d+:\\d+ ipp://.*");
    String redis =
        lines.stream().filter(l -> l.startsWith("redis-vulnerable ")).findFirst().orElseThrow();
    URI uri = URI.create(redis.split(" ")[1]);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
      s.setSoTimeout(2000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(s.getInputStream().readNBytes(7), StandardCharsets.US_ASCII))
          .isEqualTo("+PONG\r\n");
    }
    keyboard.close();
    assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
    try (Socket s = new Socket()) {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000)))
          .isInstanceOf(ConnectException.class);
    }
  }

  private static List<String> lines(ByteArrayOutputStream o) {
    List<String> out = new ArrayList<>();
    for (String l : o.toString(StandardCharsets.UTF_8).split("\\R")) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  private static Report scan(DemoLab lab) throws InterruptedException {
    List<Target> targets = new ArrayList<>();
    for (DemoDevice d : lab.devices()) {
      for (String t : d.targets()) {
        targets.add(Target.parse(t).withLabel(DemoSummary.DEVICE_LABEL, d.name()));
      }
    }
    return CheckRunner.builder()
        .checks(DatabaseChecks.all())
        .scope(dev.tenken.Scope.of(lab.addresses().toArray(String[]::new)))
        .checkTimeout(Duration.ofSeconds(5))
        .build()
        .scan(targets);
  }

  private static CheckResult.Status status(Report report, String target, String checkId) {
    TargetResult t =
        report.targets().stream()
            .filter(r -> r.target().equals(Target.parse(target)))
            .findFirst()
            .orElseThrow();
    return t.results().stream()
        .filter(r -> r.checkId().equals(checkId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(checkId + " did not run on " + target))
        .status();
  }
}
