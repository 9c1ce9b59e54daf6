package dev.tenken.cli;

import dev.tenken.Scan;
import dev.tenken.ScanProgress;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a scan on standard error, redrawn in place ({@code \r}) every {@value
 * #PERIOD_MILLIS} ms: targets done of those admitted (and of all given), findings, elapsed time.
 * Closing it stops the redrawing and blanks the line, so the summary that follows starts clean.
 */
final class Progress implements AutoCloseable {
  /** Time between two redraws, in milliseconds: at most five a second. */
  static final long PERIOD_MILLIS = 200;

  private final Scan scan;
  private final long total;
  private final Lang lang;
  private final PrintStream err;
  private final ScheduledExecutorService timer;
  private int width;

  private Progress(Scan scan, long total, Lang lang, PrintStream err) {
    this.scan = scan;
    this.total = total;
    this.lang = lang;
    this.err = err;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tenken-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts drawing the progress of {@code scan} of {@code total} targets on {@code err}. */
  static Progress start(Scan scan, long total, Lang lang, PrintStream err) {
    Progress p = new Progress(scan, total, lang, err);
    p.draw();
    p.timer.scheduleAtFixedRate(p::draw, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return p;
  }

  /** The line for {@code p}. */
  static String line(Lang lang, ScanProgress p, long total) {
    return "tenken: "
        + lang.text(
            "progress",
            p.targetsFinished(),
            p.targetsStarted(),
            total,
            p.findings(),
            p.elapsed().toSeconds());
  }

  private synchronized void draw() {
    String line = line(lang, scan.progress(), total);
    int columns = columns(line);
    err.print("\r" + line + " ".repeat(Math.max(0, width - columns)));
    err.flush();
    width = columns;
  }

  /** Terminal columns of {@code s}: East Asian wide characters take two. */
  static int columns(String s) {
    return s.codePoints().map(cp -> cp >= 0x1100 ? 2 : 1).sum();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (width > 0) {
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
      }
    }
  }
}
