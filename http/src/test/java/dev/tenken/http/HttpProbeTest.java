package dev.tenken.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tenken.http.Scans.result;
import static dev.tenken.http.Scans.runner;
import static dev.tenken.http.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenken.CheckResult;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpProbe against WireMock on loopback, every exchange driven through the real CheckRunner. */
class HttpProbeTest {
  private static WireMockServer wm;

  @BeforeAll
  static void start() {
    wm =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort().gzipDisabled(true));
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  private static String http() {
    return "http://127.0.0.1:" + wm.port();
  }

  private static Map<String, String> evidence(HttpReply r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("status", String.valueOf(r.status()));
    m.put("reason", r.reason());
    m.put("body", r.bodyText());
    m.put("length", String.valueOf(r.bodyLength()));
    m.put("truncated", String.valueOf(r.truncated()));
    m.put("url", r.url());
    m.put("redirects", String.valueOf(r.redirects().size()));
    m.put("refused", r.refusedRedirect().map(HttpReply.RefusedRedirect::reason).orElse("-"));
    m.put("tls", String.valueOf(r.tls().isPresent()));
    return m;
  }

  @Test
  void readsStatusHeadersAndBodyAndSendsOnlyWhatItShould() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/status"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withStatusMessage("Fine")
                    .withHeader("X-Multi", "a", "b")
                    .withHeader("Content-Type", "text/plain; charset=UTF-8")
                    .withBody("h\u00e9llo w\u00f6rld")));
    wm.stubFor(
        get(urlEqualTo("/latin"))
            .willReturn(
                aResponse().withStatus(200).withBody(new byte[] {'c', 'a', 'f', (byte) 0xe9})));
    wm.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.head(urlEqualTo("/status"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Length", "13")));
    TestCheck check =
        TestCheck.of(
            "basics",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                HttpReply r = probe.get(e, "/status");
                Map<String, String> m = evidence(r);
                m.put("all-multi", String.join(",", r.headers("x-multi")));
                m.put("first-multi", r.header("X-MULTI").orElse("-"));
                m.put("map-multi", String.join(",", r.headers().get("x-mUlTi")));
                m.put("latin", probe.get(e, "/latin").bodyText());
                HttpReply head = probe.send(e, HttpRequest.head("/status"));
                m.put("head", head.status() + " " + head.bodyLength() + " " + head.truncated());
                return Outcome.pass("read", m);
              }
            });

    TargetResult target = scan(runner(check), http());

    CheckResult r = result(target, "basics");
    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.evidence())
        .containsEntry("status", "200")
        .containsEntry("reason", "Fine")
        .containsEntry("body", "h\u00e9llo w\u00f6rld")
        .containsEntry("all-multi", "a,b")
        .containsEntry("first-multi", "a")
        .containsEntry("map-multi", "a,b")
        .containsEntry("truncated", "false")
        .containsEntry("tls", "false")
        .containsEntry("url", "http://127.0.0.1:" + wm.port() + "/status")
        .containsEntry("latin", "caf\u00e9")
        .containsEntry("head", "200 0 false");

    List<LoggedRequest> sent = wm.findAll(getRequestedFor(urlEqualTo("/status")));
    assertThat(sent).hasSize(1);
    LoggedRequest req = sent.get(0);
    assertThat(req.getHeader("Host")).isEqualTo("127.0.0.1:" + wm.port());
    assertThat(req.getHeader("User-Agent"))
        .isEqualTo(HttpProbe.USER_AGENT)
        .startsWith("Tenken/")
        .endsWith(" (security check; +https://tenken.dev)");
    assertThat(req.containsHeader("Accept-Encoding")).isFalse();
    assertThat(req.containsHeader("Cookie")).isFalse();
    assertThat(req.containsHeader("Authorization")).isFalse();
  }

  @Test
  void aClosedProbeSendsNothingMore() throws Exception {
    wm.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withStatus(200)));
    TestCheck check =
        TestCheck.of(
            "closed",
            (e, c) -> {
              HttpProbe probe = HttpProbe.of(c);
              probe.close();
              probe.close();
              try {
                probe.get(e, "/status");
                return Outcome.pass("sent");
              } catch (IllegalStateException ex) {
                return Outcome.pass("refused");
              }
            });

    assertThat(result(scan(runner(check), http()), "closed").detail()).isEqualTo("refused");
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aTenMegabyteBodyIsCutAtTheReadCapAndTheProbeStaysUsable() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    wm.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody(big)));
    wm.stubFor(get(urlEqualTo("/small")).willReturn(aResponse().withStatus(200).withBody("ok")));
    TestCheck check =
        TestCheck.of(
            "big",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                Map<String, String> m = evidence(probe.get(e, "/big"));
                m.put("after", probe.get(e, "/small").bodyText());
                return Outcome.pass("read", m);
              }
            });

    TargetResult target = scan(runner(check).readCap(64 * 1024), http());

    CheckResult r = result(target, "big");
    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.evidence())
        .containsEntry("length", String.valueOf(64 * 1024))
        .containsEntry("truncated", "true")
        .containsEntry("after", "ok");
  }

  @Test
  void aBodyExactlyAtTheCapWithItsLengthAnnouncedIsNotTruncated() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/exact"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Length", "10")
                    .withBody("0123456789")));
    wm.stubFor(
        get(urlEqualTo("/unknown-length"))
            .willReturn(
                aResponse().withStatus(200).withChunkedDribbleDelay(2, 20).withBody("0123456789")));
    TestCheck check =
        TestCheck.of(
            "exact",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                HttpReply exact = probe.get(e, "/exact");
                HttpReply unknown = probe.get(e, "/unknown-length");
                return Outcome.pass(
                    "read",
                    Map.of(
                        "exact", exact.bodyText() + " " + exact.truncated(),
                        "unknown", unknown.bodyText() + " " + unknown.truncated()));
              }
            });

    CheckResult r = result(scan(runner(check).readCap(10), http()), "exact");

    assertThat(r.evidence()).containsEntry("exact", "0123456789 false");
    // Without an announced length, reaching the cap exactly cannot be told from more to come.
    assertThat(r.evidence()).containsEntry("unknown", "0123456789 true");
  }

  @Test
  void aReplyDelayedPastTheDeadlineEndsInErrorWithinDeadlinePlusOneSecond() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
    AtomicReference<IOException> thrown = new AtomicReference<>();
    AtomicLong thrownAfterMillis = new AtomicLong(-1);
    TestCheck check =
        TestCheck.of(
            "slow",
            (e, c) -> {
              long begin = System.nanoTime();
              try (HttpProbe probe = HttpProbe.of(c)) {
                return Outcome.pass("read", evidence(probe.get(e, "/slow")));
              } catch (IOException ex) {
                thrownAfterMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                thrown.set(ex);
                throw ex;
              }
            });

    long begin = System.nanoTime();
    TargetResult target = scan(runner(check).checkTimeout(Duration.ofSeconds(1)), http());
    long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

    CheckResult r = result(target, "slow");
    assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(wall).as("scan wall time in ms").isLessThan(2000);
    long waited = 0;
    while (thrown.get() == null && waited < 2000) {
      Thread.sleep(20);
      waited += 20;
    }
    assertThat(thrown.get()).isNotNull();
    assertThat(thrown.get().getMessage()).contains("deadline").contains("/slow");
    assertThat(thrownAfterMillis.get()).isBetween(900L, 2000L);
  }

  @Test
  void aRedirectOutOfScopeIsRecordedNotFollowedAndTheTripwireSeesNothing() throws Exception {
    try (Scans.RawServer tripwire = new Scans.RawServer("127.0.0.2", s -> s.close())) {
      String away = "http://127.0.0.2:" + tripwire.port() + "/steal";
      wm.stubFor(
          get(urlEqualTo("/away"))
              .willReturn(aResponse().withStatus(302).withHeader("Location", away)));
      TestCheck check =
          TestCheck.of(
              "away",
              (e, c) -> {
                try (HttpProbe probe = HttpProbe.of(c)) {
                  HttpReply reply = probe.send(e, HttpRequest.get("/away").followRedirects(3));
                  Map<String, String> m = evidence(reply);
                  m.put(
                      "refused-location",
                      reply.refusedRedirect().map(x -> x.location()).orElse("-"));
                  return Outcome.pass("read", m);
                }
              });

      CheckResult r = result(scan(runner(check), http()), "away");

      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence())
          .containsEntry("status", "302")
          .containsEntry("redirects", "0")
          .containsEntry("refused-location", away);
      assertThat(r.evidence().get("refused")).contains("out of scope").contains("127.0.0.2");
      Thread.sleep(200);
      assertThat(tripwire.accepted.get()).as("connections to 127.0.0.2").isZero();
    }
  }

  @Test
  void anInScopeRedirectIsFollowedOnlyWhenAsked() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/from"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/to")));
    wm.stubFor(get(urlEqualTo("/to")).willReturn(aResponse().withStatus(200).withBody("arrived")));
    wm.stubFor(
        get(urlEqualTo("/a/b/c"))
            .willReturn(aResponse().withStatus(301).withHeader("Location", "../d?x=1")));
    wm.stubFor(
        get(urlEqualTo("/a/d?x=1")).willReturn(aResponse().withStatus(200).withBody("dotdot")));
    wm.stubFor(
        get(urlEqualTo("/q/page"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "?q=2")));
    wm.stubFor(
        get(urlEqualTo("/q/page?q=2")).willReturn(aResponse().withStatus(200).withBody("query")));
    wm.stubFor(
        get(urlEqualTo("/abs"))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", "http://127.0.0.1:" + wm.port() + "/to#frag")));
    wm.stubFor(
        get(urlEqualTo("/loop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
    TestCheck check =
        TestCheck.of(
            "follow",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                Map<String, String> m = new LinkedHashMap<>();
                HttpReply plain = probe.get(e, "/from");
                m.put(
                    "default",
                    plain.status()
                        + " "
                        + plain.redirects().size()
                        + " "
                        + plain.refusedRedirect().isPresent()
                        + " "
                        + plain.header("Location").orElse("-"));
                HttpReply followed = probe.send(e, HttpRequest.get("/from").followRedirects(1));
                m.put(
                    "followed",
                    followed.status() + " " + followed.bodyText() + " " + followed.url());
                m.put(
                    "hop",
                    followed.redirects().get(0).status() + " " + followed.redirects().get(0).to());
                m.put(
                    "dotdot",
                    probe.send(e, HttpRequest.get("/a/b/c").followRedirects(3)).bodyText());
                m.put(
                    "query",
                    probe.send(e, HttpRequest.get("/q/page").followRedirects(3)).bodyText());
                m.put("abs", probe.send(e, HttpRequest.get("/abs").followRedirects(3)).bodyText());
                HttpReply loop = probe.send(e, HttpRequest.get("/loop").followRedirects(3));
                m.put("loop", loop.status() + " " + loop.redirects().size());
                m.put("loop-refused", loop.refusedRedirect().map(x -> x.reason()).orElse("-"));
                return Outcome.pass("read", m);
              }
            });

    CheckResult r = result(scan(runner(check), http()), "follow");

    String base = "http://127.0.0.1:" + wm.port();
    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.evidence())
        .containsEntry("default", "302 0 false /to")
        .containsEntry("followed", "200 arrived " + base + "/to")
        .containsEntry("hop", "302 " + base + "/to")
        .containsEntry("dotdot", "dotdot")
        .containsEntry("query", "query")
        .containsEntry("abs", "arrived")
        .containsEntry("loop", "302 3");
    assertThat(r.evidence().get("loop-refused")).contains("limit of 3");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/loop")))).hasSize(4);
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/to")))).hasSize(2);
  }

  @Test
  void aPostRedirectedWith303ContinuesAsGetAndA307IsNotResent() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/search"))
            .willReturn(aResponse().withStatus(303).withHeader("Location", "/results")));
    wm.stubFor(
        post(urlEqualTo("/again"))
            .willReturn(aResponse().withStatus(307).withHeader("Location", "/results")));
    wm.stubFor(
        get(urlEqualTo("/results")).willReturn(aResponse().withStatus(200).withBody("found")));
    TestCheck check =
        TestCheck.of(
            "post-redirect",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                byte[] q = "{\"q\":1}".getBytes(StandardCharsets.UTF_8);
                HttpReply a =
                    probe.send(
                        e, HttpRequest.query("/search", "application/json", q).followRedirects(2));
                HttpReply b =
                    probe.send(
                        e, HttpRequest.query("/again", "application/json", q).followRedirects(2));
                return Outcome.pass(
                    "read",
                    Map.of(
                        "a", a.status() + " " + a.bodyText(),
                        "b",
                            b.status()
                                + " "
                                + b.refusedRedirect().map(x -> x.reason()).orElse("-")));
              }
            });

    CheckResult r = result(scan(runner(check), http()), "post-redirect");

    assertThat(r.evidence()).containsEntry("a", "200 found");
    assertThat(r.evidence().get("b")).startsWith("307 ").contains("body");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/results")))).hasSize(1);
    LoggedRequest search =
        wm.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlEqualTo("/search")))
            .get(0);
    assertThat(search.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(search.getBodyAsString()).isEqualTo("{\"q\":1}");
  }

  @Test
  void redirectsToOtherSchemesAndPrintPortsAreRefused() throws Exception {
    Map<String, String> locations = new LinkedHashMap<>();
    locations.put("/file", "file:///etc/passwd");
    locations.put("/ftp", "ftp://127.0.0.1/pub/x");
    locations.put("/js", "javascript:alert(1)");
    locations.put("/print", "http://127.0.0.1:9100/");
    locations.put("/userinfo", "http://admin:secret@127.0.0.1:" + wm.port() + "/to");
    // Two '@': java.net.URI reports no user information, yet the authority still carries one.
    locations.put(
        "/two-at", "http://127.0.0.1:" + wm.port() + "@127.0.0.1:" + wm.port() + "@127.0.0.1/to");
    locations.forEach(
        (path, location) ->
            wm.stubFor(
                get(urlEqualTo(path))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", location))));
    TestCheck check =
        TestCheck.of(
            "schemes",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String path : locations.keySet()) {
                  HttpReply reply = probe.send(e, HttpRequest.get(path).followRedirects(3));
                  m.put(
                      path,
                      reply.status()
                          + " "
                          + reply.redirects().size()
                          + " "
                          + reply
                              .refusedRedirect()
                              .map(x -> x.reason() + " | " + x.location())
                              .orElse("-"));
                }
                return Outcome.pass("read", m);
              }
            });

    CheckResult r = result(scan(runner(check), http()), "schemes");

    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.evidence().get("/file")).startsWith("302 0 ").contains("not 'file:'");
    assertThat(r.evidence().get("/ftp")).startsWith("302 0 ").contains("not 'ftp:'");
    assertThat(r.evidence().get("/js")).startsWith("302 0 ").contains("not 'javascript:'");
    assertThat(r.evidence().get("/print")).startsWith("302 0 ").contains("raw print port");
    assertThat(r.evidence().get("/userinfo"))
        .startsWith("302 0 ")
        .contains("user information")
        .doesNotContain("secret");
    assertThat(r.evidence().get("/two-at")).startsWith("302 0 ").contains("user information");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/to")))).isEmpty();
  }

  @Test
  void theCatchAllCanaryIsTrueForAnAnswerAnythingServerAndComputedOncePerPort() throws Exception {
    wm.stubFor(
        any(anyUrl())
            .willReturn(aResponse().withStatus(200).withBody("hello").withFixedDelay(300)));
    TestCheck first = TestCheck.of("canary-one", (e, c) -> canary(e, c));
    TestCheck second = TestCheck.of("canary-two", (e, c) -> canary(e, c));

    TargetResult target = scan(runner(first, second).perHostConcurrency(2), http());

    assertThat(result(target, "canary-one").evidence()).containsEntry("catch-all", "true");
    assertThat(result(target, "canary-two").evidence()).containsEntry("catch-all", "true");
    List<LoggedRequest> canaries =
        wm.findAll(getRequestedFor(urlPathMatching("/tenken-canary-[0-9a-f]{16}")));
    assertThat(canaries).hasSize(1);
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void theCatchAllCanaryIsFalseForAServerThatAnswers404() throws Exception {
    wm.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("home")));
    TestCheck first = TestCheck.of("canary-one", (e, c) -> canary(e, c));
    TestCheck second = TestCheck.of("canary-two", (e, c) -> canary(e, c));

    TargetResult target = scan(runner(first, second), http());

    assertThat(result(target, "canary-one").evidence()).containsEntry("catch-all", "false");
    assertThat(result(target, "canary-two").evidence()).containsEntry("catch-all", "false");
    assertThat(wm.findAll(getRequestedFor(urlPathMatching("/tenken-canary-[0-9a-f]{16}"))))
        .hasSize(1);
  }

  private static Outcome canary(Endpoint e, dev.tenken.spi.CheckContext c) throws IOException {
    try (HttpProbe probe = HttpProbe.of(c)) {
      return Outcome.pass("canary", Map.of("catch-all", String.valueOf(probe.isCatchAll(e))));
    }
  }

  @Test
  void theMethodAllowListRefusesWritesAndLoginsFromReadOnlyChecksBeforeAnyTraffic()
      throws Exception {
    byte[] form = "user=admin&password=admin".getBytes(StandardCharsets.US_ASCII);
    TestCheck writer =
        TestCheck.of(
            "writer",
            (e, c) -> {
              Map<String, String> m = new LinkedHashMap<>();
              for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE", "CONNECT")) {
                try {
                  HttpRequest request = HttpRequest.builder(method, "/x").build();
                  try (HttpProbe probe = HttpProbe.of(c)) {
                    probe.send(e, request);
                  }
                  m.put(method, "sent");
                } catch (IllegalArgumentException ex) {
                  m.put(method, "refused: " + ex.getMessage());
                }
              }
              try {
                HttpRequest.builder("POST", "/x").body("text/plain", new byte[1]).build();
                m.put("bare-post", "built");
              } catch (IllegalArgumentException ex) {
                m.put("bare-post", "refused");
              }
              try {
                HttpRequest.get("/x").withHeader("Authorization", "Basic YWRtaW46YWRtaW4=");
                m.put("auth-header", "built");
              } catch (IllegalArgumentException ex) {
                m.put("auth-header", "refused");
              }
              return Outcome.pass("tried", m);
            });
    TestCheck readOnlyLogin =
        TestCheck.of(
            "read-only-login",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                probe.send(
                    e, HttpRequest.login("/login", "application/x-www-form-urlencoded", form));
                return Outcome.pass("sent");
              }
            });

    TargetResult target = scan(runner(writer, readOnlyLogin), http());

    CheckResult w = result(target, "writer");
    assertThat(w.evidence().values()).allMatch(v -> v.startsWith("refused"));
    assertThat(w.evidence()).containsKeys("PUT", "DELETE", "bare-post", "auth-header");
    assertThat(w.evidence().get("PUT")).contains("PUT is not allowed");
    CheckResult login = result(target, "read-only-login");
    assertThat(login.status()).isEqualTo(CheckResult.Status.ERROR);
    assertThat(login.detail())
        .contains("IllegalArgumentException")
        .contains("READ_ONLY")
        .doesNotContain("password=admin");
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).as("requests WireMock saw").isEmpty();
  }

  @Test
  void aLoginAndAQueryPostAreSentWhenTheSafetyClassAllowsThem() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/login")).willReturn(aResponse().withStatus(200).withBody("welcome")));
    wm.stubFor(post(urlEqualTo("/ipp")).willReturn(aResponse().withStatus(200).withBody("attrs")));
    byte[] form = "user=admin&password=admin".getBytes(StandardCharsets.US_ASCII);
    TestCheck login =
        TestCheck.of(
            "login",
            Safety.CREDENTIAL_ATTEMPT,
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                return Outcome.pass(
                    probe
                        .send(
                            e,
                            HttpRequest.login("/login", "application/x-www-form-urlencoded", form))
                        .bodyText());
              }
            });
    TestCheck query =
        TestCheck.of(
            "query",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                return Outcome.pass(
                    probe
                        .send(
                            e,
                            HttpRequest.query("/ipp", "application/ipp", new byte[] {2, 0, 0, 11}))
                        .bodyText());
              }
            });

    TargetResult target = scan(runner(login, query).enable(Safety.CREDENTIAL_ATTEMPT), http());

    assertThat(result(target, "login").detail()).isEqualTo("welcome");
    assertThat(result(target, "query").detail()).isEqualTo("attrs");
    LoggedRequest sent =
        wm.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlEqualTo("/login")))
            .get(0);
    assertThat(sent.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(sent.getBodyAsString()).isEqualTo("user=admin&password=admin");
  }

  @Test
  void everySocketComesFromTheContextSoAnOutOfScopeEndpointIsRefusedBeforeAnyPacket()
      throws Exception {
    try (Scans.RawServer tripwire = new Scans.RawServer("127.0.0.2", s -> s.close())) {
      TestCheck check =
          TestCheck.of(
              "socket-factory",
              (e, c) -> {
                Endpoint outside =
                    new Endpoint(
                        "127.0.0.2",
                        java.net.InetAddress.getByName("127.0.0.2"),
                        tripwire.port(),
                        Transport.TCP,
                        "http");
                try (HttpProbe probe = HttpProbe.of(c)) {
                  probe.get(outside, "/");
                  return Outcome.pass("sent");
                } catch (OutOfScopeException ex) {
                  return Outcome.pass("refused: " + ex.getMessage());
                }
              });

      CheckResult r = result(scan(runner(check), http()), "socket-factory");

      assertThat(r.detail()).startsWith("refused: ").contains("127.0.0.2").contains("scope");
      Thread.sleep(100);
      assertThat(tripwire.accepted.get()).isZero();
    }
  }

  @Test
  void theProbeNeverResolvesNamesAndSendsTheEndpointHostAsHost() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/named")).willReturn(aResponse().withStatus(200).withBody("pinned")));
    TestCheck check =
        TestCheck.of(
            "pinned",
            (e, c) -> {
              // A name that cannot resolve: only the pinned address can be used.
              Endpoint named =
                  new Endpoint(
                      "camera.tenken.invalid", e.address(), e.port(), Transport.TCP, "http");
              try (HttpProbe probe = HttpProbe.of(c)) {
                return Outcome.pass(probe.get(named, "/named").bodyText());
              }
            });

    CheckResult r = result(scan(runner(check), http()), "pinned");

    assertThat(r.detail()).isEqualTo("pinned");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/named"))).get(0).getHeader("Host"))
        .isEqualTo("camera.tenken.invalid:" + wm.port());
  }

  @Test
  void nothingIsSentToARawPrintPort() throws Exception {
    TestCheck check =
        TestCheck.of(
            "print-port",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                probe.get(e.sibling(9100, Transport.TCP, "http"), "/");
                return Outcome.pass("sent");
              } catch (OutOfScopeException ex) {
                return Outcome.pass("refused: " + ex.getMessage());
              }
            });

    CheckResult r = result(scan(runner(check), http()), "print-port");

    assertThat(r.detail()).startsWith("refused: ").contains("9100").contains("print port");
  }

  @Test
  void aSelfSignedCertificateIsAcceptedAndObserved() throws Exception {
    wm.stubFor(
        get(urlEqualTo("/status")).willReturn(aResponse().withStatus(200).withBody("secure")));
    TestCheck check =
        TestCheck.of(
            "tls",
            (e, c) -> {
              try (HttpProbe probe = HttpProbe.of(c)) {
                HttpReply reply = probe.get(e, "/status");
                TlsObservation t = reply.tls().orElseThrow();
                Map<String, String> m = evidence(reply);
                m.put("protocol", t.protocol());
                m.put("cipher", t.cipherSuite());
                m.put("subject", t.subject());
                m.put("issuer", t.issuer());
                m.put("selfSigned", String.valueOf(t.selfSigned()));
                m.put("expired", String.valueOf(t.expired()));
                m.put("nameMatches", String.valueOf(t.nameMatches()));
                m.put("checkedName", t.checkedName());
                m.put("notAfter", t.notAfter().toString());
                m.put("sha256", t.sha256());
                return Outcome.pass("read", m);
              }
            });

    CheckResult r = result(scan(runner(check), "https://127.0.0.1:" + wm.httpsPort()), "tls");

    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.endpoint().service()).isEqualTo("https");
    assertThat(r.evidence())
        .containsEntry("status", "200")
        .containsEntry("body", "secure")
        .containsEntry("tls", "true")
        .containsEntry("selfSigned", "true")
        .containsEntry("expired", "false")
        .containsEntry("nameMatches", "false")
        .containsEntry("checkedName", "127.0.0.1")
        .containsEntry("url", "https://127.0.0.1:" + wm.httpsPort() + "/status");
    assertThat(r.evidence().get("protocol")).startsWith("TLSv1.");
    assertThat(r.evidence().get("subject")).contains("CN=Tom Akehurst");
    assertThat(r.evidence().get("issuer")).isEqualTo(r.evidence().get("subject"));
    assertThat(r.evidence().get("notAfter")).startsWith("2115-");
    assertThat(r.evidence().get("sha256")).matches("[0-9a-f]{64}");
  }

  @Test
  void identificationThroughTheRunnerFindsHttpWithOnlyThePjlQueryAndTheProbeGet() throws Exception {
    TestCheck check =
        TestCheck.forServices(
            "identified", (e, c) -> Outcome.pass("service " + e.service()), "http");
    TargetResult target =
        scan(
            runner().checks(new CheckSet(List.of(check), List.of(HttpServiceProbe.INSTANCE))),
            "127.0.0.1:" + wm.port());

    assertThat(target.status()).isEqualTo(TargetResult.Status.SCANNED);
    assertThat(target.endpoints()).extracting(Endpoint::port).containsExactly(wm.port());
    assertThat(target.endpoints().get(0).service()).isEqualTo("http");
    assertThat(result(target, "identified").detail()).isEqualTo("service http");
    // Jetty rejects the PJL status query with a 400 before WireMock sees it, and that 400 is
    // already recognised as HTTP; if the probe's GET was needed, it is the only request.
    for (LoggedRequest req : wm.findAll(anyRequestedFor(anyUrl()))) {
      assertThat(req.getMethod().getName() + " " + req.getUrl()).isEqualTo("GET /");
      assertThat(req.getHeader("Host")).isEqualTo("probe");
      assertThat(req.getHeader("User-Agent")).isEqualTo(HttpProbe.USER_AGENT);
    }
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void theProbeRequestsGetRecognisableAnswersFromRealServers() throws Exception {
    TestCheck plain =
        TestCheck.forServices(
            "probe-http",
            (e, c) -> {
              try (var conn = c.connect(e)) {
                conn.send(HttpServiceProbe.INSTANCE.request().orElseThrow());
                byte[] reply = conn.readAvailable(Duration.ofSeconds(2), 4096);
                return Outcome.pass(
                    "reply",
                    Map.of(
                        "recognised", String.valueOf(HttpServiceProbe.INSTANCE.recognises(reply)),
                        "service", HttpServiceProbe.INSTANCE.refine(reply)));
              }
            },
            "http");
    TestCheck tls =
        TestCheck.forServices(
            "probe-tls",
            (e, c) -> {
              try (var conn = c.connect(e)) {
                conn.send(TlsServiceProbe.INSTANCE.request().orElseThrow());
                byte[] reply = conn.readAvailable(Duration.ofSeconds(2), 4096);
                return Outcome.pass(
                    "reply",
                    Map.of(
                        "recognised", String.valueOf(TlsServiceProbe.INSTANCE.recognises(reply)),
                        // 0x16 = handshake record, 0x02 = ServerHello: the hello was accepted.
                        "server-hello",
                            String.valueOf(
                                reply.length > 5 && reply[0] == 0x16 && reply[5] == 0x02)));
              }
            },
            "https");

    TargetResult http = scan(runner(plain), http());
    TargetResult https = scan(runner(tls), "https://127.0.0.1:" + wm.httpsPort());

    assertThat(result(http, "probe-http").evidence())
        .containsEntry("recognised", "true")
        .containsEntry("service", "http");
    assertThat(result(https, "probe-tls").evidence())
        .containsEntry("recognised", "true")
        .containsEntry("server-hello", "true");
    List<LoggedRequest> seen = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).getMethod().getName() + " " + seen.get(0).getUrl()).isEqualTo("GET /");
    assertThat(seen.get(0).getHeader("Host")).isEqualTo("probe");
  }

  @Test
  void identificationThroughTheRunnerFindsTlsAsHttps() throws Exception {
    TestCheck check =
        TestCheck.forServices(
            "identified-tls", (e, c) -> Outcome.pass("service " + e.service()), "https");
    TargetResult target =
        scan(
            runner()
                .checks(
                    new CheckSet(
                        List.of(check),
                        List.of(HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE))),
            "127.0.0.1:" + wm.httpsPort());

    assertThat(target.endpoints()).extracting(Endpoint::service).containsExactly("https");
    assertThat(result(target, "identified-tls").detail()).isEqualTo("service https");
  }
}
