package dev.tenken.printer;

import dev.tenken.Credentials;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One vendor's web panel (embedded web server, EWS) as data: how to recognise it, where it shows
 * model and firmware, which page only an administrator may see, how its login works and which
 * factory defaults its public manuals name. Immutable; the table is {@link PanelVendors}.
 *
 * @param id short lower-case id ({@code hp}, {@code ricoh}), used in keys and fixtures
 * @param name the vendor as shown in findings and identity facts
 * @param product the panel's product name ({@code Embedded Web Server}, {@code Remote UI})
 * @param page the path fetched to recognise the panel (without credentials)
 * @param markers texts that must ALL appear in that page's body (at least two, so one common word
 *     cannot match by accident)
 * @param model a pattern whose group 1 is the model on that page, or null
 * @param firmware a pattern whose group 1 is the firmware version on that page, or null
 * @param admin the administrator page and what only it shows, or null when unknown
 * @param login how to log in, or null when no default login is tried
 * @param defaults at most two factory credentials from the vendor's public documentation
 */
record PanelVendor(
    String id,
    String name,
    String product,
    String page,
    List<String> markers,
    @Nullable Pattern model,
    @Nullable Pattern firmware,
    @Nullable AdminPage admin,
    @Nullable Login login,
    List<Credentials> defaults) {

  /** Most default credentials per vendor: stays below a device's usual lock-out threshold of 3. */
  static final int MAX_DEFAULTS = 2;

  PanelVendor {
    Objects.requireNonNull(id, "id");
    markers = List.copyOf(markers);
    defaults = List.copyOf(defaults);
    if (markers.size() < 2) {
      throw new IllegalArgumentException(id + ": a panel needs at least two markers");
    }
    if (defaults.size() > MAX_DEFAULTS) {
      throw new IllegalArgumentException(id + ": at most " + MAX_DEFAULTS + " defaults");
    }
    if (!defaults.isEmpty() && (login == null || admin == null)) {
      throw new IllegalArgumentException(id + ": defaults need a login and an admin page");
    }
  }

  /**
   * The administrator page.
   *
   * @param path fetched without and with credentials
   * @param markers texts that must ALL appear on it, and appear only to an administrator
   */
  record AdminPage(String path, List<String> markers) {
    AdminPage {
      markers = List.copyOf(markers);
      if (markers.size() < 2) {
        throw new IllegalArgumentException("an admin page needs at least two markers");
      }
    }

    /** Whether {@code body} shows every marker. */
    boolean shownIn(String body) {
      return markers.stream().allMatch(body::contains);
    }
  }

  /** How the panel authenticates. */
  enum Kind {
    /** HTTP Basic on the admin page itself. */
    BASIC,
    /** A form POST that sets a session cookie. */
    FORM
  }

  /**
   * The login.
   *
   * @param kind Basic or form
   * @param path the form's action (for {@link Kind#BASIC}: the admin page)
   * @param form the urlencoded body with {@code {user}}, {@code {password}}, {@code {user64}},
   *     {@code {password64}} (base64) and {@code {token}} placeholders; empty for Basic
   * @param tokenPage the page holding the anti-forgery token, or null
   * @param token a pattern whose group 1 is the token on {@code tokenPage}, or null
   * @param logout the path requested after a successful login, or null (Basic: nothing to end)
   */
  record Login(
      Kind kind,
      String path,
      String form,
      @Nullable String tokenPage,
      @Nullable Pattern token,
      @Nullable String logout) {}

  /** Whether {@code body} holds every marker of the recognition page. */
  boolean recognisedIn(String body) {
    return markers.stream().allMatch(body::contains);
  }

  /** The model read from {@code body}, trimmed and bounded. */
  Optional<String> modelIn(String body) {
    return group(model, body);
  }

  /** The firmware read from {@code body}, trimmed and bounded. */
  Optional<String> firmwareIn(String body) {
    return group(firmware, body);
  }

  /** The vendor id as a catalog product prefix: {@code hp}, {@code brother}. */
  String productKey() {
    return id.toLowerCase(Locale.ROOT);
  }

  private static Optional<String> group(@Nullable Pattern p, String body) {
    if (p == null) {
      return Optional.empty();
    }
    // Bounded: the body is capped by the probe; look at the first 64 KiB only.
    Matcher m = p.matcher(body.length() > 65536 ? body.substring(0, 65536) : body);
    if (!m.find()) {
      return Optional.empty();
    }
    String v = m.group(1).replaceAll("\\s+", " ").strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(v.length() > 80 ? v.substring(0, 80) : v);
  }
}
