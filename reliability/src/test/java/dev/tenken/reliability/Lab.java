package dev.tenken.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed parts of the lab: two tripwire listeners that nothing may ever reach — one on {@code
 * 127.0.0.2}, outside the scan's scope, and one on {@code 127.0.0.1}, inside it, that is named only
 * by redirects to other schemes ({@code gopher:}, {@code ftp:}).
 */
final class Lab {
  static final Tripwire OUT_OF_SCOPE = Tripwire.on(new byte[] {127, 0, 0, 2});
  static final Tripwire OTHER_SCHEME = Tripwire.on(new byte[] {127, 0, 0, 1});

  static {
    Replies.tripwireUrl = "http://127.0.0.2:" + OUT_OF_SCOPE.port() + "/";
  }

  private Lab() {}

  static String inScopeTripwire(String scheme) {
    return scheme + "://127.0.0.1:" + OTHER_SCHEME.port() + "/";
  }

  /** A TCP listener that counts every connection it accepts and closes it at once. */
  static final class Tripwire {
    private final ServerSocket server;
    private final AtomicInteger touched = new AtomicInteger();

    private Tripwire(ServerSocket server) {
      this.server = server;
      Thread t =
          new Thread(
              () -> {
                while (true) {
                  try {
                    Socket s = server.accept();
                    touched.incrementAndGet();
                    s.close();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "tripwire-" + server.getLocalSocketAddress());
      t.setDaemon(true);
      t.start();
    }

    static Tripwire on(byte[] address) {
      try {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByAddress(address), 0));
        return new Tripwire(s);
      } catch (IOException e) {
        throw new IllegalStateException("cannot bind a tripwire on loopback", e);
      }
    }

    int port() {
      return server.getLocalPort();
    }

    int touched() {
      return touched.get();
    }
  }
}
