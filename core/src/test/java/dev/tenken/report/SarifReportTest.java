package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import dev.tenken.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  /** The {@code id} the official schema gives itself; mapped to the copy in test resources. */
  private static final String SCHEMA_ID =
      "https://raw.githubusercontent.com/schemastore/schemastore/master/src/schemas/json/sarif-2.1.0-rtm.5.json";

  private static final String SCHEMA_RESOURCE = "classpath:report/sarif-2.1.0-rtm.5.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() {
    // The official SARIF 2.1.0 schema (draft-04), read from the classpath. Only classpath
    // resources may be loaded, so the test never touches the network.
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            b ->
                b.schemaMappers(m -> m.mapPrefix(SCHEMA_ID, SCHEMA_RESOURCE))
                    .schemaLoaders(
                        l ->
                            l.values(
                                loaders ->
                                    loaders.add(
                                        0,
                                        new AllowSchemaLoader(
                                            iri -> iri.toString().startsWith("classpath:"))))));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), config);
    schema.initializeValidators();
  }

  private static JsonNode sarif(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormat.SARIF.write(report, out);
    return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static Set<ValidationMessage> validate(JsonNode sarif) {
    return schema.validate(sarif);
  }

  @Test
  void sampleIsValidSarif() throws IOException {
    assertThat(validate(sarif(SampleReports.sample()))).isEmpty();
  }

  @Test
  void validatorRejectsBrokenDocuments() throws IOException {
    JsonNode good = sarif(SampleReports.sample());

    ObjectNode noVersion = good.deepCopy();
    noVersion.remove("version");
    assertThat(validate(noVersion)).isNotEmpty();

    ObjectNode badLevel = good.deepCopy();
    ((ObjectNode) badLevel.at("/runs/0/results/0")).put("level", "fatal");
    assertThat(validate(badLevel)).isNotEmpty();

    ObjectNode unknownField = good.deepCopy();
    ((ObjectNode) unknownField.at("/runs/0/results/0/locations/0/physicalLocation")).put("line", 1);
    assertThat(validate(unknownField)).isNotEmpty();

    ObjectNode badUri = good.deepCopy();
    ((ObjectNode) badUri.at("/runs/0/tool/driver")).put("informationUri", "not a uri");
    assertThat(validate(badUri)).as("format assertions are on").isNotEmpty();

    assertThat(validate(MAPPER.createObjectNode())).isNotEmpty();
  }

  @Test
  void reportWithoutCheckListIsStillValidAndIndexed() throws IOException {
    Report sample = SampleReports.sample();
    Report bare =
        new Report(sample.tool(), "dev build", List.of(), sample.targets(), sample.summary());
    JsonNode sarif = sarif(bare);

    assertThat(validate(sarif)).isEmpty();
    JsonNode driver = sarif.at("/runs/0/tool/driver");
    assertThat(driver.has("semanticVersion")).as("'dev build' is not semver").isFalse();
    assertThat(driver.get("version").asText()).isEqualTo("dev build");
    // Rules come from the findings' checks, in order of appearance.
    assertThat(ids(driver.get("rules")))
        .containsExactly(SampleReports.NO_AUTH, SampleReports.KNOWN_CVE, SampleReports.PANEL);
    for (JsonNode result : sarif.at("/runs/0/results")) {
      int index = result.get("ruleIndex").asInt();
      assertThat(driver.get("rules").get(index).get("id").asText())
          .isEqualTo(result.get("ruleId").asText());
    }
    // The ERROR result's check is no rule: the notification names it without an index.
    JsonNode error = sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0");
    assertThat(error.at("/associatedRule/id").asText()).isEqualTo(SampleReports.RTSP_NO_AUTH);
    assertThat(error.at("/associatedRule").has("index")).isFalse();
  }

  @Test
  void toolAndRules() throws IOException {
    JsonNode sarif = sarif(SampleReports.sample());
    assertThat(sarif.get("$schema").asText())
        .isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("runs")).hasSize(1);

    JsonNode driver = sarif.at("/runs/0/tool/driver");
    assertThat(driver.get("name").asText()).isEqualTo("Tenken");
    assertThat(driver.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(driver.get("semanticVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(driver.get("informationUri").asText()).isEqualTo("https://tenken.dev");

    JsonNode rules = driver.get("rules");
    assertThat(ids(rules))
        .containsExactlyElementsOf(SampleReports.checks(false).stream().map(c -> c.id()).toList());

    JsonNode noAuth = rules.get(0);
    assertThat(noAuth.get("name").asText()).isEqualTo("DatabaseRedisNoAuth");
    assertThat(noAuth.at("/shortDescription/text").asText())
        .isEqualTo("Redis answers without authentication");
    assertThat(noAuth.at("/fullDescription/text").asText()).startsWith("Anyone who reaches");
    assertThat(noAuth.at("/help/text").asText()).startsWith("Set requirepass");
    assertThat(noAuth.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(texts(noAuth.at("/properties/tags")))
        .containsExactly("security", "authentication", "read-only", "no-auth", "redis");
    assertThat(noAuth.at("/properties/security-severity").isTextual()).isTrue();
    assertThat(noAuth.at("/properties/security-severity").asText()).isEqualTo("9.5");
    assertThat(noAuth.at("/properties/precision").asText()).isEqualTo("very-high");

    JsonNode knownCve = rules.get(1);
    assertThat(knownCve.at("/properties/security-severity").asText()).isEqualTo("8.0");
    // Its findings are tentative and firm: the rule is as precise as its least sure finding.
    assertThat(knownCve.at("/properties/precision").asText()).isEqualTo("low");
    assertThat(rules.get(5).at("/properties/security-severity").asText()).isEqualTo("5.5");
    JsonNode pjl = rules.get(6);
    assertThat(pjl.at("/properties/security-severity").asText()).isEqualTo("0.0");
    assertThat(pjl.at("/properties").has("precision")).as("no finding, no precision").isFalse();
    // A rule without description or remediation falls back to its title (text may not be empty).
    assertThat(pjl.at("/fullDescription/text").asText()).isEqualTo("Printer answers PJL INFO ID");
  }

  @Test
  void oneResultPerFinding() throws IOException {
    Report report = SampleReports.sample();
    JsonNode sarif = sarif(report);
    JsonNode results = sarif.at("/runs/0/results");
    List<Finding> findings = report.findings().toList();

    assertThat(results).hasSize(findings.size());
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      JsonNode r = results.get(i);
      assertThat(r.get("ruleId").asText()).isEqualTo(f.checkId());
      assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(f.checkId());
      assertThat(r.at("/partialFingerprints/tenkenFingerprint~1v1").asText())
          .isEqualTo(f.fingerprint());
      assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
          .isEqualTo(f.endpoint().uri());
      assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
      assertThat(r.at("/locations/0/logicalLocations/0/name").asText())
          .isEqualTo(f.endpoint().uri());
      assertThat(r.at("/properties/severity").asText()).isEqualTo(f.severity().label());
      assertThat(r.at("/message/text").asText()).startsWith(f.title());
    }
    assertThat(texts(results, "level")).containsExactly("error", "error", "warning", "note");

    JsonNode first = results.get(0);
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("tcp://127.0.0.1:6379");
    assertThat(first.at("/properties/confidence").asText()).isEqualTo("confirmed");
    assertThat(first.at("/properties/countermeasure").asText()).isEqualTo("authentication");
    assertThat(first.at("/properties/evidence/info").asText())
        .isEqualTo(SampleReports.HOSTILE_BANNER);
    // The message quotes the evidence on one line, the control character made visible.
    assertThat(first.at("/message/text").asText())
        .contains("reply=+PONG", "info=os:Linux", "\\u0001", "日本語のバナー")
        .doesNotContain("\u0001");
    assertThat(results.get(1).at("/message/text").asText()).contains("[CVE-2025-49844]");
  }

  @Test
  void errorsAndUnreachableTargetsAreNotifications() throws IOException {
    JsonNode invocation = sarif(SampleReports.sample()).at("/runs/0/invocations/0");
    assertThat(invocation.get("executionSuccessful").asBoolean()).isTrue();
    assertThat(invocation.get("startTimeUtc").asText()).isEqualTo("2026-01-15T01:02:03Z");

    JsonNode notes = invocation.get("toolExecutionNotifications");
    assertThat(texts(notes, "level")).containsExactly("error", "warning");
    JsonNode error = notes.get(0);
    assertThat(error.at("/associatedRule/id").asText()).isEqualTo(SampleReports.RTSP_NO_AUTH);
    assertThat(error.at("/associatedRule/index").asInt()).isEqualTo(4);
    assertThat(error.at("/descriptor/id").asText()).isEqualTo("check-error");
    assertThat(error.at("/message/text").asText())
        .contains("malformed reply", "\\u0001")
        .doesNotContain("\u0001");
    assertThat(error.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("tcp://127.0.0.1:554");
    JsonNode unreachable = notes.get(1);
    assertThat(unreachable.at("/descriptor/id").asText()).isEqualTo("target-unreachable");
    assertThat(unreachable.at("/message/text").asText())
        .isEqualTo("redis://db.invalid:16379: unreachable: db.invalid did not resolve");
    // Every descriptor reference points at the driver's notification descriptors.
    JsonNode descriptors = sarif(SampleReports.sample()).at("/runs/0/tool/driver/notifications");
    for (JsonNode n : notes) {
      assertThat(descriptors.get(n.at("/descriptor/index").asInt()).get("id").asText())
          .isEqualTo(n.at("/descriptor/id").asText());
    }
  }

  @Test
  void pascalCaseNames() {
    assertThat(SarifWriter.pascalCase("database.redis.no-auth")).isEqualTo("DatabaseRedisNoAuth");
    assertThat(SarifWriter.pascalCase("camera.onvif.cve-2017-1234"))
        .isEqualTo("CameraOnvifCve20171234");
  }

  private static List<String> ids(JsonNode array) {
    return texts(array, "id");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) array).forEach(n -> out.add(n.asText()));
    return out;
  }
}
