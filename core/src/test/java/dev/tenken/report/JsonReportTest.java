package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String json(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormat.JSON.write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void headerAndSummary() throws IOException {
    JsonNode doc = MAPPER.readTree(json(SampleReports.sample()));

    assertThat(doc.get("tool").asText()).isEqualTo("Tenken");
    assertThat(doc.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(doc.get("schemaVersion").asText()).isEqualTo("1");
    assertThat(doc.get("started").asText()).isEqualTo("2026-01-15T01:02:03Z");
    assertThat(doc.get("finished").asText()).isEqualTo("2026-01-15T01:02:45.500Z");

    JsonNode s = doc.get("summary");
    assertThat(s.get("elapsedMillis").asLong()).isEqualTo(42_500);
    assertThat(s.get("cancelled").asBoolean()).isFalse();
    assertThat(s.get("targets").asLong()).isEqualTo(3);
    assertThat(s.at("/targetsByStatus/scanned").asLong()).isEqualTo(1);
    assertThat(s.at("/targetsByStatus/out_of_scope").asLong()).isEqualTo(1);
    assertThat(s.at("/targetsByStatus/unreachable").asLong()).isEqualTo(1);
    assertThat(s.at("/targetsByStatus/timeout").isNumber()).as("zero counts are written").isTrue();
    assertThat(s.at("/targetsByStatus/timeout").asLong()).isZero();
    assertThat(s.get("results").asLong()).isEqualTo(6);
    assertThat(s.at("/resultsByStatus/pass").asLong()).isEqualTo(1);
    assertThat(s.at("/resultsByStatus/fail").asLong()).isEqualTo(3);
    assertThat(s.at("/resultsByStatus/error").asLong()).isEqualTo(1);
    assertThat(s.at("/resultsByStatus/skip").asLong()).isEqualTo(1);
    assertThat(s.get("findings").asLong()).isEqualTo(4);
    assertThat(s.at("/findingsBySeverity/critical").asLong()).isEqualTo(1);
    assertThat(s.at("/findingsBySeverity/low").asLong()).isZero();
    assertThat(s.at("/findingsByCountermeasure/software_update").asLong()).isEqualTo(2);
    assertThat(s.at("/findingsByCountermeasure/network_exposure").asLong()).isZero();
  }

  @Test
  void checks() throws IOException {
    JsonNode checks = MAPPER.readTree(json(SampleReports.sample())).get("checks");

    assertThat(checks).hasSize(7);
    JsonNode noAuth = checks.get(0);
    assertThat(noAuth.get("id").asText()).isEqualTo(SampleReports.NO_AUTH);
    assertThat(noAuth.get("severity").asText()).isEqualTo("critical");
    assertThat(noAuth.get("safety").asText()).isEqualTo("read_only");
    assertThat(noAuth.get("countermeasure").asText()).isEqualTo("authentication");
    assertThat(noAuth.get("transport").asText()).isEqualTo("tcp");
    assertThat(texts(noAuth.get("services"))).containsExactly("redis", "valkey");
    assertThat(texts(noAuth.get("tags"))).containsExactly("no-auth", "redis");
    assertThat(noAuth.get("ports").get(0).asInt()).isEqualTo(6379);
    assertThat(noAuth.at("/references/0/kind").asText()).isEqualTo("cwe");
    assertThat(noAuth.at("/references/0/id").asText()).isEqualTo("CWE-306");
    assertThat(noAuth.at("/references/0/link").asText())
        .isEqualTo("https://cwe.mitre.org/data/definitions/306.html");
    assertThat(checks.get(5).get("transport").asText()).isEqualTo("udp");
  }

  @Test
  void targetsResultsAndFindingsRoundTrip() throws IOException {
    Report report = SampleReports.sample();
    JsonNode targets = MAPPER.readTree(json(report)).get("targets");
    assertThat(targets).hasSize(3);

    JsonNode scanned = targets.get(0);
    assertThat(scanned.get("target").asText()).isEqualTo("127.0.0.1:6379,80,554");
    assertThat(scanned.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(scanned.get("addressClass").asText()).isEqualTo("loopback");
    assertThat(scanned.get("status").asText()).isEqualTo("scanned");
    assertThat(scanned.at("/labels/site").asText()).isEqualTo("東京");
    assertThat(scanned.get("endpoints")).hasSize(3);
    assertThat(scanned.at("/endpoints/0/uri").asText()).isEqualTo("tcp://127.0.0.1:6379");
    assertThat(scanned.at("/endpoints/0/service").asText()).isEqualTo("redis");
    assertThat(scanned.at("/identity/vendor/value").asText()).isEqualTo("Acme & Sons");
    assertThat(scanned.at("/identity/vendor/source").asText()).isEqualTo("HTTP Server header");
    assertThat(scanned.at("/identity/vendor/confidence").asText()).isEqualTo("firm");
    assertThat(scanned.at("/identity/model/value").asText()).isEqualTo(SampleReports.SCRIPT_MODEL);

    JsonNode results = scanned.get("results");
    assertThat(results).hasSize(6);
    List<String> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(r.get("status").asText()));
    assertThat(statuses).containsExactly("fail", "fail", "fail", "pass", "error", "skip");

    JsonNode pass = results.get(3);
    assertThat(pass.get("checkId").asText()).isEqualTo(SampleReports.DEFAULT_CREDENTIALS);
    assertThat(pass.get("endpoint").asText()).isEqualTo("tcp://127.0.0.1:80");
    assertThat(pass.get("service").asText()).isEqualTo("http");
    assertThat(pass.get("elapsedMillis").asLong()).isEqualTo(1250);
    assertThat(fieldNames(pass.get("evidence")))
        .containsExactly(
            "attempts", "content-type", "server", "status", "www-authenticate", "x-frame-options");
    assertThat(pass.at("/evidence/www-authenticate").asText()).isEqualTo("Basic realm=\"カメラ\"");
    assertThat(pass.get("findings")).isEmpty();
    assertThat(results.get(4).get("detail").asText()).isEqualTo(SampleReports.ERROR_DETAIL);

    // Every finding of the model, once, with every field, hostile text unchanged.
    List<Finding> model = report.findings().toList();
    List<JsonNode> written = new ArrayList<>();
    results.forEach(r -> r.get("findings").forEach(written::add));
    assertThat(written).hasSize(model.size());
    for (int i = 0; i < model.size(); i++) {
      Finding f = model.get(i);
      JsonNode w = written.get(i);
      assertThat(w.get("fingerprint").asText()).isEqualTo(f.fingerprint());
      assertThat(w.get("checkId").asText()).isEqualTo(f.checkId());
      assertThat(w.get("endpoint").asText()).isEqualTo(f.endpoint().uri());
      assertThat(w.get("title").asText()).isEqualTo(f.title());
      assertThat(w.get("severity").asText()).isEqualTo(f.severity().label());
      assertThat(w.get("key").asText()).isEqualTo(f.key());
      assertThat(fieldNames(w.get("evidence"))).containsExactlyElementsOf(f.evidence().keySet());
    }
    JsonNode noAuth = written.get(0);
    assertThat(noAuth.at("/evidence/info").asText()).isEqualTo(SampleReports.HOSTILE_BANNER);
    assertThat(noAuth.get("confidence").asText()).isEqualTo("confirmed");
    assertThat(noAuth.get("countermeasure").asText()).isEqualTo("authentication");
    assertThat(noAuth.get("raisedForPublicAddress").asBoolean()).isFalse();
    assertThat(noAuth.get("description").asText()).startsWith("Anyone who reaches");
    assertThat(noAuth.get("remediation").asText()).startsWith("Set requirepass");
    assertThat(written.get(1).at("/references/0/link").asText())
        .isEqualTo("https://www.cve.org/CVERecord?id=CVE-2025-49844");

    JsonNode outOfScope = targets.get(1);
    assertThat(outOfScope.get("status").asText()).isEqualTo("out_of_scope");
    assertThat(outOfScope.get("addressClass").asText()).isEqualTo("documentation");
    assertThat(outOfScope.get("detail").asText()).isEqualTo("203.0.113.7 is outside the scope");
    assertThat(outOfScope.get("results")).isEmpty();

    JsonNode unreachable = targets.get(2);
    assertThat(unreachable.get("status").asText()).isEqualTo("unreachable");
    assertThat(unreachable.get("address").isNull()).isTrue();
    assertThat(unreachable.get("host").asText()).isEqualTo("db.invalid");
    assertThat(unreachable.get("identity")).isEmpty();
  }

  @Test
  void textIsUtf8WithEscapedControlCharactersAndUnixLineEnds() throws IOException {
    String text = json(SampleReports.sample());
    assertThat(text).contains("日本語のバナー").contains("\\u0001").doesNotContain("\u0001");
    assertThat(text).doesNotContain("\r").endsWith("}\n");
    assertThat(text).contains("\n  \"tool\": \"Tenken\",\n");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
