package dev.tenken.examples;

import dev.tenken.CheckRunner;
import dev.tenken.Finding;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Embedding the runner in a service: one scan whose findings stream into a queue that the service's
 * own threads drain, with cancellation. A service builds its {@link CheckRunner} once and opens one
 * feed per scan request:
 *
 * <pre>{@code
 * try (FindingFeed feed = FindingFeed.start(runner, targets)) {
 *   for (FindingFeed.Event e = feed.next(Duration.ofSeconds(30)).orElseThrow();
 *       e instanceof FindingFeed.Found found;
 *       e = feed.next(Duration.ofSeconds(30)).orElseThrow()) {
 *     alerts.send(found.finding()); // each finding the moment its check ends
 *   }
 * } // closing cancels the scan if it is still running
 * }</pre>
 *
 * <p>Thread-safe: any thread may call {@link #next} or {@link #close}. The queue is unbounded on
 * purpose: the runner waits for its listener, so a queue that blocked when full would stall the
 * scan, and a consumer that stopped reading would hang it.
 */
public final class FindingFeed implements AutoCloseable {

  /** What the feed delivers: findings as they happen, then exactly one {@link Done}. */
  public sealed interface Event permits Found, Done {}

  /**
   * A finding, delivered as soon as its check ended.
   *
   * @param target the target it was found on
   * @param finding the finding
   */
  public record Found(Target target, Finding finding) implements Event {}

  /**
   * The scan ended, completed or cancelled; nothing follows.
   *
   * @param summary the scan's counts; {@link ScanSummary#cancelled()} says whether it was stopped
   */
  public record Done(ScanSummary summary) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Scan scan;

  private FindingFeed(CheckRunner runner, Iterable<Target> targets) {
    this.scan =
        runner.start(
            targets,
            new ScanListener() {
              @Override
              public void finding(Target target, Finding finding) {
                events.add(new Found(target, finding));
              }

              @Override
              public void scanFinished(ScanSummary summary) {
                events.add(new Done(summary));
              }
            });
  }

  /** Starts scanning {@code targets} with {@code runner} and returns the feed of its events. */
  public static FindingFeed start(CheckRunner runner, Iterable<Target> targets) {
    return new FindingFeed(runner, targets);
  }

  /**
   * The next event, waiting at most {@code timeout}; empty when none came in time.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<Event> next(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** How far the scan has come; for a status endpoint or a progress bar. */
  public dev.tenken.ScanProgress progress() {
    return scan.progress();
  }

  /**
   * Stops the scan if it is still running: no new target starts and running checks are interrupted.
   * A {@link Done} event still follows. Returns at once; idempotent.
   */
  @Override
  public void close() {
    scan.cancel();
  }
}
