package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.http.AuthChallenge;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.ProtocolException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the RTSP checks learn from one port, computed once per host and port and shared through
 * {@link dev.tenken.spi.HostFacts}: the {@code OPTIONS} answer ({@link #service()}), the catch-all
 * canary ({@link #canary()}, which also sets {@link FactKey#RTSP_CATCH_ALL} for the runner) and the
 * scan of stream routes without credentials ({@link #routes()}). Each check builds one for its run
 * and closes it; the client underneath uses the check's own connections and deadline.
 *
 * <p>Not thread-safe (one check, one thread); the shared facts are, by {@link
 * dev.tenken.spi.HostFacts#computeIfAbsent}. Methods throw {@link ProtocolException} for replies
 * that are not usable RTSP, and {@link IOException} when the device cannot be reached.
 */
final class RtspProbe implements Closeable {
  /** Option: comma-separated routes asked for first, such as {@code /cam1,/stream/main}. */
  static final String ROUTES_OPTION = "camera.rtsp.routes";

  /** Time kept back from the deadline: the route scan stops when less is left. */
  static final Duration RESERVE = Duration.ofMillis(300);

  private static final FactKey<Service> SERVICE = new FactKey<>("rtsp.options", Service.class);
  private static final FactKey<Canary> CANARY = new FactKey<>("rtsp.canary", Canary.class);
  private static final FactKey<RouteScan> ROUTES = new FactKey<>("rtsp.routes", RouteScan.class);

  private final CheckContext context;
  private final Endpoint endpoint;
  private final RtspClient client;

  RtspProbe(CheckContext context, Endpoint endpoint) {
    this.context = context;
    this.endpoint = endpoint;
    this.client = new RtspClient(context, endpoint);
  }

  /** The client, for the requests a check makes beyond the shared ones (logins). */
  RtspClient client() {
    return client;
  }

  /**
   * The {@code OPTIONS} answer.
   *
   * @param status the status code
   * @param statusLine code and reason
   * @param server the {@code Server} header, printable, at most 80 characters; empty when absent
   * @param methods the {@code Public} header, printable; empty when absent
   * @param challenges the challenges of a 401, if OPTIONS itself asks for credentials
   */
  record Service(
      int status,
      String statusLine,
      String server,
      String methods,
      List<AuthChallenge> challenges) {}

  /**
   * The catch-all canary: {@code DESCRIBE} of a random route that cannot exist.
   *
   * @param route the random route asked for
   * @param statusLine code and reason of the answer
   * @param catchAll whether it answered 2xx
   * @param video whether that answer carried SDP with an {@code m=video} section
   * @param status the status code
   */
  record Canary(String route, String statusLine, boolean catchAll, boolean video, int status) {}

  /**
   * One route's answer to {@code DESCRIBE} without credentials.
   *
   * @param route the route
   * @param status the status code
   * @param statusLine code and reason
   * @param challenges the challenges of a 401
   * @param sdp the SDP description of a 2xx {@code application/sdp} answer, or null
   */
  record Answer(
      String route, int status, String statusLine, List<AuthChallenge> challenges, SdpSession sdp) {
    Answer {
      challenges = List.copyOf(challenges);
    }

    /** Whether this answer proves an open stream: 2xx SDP with {@code m=video}. */
    boolean video() {
      return sdp != null && sdp.hasVideo();
    }
  }

  /**
   * The scan of the route list without credentials; stops at the first open stream.
   *
   * @param answers the answers in order
   * @param planned how many routes were planned
   * @param complete whether every planned route was asked for (or an open stream was found)
   */
  record RouteScan(List<Answer> answers, int planned, boolean complete) {
    RouteScan {
      answers = List.copyOf(answers);
    }

    /** The first answer proving an open stream. */
    Optional<Answer> open() {
      return answers.stream().filter(Answer::video).findFirst();
    }

    /** The first route refused with 401 and a challenge. */
    Optional<Answer> protectedRoute() {
      return answers.stream()
          .filter(a -> a.status() == 401 && !a.challenges().isEmpty())
          .findFirst();
    }

    /** {@code 404 Not Found x12, 401 Unauthorized x1}, for evidence. */
    String summary() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Answer a : answers) {
        String key = a.statusLine() + (a.status() / 100 == 2 && !a.video() ? " (no video)" : "");
        counts.merge(key, 1, Integer::sum);
      }
      List<String> parts = new ArrayList<>();
      counts.forEach((k, v) -> parts.add(k + " x" + v));
      return String.join(", ", parts);
    }
  }

  /** The {@code OPTIONS} answer, asked once per port. */
  Service service() throws IOException {
    return cached(
        SERVICE,
        () -> {
          RtspReply r = client.options();
          return new Service(
              r.status(),
              r.statusLine(),
              RtspClient.printable(r.header("Server").orElse(""), 80),
              RtspClient.printable(r.header("Public").orElse(""), 160),
              r.status() == 401 ? r.challenges() : List.of());
        });
  }

  /** The catch-all canary, asked once per port; sets {@link FactKey#RTSP_CATCH_ALL}. */
  Canary canary() throws IOException {
    return cached(
        CANARY,
        () -> {
          byte[] random = new byte[6];
          ThreadLocalRandom.current().nextBytes(random);
          String route = "/tenken-canary-" + HexFormat.of().formatHex(random);
          RtspReply r = client.describe(route, null);
          boolean catchAll = r.isSuccess();
          boolean video = catchAll && r.isSdp() && videoOrFalse(r);
          context.facts().put(FactKey.RTSP_CATCH_ALL.perPort(endpoint.port()), catchAll);
          return new Canary(route, r.statusLine(), catchAll, video, r.status());
        });
  }

  private static boolean videoOrFalse(RtspReply r) {
    try {
      return r.provesVideo();
    } catch (ProtocolException e) {
      return false; // a catch-all's body need not be valid SDP
    }
  }

  /** The vendor named by the {@code Server} header, else by a realm seen so far. */
  Optional<RtspVendor> vendor(List<AuthChallenge> moreChallenges) throws IOException {
    Service s = service();
    Optional<RtspVendor> v = RtspVendor.byServer(s.server());
    List<AuthChallenge> all = new ArrayList<>(s.challenges());
    all.addAll(moreChallenges);
    for (AuthChallenge c : all) {
      if (v.isPresent()) {
        break;
      }
      v = RtspVendor.byRealm(c.realm());
    }
    return v;
  }

  /**
   * The routes asked for without credentials, once per port: the caller's, the vendor's, then the
   * table's, at most {@value RtspVendor#MAX_ROUTES}; stops at the first open stream, after the
   * first 401 when the canary showed the device asks for credentials before looking at the route,
   * and when less than {@link #RESERVE} is left before the deadline. Asks nothing on a catch-all
   * port (an empty, incomplete scan): every route would answer.
   */
  RouteScan routes() throws IOException {
    Canary canary = canary();
    if (canary.catchAll()) {
      return new RouteScan(List.of(), 0, false);
    }
    Optional<RtspVendor> vendor = vendor(List.of());
    return cached(
        ROUTES,
        () -> {
          List<String> extra = new ArrayList<>();
          context
              .option(ROUTES_OPTION)
              .ifPresent(
                  o -> {
                    for (String r : o.split(",")) {
                      if (!r.isBlank()) {
                        extra.add(r.strip().startsWith("/") ? r.strip() : "/" + r.strip());
                      }
                    }
                  });
          List<String> plan = RtspVendor.routes(extra, vendor);
          List<Answer> answers = new ArrayList<>();
          for (String route : plan) {
            if (context.remaining().compareTo(RESERVE) < 0) {
              return new RouteScan(answers, plan.size(), false);
            }
            RtspReply r = client.describe(route, null);
            SdpSession sdp = r.sdp().orElse(null);
            Answer a =
                new Answer(
                    route,
                    r.status(),
                    r.statusLine(),
                    r.status() == 401 ? r.challenges() : List.of(),
                    sdp);
            answers.add(a);
            if (a.video() || (canary.status() == 401 && a.status() == 401)) {
              break;
            }
          }
          return new RouteScan(answers, plan.size(), true);
        });
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private <T> T cached(FactKey<T> key, IoSupplier<T> compute) throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              key.perPort(endpoint.port()),
              () -> {
                try {
                  return compute.get();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
