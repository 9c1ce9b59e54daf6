package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.http.HttpProbe;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.WebcamSimulator;
import dev.tenken.test.sim.WebcamSimulator.Hostile;
import dev.tenken.test.sim.WebcamSimulator.Product;
import dev.tenken.test.sim.WebcamSimulator.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webcam checks against {@link WebcamSimulator}: mjpg-streamer, webcamXP, Motion and an
 * unbranded IP camera, open, behind Basic, behind Digest and locked; a catch-all that answers every
 * path with a JPEG; and hostile servers. Paths and markers the simulator serves are written there,
 * independently of the checks' tables.
 */
class WebcamChecksTest {
  static final String STREAM = "camera.mjpeg.unauthenticated-stream";
  static final String SNAPSHOT = "camera.snapshot.unauthenticated";
  static final String CONTROL = "camera.webcam.control-page-open";
  static final String BASIC = "camera.http.basic-over-cleartext";

  private final List<WebcamSimulator> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(WebcamSimulator::close);
  }

  private WebcamSimulator keep(WebcamSimulator s) {
    servers.add(s);
    return s;
  }

  private String url(Product product, Variant variant) {
    return keep(WebcamSimulator.start(product, variant)).target();
  }

  private CheckContract contract(Check check, List<Product> vulnerable, Variant bad, Variant good) {
    CheckContract c = CheckContract.of(check);
    for (Product p : vulnerable) {
      c.vulnerable(url(p, bad));
    }
    for (Product p : Product.values()) {
      c.hardened(url(p, good));
    }
    return c;
  }

  // --- the contract kit, per check ------------------------------------------------------------

  @Test
  void streamContract() {
    contract(
            MjpegUnauthenticatedStream.INSTANCE,
            List.of(Product.values()),
            Variant.OPEN,
            Variant.LOCKED)
        .verify();
  }

  @Test
  void snapshotContract() {
    contract(
            SnapshotUnauthenticated.INSTANCE,
            List.of(Product.MJPG_STREAMER, Product.WEBCAMXP, Product.IP_CAMERA),
            Variant.OPEN,
            Variant.LOCKED)
        .verify();
  }

  @Test
  void controlPageContract() {
    CheckContract c = CheckContract.of(WebcamControlPageOpen.INSTANCE);
    for (Product p : List.of(Product.MJPG_STREAMER, Product.WEBCAMXP, Product.MOTION)) {
      c.vulnerable(url(p, Variant.OPEN)).hardened(url(p, Variant.LOCKED));
    }
    c.verify();
  }

  @Test
  void basicOverCleartextContract() {
    contract(
            WebcamBasicOverCleartext.INSTANCE,
            List.of(Product.values()),
            Variant.BASIC,
            Variant.DIGEST)
        .verify();
  }

  @Test
  void declarationsPassTheKit() {
    CheckContract.verifyIds(new CheckSet(WebcamChecks.ALL, WebcamChecks.PROBES));
    assertThat(WebcamChecks.ALL)
        .extracting(Check::id)
        .containsExactly(STREAM, SNAPSHOT, CONTROL, BASIC);
  }

  // --- evidence and the endless stream ---------------------------------------------------------

  @Test
  void theEndlessStreamIsReadOnlyUpToTheCapAndClosed() throws Exception {
    WebcamSimulator cam = keep(WebcamSimulator.start(Product.MJPG_STREAMER, Variant.OPEN));
    TargetResult r = scan(cam.target(), STREAM);
    Finding f = single(r, STREAM);
    // "--boundary\r\n", the part's Content-Type and Content-Length lines, the blank line.
    int firstPart =
        ("--"
                + WebcamSimulator.BOUNDARY
                + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + WebcamSimulator.jpegBytes().length
                + "\r\n\r\n")
            .length();
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("request", "GET /?action=stream -> HTTP 200")
        .containsEntry("first part", "JPEG (FF D8 FF) at byte " + firstPart + ", image not kept")
        .containsEntry("read", WebcamHttp.STREAM_CAP + " bytes read (then closed)");
    assertThat(f.evidence().get("content type")).startsWith("multipart/x-mixed-replace");
    assertThat(r.identity().value(DeviceIdentity.Attribute.DEVICE_CLASS)).contains("camera");
    // The simulator saw the client go away: the stream ended, having sent a few KiB only.
    for (int i = 0; i < 100 && cam.streamsEnded() < cam.streamsOpened(); i++) {
      Thread.sleep(20);
    }
    assertThat(cam.streamsOpened()).isEqualTo(1);
    assertThat(cam.streamsEnded()).isEqualTo(1);
    assertThat(cam.bytesSent()).isLessThan(512L * 1024);
    // One stream path, and the catch-all canary: nothing else was asked for.
    assertThat(cam.paths()).hasSize(2).startsWith("/?action=stream");
    assertThat(cam.paths().get(1)).startsWith(HttpProbe.CANARY_PREFIX);
  }

  @Test
  void eachProductIsFoundOnItsOwnStreamPath() throws Exception {
    String[][] expected = {
      {"MJPG_STREAMER", "/?action=stream"},
      {"WEBCAMXP", "/cam_1.cgi"},
      {"MOTION", "/stream"},
      {"IP_CAMERA", "/videostream.cgi"}
    };
    for (String[] e : expected) {
      Finding f = single(scan(url(Product.valueOf(e[0]), Variant.OPEN), STREAM), STREAM);
      assertThat(f.key()).as(e[0]).isEqualTo(e[1]);
    }
  }

  @Test
  void snapshotEvidenceHoldsSizeAndMagicNeverTheImage() throws Exception {
    Finding f = single(scan(url(Product.IP_CAMERA, Variant.OPEN), SNAPSHOT), SNAPSHOT);
    int size = WebcamSimulator.jpegBytes().length;
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(f.evidence())
        .containsEntry("request", "GET /snapshot.jpg -> HTTP 200")
        .containsEntry("content type", "image/jpeg")
        .containsEntry("image", "JPEG (FF D8 FF), not kept")
        .containsEntry("size", "Content-Length " + size + ", " + size + " bytes read");
    assertThat(String.join(" ", f.evidence().values())).doesNotContain("JFIF");
  }

  @Test
  void controlPageNamesTheProductAndItsMarkers() throws Exception {
    TargetResult r = scan(url(Product.WEBCAMXP, Variant.OPEN), CONTROL);
    Finding f = single(r, CONTROL);
    assertThat(f.key()).isEqualTo("webcamxp");
    assertThat(f.evidence())
        .containsEntry("product", "webcamXP / Webcam 7")
        .containsEntry("request", "GET /mobile.html -> HTTP 200, no login prompt");
    assertThat(f.evidence().get("markers")).contains("Server ~").contains("cam_");
    assertThat(r.identity().value(DeviceIdentity.Attribute.PRODUCT))
        .contains("webcamXP / Webcam 7");

    CheckResult locked = result(scan(url(Product.WEBCAMXP, Variant.LOCKED), CONTROL), CONTROL);
    assertThat(locked.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(locked.detail()).contains("login prompt");

    CheckResult camera = result(scan(url(Product.IP_CAMERA, Variant.OPEN), CONTROL), CONTROL);
    assertThat(camera.status()).as(camera.detail()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(camera.detail()).contains("no webcam software recognised");
  }

  @Test
  void basicChallengeEvidenceAndNoCredentialsEverSent() throws Exception {
    WebcamSimulator cam = keep(WebcamSimulator.start(Product.MOTION, Variant.BASIC));
    Finding f = single(scan(cam.target(), BASIC), BASIC);
    assertThat(f.evidence())
        .containsEntry("request", "GET / -> HTTP 401 over plain HTTP")
        .containsEntry("camera", "the realm or Server header names camera software");
    assertThat(f.evidence().get("offered")).contains("Basic").contains("Motion Security Access");

    CheckResult open = result(scan(url(Product.MJPG_STREAMER, Variant.OPEN), BASIC), BASIC);
    assertThat(open.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(open.detail()).contains("no camera page asked for credentials");

    // No check of this part sends credentials: a locking device is never locked.
    WebcamSimulator locked = keep(WebcamSimulator.start(Product.IP_CAMERA, Variant.LOCKED));
    TargetResult all = scan(locked.target(), STREAM, SNAPSHOT, CONTROL, BASIC);
    assertThat(all.results()).noneMatch(c -> c.status() == CheckResult.Status.FAIL);
    assertThat(locked.failedLogins()).isZero();
    assertThat(cam.failedLogins()).isZero();
  }

  // --- catch-all and hostile devices -----------------------------------------------------------

  @Test
  void aServerAnsweringEveryPathWithAJpegGetsNoConfirmedFinding() throws Exception {
    WebcamSimulator any = keep(WebcamSimulator.catchAll());
    TargetResult r = scan(any.target(), STREAM, SNAPSHOT, CONTROL, BASIC);
    assertThat(r.results()).flatExtracting(CheckResult::findings).isEmpty();
    CheckResult snapshot = result(r, SNAPSHOT);
    assertThat(snapshot.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(snapshot.detail()).contains("random path too");
    assertThat(result(r, STREAM).status()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void hostileRepliesEndInErrorPassOrSkipWithAReason() throws Exception {
    Set<String> bugs = Set.of("NullPointer", "IndexOutOfBounds", "IllegalArgument", "IllegalState");
    for (Hostile kind : Hostile.values()) {
      WebcamSimulator bad = keep(WebcamSimulator.hostile(kind));
      TargetResult r = scan(bad.target(), STREAM, SNAPSHOT, CONTROL, BASIC);
      assertThat(r.results()).as(kind.name()).hasSize(4);
      for (CheckResult c : r.results()) {
        String what = kind + " " + c.checkId() + ": " + c.status() + " " + c.detail();
        assertThat(c.status())
            .as(what)
            .isIn(CheckResult.Status.ERROR, CheckResult.Status.PASS, CheckResult.Status.SKIP);
        assertThat(c.detail()).as(what).isNotBlank();
        assertThat(bugs).as(what).noneMatch(b -> c.detail().contains(b));
        if (kind == Hostile.GARBAGE || kind == Hostile.HUGE_HEADERS) {
          assertThat(c.status()).as(what).isEqualTo(CheckResult.Status.ERROR);
        }
      }
      if (kind == Hostile.TRUNCATED_MULTIPART || kind == Hostile.HTML_AS_JPEG) {
        assertThat(result(r, STREAM).detail()).as(kind.name()).contains("held no JPEG part");
      }
      if (kind == Hostile.HTML_AS_JPEG) {
        assertThat(result(r, SNAPSHOT).detail()).contains("claimed an image but held no JPEG");
      }
    }
  }

  @Test
  void onlyAllowListedGetsAreSent() throws Exception {
    Set<String> allowed = new HashSet<>();
    WebcamPaths.STREAMS.forEach(p -> allowed.add(p.path()));
    WebcamPaths.SNAPSHOTS.forEach(p -> allowed.add(p.path()));
    allowed.addAll(WebcamProducts.paths());
    for (Product p : Product.values()) {
      WebcamSimulator cam = keep(WebcamSimulator.start(p, Variant.LOCKED));
      scan(cam.target(), STREAM, SNAPSHOT, CONTROL, BASIC);
      assertThat(cam.paths())
          .as(p.name())
          .isNotEmpty()
          .allMatch(path -> allowed.contains(path) || path.startsWith(HttpProbe.CANARY_PREFIX));
    }
  }

  @Test
  void multipartParsingFindsTheFirstJpegPartWhateverTheBoundary() {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
    assertThat(WebcamHttp.firstJpegPart(concat("--x\r\nContent-Type: image/jpeg\r\n\r\n", jpeg)))
        .isEqualTo(33);
    assertThat(WebcamHttp.firstJpegPart(concat("\r\n----other\nContent-Length: 4\n\n", jpeg)))
        .isEqualTo(31);
    assertThat(WebcamHttp.firstJpegPart(concat("--x\r\n", jpeg))).isEqualTo(5);
    assertThat(
            WebcamHttp.firstJpegPart(concat("--x\r\nContent-Type: image/jpeg\r\n\r\n<html>", jpeg)))
        .isEqualTo(-1);
    assertThat(WebcamHttp.firstJpegPart(concat("no boundary\r\n\r\n", jpeg))).isEqualTo(-1);
    assertThat(WebcamHttp.firstJpegPart(new byte[0])).isEqualTo(-1);
  }

  // ---------------------------------------------------------------------------------------------

  private static byte[] concat(String head, byte[] tail) {
    byte[] h = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] out = java.util.Arrays.copyOf(h, h.length + tail.length);
    System.arraycopy(tail, 0, out, h.length, tail.length);
    return out;
  }

  static TargetResult scan(String target, String... ids) throws InterruptedException {
    List<Check> checks =
        WebcamChecks.ALL.stream().filter(c -> List.of(ids).contains(c.id())).toList();
    CheckRunner.Builder b =
        CheckRunner.builder()
            .checks(new CheckSet(checks, List.of()))
            .scope(Scope.of("127.0.0.1/32"))
            .checkTimeout(Duration.ofSeconds(10));
    return b.build().scan(List.of(Target.parse(target))).targets().get(0);
  }

  static CheckResult result(TargetResult r, String id) {
    return r.results().stream()
        .filter(c -> c.checkId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result of " + id + " in " + r.results()));
  }

  static Finding single(TargetResult r, String id) {
    CheckResult c = result(r, id);
    assertThat(c.status()).as(id + ": " + c.detail()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(c.findings()).hasSize(1);
    return c.findings().get(0);
  }
}
