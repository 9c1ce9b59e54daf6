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
import dev.tenken.http.HttpProbe;
import dev.tenken.test.CheckContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch/OpenSearch checks against WireMock replaying Elasticsearch 7.17.18 (security
 * off), 8.x (security on: 401 with the three challenges), 8.19.7 with security off, and OpenSearch
 * 2.11.1.
 */
class ElasticChecksTest {

  static WireMockServer es717;
  static WireMockServer es8;
  static WireMockServer es819;
  static WireMockServer os211;
  static WireMockServer es8Tls;

  @BeforeAll
  static void start() {
    es717 = SearchFixtures.start(SearchFixtures::elasticsearch717);
    es8 = SearchFixtures.start(SearchFixtures::elasticsearch8Secured);
    es819 = SearchFixtures.start(SearchFixtures::elasticsearch819Open);
    os211 = SearchFixtures.start(SearchFixtures::opensearch211);
    es8Tls = SearchFixtures.startTls(SearchFixtures::elasticsearch8Secured);
  }

  @AfterAll
  static void stop() {
    for (WireMockServer s : List.of(es717, es8, es819, os211, es8Tls)) {
      if (s != null) {
        s.stop();
      }
    }
  }

  static String es(WireMockServer s) {
    return "elasticsearch://127.0.0.1:" + s.port();
  }

  @Test
  void noAuthContract() {
    CheckContract.of(ElasticNoAuth.INSTANCE).vulnerable(es(es717)).hardened(es(es8)).verify();
  }

  @Test
  void indicesListableContract() {
    CheckContract.of(ElasticIndicesListable.INSTANCE)
        .vulnerable(es(es717))
        .hardened(es(es8))
        .verify();
  }

  @Test
  void clusterInfoExposureContract() {
    CheckContract.of(ElasticClusterInfoExposure.INSTANCE)
        .vulnerable(es(es717))
        .hardened(es(es8))
        .verify();
  }

  @Test
  void versionEolContract() {
    CheckContract.of(ElasticVersionEol.INSTANCE)
        .vulnerable(es(es717))
        .hardened(es(es819))
        .configure(b -> b.clock(CatalogDay.CLOCK))
        .verify();
  }

  @Test
  void openClusterFailsEveryCheckWithItsEvidence() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(es(es717)), b -> b.clock(CatalogDay.CLOCK));

    Finding noAuth = single(r, "database.elasticsearch.no-auth");
    assertThat(noAuth.severity()).isEqualTo(Severity.HIGH);
    assertThat(noAuth.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(noAuth.evidence())
        .containsEntry("cluster_name", "logging-prod")
        .containsEntry("product", "Elasticsearch 7.17.18")
        .containsEntry("recognised by", "tagline \"You Know, for Search\"")
        .containsKey("note");

    List<Finding> indices = findings(r, "database.elasticsearch.indices-listable");
    assertThat(indices).hasSize(2);
    assertThat(indices.get(0).evidence())
        .containsEntry("indices", "4")
        .containsEntry("documents", "130265")
        .containsEntry("index names", "customers, orders-2024.05, .geoip_databases, read_me");
    Finding ioc = indices.get(1);
    assertThat(ioc.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(ioc.countermeasure()).isEqualTo(Countermeasure.INVENTORY);
    assertThat(ioc.title()).contains("Indicator of compromise");
    assertThat(ioc.evidence()).containsEntry("index names", "read_me");

    Finding topology = single(r, "database.elasticsearch.cluster-info-exposure");
    assertThat(topology.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(topology.evidence())
        .containsEntry("status", "yellow")
        .containsEntry("node addresses", "192.0.2.17")
        .containsEntry("node details", "192.0.2.17 (es717-node-1, 7.17.18, Linux)");

    Finding eol = single(r, "database.elasticsearch.version-eol");
    assertThat(eol.evidence())
        .containsEntry("branch", "7.17")
        .containsEntry("end of maintenance", "2026-01-15")
        .containsKey("security default");

    assertThat(r.identity().value(Attribute.PRODUCT)).contains("elasticsearch");
    assertThat(r.identity().value(Attribute.VERSION)).contains("7.17.18");
    assertThat(r.identity().value(Attribute.NAME)).contains("logging-prod");
    assertThat(r.identity().value(Attribute.CPE))
        .contains("cpe:2.3:a:elastic:elasticsearch:7.17.18:*:*:*:*:*:*:*");
  }

  @Test
  void securedClusterPassesWithThe401AsEvidenceAndTheVersionIsUnknown() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(es(es8)), b -> {});

    CheckResult noAuth = SearchFixtures.result(r, "database.elasticsearch.no-auth");
    assertThat(noAuth.status()).isEqualTo(Status.PASS);
    assertThat(noAuth.detail())
        .contains("401")
        .contains("Basic realm=\"security\" charset=\"UTF-8\"");
    CheckResult indices = SearchFixtures.result(r, "database.elasticsearch.indices-listable");
    assertThat(indices.status()).isEqualTo(Status.PASS);
    assertThat(indices.detail()).contains("GET /_cat/indices answered 401", "security_exception");
    assertThat(SearchFixtures.result(r, "database.elasticsearch.version-eol").status())
        .isEqualTo(Status.SKIP);
    assertThat(r.identity().value(Attribute.PRODUCT)).contains("elasticsearch");
  }

  @Test
  void anHttpsOnlyClusterIsReachedOverTls() throws Exception {
    TargetResult r =
        SearchFixtures.scan(
            Target.parse("elasticsearch://127.0.0.1:" + es8Tls.httpsPort()), b -> {});

    CheckResult noAuth = SearchFixtures.result(r, "database.elasticsearch.no-auth");
    assertThat(noAuth.status()).as(noAuth.detail()).isEqualTo(Status.PASS);
    assertThat(noAuth.detail()).contains("401", "over HTTPS");
    assertThat(noAuth.evidence()).containsEntry("transport", "HTTPS");
    CheckResult indices = SearchFixtures.result(r, "database.elasticsearch.indices-listable");
    assertThat(indices.status()).as(indices.detail()).isEqualTo(Status.PASS);
    assertThat(indices.detail()).contains("GET /_cat/indices answered 401");
  }

  @Test
  void maintainedBranchPassesAndNamesItsEndDate() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(es(es819)), b -> b.clock(CatalogDay.CLOCK));

    CheckResult eol = SearchFixtures.result(r, "database.elasticsearch.version-eol");
    assertThat(eol.status()).isEqualTo(Status.PASS);
    assertThat(eol.detail()).contains("8.19.7", "branch 8.19", "2027-07-15");
  }

  @Test
  void openSearchIsRecognisedAndNeverJudgedByElasticDates() throws Exception {
    TargetResult r = SearchFixtures.scan(Target.parse(es(os211)), b -> b.clock(CatalogDay.CLOCK));

    Finding noAuth = single(r, "database.elasticsearch.no-auth");
    assertThat(noAuth.title()).startsWith("OpenSearch 2.11.1");
    assertThat(noAuth.evidence())
        .containsEntry("recognised by", "version.distribution \"opensearch\"");
    CheckResult eol = SearchFixtures.result(r, "database.elasticsearch.version-eol");
    assertThat(eol.status()).isEqualTo(Status.SKIP);
    assertThat(eol.detail()).contains("OpenSearch", "not judged by Elastic");
    CheckResult indices = SearchFixtures.result(r, "database.elasticsearch.indices-listable");
    assertThat(indices.status()).isEqualTo(Status.FAIL);
    assertThat(indices.findings().get(0).evidence()).containsEntry("indices", "0");
    assertThat(r.identity().value(Attribute.PRODUCT)).contains("opensearch");
    assertThat(r.identity().value(Attribute.CPE))
        .hasValueSatisfying(c -> c.contains(":opensearch:2.11.1:"));
  }

  @Test
  void bareHostPortIsIdentifiedAsHttpAndTheChecksStillRun() throws Exception {
    TargetResult r =
        SearchFixtures.scan(
            Target.parse("127.0.0.1:" + es717.port()), b -> b.clock(CatalogDay.CLOCK));

    assertThat(r.endpoints()).extracting(Endpoint::service).containsExactly("http");
    assertThat(SearchFixtures.result(r, "database.elasticsearch.no-auth").status())
        .isEqualTo(Status.FAIL);
    assertThat(SearchFixtures.result(r, "database.elasticsearch.indices-listable").status())
        .isEqualTo(Status.FAIL);
    CheckResult couch = SearchFixtures.result(r, "database.couchdb.admin-party");
    assertThat(couch.status()).isEqualTo(Status.SKIP);
    assertThat(couch.detail()).startsWith("not CouchDB: Elasticsearch 7.17.18");
  }

  @Test
  void onlyGetsOfAllowListedPathsReachTheServer() throws Exception {
    es717.resetRequests();
    SearchFixtures.scan(Target.parse(es(es717)), b -> b.clock(CatalogDay.CLOCK));

    List<ServeEvent> events = es717.getAllServeEvents();
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getRequest().getMethod().getName()).isEqualTo("GET");
              String url = e.getRequest().getUrl();
              assertThat(
                      SearchHttp.ALLOWED.contains(url) || url.startsWith(HttpProbe.CANARY_PREFIX))
                  .as(url)
                  .isTrue();
              assertThat(e.getRequest().getHeader("Authorization")).isNull();
            });
    // One root request shared by the four checks, and one catch-all canary.
    assertThat(events).filteredOn(e -> e.getRequest().getUrl().equals("/")).hasSize(1);
    assertThat(events)
        .filteredOn(e -> e.getRequest().getUrl().startsWith(HttpProbe.CANARY_PREFIX))
        .hasSize(1);
  }

  static List<Finding> findings(TargetResult r, String id) {
    CheckResult c = SearchFixtures.result(r, id);
    assertThat(c.status()).as(c.detail()).isEqualTo(Status.FAIL);
    return c.findings();
  }

  static Finding single(TargetResult r, String id) {
    List<Finding> f = findings(r, id);
    assertThat(f).hasSize(1);
    return f.get(0);
  }
}
