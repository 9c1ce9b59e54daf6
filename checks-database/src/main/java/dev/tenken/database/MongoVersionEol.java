package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.VulnerabilityCatalog;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.mongodb.version-eol}: the release branch {@code buildInfo} reports is past the
 * vendor's end of life (catalog {@code mongodb-catalog.json}: 3.0 to 6.0 as of 2026-11-27). A
 * supported branch is the PASS, with its end date; a branch the catalog does not list (rapid
 * releases such as 8.1, Percona Server for MongoDB) and a server that refuses {@code buildInfo} are
 * SKIP. Stateless and thread-safe.
 */
final class MongoVersionEol implements Check {
  static final MongoVersionEol INSTANCE = new MongoVersionEol();

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.version-eol", "MongoDB runs a release branch past its end of life")
          .description(
              "The server's release branch no longer gets fixes from the vendor: security flaws"
                  + " found since its end of life (such as CVE-2025-14847 on 4.2 and older) stay"
                  + " open.")
          .remediation(
              "Upgrade to a supported release branch (7.0 or 8.0), one major version at a time"
                  + " as MongoDB requires.")
          .probe("OP_MSG hello, then buildInfo (allowed before a login)")
          .proof("the buildInfo version's branch has an end-of-life date in the past")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(
              Reference.url("https://www.mongodb.com/legal/support-policy/lifecycles"),
              Reference.cwe(1104))
          .tags("eol", "version", "mongodb")
          .build();

  private MongoVersionEol() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MongoServerInfo info;
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of())) {
      Optional<MongoServerInfo> read = MongoServerInfo.read(context, h.wire());
      if (read.isEmpty()) {
        return Outcome.skip("the server refused buildInfo before a login: version unknown");
      }
      info = read.get();
    }
    LocalDate today = context.today();
    Optional<VulnerabilityCatalog.EndOfLife> eol =
        MongoChecks.CATALOG.endOfLife(info.product(), info.version(), today);
    if (eol.isEmpty()) {
      return Outcome.skip(
          info.product()
              + " "
              + info.version()
              + ": the catalog has no end-of-life date for this branch");
    }
    VulnerabilityCatalog.EndOfLife e = eol.get();
    if (!e.past()) {
      return Outcome.pass(
          info.product()
              + " "
              + info.version()
              + " ("
              + MongoServerInfo.SOURCE
              + ") is in branch "
              + e.branch()
              + ", supported until "
              + e.date(),
          Map.of("version", info.version().toString(), "end of life", e.date().toString()));
    }
    return Outcome.fail(
        context
            .finding(endpoint)
            .title(
                "MongoDB "
                    + info.version()
                    + " is in branch "
                    + e.branch()
                    + ", past its end of life ("
                    + e.date()
                    + ")")
            .confidence(Confidence.FIRM)
            .key("eol " + e.branch())
            .evidence("version", info.version().toString())
            .evidence("version source", MongoServerInfo.SOURCE)
            .evidence("branch", e.branch())
            .evidence("end of life", e.date().toString())
            .build());
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
