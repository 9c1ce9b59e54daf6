package dev.tenken.internal;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.ScanListener;
import dev.tenken.ScanProgress;
import dev.tenken.ScanSummary;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls the user's listener one event at a time and swallows (but counts) what it throws, so a
 * faulty listener can neither corrupt its own state nor end the scan.
 */
final class SerialListener implements ScanListener {
  private final ScanListener delegate;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong errors = new AtomicLong();

  SerialListener(ScanListener delegate) {
    this.delegate = delegate;
  }

  long errors() {
    return errors.get();
  }

  private void call(Runnable event) {
    lock.lock();
    try {
      event.run();
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void targetStarted(Target target) {
    call(() -> delegate.targetStarted(target));
  }

  @Override
  public void result(Target target, CheckResult result) {
    call(() -> delegate.result(target, result));
  }

  @Override
  public void finding(Target target, Finding finding) {
    call(() -> delegate.finding(target, finding));
  }

  @Override
  public void targetFinished(TargetResult result) {
    call(() -> delegate.targetFinished(result));
  }

  @Override
  public void progress(ScanProgress progress) {
    call(() -> delegate.progress(progress));
  }

  @Override
  public void scanFinished(ScanSummary summary) {
    call(() -> delegate.scanFinished(summary));
  }
}
