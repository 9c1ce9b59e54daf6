package dev.tenken.database;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.spi.ServiceProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * WireMock servers on loopback replaying what Elasticsearch 7.17, Elasticsearch 8.x with security
 * on, Elasticsearch 8.19 with security off, OpenSearch 2.11 and CouchDB 2.1.0 and 3.3.3 answer:
 * bodies from {@code src/test/resources/dev/tenken/database/http/}, headers as those servers send
 * them. Paths a server does not know get what that server answers to an unknown path (404).
 */
final class SearchFixtures {
  static final String DIR = "/dev/tenken/database/http/";

  private SearchFixtures() {}

  /** A fixture body by file name. */
  static String body(String name) {
    try (InputStream in = SearchFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started WireMock server on 127.0.0.1, an ephemeral port. */
  static WireMockServer start(Consumer<WireMockServer> stubs) {
    WireMockServer server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
    server.start();
    stubs.accept(server);
    return server;
  }

  /** A started WireMock server speaking HTTPS only (self-signed), as Elasticsearch 8 does. */
  static WireMockServer startTls(Consumer<WireMockServer> stubs) {
    WireMockServer server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .containerThreads(16));
    server.start();
    stubs.accept(server);
    return server;
  }

  // --- Elasticsearch -------------------------------------------------------------------------

  /** Elasticsearch 7.x JSON headers: lower-case names as Netty sends them. */
  static ResponseDefinitionBuilder es7(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeaders(
            new HttpHeaders(
                new HttpHeader("X-elastic-product", "Elasticsearch"),
                new HttpHeader("content-type", "application/json; charset=UTF-8")))
        .withBody(body);
  }

  /** The unknown-path answer of Elasticsearch: the path is read as an index name. */
  static String esIndexNotFound(String index) {
    return "{\"error\":{\"root_cause\":[{\"type\":\"index_not_found_exception\",\"reason\":\"no"
        + " such index ["
        + index
        + "]\",\"resource.type\":\"index_or_alias\",\"resource.id\":\""
        + index
        + "\",\"index_uuid\":\"_na_\",\"index\":\""
        + index
        + "\"}],\"type\":\"index_not_found_exception\",\"reason\":\"no such index ["
        + index
        + "]\",\"resource.type\":\"index_or_alias\",\"resource.id\":\""
        + index
        + "\",\"index_uuid\":\"_na_\",\"index\":\""
        + index
        + "\"},\"status\":404}";
  }

  /** Elasticsearch 7.17.18, security off (the 7.x default): everything readable. */
  static void elasticsearch717(WireMockServer s) {
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(es7(404, esIndexNotFound("unknown"))));
    s.stubFor(get(urlEqualTo("/")).willReturn(es7(200, body("elasticsearch-7.17.18-root.json"))));
    s.stubFor(
        get(urlPathEqualTo("/_cat/indices"))
            .willReturn(es7(200, body("elasticsearch-7.17.18-cat-indices.json"))));
    s.stubFor(
        get(urlPathEqualTo("/_cluster/health"))
            .willReturn(es7(200, body("elasticsearch-7.17.18-cluster-health.json"))));
    s.stubFor(
        get(urlPathEqualTo("/_nodes"))
            .willReturn(es7(200, body("elasticsearch-7.17.18-nodes.json"))));
  }

  /** Elasticsearch 8.19.7 with xpack.security.enabled: false: readable, maintained branch. */
  static void elasticsearch819Open(WireMockServer s) {
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(es7(404, esIndexNotFound("unknown"))));
    s.stubFor(get(urlEqualTo("/")).willReturn(es7(200, body("elasticsearch-8.19.7-root.json"))));
  }

  /**
   * Elasticsearch 8.x with security on (the 8.0 default), HTTP layer without TLS: every anonymous
   * request answers 401 with the three challenges and a security_exception naming the path.
   */
  static void elasticsearch8Secured(WireMockServer s) {
    for (String path :
        List.of("/", "/_cat/indices", "/_cluster/health", "/_nodes", "/_session", "/_all_dbs")) {
      s.stubFor(
          get(path.equals("/") ? urlEqualTo("/") : urlPathEqualTo(path))
              .willReturn(es8Unauthorized(path)));
    }
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(es8Unauthorized("/unknown")));
  }

  static ResponseDefinitionBuilder es8Unauthorized(String path) {
    return aResponse()
        .withStatus(401)
        .withHeaders(
            new HttpHeaders(
                new HttpHeader(
                    "WWW-Authenticate",
                    "Basic realm=\"security\" charset=\"UTF-8\"",
                    "Bearer realm=\"security\"",
                    "ApiKey"),
                new HttpHeader("content-type", "application/json")))
        .withBody(body("elasticsearch-8.x-401.json").strip().replace("[/]", "[" + path + "]"));
  }

  /** OpenSearch 2.11.1 with the security plugin disabled. */
  static void opensearch211(WireMockServer s) {
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(es7(404, esIndexNotFound("unknown"))));
    s.stubFor(
        get(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("content-type", "application/json; charset=UTF-8")
                    .withBody(body("opensearch-2.11.1-root.json"))));
    s.stubFor(get(urlPathEqualTo("/_cat/indices")).willReturn(es7(200, "[]")));
  }

  // --- CouchDB -------------------------------------------------------------------------------

  /** CouchDB's JSON headers (MochiWeb/Cowboy via chttpd). */
  static ResponseDefinitionBuilder couch(String version, String otp, int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeaders(
            new HttpHeaders(
                new HttpHeader("Cache-Control", "must-revalidate"),
                new HttpHeader("Content-Type", "application/json"),
                new HttpHeader("Server", "CouchDB/" + version + " (Erlang OTP/" + otp + ")"),
                new HttpHeader("X-Couch-Request-ID", "5e3a1c0b9d"),
                new HttpHeader("X-CouchDB-Body-Time", "0")))
        .withBody(body + "\n");
  }

  static final String COUCH_NOT_FOUND =
      "{\"error\":\"not_found\",\"reason\":\"Database does not exist.\"}";

  /** CouchDB 2.1.0 in admin party: no admin configured. */
  static void couchdb210(WireMockServer s) {
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(couch("2.1.0", "17", 404, COUCH_NOT_FOUND)));
    s.stubFor(
        get(urlEqualTo("/"))
            .willReturn(couch("2.1.0", "17", 200, body("couchdb-2.1.0-root.json").strip())));
    s.stubFor(
        get(urlEqualTo("/_session"))
            .willReturn(couch("2.1.0", "17", 200, body("couchdb-2.1.0-session.json").strip())));
    s.stubFor(
        get(urlEqualTo("/_all_dbs"))
            .willReturn(couch("2.1.0", "17", 200, body("couchdb-2.1.0-all-dbs.json").strip())));
  }

  /** CouchDB 3.3.3 with an admin: anonymous is nobody, _all_dbs admin-only. */
  static void couchdb333(WireMockServer s) {
    s.stubFor(any(anyUrl()).atPriority(10).willReturn(couch("3.3.3", "24", 404, COUCH_NOT_FOUND)));
    s.stubFor(
        get(urlEqualTo("/"))
            .willReturn(couch("3.3.3", "24", 200, body("couchdb-3.3.3-root.json").strip())));
    s.stubFor(
        get(urlEqualTo("/_session"))
            .willReturn(couch("3.3.3", "24", 200, body("couchdb-3.3.3-session.json").strip())));
    s.stubFor(
        get(urlEqualTo("/_all_dbs"))
            .willReturn(couch("3.3.3", "24", 401, body("couchdb-3.3.3-all-dbs-401.json").strip())));
  }

  // --- Runs ----------------------------------------------------------------------------------

  /** Every check of this work, with the HTTP probe so bare ports are identified. */
  static CheckSet checkSet() {
    return new CheckSet(
        Stream.of(SearchChecks.checks(), CouchDbChecks.checks()).flatMap(List::stream).toList(),
        List.<ServiceProbe>of(HttpServiceProbe.INSTANCE));
  }

  /** Scans one target with {@link #checkSet()} and returns its result. */
  static TargetResult scan(Target target, Consumer<CheckRunner.Builder> configure)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(checkSet())
            .scope(Scope.of("127.0.0.1/32"))
            .checkTimeout(Duration.ofSeconds(5));
    configure.accept(b);
    return b.build().scan(List.of(target)).targets().get(0);
  }

  /** The result of check {@code id} in {@code result}. */
  static CheckResult result(TargetResult result, String id) {
    return result.results().stream()
        .filter(r -> r.checkId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result of " + id + " in " + result.results()));
  }
}
