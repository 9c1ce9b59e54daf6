package dev.tenken.database;

import dev.tenken.Check;
import java.util.List;

/** The Redis checks (and forks: Valkey, KeyDB). Stateless. */
final class RedisChecks {
  private RedisChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }
}
