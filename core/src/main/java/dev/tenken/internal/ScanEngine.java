package dev.tenken.internal;

import dev.tenken.Scan;
import dev.tenken.ScanListener;
import dev.tenken.Target;

/** Runs one scan. */
public final class ScanEngine {
  private ScanEngine() {}

  public static Scan start(Settings settings, Iterable<Target> targets, ScanListener listener) {
    throw new UnsupportedOperationException("todo");
  }
}
