package dev.tenken.database;

import dev.tenken.Check;
import java.util.List;

/**
 * The CouchDB checks, over HTTP on port 5984 (service {@code couchdb}, or {@code http} as
 * identification names it), plus one read-only EPMD request for CVE-2022-24706. Every HTTP request
 * is a {@code GET} on {@link SearchHttp}'s allow-list. Stateless.
 */
final class CouchDbChecks {
  private CouchDbChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        CouchDbAdminParty.INSTANCE,
        CouchDbAllDbsListable.INSTANCE,
        CouchDbCve201712635.INSTANCE,
        CouchDbCve202224706.INSTANCE);
  }
}
