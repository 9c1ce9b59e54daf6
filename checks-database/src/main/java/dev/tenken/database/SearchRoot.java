package dev.tenken.database;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity.Attribute;
import dev.tenken.Endpoint;
import dev.tenken.Version;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.HostFacts;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What answers {@code GET /} on an HTTP port, as far as the Elasticsearch, OpenSearch and CouchDB
 * checks care: computed once per host and port and shared through {@link HostFacts} (key {@code
 * http.root@<port>}), so the checks on one port send one root request between them, and the
 * catch-all canary only when the root looks like one of these products. Immutable.
 *
 * <p>Recognised:
 *
 * <ul>
 *   <li>Elasticsearch: 200 with a JSON object holding {@code version.number} and {@code
 *       cluster_name} or the tagline {@code "You Know, for Search"}.
 *   <li>OpenSearch: the same shape with {@code version.distribution: "opensearch"}; never treated
 *       as Elasticsearch.
 *   <li>Elasticsearch or OpenSearch with security on: 401 with {@code WWW-Authenticate: Basic
 *       realm="security"} (Elasticsearch), a {@code security_exception} error body, or {@code
 *       realm="OpenSearch Security"}.
 *   <li>CouchDB: 200 with {@code {"couchdb":"Welcome","version":...}}, or any answer whose {@code
 *       Server} header is {@code CouchDB/<version>} (a server with {@code require_valid_user}
 *       answers 401 to everything).
 * </ul>
 *
 * Anything else is {@link Kind#OTHER}: the checks then SKIP. A body that does not start like a JSON
 * object is not parsed at all; one that does and is malformed is a {@link
 * dev.tenken.spi.ProtocolException}.
 *
 * @param kind what the port is
 * @param status the HTTP status of {@code GET /}
 * @param product {@code elasticsearch}, {@code opensearch}, {@code couchdb} or empty
 * @param versionText the version as reported, or empty
 * @param versionSource where the version was read ({@code "GET / version.number"})
 * @param clusterName Elasticsearch's {@code cluster_name}, or empty
 * @param marker what identified the product, for evidence
 * @param challenge the {@code WWW-Authenticate} header of a 401, or empty
 * @param catchAll whether the port answers 2xx to a random path (asked only for recognised ports)
 * @param tls whether the port speaks HTTPS (Elasticsearch 8 enables TLS on its HTTP layer by
 *     default): tried when plain HTTP got no valid answer
 */
record SearchRoot(
    Kind kind,
    int status,
    String product,
    String versionText,
    String versionSource,
    String clusterName,
    String marker,
    String challenge,
    boolean catchAll,
    boolean tls) {

  /** What a port is. */
  enum Kind {
    /** Elasticsearch, root readable without credentials. */
    ELASTICSEARCH,
    /** OpenSearch, root readable without credentials. */
    OPENSEARCH,
    /** Elasticsearch or OpenSearch refusing anonymous requests (401 with its challenge). */
    SEARCH_SECURED,
    /** CouchDB. */
    COUCHDB,
    /** Neither. */
    OTHER
  }

  static final String ES_TAGLINE = "You Know, for Search";

  private static final FactKey<SearchRoot> KEY = new FactKey<>("http.root", SearchRoot.class);

  private static final Pattern COUCH_SERVER =
      Pattern.compile("CouchDB/(\\d+(?:\\.\\d+){0,3}(?:[-.][A-Za-z0-9]+)?)");

  /**
   * The root of {@code endpoint}'s port, computed on first use by this host's checks.
   *
   * @throws IOException when {@code GET /} fails or answers malformed JSON
   */
  static SearchRoot of(CheckContext context, SearchHttp http, Endpoint endpoint)
      throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              KEY.perPort(endpoint.port()),
              () -> {
                try {
                  return probe(context, http, endpoint);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static SearchRoot probe(CheckContext context, SearchHttp http, Endpoint endpoint)
      throws IOException {
    boolean tls = false;
    HttpReply reply;
    try {
      reply = http.get(endpoint, SearchHttp.ROOT, false);
    } catch (ProtocolException | SocketException plain) {
      if (plain instanceof ConnectException) {
        throw plain;
      }
      // No valid HTTP answer: an HTTPS-only port (Elasticsearch 8's default) closes plain HTTP.
      try {
        reply = http.get(endpoint, SearchHttp.ROOT, true);
        tls = true;
      } catch (IOException overTls) {
        plain.addSuppressed(overTls);
        throw plain;
      }
    }
    SearchRoot root = classify(reply);
    if (root.kind != Kind.OTHER) {
      root = root.with(http.isCatchAll(context, endpoint, tls), tls);
      root.identify(context.facts());
    } else if (tls) {
      root = root.with(false, true);
    }
    return root;
  }

  /** The classification of one reply to {@code GET /}; no catch-all canary. */
  static SearchRoot classify(HttpReply reply) throws IOException {
    int status = reply.status();
    String challenge = String.join(", ", reply.headers("WWW-Authenticate"));
    Optional<String> couchServer = reply.header("Server").flatMap(SearchRoot::couchVersion);
    JsonNode json = looksLikeObject(reply) ? SearchJson.parse(reply, "GET /") : null;
    if (status == 200 && json != null && json.isObject()) {
      Optional<String> couch = SearchJson.text(json, "couchdb");
      Optional<String> couchVersion = SearchJson.text(json, "version");
      if (couch.isPresent() && couchVersion.isPresent()) {
        return new SearchRoot(
            Kind.COUCHDB,
            status,
            "couchdb",
            couchVersion.get(),
            "GET / version",
            "",
            "GET / {\"couchdb\":\"" + SearchJson.shown(couch.get()) + "\"}",
            "",
            false,
            false);
      }
      JsonNode version = json.get("version");
      Optional<String> number = SearchJson.text(version, "number");
      Optional<String> cluster = SearchJson.text(json, "cluster_name");
      Optional<String> tagline = SearchJson.text(json, "tagline");
      if (number.isPresent()
          && (cluster.isPresent() || tagline.filter(ES_TAGLINE::equals).isPresent())) {
        boolean open =
            SearchJson.text(version, "distribution")
                .filter(d -> d.toLowerCase(Locale.ROOT).equals("opensearch"))
                .isPresent();
        String marker =
            open
                ? "version.distribution \"opensearch\""
                : tagline
                    .map(t -> "tagline \"" + SearchJson.shown(t) + "\"")
                    .orElse("version.number and cluster_name");
        return new SearchRoot(
            open ? Kind.OPENSEARCH : Kind.ELASTICSEARCH,
            status,
            open ? "opensearch" : "elasticsearch",
            number.get(),
            "GET / version.number",
            cluster.orElse(""),
            marker,
            "",
            false,
            false);
      }
    }
    if (couchServer.isPresent()) {
      return new SearchRoot(
          Kind.COUCHDB,
          status,
          "couchdb",
          couchServer.get(),
          "Server header",
          "",
          "Server: CouchDB/" + SearchJson.shown(couchServer.get()),
          SearchJson.shown(challenge),
          false,
          false);
    }
    if (status == 401) {
      String lower = challenge.toLowerCase(Locale.ROOT);
      boolean esBody =
          json != null && json.path("error").path("type").asText("").equals("security_exception");
      if (lower.contains("realm=\"opensearch security\"")) {
        return secured(
            "opensearch", status, challenge, "WWW-Authenticate realm OpenSearch Security");
      }
      if (lower.contains("realm=\"security\"") || esBody) {
        return secured(
            "elasticsearch",
            status,
            challenge,
            esBody ? "error type security_exception" : "WWW-Authenticate realm \"security\"");
      }
    }
    return new SearchRoot(
        Kind.OTHER, status, "", "", "", "", describeOther(reply, json), "", false, false);
  }

  private static SearchRoot secured(String product, int status, String challenge, String marker) {
    return new SearchRoot(
        Kind.SEARCH_SECURED,
        status,
        product,
        "",
        "",
        "",
        marker,
        SearchJson.shown(challenge),
        false,
        false);
  }

  private static String describeOther(HttpReply reply, @Nullable JsonNode json) {
    String what =
        json == null
            ? "no JSON object"
            : json.isObject() ? "a JSON object without version.number/cluster_name" : "JSON";
    return "GET / answered " + reply.status() + " with " + what;
  }

  private static boolean looksLikeObject(HttpReply reply) {
    byte[] body = reply.body();
    for (byte b : body) {
      if (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
        continue;
      }
      return b == '{';
    }
    return false;
  }

  private static Optional<String> couchVersion(String server) {
    Matcher m = COUCH_SERVER.matcher(server);
    return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private SearchRoot with(boolean catchAllValue, boolean tlsValue) {
    return new SearchRoot(
        kind,
        status,
        product,
        versionText,
        versionSource,
        clusterName,
        marker,
        challenge,
        catchAllValue,
        tlsValue);
  }

  /** Whether the product is Elasticsearch or OpenSearch, with or without security. */
  boolean isSearch() {
    return kind == Kind.ELASTICSEARCH || kind == Kind.OPENSEARCH || kind == Kind.SEARCH_SECURED;
  }

  /** Whether the Elasticsearch or OpenSearch root was readable without credentials. */
  boolean isSearchReadable() {
    return kind == Kind.ELASTICSEARCH || kind == Kind.OPENSEARCH;
  }

  /** The parsed version, when one was reported. */
  Optional<Version> version() {
    return versionText.isEmpty() ? Optional.empty() : Version.parse(versionText);
  }

  /** "Elasticsearch 7.17.18", "OpenSearch 2.11.1", "CouchDB 3.3.3" or the product alone. */
  String label() {
    String name =
        switch (product) {
          case "elasticsearch" -> "Elasticsearch";
          case "opensearch" -> "OpenSearch";
          case "couchdb" -> "CouchDB";
          default -> "the server";
        };
    return versionText.isEmpty() ? name : name + " " + SearchJson.shown(versionText);
  }

  /** Why a check for {@code wanted} does not apply here. */
  String notApplicable(String wanted) {
    return "not " + wanted + ": " + (kind == Kind.OTHER ? marker : label() + " (" + marker + ")");
  }

  private void identify(HostFacts facts) {
    if (product.isEmpty()) {
      return;
    }
    String source = "HTTP " + (versionSource.isEmpty() ? "GET / " + status : versionSource);
    facts.identify(Attribute.DEVICE_CLASS, "database", source, Confidence.FIRM);
    facts.identify(Attribute.PRODUCT, product, source, Confidence.FIRM);
    Optional<Version> v = version();
    if (v.isPresent()) {
      String normalized = v.get().normalized();
      Confidence c = versionSource.equals("Server header") ? Confidence.TENTATIVE : Confidence.FIRM;
      facts.identify(Attribute.VERSION, normalized, source, c);
      facts.identify(Attribute.CPE, cpe(product, normalized), source, c);
    }
    if (!clusterName.isEmpty()) {
      facts.identify(
          Attribute.NAME,
          SearchJson.shown(clusterName),
          "HTTP GET / cluster_name",
          Confidence.FIRM);
    }
  }

  /** A CPE 2.3 name: Elastic's, the OpenSearch project's or Apache's vendor prefix. */
  static String cpe(String product, String version) {
    String vendor =
        switch (product) {
          case "elasticsearch" -> "elastic";
          case "opensearch" -> "amazon";
          case "couchdb" -> "apache";
          default -> product;
        };
    return "cpe:2.3:a:" + vendor + ":" + product + ":" + version + ":*:*:*:*:*:*:*";
  }

  /** Versions that default to security off (Elasticsearch before 8.0). */
  static boolean securityOffByDefault(Version v) {
    return v.isBefore(Version.of("8.0.0"));
  }
}
