package dev.tenken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One host to scan: a name or address, optional ports, an optional service hint and free-form
 * labels. Immutable and thread-safe.
 *
 * <p>Parsed by {@link #parse(String)} from:
 *
 * <ul>
 *   <li>{@code host} — a DNS name, an IPv4 address or an IPv6 address ({@code ::1} or {@code
 *       [::1]}); the ports come from the default ports of the enabled checks;
 *   <li>{@code host:port}, {@code host:80,443,8000-8010}, {@code [::1]:8080} — these ports in
 *       addition to the defaults; each open port's service is identified by what it answers;
 *   <li>{@code scheme://host[:port]} (for example {@code redis://db:16379}, {@code rtsp://cam},
 *       {@code snmp://printer}) — the scheme names the service, so identification is skipped;
 *       without a port, the default ports of the checks for that service are used.
 * </ul>
 *
 * Credentials in a target ({@code redis://user:pass@host}) are refused: they would end up in logs
 * and reports. Configure them on the runner instead.
 *
 * @param host the name or address as given (IPv6 without brackets), lower-cased
 * @param ports ports given with the target; empty means the enabled checks' defaults
 * @param service the service named by a scheme, or empty
 * @param labels free-form labels carried into the report (asset tag, owner...)
 */
public record Target(
    String host, List<PortRange> ports, Optional<String> service, Map<String, String> labels) {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[a-z0-9]+)?");
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  public Target {
    Objects.requireNonNull(host, "host");
    ports = List.copyOf(ports);
    Objects.requireNonNull(service, "service");
    labels = Map.copyOf(labels);
  }

  /** A target for {@code host} with default ports, no service hint and no labels. */
  public static Target of(String host) {
    return parse(host);
  }

  /** A target for {@code host} and the given ports. */
  public static Target of(String host, int... ports) {
    Target base = parse(host);
    List<PortRange> ranges = new ArrayList<>();
    for (int port : ports) {
      ranges.add(PortRange.of(port));
    }
    return new Target(base.host, ranges, base.service, base.labels);
  }

  /** This target with the service hint {@code service} (identification is skipped). */
  public Target withService(String service) {
    return new Target(host, ports, Optional.of(service.toLowerCase(Locale.ROOT)), labels);
  }

  /** This target with one more label. */
  public Target withLabel(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(key, value);
    return new Target(host, ports, service, copy);
  }

  /** Whether ports were given with the target. */
  public boolean hasPorts() {
    return !ports.isEmpty();
  }

  /**
   * Parses a target.
   *
   * @throws TargetParseException naming the bad part when {@code text} is not one of the forms
   *     above
   */
  public static Target parse(String text) {
    Objects.requireNonNull(text, "text");
    String input = text.strip();
    if (input.isEmpty()) {
      throw new TargetParseException(
          text, text, "empty target: give a host, host:port or scheme://host:port");
    }
    if (input.indexOf('@') >= 0) {
      throw credentialsRefused(input);
    }
    String rest = input;
    Optional<String> service = Optional.empty();
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd >= 0) {
      String scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      if (!SCHEME.matcher(scheme).matches()) {
        throw new TargetParseException(
            input, scheme, "scheme '" + scheme + "' is not a name such as redis, rtsp or http");
      }
      service = Optional.of(scheme);
      rest = rest.substring(schemeEnd + 3);
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        String path = rest.substring(slash);
        if (!path.equals("/")) {
          throw new TargetParseException(
              input,
              path,
              "a path ('" + path + "') is not part of a target: give scheme://host:port");
        }
        rest = rest.substring(0, slash);
      }
    }
    String host;
    String portText = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new TargetParseException(input, rest, "'[' opens an IPv6 address that no ']' closes");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new TargetParseException(
              input, after, "'" + after + "' after the IPv6 address: write [address]:port");
        }
        portText = after.substring(1);
      }
      requireIpv6(input, host);
    } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
      host = rest;
      requireIpv6(input, host);
    } else {
      int colon = rest.indexOf(':');
      host = colon >= 0 ? rest.substring(0, colon) : rest;
      portText = colon >= 0 ? rest.substring(colon + 1) : null;
      requireHost(input, host);
    }
    List<PortRange> ports = portText == null ? List.of() : parsePorts(input, portText);
    return new Target(host.toLowerCase(Locale.ROOT), ports, service, Map.of());
  }

  /**
   * The refusal of a target holding user information ({@code user:pass@host}). Neither the message
   * nor {@link TargetParseException#input()} nor the bad part repeats the password: everything
   * between the first ':' of the user information and its last '@' is masked.
   */
  private static TargetParseException credentialsRefused(String input) {
    int schemeEnd = input.indexOf("://");
    int start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
    int at = input.lastIndexOf('@');
    if (at < start) {
      start = 0;
    }
    String userInfo = input.substring(start, at);
    int colon = userInfo.indexOf(':');
    String maskedUserInfo = colon >= 0 ? userInfo.substring(0, colon + 1) + Secret.MASK : userInfo;
    String masked = input.substring(0, start) + maskedUserInfo + input.substring(at);
    return new TargetParseException(
        masked,
        maskedUserInfo + "@",
        "credentials ('"
            + maskedUserInfo
            + "@') in a target are refused (they would end up in logs);"
            + " configure them on the runner (CheckRunner.Builder.credentials) instead");
  }

  private static void requireIpv6(String input, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    boolean ok = IPV6.matcher(h).matches() && h.contains(":") && !h.contains(":::");
    if (ok) {
      try {
        java.net.InetAddress.getByName(h.contains("%") ? h.substring(0, h.indexOf('%')) : h);
      } catch (java.net.UnknownHostException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw new TargetParseException(
          input,
          host,
          "'"
              + host
              + "' is not an IPv6 address (use one ':' for host:port, and [address]:port for IPv6"
              + " with a port)");
    }
  }

  private static void requireHost(String input, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.isEmpty()) {
      throw new TargetParseException(input, host, "the host is missing: write host or host:port");
    }
    String withoutDot = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    if (withoutDot.length() > 253) {
      throw new TargetParseException(
          input,
          host,
          "host name '"
              + host
              + "' is "
              + withoutDot.length()
              + " characters long; a host name has at most 253");
    }
    for (String label : withoutDot.split("\\.", -1)) {
      if (label.length() > 63) {
        throw new TargetParseException(
            input,
            label,
            "label '"
                + label
                + "' of host name '"
                + host
                + "' is "
                + label.length()
                + " characters long; a label has at most 63");
      }
    }
    if (IPV4.matcher(h).matches()) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw new TargetParseException(
              input, octet, "IPv4 part '" + octet + "' is above 255 in '" + host + "'");
        }
      }
      return;
    }
    if (!HOST_NAME.matcher(h).matches()) {
      String bad = h.replaceAll("[a-z0-9.-]", "");
      throw new TargetParseException(
          input,
          host,
          "'"
              + host
              + "' is not a host name"
              + (bad.isEmpty()
                  ? " (labels of 1-63 letters, digits and '-', not starting or ending with '-')"
                  : " ('" + bad.charAt(0) + "' is not allowed; use letters, digits, '-' and '.')"));
    }
  }

  private static List<PortRange> parsePorts(String input, String text) {
    if (text.isEmpty()) {
      throw new TargetParseException(
          input, ":", "nothing after ':': give a port (host:80) or drop the ':'");
    }
    List<PortRange> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw new TargetParseException(
            input, text, "port list '" + text + "' has an empty entry: write 80,443 or 8000-8010");
      }
      String[] bounds = part.split("-", -1);
      if (bounds.length > 2) {
        throw new TargetParseException(input, part, "port range '" + part + "' is not from-to");
      }
      if (bounds.length == 2 && (bounds[0].isEmpty() || bounds[1].isEmpty())) {
        throw new TargetParseException(
            input,
            part,
            "port range '" + part + "' lacks a bound: write from-to, such as 8000-8010");
      }
      int from = parsePort(input, bounds[0]);
      int to = bounds.length == 2 ? parsePort(input, bounds[1]) : from;
      if (from > to) {
        throw new TargetParseException(
            input, part, "port range '" + part + "' runs backwards: write " + to + "-" + from);
      }
      ranges.add(new PortRange(from, to));
    }
    return ranges;
  }

  private static int parsePort(String input, String text) {
    if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new TargetParseException(
          input, text, "port '" + text + "' is not a number from 1 to 65535");
    }
    return Integer.parseInt(text);
  }

  @Override
  public String toString() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    StringBuilder sb = new StringBuilder();
    service.ifPresent(s -> sb.append(s).append("://"));
    sb.append(h);
    if (!ports.isEmpty()) {
      sb.append(':');
      for (int i = 0; i < ports.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(ports.get(i));
      }
    }
    return sb.toString();
  }
}
