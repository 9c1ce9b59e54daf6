package dev.tenken.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling for the healthy-device row: the same exchange as {@code database.redis.no-auth}
 * (connect with a deadline, {@code INFO server}, read the whole reply, close) written as plainly as
 * Java allows, with no runner, no check context, no findings. What this reaches on the machine,
 * with the lab on the same cores, is what any Java scanner could reach; the runner's figure is read
 * against it.
 */
final class RawClient {
  private static final byte[] INFO_SERVER =
      "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Completed exchanges, failures, wall and process CPU of one pass. */
  record Pass(int completed, int failed, long wallMillis, long cpuMillis) {
    double perSecond() {
      return completed * 1000.0 / Math.max(1, wallMillis);
    }

    double cpuMicrosEach() {
      return cpuMillis * 1000.0 / Math.max(1, completed);
    }
  }

  private RawClient() {}

  /** One exchange with every address, {@code threads} platform threads sharing the list. */
  static Pass pass(List<InetSocketAddress> addresses, int threads, int timeoutMillis)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long cpu = Bench.cpuMillis();
    long start = System.nanoTime();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                byte[] buf = new byte[4096];
                for (int i = next.getAndIncrement();
                    i < addresses.size();
                    i = next.getAndIncrement()) {
                  if (exchange(addresses.get(i), timeoutMillis, buf)) {
                    completed.incrementAndGet();
                  } else {
                    failed.incrementAndGet();
                  }
                }
              },
              "raw-" + t);
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return new Pass(
        completed.get(),
        failed.get(),
        (System.nanoTime() - start) / 1_000_000,
        Bench.cpuMillis() - cpu);
  }

  /** Whether the device answered {@code INFO server} with a whole bulk reply. */
  private static boolean exchange(InetSocketAddress address, int timeoutMillis, byte[] buf) {
    try (Socket s = new Socket()) {
      s.connect(address, timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(INFO_SERVER);
      InputStream in = s.getInputStream();
      int have = 0;
      int wanted = -1;
      while (wanted < 0 || have < wanted) {
        if (have == buf.length) {
          return false; // larger than any lab reply: not the exchange measured here
        }
        int n = in.read(buf, have, buf.length - have);
        if (n < 0) {
          return false;
        }
        have += n;
        if (buf[0] != '$') {
          return false;
        }
        if (wanted < 0) {
          wanted = bulkEnd(buf, have);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // A malformed header (NumberFormatException) is a failed exchange, not a dead worker.
      return false;
    }
  }

  /** Where a RESP bulk reply {@code $N\r\n...\r\n} ends, or -1 while its header is incomplete. */
  private static int bulkEnd(byte[] buf, int have) {
    for (int i = 1; i + 1 < have; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n') {
        int length = Integer.parseInt(new String(buf, 1, i - 1, StandardCharsets.US_ASCII));
        return i + 2 + length + 2; // header, data, CRLF
      }
    }
    return -1;
  }
}
