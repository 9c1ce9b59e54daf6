package dev.tenken.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.IntFunction;

/**
 * A hostile "printer" for tests: on each connection it waits for the first request bytes, then
 * writes what {@code chunks} produces (chunk 0, 1, 2, ...) until it returns null or the client
 * goes. Records nothing; loopback only; {@link #close()} ends everything.
 */
final class PjlHostilePrinter implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  PjlHostilePrinter(IntFunction<byte[]> chunks) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  s.setSoTimeout(10_000);
                  InputStream in = s.getInputStream();
                  if (in.read(new byte[4096]) < 0) {
                    continue;
                  }
                  OutputStream out = s.getOutputStream();
                  for (int i = 0; ; i++) {
                    byte[] c = chunks.apply(i);
                    if (c == null) {
                      break;
                    }
                    out.write(c);
                    out.flush();
                  }
                } catch (IOException e) {
                  // the client went, or the test closed the server
                }
              }
            },
            "pjl-hostile");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String target() {
    return "pjl://127.0.0.1:" + port();
  }

  @Override
  public void close() throws Exception {
    server.close();
    acceptor.join(5_000);
  }
}
