package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.http.ScopeTripwirePropertyTest.Lab;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Redirects through {@link HttpProbe} with up to {@value HttpRequest#MAX_REDIRECTS} hops allowed: a
 * device on 127.0.0.1 (the scope) answers {@code 302} with a generated {@code Location} aimed at
 * 127.0.0.2 or 127.0.0.3 in every spelling (numeric forms, IPv4-mapped IPv6, zone ids, trailing
 * dots, protocol-relative {@code //host:port/}, user information such as {@code
 * http://127.0.0.1@127.0.0.2/}, backslashes that browsers read as slashes, schemes in any case), or
 * back at itself. Property: tripwires on the same port (and port 80) of the out-of-scope addresses
 * never accept a connection, and the probe always answers (a refused hop is recorded, not thrown).
 */
class RedirectScopePropertyTest {
  private static Lab lab;
  private static CheckRunner runner;
  private static volatile List<String> locations = List.of();

  @BeforeContainer
  static void start() throws IOException {
    lab = ScopeTripwirePropertyTest.Lab.open("127.0.0.1", "127.0.0.2", "127.0.0.3");
    lab.answer =
        path ->
            path.startsWith("/r/")
                ? "HTTP/1.1 302 Found\r\nLocation: "
                    + new String(
                        Base64.getUrlDecoder().decode(path.substring(3)), StandardCharsets.UTF_8)
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ndevice";
    runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .check(
                TestCheck.of(
                    "redirect",
                    (e, c) -> {
                      Map<String, String> seen = new LinkedHashMap<>();
                      try (HttpProbe probe = HttpProbe.of(c)) {
                        for (String location : locations) {
                          String path =
                              "/r/"
                                  + Base64.getUrlEncoder()
                                      .withoutPadding()
                                      .encodeToString(location.getBytes(StandardCharsets.UTF_8));
                          try {
                            HttpReply reply =
                                probe.send(e, HttpRequest.get(path).followRedirects(3));
                            seen.put(
                                location,
                                reply.status()
                                    + " "
                                    + reply.redirects().size()
                                    + reply
                                        .refusedRedirect()
                                        .map(r -> " " + r.reason())
                                        .orElse(""));
                          } catch (IOException x) {
                            // an in-scope hop may fail (TLS to a plain-HTTP device): that is fine
                            seen.put(location, "error " + x.getClass().getSimpleName());
                          }
                        }
                      }
                      return Outcome.pass("followed what scope allowed", seen);
                    }))
            .checkTimeout(Duration.ofSeconds(20))
            .connectionsPerSecond(0)
            .build();
  }

  @AfterContainer
  static void stop() throws IOException {
    assertThat(lab.tripped()).as("connections to the tripwires over all tries").isZero();
    lab.close();
  }

  @Property(tries = 60)
  void redirectsOutOfScopeAreNeverFollowed(@ForAll("locationLists") List<String> generated)
      throws Exception {
    locations = generated;

    TargetResult target =
        runner.scan(List.of(Target.parse("http://127.0.0.1:" + lab.port))).targets().get(0);

    assertThat(lab.tripped()).as("tripwire connections for %s", generated).isZero();
    assertThat(target.results()).hasSize(1);
    CheckResult r = target.results().get(0);
    assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
    for (String location : generated) {
      String outcome = r.evidence().get(location);
      // the device itself in the end (200 after hops back to it), the 302 not followed, or an
      // in-scope hop that failed; a refused hop is never thrown
      assertThat(outcome)
          .as(location)
          .matches("200 [1-3]|302 [0-3] .+|error .+")
          .doesNotContain("OutOfScope");
    }
  }

  @Provide
  Arbitrary<List<String>> locationLists() {
    return location().list().ofMinSize(1).ofMaxSize(12).uniqueElements();
  }

  /** A Location header value aimed outside the scope (mostly) or back inside it. */
  Arbitrary<String> location() {
    Arbitrary<String> outside =
        ScopeTripwirePropertyTest.spellings(Arbitraries.of(0x7f000002L, 0x7f000003L))
            .map(h -> h.contains(":") ? "[" + h.replace("%", "%25") + "]" : h);
    Arbitrary<String> inside =
        Arbitraries.oneOf(
            ScopeTripwirePropertyTest.spellings(Arbitraries.just(0x7f000001L))
                .filter(h -> !h.contains("%") && !h.endsWith("."))
                .map(h -> h.contains(":") ? "[" + h + "]" : h),
            Arbitraries.of("localhost", "LOCALHOST"));
    Arbitrary<String> port =
        Arbitraries.of(":" + lab.port, ":0" + lab.port, "", ":80", ":" + lab.port + "@127.0.0.1");
    Arbitrary<String> hostAndPort =
        Arbitraries.frequencyOf(
            Tuple.of(4, Combinators.combine(outside, port).as((h, p) -> h + p)),
            Tuple.of(1, inside.map(h -> h + ":" + lab.port)));
    Arbitrary<String> prefix =
        Arbitraries.of(
            "http://",
            "HTTP://",
            "hTtP://",
            "https://",
            "//",
            "///",
            "http:/",
            "http:\\\\",
            "\\\\",
            "/\\",
            "http://127.0.0.1@",
            "http://127.0.0.1:" + lab.port + "@",
            "http://user:pw@",
            "http://127.0.0.1\\@",
            "http://127.0.0.1%40",
            " http://",
            "\thttp://");
    Arbitrary<String> suffix =
        Arbitraries.of("/", "", "/x?y=1", "\\", "#@127.0.0.1/", "/..\\..\\", "?@127.0.0.1");
    return Combinators.combine(prefix, hostAndPort, suffix).as((p, h, s) -> p + h + s);
  }
}
