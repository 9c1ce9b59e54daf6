package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.Version;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.elasticsearch.version-eol}: the Elasticsearch release branch is past Elastic's
 * end of maintenance, per {@code elasticsearch-catalog.json}. OpenSearch is recognised and skipped:
 * it has its own maintenance policy and is never judged by Elastic's dates. A branch the catalog
 * does not list (newer minors) is "unknown", not a guess. Stateless.
 *
 * <p>"Today" is the runner's clock ({@link CheckContext#today()}).
 */
final class ElasticVersionEol extends SearchCheck {
  static final ElasticVersionEol INSTANCE = new ElasticVersionEol();

  static final VulnerabilityCatalog CATALOG =
      VulnerabilityCatalog.fromResource(ElasticVersionEol.class, "elasticsearch-catalog.json");

  private ElasticVersionEol() {
    super(
        elastic(
                "database.elasticsearch.version-eol",
                "Elasticsearch release branch past its end of maintenance")
            .description(
                "The cluster runs an Elasticsearch branch that Elastic no longer maintains: no"
                    + " more security fixes. Branches before 8.0 also default to security off"
                    + " (no authentication, no TLS) unless configured, the setting behind most"
                    + " exposed clusters.")
            .remediation(
                "Upgrade to a maintained branch (see Elastic's end-of-life table) and check that"
                    + " security is on after the upgrade.")
            .probe("GET / (version.number), compared with the catalog's end-of-life dates")
            .proof("a version whose branch reached its end of maintenance before today")
            .severity(Severity.MEDIUM)
            .safety(Safety.PASSIVE)
            .countermeasure(Countermeasure.SOFTWARE_UPDATE)
            .references(Reference.cwe(1104), Reference.url("https://www.elastic.co/support/eol"))
            .tags("eol", "version", "elasticsearch", "http")
            .build());
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, SearchHttp http, SearchRoot root) {
    switch (root.kind()) {
      case OPENSEARCH -> {
        return Outcome.skip(
            root.label()
                + " is OpenSearch, a fork with its own maintenance policy: not judged by"
                + " Elastic's end-of-life dates, and the catalog holds none for OpenSearch");
      }
      case SEARCH_SECURED -> {
        return Outcome.skip(
            "the version is not readable without credentials (GET / answered "
                + root.status()
                + ")");
      }
      case ELASTICSEARCH -> {
        return judge(endpoint, context, root);
      }
      default -> {
        return Outcome.skip(root.notApplicable("Elasticsearch"));
      }
    }
  }

  private Outcome judge(Endpoint endpoint, CheckContext context, SearchRoot root) {
    Optional<Version> parsed = root.version();
    if (parsed.isEmpty()) {
      return Outcome.skip(
          "Elasticsearch reported no readable version ("
              + SearchJson.shown(root.versionText())
              + ")");
    }
    Version v = parsed.get();
    LocalDate today = context.today();
    Optional<VulnerabilityCatalog.EndOfLife> eol = CATALOG.endOfLife("elasticsearch", v, today);
    String date;
    String branch;
    if (eol.isPresent()) {
      if (!eol.get().past()) {
        return Outcome.pass(
            "Elasticsearch "
                + v.raw()
                + " (GET / version.number): branch "
                + eol.get().branch()
                + " is maintained until "
                + eol.get().date(),
            Map.of(
                "version", v.raw(),
                "branch", eol.get().branch(),
                "end of maintenance", eol.get().date().toString()));
      }
      date = eol.get().date().toString();
      branch = eol.get().branch();
    } else if (v.isBefore(Version.of("5.0.0"))) {
      date = "before 2019-03-11 (the end of 5.x, the oldest branch listed)";
      branch = v.branch(2);
    } else {
      return Outcome.skip(
          "Elasticsearch "
              + v.raw()
              + ": the catalog lists no end-of-life date for branch "
              + v.branch(2)
              + "; not guessed");
    }
    Finding.Builder f =
        context
            .finding(endpoint)
            .title("Elasticsearch " + v.raw() + " is on a branch past its end of maintenance")
            .confidence(confidence(root, Confidence.FIRM))
            .key("eol-" + branch)
            .evidence("version", v.raw())
            .evidence("version source", "GET / version.number")
            .evidence("branch", branch)
            .evidence("end of maintenance", date)
            .evidence("judged on", today.toString());
    if (SearchRoot.securityOffByDefault(v)) {
      f.evidence(
          "security default",
          "before 8.0 Elasticsearch runs without authentication or TLS unless configured");
    }
    return Outcome.fail(f.build());
  }
}
