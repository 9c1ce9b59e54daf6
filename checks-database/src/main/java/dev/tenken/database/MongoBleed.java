package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.VersionVerdicts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code database.mongodb.cve-2025-14847-mongobleed}: CVE-2025-14847 ("MongoBleed"), judged by the
 * {@code buildInfo} version against the per-branch fixed releases of the vendor advisory
 * (SERVER-115508) and by whether the server negotiates zlib, the precondition of the flaw.
 *
 * <p>The handshake advertises {@code compression: ["zlib"]}; the server's reply lists the
 * compressors it accepts. Affected version with zlib accepted: FAIL, {@link Confidence#FIRM}.
 * Affected version without zlib (the vendor's workaround, or compression disabled): FAIL, {@link
 * Confidence#TENTATIVE}, saying the workaround is in effect. Fixed version: PASS. Branches the
 * advisory does not name and forks (Percona Server for MongoDB): SKIP. Nothing compressed is ever
 * sent and no server memory is read: the exploit (malformed OP_COMPRESSED messages) is out of scope
 * for this SDK. Stateless and thread-safe.
 */
final class MongoBleed implements Check {
  static final MongoBleed INSTANCE = new MongoBleed();

  static final String CVE = "CVE-2025-14847";

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(
              "database.mongodb.cve-2025-14847-mongobleed",
              "MongoDB is affected by CVE-2025-14847 (MongoBleed)")
          .description(
              "Mismatched length fields in zlib-compressed wire messages let an unauthenticated"
                  + " client read uninitialised heap memory of the server (credentials, keys,"
                  + " documents). Exploited in the wild (CISA KEV).")
          .remediation(
              "If you cannot upgrade at once, start mongod/mongos with a compressor list that"
                  + " omits zlib (net.compression.compressors: snappy,zstd or disabled).")
          .probe(
              "OP_MSG hello advertising compression [zlib], then buildInfo; never a compressed"
                  + " message")
          .proof(
              "buildInfo version below the fixed release of its branch (8.2.3, 8.0.17, 7.0.28,"
                  + " 6.0.27, 5.0.32, 4.4.30; 4.2, 4.0 and 3.6 have no fix); zlib in the hello"
                  + " reply's compression list raises the confidence to firm")
          .severity(Severity.HIGH)
          .safety(Safety.READ_ONLY)
          .countermeasure(Countermeasure.SOFTWARE_UPDATE)
          .services(MongoChecks.SERVICE)
          .ports(MongoChecks.PORTS)
          .references(
              Reference.cve(CVE),
              Reference.cwe(130),
              Reference.cwe(908),
              Reference.url("https://jira.mongodb.org/browse/SERVER-115508"))
          .tags("cve", "version", "kev", "mongodb")
          .build();

  private MongoBleed() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    MongoServerInfo info;
    boolean zlib;
    String offered;
    try (MongoWire.Handshake h = MongoWire.handshake(context, endpoint, List.of("zlib"))) {
      List<String> compressors = compressors(h.hello());
      zlib = compressors.contains("zlib");
      offered = compressors.isEmpty() ? "none" : String.join(", ", compressors);
      Optional<MongoServerInfo> read = MongoServerInfo.read(context, h.wire());
      if (read.isEmpty()) {
        return Outcome.skip("the server refused buildInfo before a login: version unknown");
      }
      info = read.get();
    }
    Outcome verdict =
        VersionVerdicts.assess(
            context,
            endpoint,
            MongoChecks.CATALOG,
            info.product(),
            info.version(),
            v -> v.id().equals(CVE),
            MongoServerInfo.SOURCE,
            zlib ? Confidence.FIRM : Confidence.TENTATIVE);
    String zlibText =
        zlib
            ? "accepted (hello advertising zlib was answered with compression: " + offered + ")"
            : "not accepted (hello advertising zlib was answered with compression: "
                + offered
                + "); the vendor workaround is in effect while this configuration lasts";
    if (verdict.status() == CheckResult.Status.FAIL) {
      List<Finding> findings = new ArrayList<>();
      for (Finding f : verdict.findings()) {
        findings.add(f.toBuilder().evidence("zlib compression", zlibText).build());
      }
      return Outcome.fail(findings);
    }
    if (verdict.status() == CheckResult.Status.PASS) {
      Map<String, String> evidence = new LinkedHashMap<>(verdict.evidence());
      evidence.put("version", info.version().toString());
      evidence.put("zlib compression", zlib ? "accepted" : "not accepted");
      return Outcome.pass(verdict.detail(), evidence);
    }
    return verdict;
  }

  /** The compressors the server's handshake reply accepts, lower case. */
  static List<String> compressors(Map<String, Object> hello) {
    List<String> out = new ArrayList<>();
    if (hello.get("compression") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && out.size() < 8) {
          out.add(MongoBson.shorten(s).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return DESCRIPTOR.id();
  }
}
