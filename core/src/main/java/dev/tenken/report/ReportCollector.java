package dev.tenken.report;

import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.CheckTexts;
import dev.tenken.ScanListener;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Tenken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A listener that keeps every target's result and builds the {@link Report} when the scan ends.
 * Holds the whole scan in memory. Thread-safe.
 */
public final class ReportCollector implements ScanListener {
  private final List<CheckDescriptor> checks;
  private final Locale locale;
  private final Map<Target, Long> order = new HashMap<>();
  private final List<TargetResult> targets = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private long admitted;
  private ScanSummary summary;

  /** A collector of an English report that lists the checks of {@code checkSet}. */
  public ReportCollector(CheckSet checkSet) {
    this(checkSet, Locale.ENGLISH);
  }

  /**
   * A collector of a report in {@code locale} (pass the runner's {@link
   * dev.tenken.CheckRunner#locale()}) that lists the checks of {@code checkSet} with their texts in
   * that language ({@link dev.tenken.CheckTexts#descriptor()}).
   */
  public ReportCollector(CheckSet checkSet, Locale locale) {
    this.locale = Objects.requireNonNull(locale, "locale");
    this.checks =
        checkSet.checks().stream().map(c -> CheckTexts.of(c, locale).descriptor()).toList();
  }

  @Override
  public synchronized void targetStarted(Target target) {
    order.putIfAbsent(target, admitted++);
  }

  @Override
  public synchronized void targetFinished(TargetResult result) {
    targets.add(result);
  }

  @Override
  public synchronized void scanFinished(ScanSummary value) {
    this.summary = value;
    done.countDown();
  }

  /**
   * The report, targets in admission order.
   *
   * @throws IllegalStateException when the scan has not finished
   */
  public synchronized Report report() {
    if (summary == null) {
      throw new IllegalStateException("the scan has not finished");
    }
    List<TargetResult> sorted = new ArrayList<>(targets);
    sorted.sort(Comparator.comparingLong(t -> order.getOrDefault(t.target(), Long.MAX_VALUE)));
    return new Report("Tenken", Tenken.version(), checks, sorted, summary, locale);
  }
}
