package dev.tenken;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where an address sits: what a stranger on the Internet could reach. Findings that exposure makes
 * worse are raised one severity step on {@link #PUBLIC} addresses.
 */
public enum AddressClass {
  /** 127.0.0.0/8, ::1. */
  LOOPBACK,
  /** RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique-local fc00::/7. */
  PRIVATE,
  /** Carrier-grade NAT, 100.64.0.0/10 (RFC 6598). */
  SHARED_CGNAT,
  /** 169.254.0.0/16, fe80::/10. */
  LINK_LOCAL,
  /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32 (RFC 5737, RFC 3849). */
  DOCUMENTATION,
  /** Multicast, broadcast, 0.0.0.0/8, 240.0.0.0/4 and other addresses no device should hold. */
  RESERVED,
  /** Anything else: reachable from the Internet unless a firewall says otherwise. */
  PUBLIC;

  /** Classifies {@code address}; an IPv4-mapped IPv6 address is classified as its IPv4 address. */
  public static AddressClass of(InetAddress address) {
    InetAddress a = unmapped(address);
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int o0 = b[0] & 0xff;
      int o1 = b[1] & 0xff;
      int o2 = b[2] & 0xff;
      if (o0 == 127) {
        return LOOPBACK;
      }
      if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
        return PRIVATE;
      }
      if (o0 == 100 && o1 >= 64 && o1 <= 127) {
        return SHARED_CGNAT;
      }
      if (o0 == 169 && o1 == 254) {
        return LINK_LOCAL;
      }
      if ((o0 == 192 && o1 == 0 && o2 == 2)
          || (o0 == 198 && o1 == 51 && o2 == 100)
          || (o0 == 203 && o1 == 0 && o2 == 113)) {
        return DOCUMENTATION;
      }
      if (o0 == 0 || o0 >= 224 || (o0 == 198 && (o1 == 18 || o1 == 19))) {
        return RESERVED;
      }
      return PUBLIC;
    }
    if (a.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (a.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return PRIVATE;
    }
    if ((b[0] & 0xff) == 0x20
        && (b[1] & 0xff) == 0x01
        && (b[2] & 0xff) == 0x0d
        && (b[3] & 0xff) == 0xb8) {
      return DOCUMENTATION;
    }
    if (a.isMulticastAddress() || a.isAnyLocalAddress()) {
      return RESERVED;
    }
    return PUBLIC;
  }

  /** Whether a stranger on the Internet could reach this address without passing a NAT. */
  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** {@code address} itself, or the IPv4 address an IPv4-mapped IPv6 address stands for. */
  static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }
}
