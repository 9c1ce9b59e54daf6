package dev.tenken.database;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code database.elasticsearch.cluster-info-exposure}: cluster health and the nodes' internal
 * addresses, versions and operating systems are readable without credentials. The node request is
 * filtered server-side ({@code filter_path}) to those fields, so the reply stays small. Stateless.
 */
final class ElasticClusterInfoExposure extends SearchCheck {
  static final ElasticClusterInfoExposure INSTANCE = new ElasticClusterInfoExposure();

  /** Nodes described in evidence. */
  static final int SHOWN = 10;

  private ElasticClusterInfoExposure() {
    super(
        elastic(
                "database.elasticsearch.cluster-info-exposure",
                "Elasticsearch/OpenSearch cluster topology readable without authentication")
            .description(
                "Cluster health and the node list disclose the cluster's size and state and each"
                    + " node's internal address, version and operating system: a map of the"
                    + " internal network and of the versions to attack.")
            .remediation(
                "Turn security on so that _cluster and _nodes need credentials, and keep the"
                    + " HTTP port off untrusted networks (network.host on a private address,"
                    + " firewall allow-list).")
            .probe(
                "GET /_cluster/health, then GET /_nodes?filter_path=nodes.*.ip,nodes.*.version,"
                    + "nodes.*.os.name,nodes.*.name")
            .proof("200 with cluster health or node addresses; 401/403 on both is the PASS")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(
                Reference.cwe(200),
                Reference.url(
                    "https://www.elastic.co/guide/en/elasticsearch/reference/current/cluster-nodes-info.html"))
            .tags(
                "exposure", "elasticsearch", "opensearch", "http", CheckDescriptor.TAG_MARKER_BASED)
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root)
      throws IOException {
    if (!root.isSearch()) {
      return Outcome.skip(root.notApplicable("Elasticsearch or OpenSearch"));
    }
    HttpReply health = http.get(endpoint, root, SearchHttp.CLUSTER_HEALTH);
    HttpReply nodes = http.get(endpoint, root, SearchHttp.NODES);
    if (refused(health) && refused(nodes)) {
      return Outcome.pass(
          refusal("/_cluster/health", health) + "; " + refusal("/_nodes", nodes),
          Map.of(
              "_cluster/health", String.valueOf(health.status()),
              "_nodes", String.valueOf(nodes.status())));
    }
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(confidence(root, Confidence.CONFIRMED))
            .key("topology");
    boolean exposed = false;
    List<String> parts = new ArrayList<>();
    if (health.status() == 200) {
      JsonNode h = SearchJson.parse(health, "GET /_cluster/health");
      if (h.isObject() && (h.has("status") || h.has("number_of_nodes"))) {
        exposed = true;
        f.evidence("cluster health", "GET /_cluster/health answered 200");
        SearchJson.text(h, "cluster_name")
            .ifPresent(c -> f.evidence("cluster_name", SearchJson.shown(c)));
        SearchJson.text(h, "status").ifPresent(s -> f.evidence("status", SearchJson.shown(s)));
        JsonNode n = h.get("number_of_nodes");
        if (n != null && n.isNumber()) {
          f.evidence("number_of_nodes", n.asText());
        }
        parts.add("cluster health");
      }
    }
    if (nodes.status() == 200) {
      JsonNode body = SearchJson.parse(nodes, "GET /_nodes");
      JsonNode map = body.get("nodes");
      if (map != null && !map.isObject()) {
        throw new ProtocolException("GET /_nodes: 'nodes' is not an object");
      }
      if (map != null && map.size() > 0) {
        exposed = true;
        List<String> described = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        Iterator<JsonNode> it = map.elements();
        while (it.hasNext()) {
          JsonNode node = it.next();
          String ip = SearchJson.text(node, "ip").orElse("?");
          addresses.add(ip);
          if (described.size() < SHOWN) {
            described.add(
                ip
                    + " ("
                    + SearchJson.text(node, "name").map(SearchJson::shown).orElse("?")
                    + ", "
                    + SearchJson.text(node, "version").map(SearchJson::shown).orElse("?")
                    + ", "
                    + SearchJson.text(node.path("os"), "name").map(SearchJson::shown).orElse("?")
                    + ")");
          }
        }
        f.evidence("nodes", String.valueOf(map.size()));
        f.evidence("node addresses", SearchJson.list(addresses, SHOWN));
        f.evidence("node details", String.join("; ", described));
        parts.add(map.size() + " node address(es)");
      }
    }
    if (!exposed) {
      return Outcome.error(
          "neither GET /_cluster/health ("
              + health.status()
              + ") nor GET /_nodes ("
              + nodes.status()
              + ") answered cluster data or a refusal");
    }
    f.title(root.label() + " discloses " + String.join(" and ", parts) + " without authentication");
    return Outcome.fail(f.build());
  }
}
