package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Credentials;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.Secret;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.CredentialAttempts;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * The one check class behind every row of {@link FlawRows}: a vendor flaw proved by a single
 * read-only {@code GET} and the row's markers. Stateless and thread-safe; one instance per row.
 *
 * <p>Steps: SKIP when the host's identity names another vendor (it runs when the identity names the
 * row's vendor or no vendor at all); the catch-all canary ({@link HttpProbe#isCatchAll}) and, on a
 * catch-all port, a second random path: when that shows the row's markers the port is not judged;
 * the row's {@code GET}. A reply proves the flaw when it is {@code 200}, its content type is one
 * the row allows and the body holds every marker. On a catch-all port the finding is at most {@link
 * Confidence#TENTATIVE} (the runner downgrades it too: the check is tagged {@link
 * CheckDescriptor#TAG_MARKER_BASED}). Secrets in the reply are counted per field and shown as
 * {@link Secret#MASK}, never read into the evidence.
 *
 * <p>The TBK row carries the public proof of concept's {@code Cookie: uid=admin}, a credential:
 * that row is a {@link Safety#CREDENTIAL_ATTEMPT} check. It reads the path without the cookie first
 * (a list served then is a finding on its own), then sends the cookie once through {@link
 * CredentialAttempts}, within the host's login budget, and never on a catch-all port.
 */
final class FlawCheck implements Check {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_FACT = 64;

  private final FlawRow row;
  private final CheckDescriptor descriptor;

  FlawCheck(FlawRow row) {
    this.row = row;
    CheckDescriptor.Builder b =
        CheckDescriptor.builder(row.id(), row.title())
            .description(row.description())
            .remediation(row.remediation())
            .probe(probeText(row))
            .proof(proofText(row))
            .severity(row.severity())
            .safety(row.safety())
            .countermeasure(row.countermeasure())
            .services("http", "https")
            .ports(80, 81, 88, 443, 8000, 8080)
            .tags(
                "camera",
                row.vendor().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""),
                CheckDescriptor.TAG_MARKER_BASED);
    row.references().forEach(r -> b.references(r));
    this.descriptor = b.build();
  }

  private static String probeText(FlawRow row) {
    String get = "GET " + row.path();
    if (row.cookie() != null) {
      get =
          get
              + " without credentials; when that answers 200 without the list, 401 or 403 (the"
              + " endpoint exists), the same GET once with Cookie: "
              + row.cookie()
              + " (a login attempt, within the host's budget, never on a catch-all port)";
    }
    return "the catch-all canary (a random path), then " + get + "; nothing else";
  }

  private static String proofText(FlawRow row) {
    return "HTTP 200"
        + (row.contentTypes().isEmpty()
            ? ""
            : ", Content-Type containing " + String.join(" or ", row.contentTypes()))
        + ", and the body holds all of: "
        + String.join(", ", row.markers())
        + (row.secrets().isEmpty()
            ? ""
            : "; secret fields ("
                + String.join(", ", row.secrets().stream().map(FlawRow.SecretField::name).toList())
                + ") are counted and masked, never shown");
  }

  FlawRow row() {
    return row;
  }

  @Override
  public CheckDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    Optional<DeviceIdentity.Fact> vendor =
        context.facts().identity().get(DeviceIdentity.Attribute.VENDOR);
    if (vendor.isPresent() && !row.isVendor(vendor.get().value())) {
      return Outcome.skip(
          "the device is "
              + vendor.get().value()
              + " ("
              + vendor.get().source()
              + "), not "
              + row.vendor());
    }
    try (HttpProbe http = HttpProbe.of(context)) {
      boolean catchAll = http.isCatchAll(endpoint);
      if (catchAll) {
        String canary = HttpProbe.CANARY_PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong());
        HttpReply other = http.get(endpoint, canary);
        if (proves(other)) {
          return Outcome.skip(
              "the port answers a random path with the markers of "
                  + row.id()
                  + ": a catch-all or honeypot, not judged");
        }
      }
      HttpReply reply = http.send(endpoint, HttpRequest.get(row.path()));
      if (proves(reply)) {
        return Outcome.fail(finding(endpoint, context, reply, catchAll, null));
      }
      if (reply.truncated()) {
        return Outcome.error(
            "the reply to GET "
                + row.pathOnly()
                + " was cut at "
                + reply.bodyLength()
                + " bytes without the markers: not judged");
      }
      if (row.cookie() == null) {
        return Outcome.pass(
            "GET " + row.pathOnly() + " -> " + describe(reply) + ": " + row.id() + " not shown",
            Map.of("status", String.valueOf(reply.status())));
      }
      return withCookie(endpoint, context, http, reply, catchAll);
    } catch (ProtocolException e) {
      return Outcome.error("the device's reply is not valid HTTP: " + e.getMessage());
    }
  }

  /** The row's cookie, once, as a login attempt: the differential proof of the TBK flaw. */
  private Outcome withCookie(
      Endpoint endpoint, CheckContext context, HttpProbe http, HttpReply without, boolean catchAll)
      throws IOException {
    String cookie = java.util.Objects.requireNonNull(row.cookie());
    // A login attempt costs the host's budget: spend it only where the endpoint exists.
    int status = without.status();
    if (status != 200 && status != 401 && status != 403) {
      return Outcome.pass(
          "GET "
              + row.pathOnly()
              + " -> "
              + describe(without)
              + ": no such endpoint, so the Cookie "
              + cookie
              + " was not tried",
          Map.of("status", String.valueOf(status)));
    }
    if (catchAll) {
      return Outcome.skip(
          "the port answers success to random paths: the Cookie "
              + cookie
              + " is not tried on a catch-all port");
    }
    HttpReply[] accepted = new HttpReply[1];
    int eq = cookie.indexOf('=');
    Credentials magic = Credentials.of(cookie.substring(eq + 1), "");
    CredentialAttempts.Result r =
        CredentialAttempts.run(
            context,
            List.of(magic),
            c -> {
              HttpReply reply =
                  http.send(
                      endpoint,
                      HttpRequest.builder("GET", row.path())
                          .purpose(HttpRequest.Purpose.LOGIN)
                          .header("Cookie", cookie.substring(0, eq + 1) + c.user())
                          .build());
              if (proves(reply)) {
                accepted[0] = reply;
                return CredentialAttempts.Verdict.ACCEPTED;
              }
              return CredentialAttempts.Verdict.REJECTED;
            });
    if (accepted[0] != null) {
      return Outcome.fail(finding(endpoint, context, accepted[0], false, describe(without)));
    }
    if (r.budgetSpent()) {
      return Outcome.skip(
          "the host's login budget is spent: the Cookie " + cookie + " was not tried");
    }
    return Outcome.pass(
        "GET "
            + row.pathOnly()
            + " -> "
            + describe(without)
            + " without credentials, and the Cookie "
            + cookie
            + " was refused: "
            + row.id()
            + " not shown",
        Map.of("status", String.valueOf(without.status())));
  }

  /** Whether a reply carries the row's proof: 200, an allowed content type, every marker. */
  boolean proves(HttpReply reply) {
    if (reply.status() != 200) {
      return false;
    }
    String type = reply.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!row.contentTypes().isEmpty() && row.contentTypes().stream().noneMatch(type::contains)) {
      return false;
    }
    String body = reply.bodyText();
    return row.markers().stream().allMatch(body::contains);
  }

  private Finding finding(
      Endpoint endpoint,
      CheckContext context,
      HttpReply reply,
      boolean catchAll,
      @Nullable String withoutCookie) {
    String body = reply.bodyText();
    Confidence confidence = catchAll ? Confidence.TENTATIVE : Confidence.CONFIRMED;
    String source = "HTTP " + row.pathOnly() + " (" + row.id() + ")";
    Finding.Builder f =
        context
            .finding(endpoint)
            .confidence(confidence)
            .key(row.id())
            .evidence(
                "request",
                "GET "
                    + row.path()
                    + (withoutCookie == null
                        ? " without credentials"
                        : " with Cookie: " + row.cookie()));
    if (withoutCookie != null) {
      f.evidence("without the cookie", withoutCookie);
    }
    f.evidence("reply", describe(reply)).evidence("markers", String.join(" + ", row.markers()));
    for (FlawRow.SecretField s : row.secrets()) {
      int n = count(s.pattern().matcher(body));
      f.evidence("secret " + s.name(), n + " value(s) read, shown as " + Secret.MASK);
    }
    Map<DeviceIdentity.Attribute, String> facts = identity(body);
    Confidence factConfidence = catchAll ? Confidence.TENTATIVE : Confidence.FIRM;
    context.facts().identify(DeviceIdentity.Attribute.VENDOR, row.vendor(), source, factConfidence);
    context
        .facts()
        .identify(DeviceIdentity.Attribute.DEVICE_CLASS, "camera", source, factConfidence);
    facts.forEach(
        (attribute, value) -> {
          context.facts().identify(attribute, value, source, factConfidence);
          f.evidence(attribute.name().toLowerCase(Locale.ROOT), value);
        });
    if (catchAll) {
      f.evidence("catch-all", "the port answers success to random paths: at most tentative");
    }
    return f.build();
  }

  /** The row's identity fields found in {@code body}, printable and bounded. */
  Map<DeviceIdentity.Attribute, String> identity(String body) {
    Map<DeviceIdentity.Attribute, List<String>> parts =
        new EnumMap<>(DeviceIdentity.Attribute.class);
    for (FlawRow.IdentityField field : row.identity()) {
      Matcher m = field.pattern().matcher(body);
      if (m.find()) {
        String v = clean(m.group(1));
        if (!v.isEmpty()) {
          parts.computeIfAbsent(field.attribute(), k -> new ArrayList<>()).add(v);
        }
      }
    }
    Map<DeviceIdentity.Attribute, String> out = new LinkedHashMap<>();
    parts.forEach((k, v) -> out.put(k, clean(String.join(" ", v))));
    return out;
  }

  private static String clean(String value) {
    String v = value.replaceAll("[^\\x20-\\x7e]", "").strip();
    return v.length() > MAX_FACT ? v.substring(0, MAX_FACT) : v;
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find() && n < 10_000) {
      n++;
    }
    return n;
  }

  /** {@code HTTP 200 (application/xml, 512 bytes)}, never the body. */
  static String describe(HttpReply reply) {
    String type = clean(reply.header("Content-Type").orElse("no content type"));
    return "HTTP "
        + reply.status()
        + " ("
        + type
        + ", "
        + reply.bodyLength()
        + " bytes"
        + (reply.truncated() ? ", cut at the read cap" : "")
        + ")";
  }
}
