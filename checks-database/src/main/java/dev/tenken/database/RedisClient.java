package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.TcpConnection;
import java.io.Closeable;
import java.io.IOException;

/**
 * A minimal RESP2 client over a {@link CheckContext} connection: sends commands the allow-list of
 * {@link RespCommand} admits and reads each reply with a bounded {@link RespReader}. The context
 * enforces scope, deadline and byte cap; this class adds the per-reply limits. Not thread-safe: one
 * client per check run.
 */
final class RedisClient implements Closeable {
  private final TcpConnection connection;
  private final RespReader reader;

  private RedisClient(TcpConnection connection, int readCap) {
    this.connection = connection;
    this.reader = new RespReader(connection.input(), readCap);
  }

  /**
   * Connects to {@code endpoint} through {@code context}.
   *
   * @throws IOException when the connection fails or is refused by scope
   */
  static RedisClient open(CheckContext context, Endpoint endpoint) throws IOException {
    return new RedisClient(context.connect(endpoint), context.readCap());
  }

  /**
   * Sends {@code name args...} and reads the reply.
   *
   * @throws IllegalArgumentException when the command is not on the allow-list (nothing is sent)
   * @throws dev.tenken.spi.ProtocolException when the reply is malformed or beyond a limit
   * @throws IOException when the connection fails or the deadline passes
   */
  RespValue call(String name, String... args) throws IOException {
    RespCommand command = RespCommand.of(name, args);
    connection.send(command.encode());
    return reader.read();
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
