package dev.tenken.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sockets one unit of work opened, closed together when it ends or its deadline passes. Once
 * closed, anything registered later is closed at once.
 */
final class Resources implements Closeable {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Closeable> open = new ArrayList<>();
  private boolean closed;

  /** Registers {@code c}; closes it at once if this scope is already closed. */
  <T extends Closeable> T register(T c) throws IOException {
    lock.lock();
    try {
      if (!closed) {
        open.add(c);
        return c;
      }
    } finally {
      lock.unlock();
    }
    quietly(c);
    throw new java.io.InterruptedIOException("the check's deadline has passed");
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    List<Closeable> toClose;
    lock.lock();
    try {
      closed = true;
      toClose = new ArrayList<>(open);
      open.clear();
    } finally {
      lock.unlock();
    }
    toClose.forEach(Resources::quietly);
  }

  private static void quietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // Closing is best effort: the peer may be gone already.
    }
  }
}
