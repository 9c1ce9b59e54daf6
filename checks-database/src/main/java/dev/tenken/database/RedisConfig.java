package dev.tenken.database;

import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Reads one parameter with {@code CONFIG GET}. Stateless. */
final class RedisConfig {
  private RedisConfig() {}

  /**
   * The value of {@code parameter}; empty when CONFIG is renamed, blocked by ACL or the parameter
   * is unknown to this server.
   *
   * @throws ProtocolException when the reply is not a CONFIG GET reply
   */
  static Optional<String> get(RedisClient client, String parameter) throws IOException {
    return value(client.call("CONFIG", "GET", parameter), parameter);
  }

  /**
   * The value of {@code parameter} in a reply to {@code CONFIG GET}; empty for an error reply or
   * when the parameter is absent.
   *
   * @throws ProtocolException when the reply is not a CONFIG GET reply
   */
  static Optional<String> value(RespValue reply, String parameter) throws ProtocolException {
    if (reply instanceof RespValue.ErrorReply) {
      return Optional.empty();
    }
    if (!(reply instanceof RespValue.ArrayReply array)) {
      throw new ProtocolException("unexpected reply to CONFIG GET: " + reply.excerpt(80));
    }
    List<RespValue> items = array.items();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      if (items.get(i) instanceof RespValue.BulkString name
          && name.text().equalsIgnoreCase(parameter)
          && items.get(i + 1) instanceof RespValue.BulkString value
          && !value.isNull()) {
        return Optional.of(value.text());
      }
    }
    return Optional.empty();
  }
}
