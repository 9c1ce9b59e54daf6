package dev.tenken.database;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenken.CheckResult;
import dev.tenken.CheckResult.Status;
import dev.tenken.Confidence;
import dev.tenken.Finding;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.test.sim.RecordingServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd servers: huge announced lengths, truncated and deeply nested JSON, catch-all
 * servers, an index list of 100 000 names. Every run ends within the check deadline with ERROR,
 * SKIP or bounded results, and never with a high-confidence finding it cannot prove.
 */
class SearchHostileTest {
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  private WireMockServer wiremock(java.util.function.Consumer<WireMockServer> stubs) {
    WireMockServer s = SearchFixtures.start(stubs);
    servers.add(s::stop);
    return s;
  }

  /** A raw HTTP server: each request gets {@code head} and {@code body}, then the socket hangs. */
  private RecordingServer raw(String head, byte[] body) throws Exception {
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] answer = new byte[h.length + body.length];
    System.arraycopy(h, 0, answer, 0, h.length);
    System.arraycopy(body, 0, answer, h.length, body.length);
    RecordingServer s =
        RecordingServer.builder()
            .answer(
                chunk ->
                    new String(chunk, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                        ? answer
                        : new byte[0])
            .start();
    servers.add(s);
    return s;
  }

  private static TargetResult scan(String target) throws InterruptedException {
    return SearchFixtures.scan(Target.parse(target), b -> b.checkTimeout(Duration.ofSeconds(3)));
  }

  @Test
  void aGigabyteAnnouncedRootIsReadToTheCapAndEndsInError() throws Exception {
    byte[] body = new byte[300 * 1024];
    byte[] start = "{\"name\":\"x\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
    java.util.Arrays.fill(body, (byte) 'a');
    System.arraycopy(start, 0, body, 0, start.length);
    RecordingServer s =
        raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1073741824\r\n\r\n",
            body);

    Instant begin = Instant.now();
    TargetResult r = scan("elasticsearch://127.0.0.1:" + s.port());

    assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(4));
    assertThat(r.results()).hasSize(4);
    assertThat(r.results())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(Status.ERROR);
              assertThat(c.detail()).contains("larger than the read cap");
            });
  }

  @Test
  void truncatedJsonIsAnError() throws Exception {
    String cut = "{\"name\":\"n\",\"cluster_name\":\"c\",\"version\":{\"number\":\"7.17";
    WireMockServer s =
        wiremock(w -> w.stubFor(get(urlEqualTo("/")).willReturn(SearchFixtures.es7(200, cut))));

    TargetResult r = scan("elasticsearch://127.0.0.1:" + s.port());

    assertThat(r.results())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(Status.ERROR);
              assertThat(c.detail()).contains("malformed JSON");
            });
  }

  @Test
  void deeplyNestedJsonIsRefusedByTheParser() throws Exception {
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    WireMockServer s =
        wiremock(w -> w.stubFor(get(urlEqualTo("/")).willReturn(SearchFixtures.es7(200, deep))));

    TargetResult r = scan("couchdb://127.0.0.1:" + s.port());

    assertThat(r.results())
        .allSatisfy(
            c -> {
              assertThat(c.status()).isEqualTo(Status.ERROR);
              assertThat(c.detail()).contains("malformed JSON").containsIgnoringCase("nesting");
            });
  }

  @Test
  void aCatchAllAnsweringEmptyJsonGetsNoFinding() throws Exception {
    WireMockServer s =
        wiremock(
            w ->
                w.stubFor(
                    any(anyUrl())
                        .willReturn(
                            aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{}"))));

    for (String scheme : List.of("elasticsearch", "couchdb")) {
      TargetResult r = scan(scheme + "://127.0.0.1:" + s.port());
      assertThat(r.results()).hasSize(4);
      assertThat(r.results())
          .allSatisfy(
              c -> {
                assertThat(c.status()).isEqualTo(Status.SKIP);
                assertThat(c.detail()).contains("GET / answered 200 with a JSON object without");
              });
    }
  }

  @Test
  void aHoneypotEchoingTheRootEverywhereGetsOnlyTentativeFindings() throws Exception {
    String root = SearchFixtures.body("elasticsearch-7.17.18-root.json");
    WireMockServer s =
        wiremock(w -> w.stubFor(any(anyUrl()).willReturn(SearchFixtures.es7(200, root))));

    TargetResult r = scan("elasticsearch://127.0.0.1:" + s.port());

    List<Finding> findings = r.findings().toList();
    assertThat(findings).isNotEmpty();
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.TENTATIVE));
    CheckResult noAuth = SearchFixtures.result(r, "database.elasticsearch.no-auth");
    assertThat(noAuth.findings().get(0).evidence()).containsKey("catch-all");
    // The index list answered with the root document is not a list.
    assertThat(SearchFixtures.result(r, "database.elasticsearch.indices-listable").status())
        .isEqualTo(Status.ERROR);
  }

  @Test
  void anIndexListOf100kNamesGivesBoundedEvidenceWithinTheDeadline() throws Exception {
    StringBuilder list = new StringBuilder(7_000_000).append('[');
    for (int i = 0; i < 100_000; i++) {
      if (i > 0) {
        list.append(',');
      }
      list.append("{\"index\":\"logs-2026.11.")
          .append(i)
          .append("\",\"docs.count\":\"10\",\"store.size\":\"1kb\"}");
    }
    list.append(']');
    String body = list.toString();
    WireMockServer s =
        wiremock(
            w -> {
              SearchFixtures.elasticsearch717(w);
              w.stubFor(
                  get(urlPathEqualTo("/_cat/indices")).willReturn(SearchFixtures.es7(200, body)));
            });

    Instant begin = Instant.now();
    TargetResult r = scan("elasticsearch://127.0.0.1:" + s.port());

    assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(4));
    Finding f = ElasticChecksTest.single(r, "database.elasticsearch.indices-listable");
    assertThat(f.evidence().get("indices")).startsWith("at least ");
    int read = Integer.parseInt(f.evidence().get("indices").substring("at least ".length()));
    assertThat(read).isBetween(1000, 100_000 - 1);
    assertThat(f.evidence().get("index names")).endsWith("(+" + (read - 20) + " more)");
    assertThat(f.evidence().values()).allSatisfy(v -> assertThat(v.length()).isLessThan(4000));
    assertThat(f.evidence()).containsKey("list cut");
  }

  @Test
  void aSilentEpmdCostsTheCve202224706CheckNoMoreThanItsDeadline() throws Exception {
    WireMockServer couch = wiremock(SearchFixtures::couchdb210);
    try (dev.tenken.test.sim.SilentServer silent = dev.tenken.test.sim.SilentServer.start()) {
      Instant begin = Instant.now();
      TargetResult r =
          SearchFixtures.scan(
              Target.parse("couchdb://127.0.0.1:" + couch.port()),
              b ->
                  b.checkTimeout(Duration.ofSeconds(3))
                      .option(CouchDbEpmd.PORT_OPTION, String.valueOf(silent.port())));

      assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(4));
      CheckResult c = SearchFixtures.result(r, "database.couchdb.cve-2022-24706");
      assertThat(c.status()).isEqualTo(Status.FAIL);
      assertThat(c.findings().get(0).confidence()).isEqualTo(Confidence.TENTATIVE);
    }
  }
}
