package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.http.AuthChallenge;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code camera.http.basic-over-cleartext}: a camera or webcam page on plain HTTP asks for HTTP
 * Basic credentials and offers nothing better, so every viewer's password crosses the network
 * base64-encoded, readable by anyone on the path. Walks {@code /} and then the stream and snapshot
 * paths of {@link WebcamPaths} (at most {@value #MAX_REQUESTS} requests) to the first {@code 401}
 * with a challenge ({@link AuthChallenge}). It counts as a camera's when the realm or {@code
 * Server} header names camera software, or when a camera path asks for credentials while a random
 * path does not. Only Basic: FAIL; Digest offered, or the page came over TLS: PASS; nothing asks
 * for credentials: SKIP.
 */
final class WebcamBasicOverCleartext extends WebcamCheck {
  static final WebcamBasicOverCleartext INSTANCE = new WebcamBasicOverCleartext();

  /** Most requests before giving up on finding a page that asks for credentials. */
  static final int MAX_REQUESTS = 12;

  /** Words in a realm or Server header that name camera or webcam software. */
  private static final Pattern CAMERA_HINT =
      Pattern.compile(
          "(?i)cam|mjpg|mjpeg|motion|video|dvr|nvr|ipc|surveillance|axis|hikvision|dahua"
              + "|foscam|netwave|vivotek|zoneminder|ispy|agent dvr|yawcam|streamer");

  private WebcamBasicOverCleartext() {
    super(
        webcam(
                "camera.http.basic-over-cleartext",
                "Camera asks for HTTP Basic credentials over plain HTTP")
            .description(
                "A camera or webcam page on plain HTTP asks for credentials with HTTP Basic"
                    + " only: the browser or viewer then sends the user name and password"
                    + " base64-encoded (RFC 7617), not encrypted, with every request, and anyone on"
                    + " the network path can read them.")
            .remediation(
                "Serve the camera over HTTPS only, or switch its HTTP authentication to Digest"
                    + " (cameras: 'Digest' or 'Digest/Basic' in the security settings; Motion:"
                    + " webcontrol_auth_method and stream_auth_method 2); change any password that"
                    + " may have been sent with Basic over an untrusted network.")
            .probe(
                "GET without credentials of / and then the common camera stream and snapshot"
                    + " paths, at most "
                    + MAX_REQUESTS
                    + " requests, to the first HTTP 401; on a server that asks everywhere, one"
                    + " random path")
            .proof(
                "HTTP 401 on plain HTTP whose WWW-Authenticate offers Basic and no Digest, on a"
                    + " page a realm, Server header or camera path shows to be a camera's")
            .severity(Severity.MEDIUM)
            .safety(Safety.READ_ONLY)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .references(
                Reference.cwe(319),
                Reference.cwe(522),
                Reference.url("https://www.rfc-editor.org/rfc/rfc7617#section-4"))
            .tags("camera", "webcam", "cleartext")
            .build());
  }

  /** {@code /}, then the stream and snapshot paths, at most {@link #MAX_REQUESTS}. */
  static List<String> paths() {
    List<String> out = new ArrayList<>();
    out.add("/");
    WebcamPaths.STREAMS.stream()
        .map(WebcamPaths.Path::path)
        .filter(p -> !out.contains(p))
        .forEach(out::add);
    WebcamPaths.SNAPSHOTS.stream()
        .map(WebcamPaths.Path::path)
        .filter(p -> !out.contains(p))
        .forEach(out::add);
    return List.copyOf(out.subList(0, Math.min(MAX_REQUESTS, out.size())));
  }

  @Override
  Outcome run(Endpoint endpoint, CheckContext context, WebcamHttp http) throws IOException {
    Map<String, Integer> statuses = new TreeMap<>();
    for (String path : paths()) {
      HttpReply reply = http.get(endpoint, path, WebcamHttp.STREAM_CAP);
      statuses.merge("HTTP " + reply.status(), 1, Integer::sum);
      List<AuthChallenge> challenges =
          reply.status() == 401
              ? AuthChallenge.parse(reply.headers("WWW-Authenticate"))
              : List.of();
      if (challenges.isEmpty()) {
        continue;
      }
      String offered =
          challenges.stream()
              .map(AuthChallenge::describe)
              .map(WebcamHttp::shown)
              .collect(Collectors.joining("; "));
      String request = "GET " + path + " -> HTTP 401";
      if (reply.tls().isPresent()) {
        return Outcome.pass(
            "the page asking for credentials is served over TLS",
            Map.of("request", request, "offered", offered));
      }
      String server = reply.header("Server").orElse("");
      String realms =
          challenges.stream().map(AuthChallenge::realm).collect(Collectors.joining(" "));
      boolean named = CAMERA_HINT.matcher(realms + " " + server).find();
      if (!named) {
        if (path.equals("/")) {
          continue; // any web server may protect its root: look for a camera path instead
        }
        HttpReply canary = http.canary(endpoint, WebcamHttp.STREAM_CAP);
        if (canary.status() == 401) {
          return Outcome.skip(
              "the whole server asks for credentials ("
                  + offered
                  + ") and nothing names camera software: not judged");
        }
      }
      boolean digest = challenges.stream().anyMatch(AuthChallenge::isDigest);
      boolean basic = challenges.stream().anyMatch(AuthChallenge::isBasic);
      if (digest || !basic) {
        return Outcome.pass(
            (digest ? "Digest is offered" : "no Basic challenge") + ": " + offered,
            Map.of("request", request, "offered", offered));
      }
      var f =
          context
              .finding(endpoint)
              .confidence(Confidence.CONFIRMED)
              .key(path)
              .evidence("request", request + " over plain HTTP")
              .evidence("offered", offered)
              .evidence("credentials", "sent base64-encoded with every request, not encrypted");
      if (!server.isEmpty()) {
        f.evidence("server", WebcamHttp.shown(server));
      }
      f.evidence(
          "camera",
          named
              ? "the realm or Server header names camera software"
              : "a camera path asks for credentials, a random path does not");
      return Outcome.fail(f.build());
    }
    return Outcome.skip(
        "no camera page asked for credentials on " + paths().size() + " paths (" + statuses + ")");
  }
}
