package dev.tenken.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * TCP connects in flight on one selector thread, for the platform-thread executor (Java 17): a
 * blocking connect holds a thread until the peer answers or the timeout passes, so 8,192 filtered
 * addresses held 8,192 threads (about 100 KiB of resident memory each) and their wake-ups. Here a
 * pending connect is a registered channel and an entry in a deadline queue. Each connect ends
 * exactly once: connected (the channel handed over in blocking mode), failed with the connect's own
 * exception, or timed out; the callback runs on the selector thread and must not block.
 * Thread-safe.
 */
final class ConnectSelector implements AutoCloseable {
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
  // Selector thread only.
  private final PriorityQueue<Pending> byDeadline =
      new PriorityQueue<>(Comparator.comparingLong(p -> p.deadlineNanos));
  private volatile boolean closed;

  /** How one connect ended: a connected channel in blocking mode, or why not. */
  record Result(SocketChannel channel, IOException failure) {}

  private static final class Pending {
    final SocketChannel channel;
    final InetSocketAddress to;
    final long deadlineNanos;
    final Consumer<Result> done;
    SelectionKey key;
    boolean ended;

    Pending(
        SocketChannel channel, InetSocketAddress to, long deadlineNanos, Consumer<Result> done) {
      this.channel = channel;
      this.to = to;
      this.deadlineNanos = deadlineNanos;
      this.done = done;
    }
  }

  ConnectSelector() throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this::loop, "tenken-connects");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Connects {@code channel} (open, unconnected; the caller closes it on abort) to {@code to}
   * within {@code timeoutMillis}, then calls {@code done} once with the outcome.
   */
  void connect(
      SocketChannel channel, InetSocketAddress to, int timeoutMillis, Consumer<Result> done) {
    Pending p =
        new Pending(
            channel, to, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), done);
    incoming.add(p);
    if (closed) {
      // close() may have drained the queue before this entry arrived.
      drainClosed();
    } else {
      selector.wakeup();
    }
  }

  private void loop() {
    List<Pending> connected = new ArrayList<>();
    try {
      while (!closed) {
        for (Pending p; (p = incoming.poll()) != null; ) {
          start(p, connected);
        }
        Pending next = byDeadline.peek();
        long waitMillis =
            next == null
                ? 0
                : Math.max(
                    1, TimeUnit.NANOSECONDS.toMillis(next.deadlineNanos - System.nanoTime()) + 1);
        if (connected.isEmpty() && incoming.isEmpty()) {
          selector.select(waitMillis);
        } else {
          selector.selectNow();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Pending p = (Pending) key.attachment();
          try {
            if (p.channel.finishConnect()) {
              key.cancel();
              connected.add(p);
            }
          } catch (IOException | RuntimeException e) {
            fail(p, e);
          }
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        while (!byDeadline.isEmpty() && byDeadline.peek().deadlineNanos - now <= 0) {
          Pending p = byDeadline.poll();
          if (!p.ended) {
            fail(p, new SocketTimeoutException("connect timed out"));
          }
        }
        if (!connected.isEmpty()) {
          // Cancelled keys leave the selector at the next select; only then may the channel block.
          selector.selectNow();
          connected.forEach(this::handOver);
          connected.clear();
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      closed = true;
    } finally {
      for (Pending p : byDeadline) {
        if (!p.ended) {
          fail(p, new IOException("the scan has ended"));
        }
      }
      connected.forEach(p -> fail(p, new IOException("the scan has ended")));
      drainClosed();
      try {
        selector.close();
      } catch (IOException ignored) {
        // Nothing is registered any more.
      }
    }
  }

  private void start(Pending p, List<Pending> connected) {
    try {
      p.channel.configureBlocking(false);
      if (p.channel.connect(p.to)) {
        connected.add(p);
      } else {
        p.key = p.channel.register(selector, SelectionKey.OP_CONNECT, p);
        byDeadline.add(p);
      }
    } catch (IOException | RuntimeException e) {
      fail(p, e);
    }
  }

  private void handOver(Pending p) {
    try {
      p.channel.configureBlocking(true);
      end(p, new Result(p.channel, null));
    } catch (IOException | RuntimeException e) {
      fail(p, e);
    }
  }

  private void fail(Pending p, Exception e) {
    if (p.key != null) {
      p.key.cancel();
    }
    try {
      p.channel.close();
    } catch (IOException ignored) {
      // Closing an unconnected channel reports nothing useful.
    }
    IOException failure =
        e instanceof IOException io
            ? io
            : new IOException("connect to " + p.to + " failed: " + e.getMessage(), e);
    end(p, new Result(null, failure));
  }

  private void end(Pending p, Result r) {
    if (p.ended) {
      return;
    }
    p.ended = true;
    try {
      p.done.accept(r);
    } catch (RuntimeException e) {
      // The callback's failure is its own; the other connects go on.
    }
  }

  /** Fails what was queued after the loop stopped looking. */
  private void drainClosed() {
    for (Pending p; (p = incoming.poll()) != null; ) {
      fail(p, new IOException("the scan has ended"));
    }
  }

  /** Stops the thread; connects still pending end with "the scan has ended". */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
  }
}
