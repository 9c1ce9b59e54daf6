package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // loopback
    "127.0.0.0, LOOPBACK",
    "127.0.0.1, LOOPBACK",
    "127.255.255.255, LOOPBACK",
    "126.255.255.255, PUBLIC",
    "128.0.0.0, PUBLIC",
    "::1, LOOPBACK",
    // RFC 1918
    "10.0.0.0, PRIVATE",
    "10.255.255.255, PRIVATE",
    "9.255.255.255, PUBLIC",
    "11.0.0.0, PUBLIC",
    "172.15.255.255, PUBLIC",
    "172.16.0.0, PRIVATE",
    "172.31.255.255, PRIVATE",
    "172.32.0.0, PUBLIC",
    "192.167.255.255, PUBLIC",
    "192.168.0.0, PRIVATE",
    "192.168.255.255, PRIVATE",
    "192.169.0.0, PUBLIC",
    // carrier-grade NAT
    "100.63.255.255, PUBLIC",
    "100.64.0.0, SHARED_CGNAT",
    "100.127.255.255, SHARED_CGNAT",
    "100.128.0.0, PUBLIC",
    // link-local
    "169.253.255.255, PUBLIC",
    "169.254.0.0, LINK_LOCAL",
    "169.254.169.254, LINK_LOCAL",
    "169.254.255.255, LINK_LOCAL",
    "169.255.0.0, PUBLIC",
    "fe80::, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    // documentation
    "192.0.1.255, PUBLIC",
    "192.0.2.0, DOCUMENTATION",
    "192.0.2.255, DOCUMENTATION",
    "192.0.3.0, PUBLIC",
    "198.51.99.255, PUBLIC",
    "198.51.100.0, DOCUMENTATION",
    "198.51.100.77, DOCUMENTATION",
    "198.51.101.0, PUBLIC",
    "203.0.112.255, PUBLIC",
    "203.0.113.0, DOCUMENTATION",
    "203.0.113.255, DOCUMENTATION",
    "203.0.114.0, PUBLIC",
    "2001:db8::, DOCUMENTATION",
    "2001:db8:ffff::1, DOCUMENTATION",
    "2001:db7:ffff::1, PUBLIC",
    "2001:db9::, PUBLIC",
    // reserved, multicast, broadcast
    "0.0.0.0, RESERVED",
    "0.255.255.255, RESERVED",
    "1.0.0.0, PUBLIC",
    "223.255.255.255, PUBLIC",
    "224.0.0.0, RESERVED",
    "224.0.0.1, RESERVED",
    "239.255.255.250, RESERVED",
    "240.0.0.1, RESERVED",
    "255.255.255.255, RESERVED",
    "198.17.255.255, PUBLIC",
    "198.18.0.0, RESERVED",
    "198.19.255.255, RESERVED",
    "198.20.0.0, PUBLIC",
    "::, RESERVED",
    "ff02::1, RESERVED",
    "ff0e::1, RESERVED",
    // unique local
    "fbff:ffff::1, PUBLIC",
    "fc00::, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PRIVATE",
    // public
    "8.8.8.8, PUBLIC",
    "2606:4700:4700::1111, PUBLIC",
    // IPv4-mapped IPv6 is classified as its IPv4 address
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:8.8.8.8, PUBLIC",
    "::ffff:224.0.0.1, RESERVED",
    "::ffff:100.64.0.1, SHARED_CGNAT",
  })
  void classifies(String address, AddressClass expected) {
    assertThat(AddressClass.of(ip(address))).as(address).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "10.0.0.1, PRIVATE",
    "127.0.0.1, LOOPBACK",
    "8.8.8.8, PUBLIC",
    "169.254.1.1, LINK_LOCAL",
    "0.0.0.0, RESERVED",
    "192.0.2.1, DOCUMENTATION",
  })
  void classifiesARealIpv6MappedAddressAsItsIpv4Address(String v4, AddressClass expected) {
    InetAddress mapped = ScopeTest.mapped(v4);

    assertThat(AddressClass.of(mapped)).isEqualTo(expected);
    InetAddress unmapped = AddressClass.unmapped(mapped);
    assertThat(unmapped).isInstanceOf(Inet4Address.class);
    assertThat(unmapped.getHostAddress()).isEqualTo(v4);
  }

  @Test
  void unmappedLeavesOtherAddressesAlone() {
    for (String a : new String[] {"10.0.0.1", "::1", "2001:db8::1", "::10.0.0.1", "::ffff:0:0:1"}) {
      InetAddress address = ip(a);
      assertThat(AddressClass.unmapped(address)).as(a).isSameAs(address);
    }
  }

  @Test
  void onlyPublicIsPublic() {
    assertThat(Arrays.stream(AddressClass.values()).filter(AddressClass::isPublic))
        .containsExactly(AddressClass.PUBLIC);
  }
}
