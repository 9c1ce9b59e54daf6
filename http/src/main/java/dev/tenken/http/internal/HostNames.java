package dev.tenken.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Host name and address helpers that never touch DNS: literal detection and certificate name
 * matching (RFC 6125: subject alternative names first, the common name only when there are none of
 * the right type; a wildcard covers exactly one leftmost label).
 */
public final class HostNames {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private HostNames() {}

  /** Whether {@code host} (brackets allowed) is an IPv4 or IPv6 address literal. */
  public static boolean isAddressLiteral(String host) {
    return literal(host).isPresent();
  }

  /** The address {@code host} spells literally, without any DNS lookup. */
  public static Optional<InetAddress> literal(String host) {
    String h = unbracket(host);
    if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
      return Optional.empty();
    }
    try {
      // Only literals reach here: getByName parses them and does no lookup.
      return Optional.of(InetAddress.getByName(h));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** {@code host} without IPv6 brackets. */
  public static String unbracket(String host) {
    return host.length() >= 2 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  /** {@code host} as it appears in a URL authority or Host header: IPv6 in brackets, no zone. */
  public static String authorityHost(String host) {
    String h = unbracket(host);
    if (h.indexOf(':') >= 0) {
      int zone = h.indexOf('%');
      return "[" + (zone >= 0 ? h.substring(0, zone) : h) + "]";
    }
    return h;
  }

  /** Whether {@code cert} names {@code host} (a DNS name or an address literal). */
  public static boolean matches(X509Certificate cert, String host) {
    String name = unbracket(host).toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    Optional<InetAddress> address = literal(name);
    List<String> sans = subjectAltNames(cert, address.isPresent() ? SAN_IP : SAN_DNS);
    if (!sans.isEmpty()) {
      for (String san : sans) {
        if (address.isPresent()
            ? literal(san).map(a -> a.equals(address.get())).orElse(false)
            : dnsMatches(san, name)) {
          return true;
        }
      }
      return false;
    }
    for (String cn : commonNames(cert.getSubjectX500Principal())) {
      if (address.isPresent()
          ? literal(cn).map(a -> a.equals(address.get())).orElse(false)
          : dnsMatches(cn, name)) {
        return true;
      }
    }
    return false;
  }

  static boolean dnsMatches(String pattern, String name) {
    String p = pattern.toLowerCase(Locale.ROOT).strip();
    if (p.endsWith(".")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("*.")) {
      String suffix = p.substring(1);
      // "*.com" covers nothing: the wildcard needs at least two labels after it.
      if (suffix.indexOf('.', 1) < 0
          || name.length() <= suffix.length()
          || !name.endsWith(suffix)) {
        return false;
      }
      String label = name.substring(0, name.length() - suffix.length());
      return !label.isEmpty() && label.indexOf('.') < 0;
    }
    return p.equals(name);
  }

  private static List<String> subjectAltNames(X509Certificate cert, int type) {
    List<String> out = new ArrayList<>();
    Collection<List<?>> all;
    try {
      all = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return out;
    }
    if (all == null) {
      return out;
    }
    for (List<?> entry : all) {
      if (entry.size() >= 2
          && entry.get(0) instanceof Integer t
          && t == type
          && entry.get(1) instanceof String value) {
        out.add(value);
      }
    }
    return out;
  }

  private static List<String> commonNames(X500Principal principal) {
    List<String> out = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String v) {
          out.add(v);
        }
      }
    } catch (InvalidNameException | IllegalArgumentException e) {
      return out;
    }
    return out;
  }
}
