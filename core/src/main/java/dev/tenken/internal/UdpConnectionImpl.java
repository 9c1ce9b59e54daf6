package dev.tenken.internal;

import dev.tenken.Endpoint;
import dev.tenken.spi.UdpConnection;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** A connected datagram socket bounded by the deadline and the byte cap. */
final class UdpConnectionImpl implements UdpConnection {
  private static final int MAX_DATAGRAM = 65_507;

  private final Endpoint endpoint;
  private final DatagramSocket socket;
  private final Instant deadline;
  private final int cap;

  UdpConnectionImpl(Endpoint endpoint, DatagramSocket socket, Instant deadline, int cap) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.deadline = deadline;
    this.cap = cap;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public Optional<byte[]> exchange(byte[] request, Duration wait) throws IOException {
    socket.send(new DatagramPacket(request, request.length));
    byte[] buf = new byte[Math.min(cap, MAX_DATAGRAM)];
    DatagramPacket reply = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout(Connector.timeoutMillis(deadline, wait));
      socket.receive(reply);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buf, reply.getLength()));
  }

  @Override
  public void close() {
    socket.close();
  }
}
