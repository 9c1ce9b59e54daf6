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
 * actually connected to (so DNS answers, numeric spellings such as {@code 0x7f.1} and IPv4-mapped
 * IPv6 addresses cannot slip past). Immutable and thread-safe.
 *
 * <p>Entries are CIDR blocks ({@code 192.0.2.0/24}, {@code 2001:db8::/32}), single addresses, or host
 * names. A host name admits the name itself, whatever it resolves to, but not other names that
 * resolve to the same address. Denied entries win over allowed ones. Multicast, broadcast and
 * {@code 0.0.0.0/8} are always refused.
 */
public final class Scope {
  private final List<Cidr> allowed;
  private final Set<String> allowedNames;
  private final List<Cidr> denied;
  private final List<String> text;

  private Scope(List<Cidr> allowed, Set<String> allowedNames, List<Cidr> denied, List<String> text) {
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
    if (allowedNames.contains(host.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    for (Cidr cidr : allowed) {
      if (cidr.contains(a)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        (host.equals(a.getHostAddress()) ? a.getHostAddress() : host + " (" + a.getHostAddress() + ")")
            + " is outside the scope "
            + text);
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
          names.add(e);
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
          throw new IllegalArgumentException("prefix length '" + p + "' in '" + text + "' is not a number");
        }
        prefix = Integer.parseInt(p);
      }
      if (addr.startsWith("[") && addr.endsWith("]")) {
        addr = addr.substring(1, addr.length() - 1);
      }
      boolean literal = addr.matches("\\d{1,3}(\\.\\d{1,3}){3}") || addr.matches("[0-9a-f:.]*:[0-9a-f:.]*");
      if (!literal) {
        if (slash >= 0) {
          throw new IllegalArgumentException("'" + text + "' is not a CIDR block such as 192.0.2.0/24");
        }
        return Optional.empty();
      }
      InetAddress a;
      try {
        a = AddressClass.unmapped(InetAddress.getByName(addr));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + addr + "' is not an IP address", e);
      }
      byte[] bytes = a.getAddress();
      int max = bytes.length * 8;
      if (prefix < 0) {
        prefix = max;
      }
      if (prefix > max) {
        throw new IllegalArgumentException("prefix /" + prefix + " is longer than " + max + " bits in '" + text + "'");
      }
      return Optional.of(new Cidr(mask(bytes, prefix), prefix));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefix), network);
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
      return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
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
