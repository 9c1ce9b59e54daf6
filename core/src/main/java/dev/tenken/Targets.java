package dev.tenken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target texts that may name many hosts at once, expanded lazily: iterating a {@code /8} holds one
 * {@link Target} at a time, so a scan of it runs in constant memory ({@link CheckRunner#start}
 * reads targets only as capacity frees). Immutable and thread-safe; each iteration starts afresh.
 *
 * <p>Besides every form {@link Target#parse} reads, a text may name:
 *
 * <ul>
 *   <li>an IPv4 block, {@code 192.0.2.0/24}, of prefix {@value #MIN_IPV4_PREFIX} or longer; blocks
 *       of {@code /30} and larger leave out their network and broadcast addresses;
 *   <li>an IPv6 block, {@code 2001:db8::/120} or {@code [2001:db8::/120]:80}, of prefix {@value
 *       #MIN_IPV6_PREFIX} or longer (at most 65,536 addresses: wider IPv6 blocks cannot be swept);
 *   <li>a last-octet range, {@code 192.0.2.10-20};
 * </ul>
 *
 * each with the ports and scheme of a single target ({@code 10.0.0.0/30:554}, {@code
 * rtsp://10.0.0.0/30}), which every address of the block gets. Host bits of a block are ignored:
 * {@code 192.0.2.7/24} is {@code 192.0.2.0/24}.
 *
 * <p>{@link #read} takes one text per line, where {@code #} starts a comment and blank lines are
 * skipped. Texts are checked when parsed or read, so a bad one is reported before any scan starts.
 */
public final class Targets implements Iterable<Target> {
  /** The shortest IPv4 prefix accepted: a {@code /8} holds 16,777,216 addresses. */
  public static final int MIN_IPV4_PREFIX = 8;

  /** The shortest IPv6 prefix accepted: a {@code /112} holds 65,536 addresses. */
  public static final int MIN_IPV6_PREFIX = 112;

  private static final Pattern IPV4_BLOCK =
      Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,3})(.*)", Pattern.DOTALL);
  private static final Pattern IPV4_RANGE =
      Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){2})\\.(\\d{1,3})-(\\d{1,3})(.*)", Pattern.DOTALL);
  private static final Pattern IPV6_BLOCK =
      Pattern.compile(
          "\\[([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)/(\\d{1,3})](.*)|([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)/(\\d{1,3})",
          Pattern.DOTALL);

  private final List<Spec> specs;

  private Targets(List<Spec> specs) {
    this.specs = List.copyOf(specs);
  }

  /** No targets. */
  public static Targets none() {
    return new Targets(List.of());
  }

  /**
   * Parses one target text: a single target or a block or range of addresses.
   *
   * @throws TargetParseException naming the bad part
   */
  public static Targets parse(String text) {
    return new Targets(List.of(spec(text)));
  }

  /**
   * Reads one target text per line; {@code #} starts a comment, blank lines are skipped. Reads the
   * whole of {@code in} (it is not closed) but expands no block.
   *
   * @param source what {@code in} is, for error messages ({@code hosts.txt}, {@code standard
   *     input})
   * @throws TargetParseException naming the bad part, the line number and {@code source}
   * @throws IOException when {@code in} cannot be read
   */
  public static Targets read(Reader in, String source) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<Spec> specs = new ArrayList<>();
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (text.isEmpty()) {
        continue;
      }
      try {
        specs.add(spec(text));
      } catch (TargetParseException e) {
        throw new TargetParseException(
            e.input(), e.badPart(), problem(e) + " (line " + number + " of " + source + ")");
      }
    }
    return new Targets(specs);
  }

  /** These targets, then {@code other}'s. */
  public Targets plus(Targets other) {
    List<Spec> all = new ArrayList<>(specs);
    all.addAll(other.specs);
    return new Targets(all);
  }

  /** Whether there is no target at all. */
  public boolean isEmpty() {
    return specs.isEmpty();
  }

  /** How many targets an iteration yields, computed without expanding anything. */
  public long count() {
    return specs.stream().mapToLong(Spec::count).sum();
  }

  /**
   * {@link Scope} entries admitting exactly these targets' hosts: each block as a CIDR block, each
   * address of a range, each single target's host. In the order given, without repeats.
   */
  public List<String> scopeEntries() {
    java.util.Set<String> entries = new java.util.LinkedHashSet<>();
    for (Spec s : specs) {
      if (s.prefix() >= 0) {
        entries.add(hostText(mask(s.first(), s.prefix())) + "/" + s.prefix());
      } else {
        for (long i = 0; i < s.count(); i++) {
          entries.add(s.host(i));
        }
      }
    }
    return List.copyOf(entries);
  }

  /** Every target, blocks and ranges expanded one address at a time, in the order given. */
  @Override
  public Iterator<Target> iterator() {
    return new Iterator<>() {
      private final Iterator<Spec> rest = specs.iterator();
      private Spec current = Spec.NONE;
      private long next;

      @Override
      public boolean hasNext() {
        while (next >= current.count() && rest.hasNext()) {
          current = rest.next();
          next = 0;
        }
        return next < current.count();
      }

      @Override
      public Target next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.target(next++);
      }
    };
  }

  @Override
  public String toString() {
    return "Targets" + specs.stream().map(Spec::text).toList();
  }

  /**
   * One target text: a template target (its host aside) and the addresses it stands for, {@code
   * count} of them from {@code first} on; {@code prefix} is the block's, or -1 for a single target
   * or a range.
   */
  private record Spec(String text, Target template, byte[] first, long count, int prefix) {
    static final Spec NONE =
        new Spec(
            "",
            new Target("none", List.of(), java.util.Optional.empty(), java.util.Map.of()),
            new byte[0],
            0,
            -1);

    String host(long index) {
      return first.length == 0 ? template.host() : hostText(plus(first, index));
    }

    Target target(long index) {
      return first.length == 0
          ? template
          : new Target(host(index), template.ports(), template.service(), template.labels());
    }
  }

  private static Spec spec(String text) {
    Objects.requireNonNull(text, "text");
    String input = text.strip();
    int schemeEnd = input.indexOf("://");
    String scheme = schemeEnd >= 0 ? input.substring(0, schemeEnd + 3) : "";
    String rest = input.substring(scheme.length());
    Matcher m = IPV4_BLOCK.matcher(rest);
    if (m.matches()) {
      byte[] address = ipv4(input, m.group(1));
      int prefix = prefix(input, m.group(2), 32, MIN_IPV4_PREFIX);
      byte[] network = mask(address, prefix);
      long size = 1L << (32 - prefix);
      boolean edges = prefix <= 30;
      return new Spec(
          input,
          template(input, scheme, hostText(network), m.group(3)),
          edges ? plus(network, 1) : network,
          edges ? size - 2 : size,
          prefix);
    }
    m = IPV4_RANGE.matcher(rest);
    if (m.matches()) {
      byte[] first = ipv4(input, m.group(1) + "." + m.group(2));
      int last = Integer.parseInt(m.group(3));
      int from = Integer.parseInt(m.group(2));
      if (last > 255 || last < from) {
        throw new TargetParseException(
            input,
            m.group(2) + "-" + m.group(3),
            "range '"
                + m.group(2)
                + "-"
                + m.group(3)
                + "' of the last octet must run upwards within 0-255, such as "
                + m.group(1)
                + ".10-20");
      }
      return new Spec(
          input, template(input, scheme, hostText(first), m.group(4)), first, last - from + 1, -1);
    }
    m = IPV6_BLOCK.matcher(rest);
    if (m.matches()) {
      boolean bracketed = m.group(1) != null;
      String addressText = bracketed ? m.group(1) : m.group(4);
      int prefix = prefix(input, bracketed ? m.group(2) : m.group(5), 128, MIN_IPV6_PREFIX);
      byte[] network = mask(ipv6(input, addressText), prefix);
      return new Spec(
          input,
          template(input, scheme, "[" + hostText(network) + "]", bracketed ? m.group(3) : ""),
          network,
          1L << (128 - prefix),
          prefix);
    }
    return new Spec(input, Target.parse(input), new byte[0], 1, -1);
  }

  /** The target for the block's first address: checks the scheme and ports once for all. */
  private static Target template(String input, String scheme, String host, String after) {
    if (!after.isEmpty() && !after.startsWith(":")) {
      throw new TargetParseException(
          input,
          after,
          "'"
              + after
              + "' after the address block: write block:ports, such as 192.0.2.0/24:80,554");
    }
    try {
      return Target.parse(scheme + host + after);
    } catch (TargetParseException e) {
      throw new TargetParseException(input, e.badPart(), problem(e));
    }
  }

  private static byte[] ipv4(String input, String text) {
    String[] parts = text.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        throw new TargetParseException(
            input, parts[i], "IPv4 part '" + parts[i] + "' is above 255 in '" + text + "'");
      }
      bytes[i] = (byte) octet;
    }
    return bytes;
  }

  private static byte[] ipv6(String input, String text) {
    String t = text.toLowerCase(Locale.ROOT);
    try {
      if (!t.contains(":::")) {
        byte[] bytes = InetAddress.getByName(t).getAddress();
        if (bytes.length == 16) {
          return bytes;
        }
      }
    } catch (UnknownHostException e) {
      // reported below
    }
    throw new TargetParseException(
        input, text, "'" + text + "' is not an IPv6 address, such as 2001:db8::/120");
  }

  private static int prefix(String input, String text, int bits, int shortest) {
    int prefix = Integer.parseInt(text);
    if (prefix > bits) {
      throw new TargetParseException(
          input, "/" + text, "prefix /" + text + " is longer than the " + bits + " address bits");
    }
    if (prefix < shortest) {
      throw new TargetParseException(
          input,
          "/" + text,
          "block /"
              + text
              + " is too large to sweep; give blocks of /"
              + shortest
              + " or smaller (split a larger one into several)");
    }
    return prefix;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  /** {@code address + n}, big-endian. */
  private static byte[] plus(byte[] address, long n) {
    byte[] out = address.clone();
    long carry = n;
    for (int i = out.length - 1; i >= 0 && carry != 0; i--) {
      long sum = (out[i] & 0xff) + (carry & 0xff);
      out[i] = (byte) sum;
      carry = (carry >>> 8) + (sum >>> 8);
    }
    return out;
  }

  /** Dotted quad, or IPv6 in the compressed lower-case form (RFC 5952), without brackets. */
  private static String hostText(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  /** The message of {@code e} without its {@code bad target '...': } opening. */
  private static String problem(TargetParseException e) {
    String opening = "bad target '" + e.input() + "': ";
    String message = Objects.requireNonNullElse(e.getMessage(), "");
    return message.startsWith(opening) ? message.substring(opening.length()) : message;
  }
}
