package dev.tenken.report;

import dev.tenken.AddressClass;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report built by hand for the writer tests: three targets (one scanned with a PASS, three FAILs
 * with four findings, an ERROR and a SKIP; one out of scope; one unreachable), with device text
 * that is hostile to every format: markup, pipes, backticks, a control character and Japanese.
 */
final class SampleReports {
  static final Instant STARTED = Instant.parse("2026-01-15T01:02:03Z");
  static final Instant FINISHED = Instant.parse("2026-01-15T01:02:45.500Z");

  /** Banner text that breaks naive writers: markup, pipe, backticks, U+0001, Japanese. */
  static final String HOSTILE_BANNER = "os:Linux <x86_64> & co | `whoami` \u0001 日本語のバナー";

  /** A device-provided model name carrying a script tag. */
  static final String SCRIPT_MODEL = "<script>alert(1)</script> IPカメラ|X";

  static final String PANEL_TITLE = "Web panel titled <script>alert('panel')</script>";

  static final String ERROR_DETAIL = "malformed reply: RTSP/1.0 <garbage> & \u0001\u0002 end";

  static final String NO_AUTH = "database.redis.no-auth";
  static final String KNOWN_CVE = "database.redis.known-cve";
  static final String PANEL = "camera.http.panel-title";
  static final String DEFAULT_CREDENTIALS = "camera.http.default-credentials";
  static final String RTSP_NO_AUTH = "camera.rtsp.no-auth";
  static final String SNMP_COMMUNITY = "printer.snmp.default-community";
  static final String PJL_INFO = "printer.pjl.info";

  private SampleReports() {}

  /** The sample report. */
  static Report sample() {
    return sample(false);
  }

  /**
   * The sample report; with {@code reverseInsertion} every unordered map (evidence of a PASS,
   * services, tags, labels) is filled in the opposite order, which must not change any output.
   */
  static Report sample(boolean reverseInsertion) {
    List<CheckDescriptor> checks = checks(reverseInsertion);
    List<TargetResult> targets = List.of(scanned(reverseInsertion), outOfScope(), unreachable());
    return new Report("Tenken", "0.1.0-SNAPSHOT", checks, targets, summarize(targets));
  }

  /** The first target's results, in completion order. */
  static TargetResult scannedTarget() {
    return sample().targets().get(0);
  }

  static List<CheckDescriptor> checks(boolean reverse) {
    List<CheckDescriptor> checks = new ArrayList<>();
    CheckDescriptor.Builder noAuth =
        CheckDescriptor.builder(NO_AUTH, "Redis answers without authentication")
            .description("Anyone who reaches the port can read and change every key.")
            .remediation("Set requirepass or ACLs and bind Redis to a private interface.")
            .severity(Severity.CRITICAL)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .ports(6379)
            .references(Reference.cwe(306));
    if (reverse) {
      noAuth.services("valkey", "redis").tags("redis", "no-auth");
    } else {
      noAuth.services("redis", "valkey").tags("no-auth", "redis");
    }
    checks.add(noAuth.build());
    checks.add(
        CheckDescriptor.builder(KNOWN_CVE, "Redis version with known vulnerabilities")
            .description("The version the server announces is affected by published CVEs.")
            .remediation("Upgrade to the latest patch release of the branch.")
            .severity(Severity.HIGH)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .services("redis")
            .ports(6379)
            .tags("cve")
            .build());
    checks.add(
        CheckDescriptor.builder(PANEL, "Web panel identifies the device")
            .severity(Severity.INFO)
            .countermeasure(Countermeasure.INVENTORY)
            .services("http")
            .ports(80, 8080)
            .build());
    checks.add(
        CheckDescriptor.builder(DEFAULT_CREDENTIALS, "Camera accepts a vendor default password")
            .description("The vendor's documented default login opens the web panel.")
            .remediation("Set a unique password on every camera.")
            .severity(Severity.HIGH)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .services("http")
            .ports(80)
            .references(Reference.cwe(1392), Reference.url("https://www.jpcert.or.jp/at/2016/"))
            .tags("default-credentials")
            .build());
    checks.add(
        CheckDescriptor.builder(RTSP_NO_AUTH, "RTSP stream plays without authentication")
            .severity(Severity.HIGH)
            .services("rtsp")
            .ports(554)
            .build());
    checks.add(
        CheckDescriptor.builder(SNMP_COMMUNITY, "SNMP answers a default community")
            .severity(Severity.MEDIUM)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .services("snmp")
            .transport(Transport.UDP)
            .ports(161)
            .build());
    checks.add(
        CheckDescriptor.builder(PJL_INFO, "Printer answers PJL INFO ID")
            .severity(Severity.INFO)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.INVENTORY)
            .services("pjl")
            .ports(9100)
            .build());
    return checks;
  }

  private static TargetResult scanned(boolean reverse) {
    InetAddress loopback = address(127, 0, 0, 1);
    Target target =
        reverse
            ? Target.parse("127.0.0.1:6379,80,554")
                .withLabel("site", "東京")
                .withLabel("owner", "ops")
            : Target.parse("127.0.0.1:6379,80,554")
                .withLabel("owner", "ops")
                .withLabel("site", "東京");
    Endpoint redis = new Endpoint("127.0.0.1", loopback, 6379, Transport.TCP, "redis");
    Endpoint http = new Endpoint("127.0.0.1", loopback, 80, Transport.TCP, "http");
    Endpoint rtsp = new Endpoint("127.0.0.1", loopback, 554, Transport.TCP, "rtsp");
    Endpoint snmp = new Endpoint("127.0.0.1", loopback, 161, Transport.UDP, "snmp");

    Finding noAuth =
        Finding.builder(NO_AUTH, redis)
            .title("Redis answers without authentication")
            .severity(Severity.CRITICAL)
            .confidence(Confidence.CONFIRMED)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .description("Anyone who reaches the port can read and change every key.")
            .evidence("reply", "+PONG")
            .evidence("info", HOSTILE_BANNER)
            .remediation("Set requirepass or ACLs and bind Redis to a private interface.")
            .reference(Reference.cwe(306))
            .build();
    Finding cve1 =
        Finding.builder(KNOWN_CVE, redis)
            .title("Redis 7.2.4 is affected by CVE-2025-49844")
            .severity(Severity.HIGH)
            .confidence(Confidence.TENTATIVE)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .evidence("version", "7.2.4")
            .evidence("fixed in", "7.2.11")
            .remediation("Upgrade to 7.2.11 or later.")
            .reference(Reference.cve("CVE-2025-49844"))
            .key("CVE-2025-49844")
            .build();
    Finding cve2 =
        Finding.builder(KNOWN_CVE, redis)
            .title("Redis 7.2.4 is affected by CVE-2024-31449")
            .severity(Severity.MEDIUM)
            .confidence(Confidence.FIRM)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .evidence("version", "7.2.4")
            .reference(Reference.cve("CVE-2024-31449"))
            .key("CVE-2024-31449")
            .build();
    Finding panel =
        Finding.builder(PANEL, http)
            .title(PANEL_TITLE)
            .severity(Severity.INFO)
            .confidence(Confidence.CONFIRMED)
            .countermeasure(Countermeasure.INVENTORY)
            .evidence("title", "IPカメラ | <Acme> ``admin`` [link](https://evil.example)")
            .build();

    // A PASS's evidence is kept unordered by CheckResult (Map.copyOf): writers must sort it.
    List<Map.Entry<String, String>> pairs =
        new ArrayList<>(
            List.of(
                Map.entry("status", "401"),
                Map.entry("www-authenticate", "Basic realm=\"カメラ\""),
                Map.entry("server", "Boa/0.94.14rc21"),
                Map.entry("content-type", "text/html"),
                Map.entry("x-frame-options", "DENY"),
                Map.entry("attempts", "2 of 2")));
    if (reverse) {
      Collections.reverse(pairs);
    }
    Map<String, String> passEvidence = new LinkedHashMap<>();
    pairs.forEach(e -> passEvidence.put(e.getKey(), e.getValue()));

    List<CheckResult> results =
        List.of(
            new CheckResult(
                NO_AUTH,
                redis,
                CheckResult.Status.FAIL,
                "PING answered +PONG without AUTH",
                Map.of(),
                List.of(noAuth),
                Duration.ofMillis(12)),
            new CheckResult(
                KNOWN_CVE,
                redis,
                CheckResult.Status.FAIL,
                "",
                Map.of(),
                List.of(cve1, cve2),
                Duration.ofMillis(3)),
            new CheckResult(
                PANEL,
                http,
                CheckResult.Status.FAIL,
                "",
                Map.of(),
                List.of(panel),
                Duration.ofMillis(40)),
            new CheckResult(
                DEFAULT_CREDENTIALS,
                http,
                CheckResult.Status.PASS,
                "401 without credentials; vendor defaults rejected",
                passEvidence,
                List.of(),
                Duration.ofMillis(1250)),
            new CheckResult(
                RTSP_NO_AUTH,
                rtsp,
                CheckResult.Status.ERROR,
                ERROR_DETAIL,
                Map.of(),
                List.of(),
                Duration.ofMillis(2000)),
            new CheckResult(
                SNMP_COMMUNITY,
                snmp,
                CheckResult.Status.SKIP,
                "credential attempts are not enabled",
                Map.of(),
                List.of(),
                Duration.ZERO));

    DeviceIdentity identity =
        DeviceIdentity.EMPTY
            .with(
                DeviceIdentity.Attribute.VENDOR,
                "Acme & Sons",
                "HTTP Server header",
                Confidence.FIRM)
            .with(DeviceIdentity.Attribute.MODEL, SCRIPT_MODEL, "HTML title", Confidence.TENTATIVE)
            .with(
                DeviceIdentity.Attribute.FIRMWARE,
                "1.2.3`echo`",
                "ONVIF GetDeviceInformation",
                Confidence.CONFIRMED)
            .with(DeviceIdentity.Attribute.PRODUCT, "redis", "Redis INFO", Confidence.CONFIRMED);

    return new TargetResult(
        target,
        Optional.of(loopback),
        AddressClass.LOOPBACK,
        TargetResult.Status.SCANNED,
        "",
        List.of(redis, http, rtsp),
        identity,
        results,
        Duration.ofMillis(3456));
  }

  private static TargetResult outOfScope() {
    return new TargetResult(
        Target.parse("203.0.113.7"),
        Optional.of(address(203, 0, 113, 7)),
        AddressClass.DOCUMENTATION,
        TargetResult.Status.OUT_OF_SCOPE,
        "203.0.113.7 is outside the scope",
        List.of(),
        DeviceIdentity.EMPTY,
        List.of(),
        Duration.ZERO);
  }

  private static TargetResult unreachable() {
    return new TargetResult(
        Target.parse("redis://db.invalid:16379"),
        Optional.empty(),
        AddressClass.RESERVED,
        TargetResult.Status.UNREACHABLE,
        "db.invalid did not resolve",
        List.of(),
        DeviceIdentity.EMPTY,
        List.of(),
        Duration.ofMillis(5));
  }

  /** The summary a runner would have counted for {@code targets}. */
  static ScanSummary summarize(List<TargetResult> targets) {
    Map<TargetResult.Status, Long> byTarget = new EnumMap<>(TargetResult.Status.class);
    Map<CheckResult.Status, Long> byResult = new EnumMap<>(CheckResult.Status.class);
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    for (TargetResult.Status s : TargetResult.Status.values()) {
      byTarget.put(s, 0L);
    }
    for (CheckResult.Status s : CheckResult.Status.values()) {
      byResult.put(s, 0L);
    }
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0L);
    }
    for (TargetResult t : targets) {
      byTarget.merge(t.status(), 1L, Long::sum);
      for (CheckResult r : t.results()) {
        byResult.merge(r.status(), 1L, Long::sum);
        r.findings().forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
      }
    }
    return new ScanSummary(
        STARTED, FINISHED, false, targets.size(), byTarget, byResult, bySeverity, 0);
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
