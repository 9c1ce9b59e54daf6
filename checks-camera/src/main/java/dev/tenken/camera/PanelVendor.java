package dev.tenken.camera;

import dev.tenken.Credentials;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One camera vendor's web panel as data: how to recognise it, where it shows its model, which page
 * is its login page, and which page only answers after an HTTP Basic or Digest login, with the
 * factory defaults its public documentation names. Immutable; the table is {@link PanelVendors}.
 *
 * @param id short lower-case id ({@code hikvision}), used in keys
 * @param name the vendor as shown in findings and identity facts
 * @param loginPage the page where the panel asks for the password (a form or a 401 challenge)
 * @param markers what must ALL be seen (each one of its alternatives); at least two, on different
 *     parts of the replies (header, realm, title, body), so one common word cannot match by
 *     accident
 * @param unless body texts of {@code /} that rule the vendor out (an OEM's own brand)
 * @param model where the model shows before any login, or null
 * @param login the page behind Basic/Digest and its defaults, or null when none is tried
 */
record PanelVendor(
    String id,
    String name,
    String loginPage,
    List<Marker> markers,
    List<String> unless,
    @Nullable Extract model,
    @Nullable LoginPage login) {

  PanelVendor {
    Objects.requireNonNull(id, "id");
    markers = List.copyOf(markers);
    unless = List.copyOf(unless);
    if (markers.size() < 2) {
      throw new IllegalArgumentException(id + ": a panel needs at least two markers");
    }
  }

  /** The part of a reply a marker looks at. */
  enum Part {
    /** The {@code Server} header, any status. */
    SERVER,
    /** The realm of any {@code WWW-Authenticate} challenge, any status. */
    REALM,
    /** The HTML {@code <title>} of a 2xx page. */
    TITLE,
    /** The body of a 2xx page. */
    BODY
  }

  /**
   * One text on one part of one page.
   *
   * @param path the page
   * @param part where on it
   * @param text what must appear (case-sensitive)
   */
  record Spot(String path, Part part, String text) {
    boolean seenIn(PanelPages pages) {
      return pages.part(path, part).contains(text);
    }
  }

  /**
   * A marker: one of its alternatives must be seen.
   *
   * @param anyOf the alternatives
   */
  record Marker(List<Spot> anyOf) {
    Marker {
      anyOf = List.copyOf(anyOf);
      if (anyOf.isEmpty()) {
        throw new IllegalArgumentException("a marker needs an alternative");
      }
    }

    boolean seenIn(PanelPages pages) {
      return anyOf.stream().anyMatch(s -> s.seenIn(pages));
    }

    /** {@code BODY / "App-webs/"} style text for evidence. */
    String describe() {
      return String.join(
          " | ",
          anyOf.stream()
              .map(s -> s.part().name().toLowerCase(Locale.ROOT) + " of " + s.path())
              .distinct()
              .toList());
    }
  }

  /**
   * Where a value (the model) is read.
   *
   * @param path the page
   * @param part the part of it
   * @param pattern group 1 is the value
   */
  record Extract(String path, Part part, Pattern pattern) {
    Optional<String> in(PanelPages pages) {
      String text = pages.part(path, part);
      Matcher m = pattern.matcher(text.length() > 65536 ? text.substring(0, 65536) : text);
      if (!m.find()) {
        return Optional.empty();
      }
      String v = m.group(1).replaceAll("[^\\x20-\\x7e]", "").strip();
      if (v.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(v.length() > 64 ? v.substring(0, 64) : v);
    }
  }

  /**
   * A page answered only after an HTTP Basic or Digest login.
   *
   * @param path the page, fetched without and with credentials
   * @param markers texts that must ALL appear on it after a login, and only then
   * @param defaults at most {@value #MAX_DEFAULTS} factory credentials from public documentation
   */
  record LoginPage(String path, List<String> markers, List<Credentials> defaults) {
    /** Most defaults per vendor or realm: stays below a device's usual lock-out at 3 failures. */
    static final int MAX_DEFAULTS = 2;

    LoginPage {
      markers = List.copyOf(markers);
      defaults = List.copyOf(defaults);
      if (markers.isEmpty()) {
        throw new IllegalArgumentException(path + ": a login page needs a post-login marker");
      }
      if (defaults.isEmpty() || defaults.size() > MAX_DEFAULTS) {
        throw new IllegalArgumentException(path + ": 1 to " + MAX_DEFAULTS + " defaults");
      }
    }

    /** Whether {@code body} shows every post-login marker. */
    boolean shownIn(String body) {
      return markers.stream().allMatch(body::contains);
    }
  }

  /** Whether every marker is seen and no {@link #unless} text is on {@code /}. */
  boolean recognisedIn(PanelPages pages) {
    if (!markers.stream().allMatch(m -> m.seenIn(pages))) {
      return false;
    }
    String root = pages.part("/", Part.BODY);
    return unless.stream().noneMatch(root::contains);
  }

  /** The model shown before login, if any. */
  Optional<String> modelIn(PanelPages pages) {
    return model == null ? Optional.empty() : model.in(pages);
  }

  /** The markers for evidence. */
  String describeMarkers() {
    return String.join(" + ", markers.stream().map(Marker::describe).toList());
  }
}
