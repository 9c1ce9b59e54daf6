package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tenken.CheckResult;
import dev.tenken.CheckResult.Status;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity.Attribute;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CouchDB checks against WireMock replaying CouchDB 2.1.0 in admin party and CouchDB 3.3.3 with
 * an admin, plus an EPMD simulator answering NAMES like epmd does for a CouchDB node.
 */
class CouchDbChecksTest {
  static WireMockServer couch210;
  static WireMockServer couch333;

  @BeforeAll
  static void start() {
    couch210 = SearchFixtures.start(SearchFixtures::couchdb210);
    couch333 = SearchFixtures.start(SearchFixtures::couchdb333);
  }

  @AfterAll
  static void stop() {
    for (WireMockServer s : List.of(couch210, couch333)) {
      if (s != null) {
        s.stop();
      }
    }
  }

  static String couch(WireMockServer s) {
    return "couchdb://127.0.0.1:" + s.port();
  }

  @Test
  void adminPartyContract() {
    CheckContract.of(CouchDbAdminParty.INSTANCE)
        .vulnerable(couch(couch210))
        .hardened(couch(couch333))
        .verify();
  }

  @Test
  void allDbsListableContract() {
    CheckContract.of(CouchDbAllDbsListable.INSTANCE)
        .vulnerable(couch(couch210))
        .hardened(couch(couch333))
        .verify();
  }

  @Test
  void cve201712635Contract() {
    CheckContract.of(CouchDbCve201712635.INSTANCE)
        .vulnerable(couch(couch210))
        .hardened(couch(couch333))
        .verify();
  }

  @Test
  void cve202224706Contract() {
    CheckContract.of(CouchDbCve202224706.INSTANCE)
        .vulnerable(couch(couch210))
        .hardened(couch(couch333))
        .verify();
  }

  @Test
  void adminPartyServerFailsWithItsEvidence() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(couch(couch210)), b -> {});

    Finding party = ElasticChecksTest.single(r, "database.couchdb.admin-party");
    assertThat(party.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(party.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(party.evidence()).containsEntry("session", "userCtx {name: null, roles: [_admin]}");

    List<Finding> dbs = ElasticChecksTest.findings(r, "database.couchdb.all-dbs-listable");
    assertThat(dbs).hasSize(2);
    assertThat(dbs.get(0).evidence()).containsEntry("databases", "5");
    assertThat(dbs.get(1).countermeasure()).isEqualTo(Countermeasure.INVENTORY);
    assertThat(dbs.get(1).evidence())
        .containsEntry("database names", "readme_to_recover_your_data");

    Finding cve = ElasticChecksTest.single(r, "database.couchdb.cve-2017-12635");
    assertThat(cve.confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(cve.evidence()).containsEntry("version", "2.1.0").containsEntry("fixed in", "2.1.1");

    assertThat(r.identity().value(Attribute.PRODUCT)).contains("couchdb");
    assertThat(r.identity().value(Attribute.CPE))
        .contains("cpe:2.3:a:apache:couchdb:2.1.0:*:*:*:*:*:*:*");
    assertThat(r.results())
        .extracting(CheckResult::checkId)
        .allSatisfy(id -> assertThat(id).startsWith("database.couchdb."));
  }

  @Test
  void hardenedServerPassesWithEvidence() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(couch(couch333)), b -> {});

    CheckResult party = SearchFixtures.result(r, "database.couchdb.admin-party");
    assertThat(party.status()).isEqualTo(Status.PASS);
    assertThat(party.detail()).contains("roles: []");
    CheckResult dbs = SearchFixtures.result(r, "database.couchdb.all-dbs-listable");
    assertThat(dbs.status()).isEqualTo(Status.PASS);
    assertThat(dbs.detail()).contains("401", "You are not a server admin.");
    assertThat(SearchFixtures.result(r, "database.couchdb.cve-2022-24706").detail())
        .contains("3.3.3", "not affected by CVE-2022-24706");
  }

  @Test
  void epmdListingTheNodeMakesCve202224706Firm() throws Exception {
    try (RecordingServer epmd =
        RecordingServer.builder()
            .answer(
                chunk ->
                    Arrays.equals(chunk, CouchDbEpmd.NAMES_REQ)
                        ? namesReply("name couchdb at port 9100\n")
                        : null)
            .start()) {
      TargetResult r =
          SearchFixtures.scan(
              Target.parse(couch(couch210)),
              b -> b.option(CouchDbEpmd.PORT_OPTION, String.valueOf(epmd.port())));

      Finding f = ElasticChecksTest.single(r, "database.couchdb.cve-2022-24706");
      assertThat(f.confidence()).isEqualTo(Confidence.FIRM);
      assertThat(f.evidence().get("EPMD")).contains("couchdb at port 9100");
      assertThat(epmd.received()).isEqualTo(CouchDbEpmd.NAMES_REQ);
    }
  }

  @Test
  void withoutEpmdCve202224706IsTentative() throws Exception {
    try (RecordingServer notEpmd = RecordingServer.withBanner("SSH-2.0-OpenSSH_9.2\r\n")) {
      TargetResult r =
          SearchFixtures.scan(
              Target.parse(couch(couch210)),
              b -> b.option(CouchDbEpmd.PORT_OPTION, String.valueOf(notEpmd.port())));

      Finding f = ElasticChecksTest.single(r, "database.couchdb.cve-2022-24706");
      assertThat(f.confidence()).isEqualTo(Confidence.TENTATIVE);
      assertThat(f.evidence().get("EPMD")).contains("judged by version alone");
    }
  }

  @Test
  void bareHostPortIsIdentifiedAsHttpAndTheChecksStillRun() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse("127.0.0.1:" + couch210.port()), b -> {});

    assertThat(r.endpoints()).extracting(Endpoint::service).containsExactly("http");
    assertThat(SearchFixtures.result(r, "database.couchdb.admin-party").status())
        .isEqualTo(Status.FAIL);
    CheckResult es = SearchFixtures.result(r, "database.elasticsearch.no-auth");
    assertThat(es.status()).isEqualTo(Status.SKIP);
    assertThat(es.detail()).startsWith("not Elasticsearch or OpenSearch: CouchDB 2.1.0");
  }

  @Test
  void neverSendsAnythingButAllowListedGets() throws Exception {
    couch210.resetRequests();
    SearchFixtures.scan(Target.parse(couch(couch210)), b -> {});

    List<ServeEvent> events = couch210.getAllServeEvents();
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getRequest().getMethod().getName()).isEqualTo("GET");
              assertThat(e.getRequest().getUrl()).doesNotContain("_users", "_config", "_node");
            });
  }

  static byte[] namesReply(String lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 0x11, 0x11});
    out.writeBytes(lines.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
