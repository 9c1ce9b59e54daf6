package dev.tenken.http;

import dev.tenken.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 7235), as HTTP servers and
 * RTSP servers (RFC 2326 reuses HTTP authentication) send it: a scheme ({@code Basic}, {@code
 * Digest}, ...) and its parameters. Parsing is lenient and bounded, since devices send sloppy
 * headers; answering supports Basic (RFC 7617) and Digest (RFC 7616 / RFC 2617: MD5 or SHA-256,
 * without {@code qop} or with {@code qop=auth}). Immutable and thread-safe.
 *
 * @param scheme the scheme as sent ({@code Basic}, {@code Digest}); compare with {@link #isBasic()}
 *     and {@link #isDigest()}
 * @param params the parameters, names in lower case, values unquoted; at most {@value #MAX_PARAMS}
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

  /** Most parameters kept per challenge; more are ignored. */
  public static final int MAX_PARAMS = 16;

  /** Most challenges read from all headers together; more are ignored. */
  public static final int MAX_CHALLENGES = 8;

  private static final int MAX_VALUE = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Copies {@code params}. */
  public AuthChallenge {
    params = Map.copyOf(params);
  }

  /**
   * The challenges in {@code headerValues} (the values of every {@code WWW-Authenticate} header),
   * in order. A value may hold several challenges separated by commas. Garbage yields no challenge
   * rather than an exception.
   *
   * @return at most {@value #MAX_CHALLENGES} challenges; empty when none could be read
   */
  public static List<AuthChallenge> parse(List<String> headerValues) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String value : headerValues) {
      parseInto(value, out);
      if (out.size() >= MAX_CHALLENGES) {
        break;
      }
    }
    return List.copyOf(out.size() > MAX_CHALLENGES ? out.subList(0, MAX_CHALLENGES) : out);
  }

  /** Whether this is a {@code Basic} challenge: credentials would travel base64-encoded only. */
  public boolean isBasic() {
    return scheme.equalsIgnoreCase("Basic");
  }

  /** Whether this is a {@code Digest} challenge. */
  public boolean isDigest() {
    return scheme.equalsIgnoreCase("Digest");
  }

  /** The {@code realm} parameter, or the empty string. */
  public String realm() {
    return params.getOrDefault("realm", "");
  }

  /**
   * Whether {@link #authorization} can answer this challenge: Basic, or Digest with a nonce, an MD5
   * or SHA-256 algorithm (default MD5) and no {@code qop} or one offering {@code auth}.
   */
  public boolean isSupported() {
    if (isBasic()) {
      return true;
    }
    if (!isDigest() || !params.containsKey("nonce")) {
      return false;
    }
    String qop = params.get("qop");
    return digestName().isPresent() && (qop == null || offersAuth(qop));
  }

  /**
   * The {@code Authorization} header value answering this challenge with {@code credentials} for
   * {@code method} on {@code uri} (the request target exactly as sent: an origin-form path for
   * HTTP, the absolute {@code rtsp://} URL for RTSP). Digest uses a fresh random client nonce and
   * nonce count {@code 00000001}. The value carries the secret (Basic) or a hash of it (Digest):
   * send it, never log it.
   *
   * @throws IllegalArgumentException when the challenge is not {@link #isSupported() supported}
   */
  public String authorization(Credentials credentials, String method, String uri) {
    return authorization(credentials, method, uri, HexFormat.of().toHexDigits(RANDOM.nextLong()));
  }

  /** As {@link #authorization(Credentials, String, String)} with a given client nonce (tests). */
  String authorization(Credentials credentials, String method, String uri, String cnonce) {
    if (!isSupported()) {
      throw new IllegalArgumentException("unsupported challenge: " + describe());
    }
    String user = credentials.user();
    String password = credentials.secret().reveal();
    if (isBasic()) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    String algorithm = digestName().orElseThrow();
    String realm = realm();
    String nonce = params.get("nonce");
    String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
    String ha2 = hash(algorithm, method + ":" + uri);
    StringBuilder h = new StringBuilder("Digest ");
    h.append("username=\"").append(quote(user)).append("\", realm=\"").append(quote(realm));
    h.append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri));
    h.append('"');
    String qop = params.get("qop");
    if (qop != null) {
      String nc = "00000001";
      String response =
          hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
      h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
      h.append(", response=\"").append(response).append('"');
    } else {
      h.append(", response=\"").append(hash(algorithm, ha1 + ":" + nonce + ":" + ha2)).append('"');
    }
    if (params.containsKey("algorithm")) {
      h.append(", algorithm=").append(params.get("algorithm"));
    }
    if (params.containsKey("opaque")) {
      h.append(", opaque=\"").append(quote(params.get("opaque"))).append('"');
    }
    return h.toString();
  }

  /** The scheme and realm, for evidence: {@code Digest realm="IP Camera"}; never a nonce. */
  public String describe() {
    String realm = realm().replaceAll("[^\\x20-\\x7e]", "?");
    return realm.isEmpty() ? scheme : scheme + " realm=\"" + realm + "\"";
  }

  @Override
  public String toString() {
    return "AuthChallenge[" + describe() + "]";
  }

  private Optional<String> digestName() {
    String a = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    return switch (a) {
      case "MD5" -> Optional.of("MD5");
      case "SHA-256" -> Optional.of("SHA-256");
      default -> Optional.empty();
    };
  }

  private static boolean offersAuth(String qop) {
    for (String q : qop.split(",")) {
      if (q.strip().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    return false;
  }

  private static String hash(String algorithm, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * A small tokenizer: {@code token [ token68 | name=value *( , name=value ) ] *( , challenge )}. A
   * bare token followed by a name=value pair starts a new challenge.
   */
  private static void parseInto(String header, List<AuthChallenge> out) {
    String s = header.length() > 4096 ? header.substring(0, 4096) : header;
    int i = 0;
    int n = s.length();
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n && out.size() < MAX_CHALLENGES) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < n && isTokenChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        i++; // skip one stray character
        continue;
      }
      String token = s.substring(start, i);
      int j = i;
      while (j < n && s.charAt(j) == ' ') {
        j++;
      }
      if (j < n && s.charAt(j) == '=') {
        // name=value (or a token68 ending in '=' padding; kept as a parameter-less value)
        j++;
        while (j < n && s.charAt(j) == ' ') {
          j++;
        }
        String value;
        if (j < n && s.charAt(j) == '"') {
          StringBuilder v = new StringBuilder();
          j++;
          while (j < n && s.charAt(j) != '"') {
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < n) {
              j++;
              c = s.charAt(j);
            }
            if (v.length() < MAX_VALUE) {
              v.append(c);
            }
            j++;
          }
          j++; // closing quote (or end)
          value = v.toString();
        } else {
          int vs = j;
          while (j < n && s.charAt(j) != ',' && s.charAt(j) != ' ') {
            j++;
          }
          value = s.substring(vs, Math.min(j, vs + MAX_VALUE));
        }
        if (scheme != null && params.size() < MAX_PARAMS) {
          params.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
        }
        i = j;
      } else {
        if (scheme != null) {
          out.add(new AuthChallenge(scheme, params));
          params = new LinkedHashMap<>();
        }
        scheme = token;
        i = j;
      }
    }
    if (scheme != null && out.size() < MAX_CHALLENGES) {
      out.add(new AuthChallenge(scheme, params));
    }
  }

  private static boolean isTokenChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
  }
}
