package dev.tenken.database;

import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code INFO server} without {@code AUTH} showed: the first thing most Redis checks ask.
 * Immutable.
 *
 * @param state whether the server answered, and if not, why
 * @param reply the reply, shortened and printable, for evidence
 * @param info the parsed fields when {@link State#OPEN}
 */
record RedisAccess(State state, String reply, @Nullable RedisInfo info) {

  /** How the server answered {@code INFO server} without credentials. */
  enum State {
    /** It answered with its INFO: no authentication. */
    OPEN,
    /** {@code -NOAUTH}: a password is required. */
    NOAUTH,
    /** {@code -DENIED}: protected mode refused this client. */
    DENIED,
    /** {@code -NOPERM}: the default user may connect but not run INFO. */
    NOPERM,
    /** Another error. */
    OTHER_ERROR
  }

  /** Longest reply excerpt kept for evidence. */
  static final int EXCERPT = 200;

  /**
   * Sends {@code INFO server} and classifies the reply; reports the identity when readable.
   *
   * @throws ProtocolException when the reply is neither INFO text nor an error
   */
  static RedisAccess probe(RedisClient client, CheckContext context) throws IOException {
    RespValue reply = client.call("INFO", "server");
    if (reply instanceof RespValue.BulkString bulk && !bulk.isNull()) {
      RedisInfo info = RedisInfo.parse(bulk.text());
      if (!info.isInfo()) {
        throw new ProtocolException(
            "INFO server answered without a version field: " + reply.excerpt(80));
      }
      info.identify(context.facts());
      return new RedisAccess(State.OPEN, "INFO server readable", info);
    }
    if (reply instanceof RespValue.ErrorReply error) {
      State state =
          switch (error.code().toUpperCase(Locale.ROOT)) {
            case "NOAUTH" -> State.NOAUTH;
            case "DENIED" -> State.DENIED;
            case "NOPERM" -> State.NOPERM;
            default -> State.OTHER_ERROR;
          };
      return new RedisAccess(state, error.excerpt(EXCERPT), null);
    }
    throw new ProtocolException("unexpected reply to INFO server: " + reply.excerpt(80));
  }

  Optional<RedisInfo> readable() {
    return Optional.ofNullable(info);
  }

  /** Whether the reply proves that unauthenticated clients are refused. */
  boolean refused() {
    return state == State.NOAUTH || state == State.DENIED;
  }
}
