package dev.tenken.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A TCP server on a random loopback port that hands each connection to {@link #serve(Socket)} on a
 * thread of its own. {@link #close()} closes the listener and every open connection and waits for
 * the threads, at most five seconds.
 */
abstract class LoopbackServer implements AutoCloseable {
  /** Longest a connection may stay quiet before the server hangs up. */
  static final int IDLE_TIMEOUT_MILLIS = 5_000;

  private final ServerSocket listener;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  LoopbackServer(String name) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::accept);
  }

  /** The port it listens on. */
  final int port() {
    return listener.getLocalPort();
  }

  /** Handles one connection; the socket is closed afterwards. */
  abstract void serve(Socket socket) throws IOException;

  private void accept() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      open.add(socket);
      threads.execute(
          () -> {
            try (socket) {
              socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
              serve(socket);
            } catch (IOException e) {
              // the client went away or went quiet
            } finally {
              open.remove(socket);
            }
          });
    }
  }

  /**
   * Closes the way careful servers do (nginx's lingering close): stop sending, then read what the
   * client still sends for a moment, so that closing with unread bytes does not reset the
   * connection and destroy the reply in flight.
   */
  static void lingeringClose(Socket socket) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(500);
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[512];
    try {
      while (in.read(sink) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // timed out or reset: nothing more to wait for
    }
  }

  /** Reads one line ending in LF (CR LF allowed), at most 8 KiB; null at end of stream. */
  static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= 8192) {
        throw new IOException("line too long");
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
