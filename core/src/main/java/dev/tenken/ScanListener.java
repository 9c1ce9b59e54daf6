package dev.tenken;

/**
 * Hears a scan as it happens. Every method has an empty default, so implement only what you need.
 *
 * <p>The runner calls a listener from its own threads but never two of its methods at the same
 * time, so an implementation needs no locking of its own; it should return quickly, since the scan
 * waits for it. An exception thrown by a listener is swallowed (the scan goes on) and counted in
 * {@link ScanSummary#listenerErrors()}.
 */
public interface ScanListener {

  /**
   * A target was admitted to the scan (in scope or not); announced in the order targets are read.
   */
  default void targetStarted(Target target) {}

  /** A check finished on an endpoint. Called before the result's findings are announced. */
  default void result(Target target, CheckResult result) {}

  /** A finding, announced as soon as its check finished. */
  default void finding(Target target, Finding finding) {}

  /** A target reached its terminal state. */
  default void targetFinished(TargetResult result) {}

  /** Progress, announced after each target finishes. */
  default void progress(ScanProgress progress) {}

  /** The scan ended (completed or cancelled). Called exactly once, last. */
  default void scanFinished(ScanSummary summary) {}

  /** A listener that calls each of {@code listeners} in turn. */
  static ScanListener all(ScanListener... listeners) {
    return new ScanListener() {
      @Override
      public void targetStarted(Target target) {
        for (ScanListener l : listeners) {
          l.targetStarted(target);
        }
      }

      @Override
      public void result(Target target, CheckResult result) {
        for (ScanListener l : listeners) {
          l.result(target, result);
        }
      }

      @Override
      public void finding(Target target, Finding finding) {
        for (ScanListener l : listeners) {
          l.finding(target, finding);
        }
      }

      @Override
      public void targetFinished(TargetResult result) {
        for (ScanListener l : listeners) {
          l.targetFinished(result);
        }
      }

      @Override
      public void progress(ScanProgress progress) {
        for (ScanListener l : listeners) {
          l.progress(progress);
        }
      }

      @Override
      public void scanFinished(ScanSummary summary) {
        for (ScanListener l : listeners) {
          l.scanFinished(summary);
        }
      }
    };
  }
}
