package dev.tenken.camera;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One webcam or camera server product of the control-page table: where its control or configuration
 * page is, what shows the page is that product's ({@link #markers}, at least {@value #MIN_MARKERS}
 * must match one reply), and what shows the page asks for a login instead ({@link #locked}).
 * Immutable and thread-safe.
 *
 * @param id stable key of findings, such as {@code mjpg-streamer}
 * @param name the product name shown in findings and the device identity
 * @param paths the control pages, tried in order
 * @param markers what identifies the product on an open page; two or more must match
 * @param locked what shows the page asks for credentials (a login prompt served with 200)
 */
record WebcamProduct(
    String id, String name, List<String> paths, List<Marker> markers, List<Marker> locked) {

  /** Markers that must match one reply before the product is recognised. */
  static final int MIN_MARKERS = 2;

  WebcamProduct {
    paths = List.copyOf(paths);
    markers = List.copyOf(markers);
    locked = List.copyOf(locked);
    if (markers.size() < MIN_MARKERS) {
      throw new IllegalArgumentException(id + ": at least " + MIN_MARKERS + " markers are needed");
    }
  }

  /**
   * A regular expression over the body ({@code header == null}) or over the values of one response
   * header. {@link #label} names it in evidence.
   *
   * @param header the header searched, or null for the body
   * @param pattern what is searched for ({@link java.util.regex.Matcher#find})
   * @param label a short description for the evidence
   */
  record Marker(@Nullable String header, Pattern pattern, String label) {
    Marker {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(label, "label");
    }

    /** A marker in the body, case-sensitive unless the regex says {@code (?i)}. */
    static Marker body(String regex) {
      return new Marker(null, Pattern.compile(regex), "body ~ " + regex);
    }

    /** A marker in a header, case-insensitive. */
    static Marker header(String name, String regex) {
      return new Marker(
          name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), name + " ~ " + regex);
    }
  }
}
