package dev.tenken.database;

import dev.tenken.Check;
import java.util.List;

/**
 * The Elasticsearch and OpenSearch checks, over HTTP on port 9200 (service {@code elasticsearch},
 * or {@code http} as identification names it). Every request is a {@code GET} on {@link
 * SearchHttp}'s allow-list. Stateless.
 */
final class SearchChecks {
  private SearchChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        ElasticNoAuth.INSTANCE,
        ElasticIndicesListable.INSTANCE,
        ElasticClusterInfoExposure.INSTANCE,
        ElasticVersionEol.INSTANCE);
  }
}
