package dev.tenken;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list a scan must stay inside. Every connection Tenken makes — to a target, to a port of
 * it, to a redirect's destination — is checked against it before a packet is sent, on the address
 * actually connected to (so DNS answers, numeric spellings such as {@code 2130706433} and
 * IPv4-mapped IPv6 addresses cannot slip past). Immutable and thread-safe.
 *
 * <p>Entries are CIDR blocks ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, {@code
 * ::ffff:192.0.2.0/120} for the IPv4 block), single addresses (a numeric spelling such as {@code
 * 2130706433} or {@code 127.1} is the address it spells), or host names. A host name admits the
 * name itself (case and a trailing dot aside), whatever it resolves to, but not other names that
 * resolve to the same address. Denied entries win over allowed ones. Multicast, broadcast and
 * {@code 0.0.0.0/8} are always refused.
 */
public final class Scope {
  private final List<Cidr> allowed;
  private final Set<String> allowedNames;
  private final List<Cidr> denied;
  private final List<String> text;

  private Scope(
      List<Cidr> allowed, Set<String> allowedNames, List<Cidr> denied, List<String> text) {
    this.allowed = List.copyOf(allowed);
    this.allowedNames = Set.copyOf(allowedNames);
    this.denied = List.copyOf(denied);
    this.text = List.copyOf(text);
  }

  /**
   * A scope admitting the given entries.
   *
   * @throws IllegalArgumentException naming the entry that is neither a CIDR block, an address nor
   *     a host name
   */
  public static Scope of(String... entries) {
    return builder().allow(entries).build();
  }

  /** A builder for a scope with allowed and denied entries. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why a connection to {@code address} (reached through the name {@code host}) is refused, or
   * empty when it is allowed.
   */
  public Optional<String> refusal(String host, InetAddress address) {
    InetAddress a = AddressClass.unmapped(address);
    if (AddressClass.of(a) == AddressClass.RESERVED) {
      return Optional.of(a.getHostAddress() + " is a reserved, multicast or broadcast address");
    }
    for (Cidr cidr : denied) {
      if (cidr.contains(a)) {
        return Optional.of(a.getHostAddress() + " is excluded by " + cidr);
      }
    }
    if (allowedNames.contains(normalName(host))) {
      return Optional.empty();
    }
    for (Cidr cidr : allowed) {
      if (cidr.contains(a)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        (host.equals(a.getHostAddress())
                ? a.getHostAddress()
                : host + " (" + a.getHostAddress() + ")")
            + " is outside the scope "
            + text);
  }

  /**
   * A host name lower-cased and without its trailing dot: {@code Printer.Example.} is {@code
   * printer.example}.
   */
  private static String normalName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.endsWith(".") && h.length() > 1 ? h.substring(0, h.length() - 1) : h;
  }

  /** Whether a connection to {@code address} through the name {@code host} is allowed. */
  public boolean permits(String host, InetAddress address) {
    return refusal(host, address).isEmpty();
  }

  /** Whether a connection to {@code address}, with no host name involved, is allowed. */
  public boolean permits(InetAddress address) {
    return permits(address.getHostAddress(), address);
  }

  @Override
  public String toString() {
    return "Scope" + text;
  }

  /** Collects allowed and denied entries. Not thread-safe. */
  public static final class Builder {
    private final List<Cidr> allowed = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<Cidr> denied = new ArrayList<>();
    private final List<String> text = new ArrayList<>();

    private Builder() {}

    /** Admits each entry: a CIDR block, an address or a host name. */
    public Builder allow(String... entries) {
      for (String entry : entries) {
        String e = entry.strip().toLowerCase(Locale.ROOT);
        Optional<Cidr> cidr = Cidr.parse(e);
        if (cidr.isPresent()) {
          allowed.add(cidr.get());
        } else {
          Target.parse(e.startsWith("[") ? e : e.contains(":") ? "[" + e + "]" : e);
          names.add(normalName(e));
        }
        text.add(e);
      }
      return this;
    }

    /** Refuses each entry (a CIDR block or an address) even when an allowed entry admits it. */
    public Builder deny(String... entries) {
      for (String entry : entries) {
        String e = entry.strip().toLowerCase(Locale.ROOT);
        denied.add(
            Cidr.parse(e)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "scope exclusion '" + entry + "' is not an address or CIDR block")));
        text.add("!" + e);
      }
      return this;
    }

    /** The scope; an empty one admits nothing. */
    public Scope build() {
      return new Scope(allowed, names, denied, text);
    }
  }

  /** An address block; IPv4 blocks also match IPv4-mapped IPv6 addresses via unmapping. */
  record Cidr(byte[] network, int prefix) {
    static Optional<Cidr> parse(String text) {
      String addr = text;
      int prefix = -1;
      int slash = text.indexOf('/');
      if (slash >= 0) {
        addr = text.substring(0, slash);
        String p = text.substring(slash + 1);
        if (!p.matches("\\d{1,3}")) {
          throw new IllegalArgumentException(
              "prefix length '" + p + "' in '" + text + "' is not a number");
        }
        prefix = Integer.parseInt(p);
      }
      if (addr.startsWith("[") && addr.endsWith("]")) {
        addr = addr.substring(1, addr.length() - 1);
      }
      boolean literal =
          addr.matches("\\d{1,3}(\\.\\d{1,3}){3}") || addr.matches("[0-9a-f:.]*:[0-9a-f:.]*");
      // a short numeric spelling is an address only without a prefix: "10/8" would read as
      // 0.0.0.10/8 where the writer meant 10.0.0.0/8, so it stays an error
      byte[] numeric = literal || slash >= 0 ? null : numericIpv4(addr);
      if (!literal && numeric == null) {
        if (addr.matches("[0-9.]+")) {
          // digits and dots only, yet no address: not a host name either (no DNS name ends in a
          // number), and resolving it would send a DNS query for a typo
          throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        if (slash >= 0) {
          throw new IllegalArgumentException(
              "'" + text + "' is not a CIDR block such as 192.0.2.0/24");
        }
        return Optional.empty();
      }
      InetAddress given;
      try {
        given = numeric != null ? InetAddress.getByAddress(numeric) : InetAddress.getByName(addr);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + addr + "' is not an IP address", e);
      }
      byte[] bytes = AddressClass.unmapped(given).getAddress();
      // the JDK itself turns ::ffff:a.b.c.d into an Inet4Address, so look at the text as well
      boolean mapped = bytes.length == 4 && addr.contains(":");
      if (mapped && prefix > 128) {
        throw new IllegalArgumentException(
            "prefix /" + prefix + " is longer than 128 bits in '" + text + "'");
      }
      if (mapped && prefix >= 0) {
        // ::ffff:192.0.2.0/120 is the IPv4 block 192.0.2.0/24; a shorter prefix also covers IPv6
        // addresses that are not mapped ones, so the block stays IPv6 (and admits no IPv4 address).
        if (prefix >= 96) {
          prefix -= 96;
        } else {
          byte[] v6 = new byte[16];
          v6[10] = (byte) 0xff;
          v6[11] = (byte) 0xff;
          System.arraycopy(bytes, 0, v6, 12, 4);
          bytes = v6;
        }
      }
      int max = bytes.length * 8;
      if (prefix < 0) {
        prefix = max;
      }
      if (prefix > max) {
        throw new IllegalArgumentException(
            "prefix /" + prefix + " is longer than " + max + " bits in '" + text + "'");
      }
      return Optional.of(new Cidr(mask(bytes, prefix), prefix));
    }

    /**
     * The address of a numeric IPv4 spelling other than a dotted quad that {@link
     * InetAddress#getByName} reads without a DNS query ({@code 2130706433}, {@code 127.1}, {@code
     * 10.1.2}: one to four decimal parts, the last one filling the remaining bytes), or null when
     * {@code text} is not one. Such an entry is an address, judged like the address it spells.
     */
    static byte[] numericIpv4(String text) {
      if (!text.matches("\\d+(\\.\\d+){0,3}")) {
        return null;
      }
      String[] parts = text.split("\\.");
      long[] values = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        String digits = parts[i].replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10) {
          return null;
        }
        values[i] = Long.parseLong(digits);
      }
      int last = parts.length - 1;
      for (int i = 0; i < last; i++) {
        if (values[i] > 255) {
          return null;
        }
      }
      int lastBytes = 4 - last;
      if (values[last] >= 1L << (8 * lastBytes)) {
        return null;
      }
      byte[] out = new byte[4];
      for (int i = 0; i < last; i++) {
        out[i] = (byte) values[i];
      }
      for (int i = 0; i < lastBytes; i++) {
        out[3 - i] = (byte) (values[last] >>> (8 * i));
      }
      return out;
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      return bytes.length == network.length
          && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    /** Number of addresses in an IPv4 block; used to expand ranges lazily. */
    long size() {
      return 1L << (network.length * 8 - prefix);
    }

    boolean isIpv4() {
      return network.length == 4;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
      byte[] out = bytes.clone();
      for (int i = 0; i < out.length; i++) {
        int bits = Math.max(0, Math.min(8, prefix - i * 8));
        out[i] = (byte) (out[i] & (0xff << (8 - bits)));
      }
      return out;
    }

    @Override
    public String toString() {
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c
          && c.prefix == prefix
          && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    static boolean isIpv4(InetAddress a) {
      return a instanceof Inet4Address;
    }
  }
}
