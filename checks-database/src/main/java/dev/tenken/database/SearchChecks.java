package dev.tenken.database;

import dev.tenken.Check;
import java.util.List;

/** The Elasticsearch and OpenSearch checks. Stateless. */
final class SearchChecks {
  private SearchChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }
}
