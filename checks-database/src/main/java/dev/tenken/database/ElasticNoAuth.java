package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.elasticsearch.no-auth}: the root document of Elasticsearch or OpenSearch is
 * readable without credentials, which means every API is (there is no per-path anonymous access by
 * default). A 401 with the product's challenge is the PASS. Stateless.
 */
final class ElasticNoAuth extends SearchCheck {
  static final ElasticNoAuth INSTANCE = new ElasticNoAuth();

  private ElasticNoAuth() {
    super(
        elastic(
                "database.elasticsearch.no-auth",
                "Elasticsearch/OpenSearch answers without authentication")
            .description(
                "The cluster answers its REST API without credentials: anyone who reaches the port"
                    + " can read, change and delete every index. Elasticsearch before 8.0 ships"
                    + " with security off unless it is configured; open clusters have been wiped"
                    + " and held to ransom in waves since 2017.")
            .remediation(
                "Turn security on (xpack.security.enabled: true with passwords for the built-in"
                    + " users, or the OpenSearch security plugin), require TLS, and keep port 9200"
                    + " off untrusted networks (bind to a private address, firewall allow-list).")
            .probe("GET / without credentials")
            .proof(
                "200 with a JSON root holding version.number and cluster_name (OpenSearch:"
                    + " version.distribution); a 401 with WWW-Authenticate is the PASS")
            .severity(Severity.HIGH)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.AUTHENTICATION)
            .references(
                Reference.cwe(306),
                Reference.url(
                    "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html"))
            .tags("no-auth", "elasticsearch", "opensearch", "http")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root) {
    switch (root.kind()) {
      case ELASTICSEARCH, OPENSEARCH -> {
        Finding.Builder f =
            context
                .finding(endpoint)
                .title(root.label() + " answers its REST API without authentication")
                .confidence(confidence(root, Confidence.CONFIRMED))
                .key("root")
                .evidence("request", "GET / without credentials")
                .evidence("status", String.valueOf(root.status()))
                .evidence("product", root.label())
                .evidence("recognised by", root.marker())
                .evidence("transport", root.tls() ? "HTTPS" : "plain HTTP");
        if (!root.clusterName().isEmpty()) {
          f.evidence("cluster_name", SearchJson.shown(root.clusterName()));
        }
        Optional<Version> v = root.version();
        if (root.kind() == SearchRoot.Kind.ELASTICSEARCH
            && v.isPresent()
            && SearchRoot.securityOffByDefault(v.get())) {
          f.evidence("note", "Elasticsearch before 8.0 runs with security off unless configured");
        }
        if (root.catchAll()) {
          f.evidence("catch-all", "this port answers 2xx to a random path");
        }
        return Outcome.fail(f.build());
      }
      case SEARCH_SECURED -> {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("status", String.valueOf(root.status()));
        details.put("WWW-Authenticate", root.challenge());
        details.put("recognised by", root.marker());
        details.put("transport", root.tls() ? "HTTPS" : "plain HTTP");
        return Outcome.pass(
            "GET / answered "
                + root.status()
                + (root.challenge().isEmpty()
                    ? ""
                    : " (WWW-Authenticate: " + root.challenge() + ")")
                + (root.tls() ? " over HTTPS" : "")
                + ": "
                + root.label()
                + " requires authentication",
            details);
      }
      default -> {
        return Outcome.skip(root.notApplicable("Elasticsearch or OpenSearch"));
      }
    }
  }
}
