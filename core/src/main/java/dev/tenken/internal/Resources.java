package dev.tenken.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sockets one unit of work opened, closed together when it ends or its deadline passes. Once
 * closed, anything registered later is closed at once.
 */
final class Resources implements Closeable {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Closeable> open = new ArrayList<>();
  private boolean closed;
  private ConnectedAhead ahead;

  /**
   * A connect the runner made before the work got a thread ({@link ConnectSelector}): the channel,
   * or why there is none, and the timeout it was given.
   */
  record ConnectedAhead(
      InetSocketAddress to, int timeoutMillis, SocketChannel channel, IOException failure) {}

  /** Keeps the connect made ahead for this work, for the work's first connect to its address. */
  void connectedAhead(ConnectedAhead c) {
    lock.lock();
    try {
      ahead = c;
    } finally {
      lock.unlock();
    }
  }

  /** The connect made ahead to {@code to}, once; empty when there is none or it was taken. */
  Optional<ConnectedAhead> takeConnectedAhead(InetSocketAddress to) {
    lock.lock();
    try {
      ConnectedAhead c = ahead;
      if (c == null || !c.to().equals(to)) {
        return Optional.empty();
      }
      ahead = null;
      return Optional.of(c);
    } finally {
      lock.unlock();
    }
  }

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
