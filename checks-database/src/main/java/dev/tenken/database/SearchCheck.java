package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Endpoint;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/**
 * The frame of every Elasticsearch, OpenSearch and CouchDB check: one {@link SearchHttp} per run,
 * the shared {@link SearchRoot} of the port first, then the check's own requests. The checks run on
 * their own service ({@code elasticsearch}, {@code couchdb}) and on {@code http}, since
 * identification names any HTTP port {@code http}; the root tells them whether the port is theirs.
 * Subclasses are stateless and thread-safe.
 */
abstract class SearchCheck implements Check {
  private final CheckDescriptor descriptor;

  SearchCheck(CheckDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A descriptor builder for an Elasticsearch/OpenSearch check: services and port 9200. */
  static CheckDescriptor.Builder elastic(String id, String title) {
    return CheckDescriptor.builder(id, title).services("elasticsearch", "http").ports(9200);
  }

  /** A descriptor builder for a CouchDB check: services and port 5984. */
  static CheckDescriptor.Builder couch(String id, String title) {
    return CheckDescriptor.builder(id, title).services("couchdb", "http").ports(5984);
  }

  @Override
  public final CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    try (SearchHttp http = SearchHttp.of(context)) {
      SearchRoot root = SearchRoot.of(context, http, endpoint);
      return run(endpoint, context, http, root);
    }
  }

  /** The check proper, once the port's root is known. */
  abstract Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root)
      throws IOException;

  /** {@code normal}, or TENTATIVE when the port answers any path (a honeypot, a soft-404). */
  static Confidence confidence(SearchRoot root, Confidence normal) {
    return root.catchAll() ? Confidence.TENTATIVE : normal;
  }

  /** Whether a reply refuses an anonymous caller. */
  static boolean refused(HttpReply reply) {
    return reply.status() == 401 || reply.status() == 403;
  }

  /** "GET /x answered 401 Unauthorized (WWW-Authenticate: ...): <body excerpt>". */
  static String refusal(String path, HttpReply reply) {
    StringBuilder b = new StringBuilder("GET ").append(path).append(" answered ");
    b.append(reply.status());
    if (!reply.reason().isEmpty()) {
      b.append(' ').append(SearchJson.shown(reply.reason()));
    }
    String challenge = String.join(", ", reply.headers("WWW-Authenticate"));
    if (!challenge.isEmpty()) {
      b.append(" (WWW-Authenticate: ").append(SearchJson.shown(challenge)).append(')');
    }
    String body = reply.bodyText().strip();
    if (!body.isEmpty()) {
      b.append(": ").append(SearchJson.shown(body));
    }
    return b.toString();
  }
}
