package dev.tenken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.database.DatabaseChecks;
import dev.tenken.test.sim.RespServerSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FindingFeedTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CheckRunner runner =
      CheckRunner.builder().scope(Scope.of("127.0.0.1")).checks(DatabaseChecks.all()).build();
  private RespServerSimulator redis;

  @BeforeEach
  void startRedis() throws Exception {
    redis = RespServerSimulator.start(RespServerSimulator.Variant.OPEN);
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  private List<FindingFeed.Event> drain(FindingFeed feed) throws InterruptedException {
    List<FindingFeed.Event> events = new ArrayList<>();
    FindingFeed.Event e;
    do {
      e = feed.next(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
      events.add(e);
    } while (!(e instanceof FindingFeed.Done));
    return events;
  }

  @Test
  void streamsEachFindingThenOneDone() throws Exception {
    List<FindingFeed.Event> events;
    try (FindingFeed feed = FindingFeed.start(runner, List.of(Target.parse(redis.target())))) {
      events = drain(feed);
    }

    assertThat(events)
        .filteredOn(FindingFeed.Found.class::isInstance)
        .map(e -> ((FindingFeed.Found) e).finding().checkId())
        .contains("database.redis.no-auth");
    FindingFeed.Done done = (FindingFeed.Done) events.get(events.size() - 1);
    assertThat(done.summary().cancelled()).isFalse();
    assertThat(done.summary().findings()).isEqualTo(events.size() - 1);
  }

  @Test
  void closingCancelsAScanThatWouldNeverEnd() throws Exception {
    // An endless target list: only cancellation can end this scan.
    Target target = Target.parse(redis.target());
    Iterable<Target> endless = () -> Stream.generate(() -> target).iterator();
    List<FindingFeed.Event> events;
    FindingFeed feed = FindingFeed.start(runner, endless);
    try {
      assertThat(feed.next(WAIT)).get().isInstanceOf(FindingFeed.Found.class);
      feed.close(); // what a service does when its client goes away
      events = drain(feed);
    } finally {
      feed.close();
    }

    FindingFeed.Done done = (FindingFeed.Done) events.get(events.size() - 1);
    assertThat(done.summary().cancelled()).isTrue();
  }
}
