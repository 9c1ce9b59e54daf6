package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way the Elasticsearch, OpenSearch and CouchDB checks talk HTTP: {@code GET} of a path on
 * a fixed allow-list (and of the random catch-all canary path), without credentials, following no
 * redirects. Everything else is refused with {@link IllegalArgumentException} before any traffic,
 * so no check can write, read documents or send an exploit (CouchDB's CVE-2017-12635 {@code PUT},
 * an Elasticsearch {@code _search}). Not thread-safe beyond what {@link HttpProbe} is; one check
 * uses one instance and closes it.
 */
final class SearchHttp implements AutoCloseable {
  /** The root document: product, version, cluster name. */
  static final String ROOT = "/";

  /** Index names, document counts and sizes: metadata only, never documents. */
  static final String CAT_INDICES = "/_cat/indices?format=json&h=index,docs.count,store.size";

  /** Cluster name, status and node counts. */
  static final String CLUSTER_HEALTH = "/_cluster/health";

  /** Each node's address, version and operating system, filtered server-side. */
  static final String NODES =
      "/_nodes?filter_path=nodes.*.ip,nodes.*.version,nodes.*.os.name,nodes.*.name";

  /** CouchDB: who the anonymous caller is ({@code userCtx}). */
  static final String SESSION = "/_session";

  /** CouchDB: the database names. */
  static final String ALL_DBS = "/_all_dbs";

  /** Every path that may ever be requested. */
  static final Set<String> ALLOWED =
      Set.of(ROOT, CAT_INDICES, CLUSTER_HEALTH, NODES, SESSION, ALL_DBS);

  /** The catch-all canary: a random path that no server knows. */
  private static final Pattern CANARY =
      Pattern.compile(Pattern.quote(HttpProbe.CANARY_PREFIX) + "[0-9a-f]{16}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpProbe probe;

  private SearchHttp(HttpProbe probe) {
    this.probe = probe;
  }

  /** A client sending through {@code context}'s HTTP probe. */
  static SearchHttp of(CheckContext context) {
    return new SearchHttp(HttpProbe.of(context));
  }

  /**
   * {@code GET path} with {@code Accept: application/json}.
   *
   * @throws IllegalArgumentException when {@code path} is not on {@link #ALLOWED}; nothing is sent
   * @throws IOException as {@link HttpProbe#send} does
   */
  HttpReply get(Endpoint endpoint, String path) throws IOException {
    return probe.send(endpoint, request(path));
  }

  /** {@link #get(Endpoint, String)} over TLS or plain HTTP as {@code root} found the port. */
  HttpReply get(Endpoint endpoint, SearchRoot root, String path) throws IOException {
    return get(endpoint, path, root.tls());
  }

  /** {@link #get(Endpoint, String)} over TLS when {@code tls}, else plain HTTP. */
  HttpReply get(Endpoint endpoint, String path, boolean tls) throws IOException {
    return probe.send(endpoint, request(path).withTls(tls));
  }

  /**
   * The request for {@code path}, the single place where what may be sent is decided.
   *
   * @throws IllegalArgumentException when {@code path} is not on {@link #ALLOWED}
   */
  static HttpRequest request(String path) {
    if (!ALLOWED.contains(path) && !CANARY.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "refused: "
              + SearchJson.shown(path)
              + " is not on the read-only allow-list of the Elasticsearch/CouchDB checks");
    }
    return HttpRequest.get(path).withHeader("Accept", "application/json");
  }

  /**
   * Whether the port answers success to a random path; see {@link HttpProbe#isCatchAll}, whose
   * shared result is used over plain HTTP. Over TLS (which that canary cannot choose) this sends
   * the same kind of canary itself and records the answer under the same fact.
   */
  boolean isCatchAll(CheckContext context, Endpoint endpoint, boolean tls) throws IOException {
    if (!tls) {
      return probe.isCatchAll(endpoint);
    }
    String path = HttpProbe.CANARY_PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong());
    boolean catchAll = get(endpoint, path, true).isSuccess();
    context.facts().put(FactKey.HTTP_CATCH_ALL.perPort(endpoint.port()), catchAll);
    return catchAll;
  }

  @Override
  public void close() {
    probe.close();
  }
}
