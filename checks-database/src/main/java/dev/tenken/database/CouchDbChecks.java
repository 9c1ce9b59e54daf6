package dev.tenken.database;

import dev.tenken.Check;
import java.util.List;

/** The CouchDB checks. Stateless. */
final class CouchDbChecks {
  private CouchDbChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of();
  }
}
