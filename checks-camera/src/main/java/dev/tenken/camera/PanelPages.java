package dev.tenken.camera;

import dev.tenken.camera.PanelVendor.Part;
import dev.tenken.http.AuthChallenge;
import dev.tenken.http.HttpReply;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fingerprint saw on each page it fetched, reduced to the parts markers look at: status,
 * {@code Server} header, challenge realms, title and body (title and body only of 2xx answers, so
 * an error page echoing the requested path proves nothing). Immutable.
 *
 * @param views the pages by path, in fetch order
 */
record PanelPages(Map<String, View> views) {
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]{0,100}>([^<]{0,200})</title>", Pattern.CASE_INSENSITIVE);
  private static final View MISSING = new View(0, "", "", "", "");

  PanelPages {
    views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
  }

  /**
   * One page.
   *
   * @param status the HTTP status
   * @param server the {@code Server} header, or empty
   * @param realms the realms of every challenge, joined by newlines
   * @param title the HTML title of a 2xx page, or empty
   * @param body the body of a 2xx page, or empty
   */
  record View(int status, String server, String realms, String title, String body) {
    static View of(HttpReply reply) {
      String realms =
          String.join(
              "\n",
              AuthChallenge.parse(reply.headers("WWW-Authenticate")).stream()
                  .map(AuthChallenge::realm)
                  .toList());
      String server = String.join(" ", reply.headers("Server"));
      if (!reply.isSuccess()) {
        return new View(reply.status(), server, realms, "", "");
      }
      String body = reply.bodyText();
      return new View(reply.status(), server, realms, titleOf(body), body);
    }

    String part(Part part) {
      return switch (part) {
        case SERVER -> server;
        case REALM -> realms;
        case TITLE -> title;
        case BODY -> body;
      };
    }
  }

  /** The title of an HTML page, whitespace collapsed; empty when none. */
  static String titleOf(String body) {
    Matcher m = TITLE.matcher(body.length() > 65536 ? body.substring(0, 65536) : body);
    return m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : "";
  }

  /** The text of {@code part} on {@code path}; empty when the page was not fetched. */
  String part(String path, Part part) {
    return views.getOrDefault(path, MISSING).part(part);
  }

  /** The paths fetched. */
  List<String> paths() {
    return List.copyOf(views.keySet());
  }
}
