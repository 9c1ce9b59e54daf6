package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/**
 * The shape of every Redis check: one connection through the context, the check's exchange, then
 * close. No {@code QUIT}: Redis asks clients to just close the connection (the command is
 * deprecated since 7.2), and waiting for its {@code +OK} cost every check a round trip. Subclasses
 * are stateless and thread-safe.
 */
abstract class RedisCheck implements Check {
  /** Where the Redis security model and protected mode are documented. */
  static final Reference SECURITY_DOC =
      Reference.url("https://redis.io/docs/latest/operate/oss_and_stack/management/security/");

  private final CheckDescriptor descriptor;

  RedisCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder for {@code database.redis.<name>} on service {@code redis}, port 6379. */
  static CheckDescriptor.Builder redis(String name, String title) {
    return CheckDescriptor.builder("database.redis." + name, title)
        .services("redis")
        .ports(6379)
        .tags("redis", "database");
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (RedisClient client = RedisClient.open(context, endpoint)) {
      return run(endpoint, context, client);
    }
  }

  /** The check's exchange on an open connection. */
  abstract Outcome run(Endpoint endpoint, CheckContext context, RedisClient client)
      throws IOException;

  /** SKIP saying that {@code what} needs a server readable without credentials. */
  static Outcome needsAccess(RedisAccess access, String what) {
    return Outcome.skip(
        what
            + " needs a server that answers without credentials; INFO server answered "
            + access.reply());
  }

  @Override
  public String toString() {
    return descriptor.id();
  }
}
