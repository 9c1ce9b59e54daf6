package dev.tenken.junit;

import dev.tenken.CheckRunner;
import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import dev.tenken.TargetParseException;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.report.ReportCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The runner a test gets from {@link TenkenExtension}: a {@link CheckRunner} configured by {@link
 * TenkenScan} whose every scan's report is kept, so the extension can attach it to the test when
 * the test ends. One per test invocation. Thread-safe: a test may scan from several threads.
 *
 * <p>Scans run through {@link #runner()} directly are not recorded; use the methods of this class.
 */
public final class TenkenScanner {
  private final CheckRunner runner;
  private final List<Report> reports = new ArrayList<>();
  private final List<Scan> running = new ArrayList<>();

  TenkenScanner(CheckRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** The configured runner, for what this class does not offer (its scans are not recorded). */
  public CheckRunner runner() {
    return runner;
  }

  /**
   * Parses and scans {@code targets} ({@code host}, {@code host:port,port}, {@code
   * scheme://host:port}), waits for the end and returns the report, which is also attached to the
   * test.
   *
   * @throws TargetParseException when a text is not a target
   * @throws InterruptedException when the test's thread is interrupted; the scan is then cancelled
   */
  public Report scan(String... targets) throws InterruptedException {
    return scan(Arrays.stream(targets).map(Target::parse).toList());
  }

  /**
   * Scans {@code targets}, waits for the end and returns the report, which is also attached to the
   * test.
   *
   * @throws InterruptedException when the test's thread is interrupted; the scan is then cancelled
   */
  public Report scan(Iterable<Target> targets) throws InterruptedException {
    Recorder recorder = new Recorder();
    Scan scan = launch(targets, recorder);
    try {
      scan.await();
    } catch (InterruptedException e) {
      scan.cancel();
      throw e;
    }
    return recorder.report();
  }

  /**
   * Starts a scan in the background, as {@link CheckRunner#start} does; its report is attached to
   * the test when it ends. A scan still running when the test ends is cancelled then.
   */
  public Scan start(Iterable<Target> targets, ScanListener listener) {
    return launch(targets, ScanListener.all(new Recorder(), listener));
  }

  private Scan launch(Iterable<Target> targets, ScanListener listener) {
    Scan scan = runner.start(targets, listener);
    synchronized (this) {
      running.add(scan);
    }
    return scan;
  }

  /** The reports of the scans that have ended so far, in the order they ended. */
  public synchronized List<Report> reports() {
    return List.copyOf(reports);
  }

  /**
   * Cancels the scans still running, waits for them at most {@code bound} each, returns reports.
   */
  List<Report> finish(Duration bound) throws InterruptedException {
    List<Scan> scans;
    synchronized (this) {
      scans = List.copyOf(running);
    }
    for (Scan scan : scans) {
      scan.cancel();
      scan.await(bound);
    }
    return reports();
  }

  /** Collects one scan's report and hands it to the scanner when the scan ends. */
  private final class Recorder implements ScanListener {
    private final ReportCollector collector = new ReportCollector(runner.checkSet());

    @Override
    public void targetStarted(Target target) {
      collector.targetStarted(target);
    }

    @Override
    public void targetFinished(TargetResult result) {
      collector.targetFinished(result);
    }

    @Override
    public void scanFinished(ScanSummary summary) {
      collector.scanFinished(summary);
      synchronized (TenkenScanner.this) {
        reports.add(collector.report());
      }
    }

    Report report() {
      return collector.report();
    }
  }
}
