package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

  /** An address literal, parsed without DNS (getByName does no lookup for literals). */
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static InetAddress ip(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A real {@link java.net.Inet6Address} holding the IPv4-mapped form of {@code v4}: {@code
   * InetAddress.getByName("::ffff:...")} would hand back an Inet4Address, which tests nothing.
   */
  static InetAddress mapped(String v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(ip(v4).getAddress(), 0, b, 12, 4);
    try {
      InetAddress a = Inet6Address.getByAddress(null, b, -1);
      assertThat(a).isInstanceOf(Inet6Address.class);
      return a;
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} admits {1}: {2}")
  @CsvSource({
    // entry, address, admitted
    "10.0.0.0/8, 10.0.0.0, true",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 9.255.255.255, false",
    "10.0.0.0/8, 11.0.0.0, false",
    "192.0.2.0/24, 192.0.2.1, true",
    "192.0.2.0/24, 192.0.3.1, false",
    "192.0.2.128/25, 192.0.2.127, false",
    "192.0.2.128/25, 192.0.2.128, true",
    "192.0.2.5/24, 192.0.2.200, true",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "1.0.0.0/1, 127.255.255.255, true",
    "1.0.0.0/1, 128.0.0.1, false",
    "0.0.0.0/0, 8.8.8.8, true",
    "127.0.0.1, 127.0.0.1, true",
    "127.0.0.1/32, 127.0.0.2, false",
    "127.0.0.1, 127.0.0.2, false",
    "2001:db8::/32, 2001:db8::1, true",
    "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
    "2001:db8::/32, 2001:db9::1, false",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "[2001:db8::]/32, 2001:db8::1, true",
    "::1, ::1, true",
    "[::1], ::1, true",
    "::1/128, ::2, false",
    "fe80::/10, fe80::1, true",
    "::/0, 2606:4700::1, true",
    "::/0, 8.8.8.8, false",
    "2001:DB8::/32, 2001:db8::5, true",
    "' 10.0.0.0/8 ', 10.1.1.1, true",
    "::ffff:127.0.0.2, 127.0.0.2, true",
    "::ffff:10.0.0.0/104, 10.1.2.3, true",
    "::ffff:10.0.0.0/104, 11.1.2.3, false",
    "::ffff:0:0/96, 8.8.8.8, true",
  })
  void cidrAndAddressEntries(String entry, String address, boolean admitted) {
    Scope scope = Scope.of(entry);
    InetAddress a = ip(address);

    assertThat(scope.permits(a)).as("%s admits %s", entry, address).isEqualTo(admitted);
    assertThat(scope.permits(a.getHostAddress(), a)).isEqualTo(admitted);
    assertThat(scope.refusal(a.getHostAddress(), a).isEmpty()).isEqualTo(admitted);
  }

  @Test
  void anEmptyScopeAdmitsNothing() {
    Scope scope = Scope.of();

    assertThat(scope.permits(ip("127.0.0.1"))).isFalse();
    assertThat(scope.refusal("8.8.8.8", ip("8.8.8.8")))
        .hasValueSatisfying(r -> assertThat(r).contains("8.8.8.8").contains("outside the scope"));
  }

  @Test
  void aHostNameAdmitsItselfWhateverItResolvesTo() {
    Scope scope = Scope.of("printer.example");

    assertThat(scope.permits("printer.example", ip("198.51.100.7"))).isTrue();
    assertThat(scope.permits("printer.example", ip("10.9.9.9"))).isTrue();
    assertThat(scope.permits("PRINTER.Example", ip("10.9.9.9"))).isTrue();
    assertThat(scope.permits("printer.example.", ip("10.9.9.9"))).isTrue();
  }

  @Test
  void aHostNameDoesNotAdmitAnotherNameWithTheSameAddress() {
    Scope scope = Scope.of("printer.example");
    InetAddress a = ip("198.51.100.7");

    assertThat(scope.permits("printer.example", a)).isTrue();
    assertThat(scope.permits("evil.example", a)).isFalse();
    assertThat(scope.permits(a)).isFalse();
    assertThat(scope.permits("printer.example.evil.example", a)).isFalse();
    assertThat(scope.permits("sub.printer.example", a)).isFalse();
    assertThat(scope.refusal("evil.example", a))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("evil.example")
                    .contains("198.51.100.7")
                    .contains("outside the scope"));
  }

  @Test
  void denyWinsOverAllow() {
    Scope scope =
        Scope.builder()
            .allow("10.0.0.0/8", "printer.example", "2001:db8::/32")
            .deny("10.1.0.0/16", "10.2.3.4", "2001:db8:1::/48")
            .build();

    assertThat(scope.permits(ip("10.0.0.1"))).isTrue();
    assertThat(scope.permits(ip("10.1.255.255"))).isFalse();
    assertThat(scope.permits(ip("10.2.3.4"))).isFalse();
    assertThat(scope.permits(ip("10.2.3.5"))).isTrue();
    assertThat(scope.permits(ip("2001:db8:1::9"))).isFalse();
    assertThat(scope.permits(ip("2001:db8:2::9"))).isTrue();
    // an allowed name does not reach a denied address either
    assertThat(scope.permits("printer.example", ip("10.1.2.3"))).isFalse();
    assertThat(scope.permits("printer.example", ip("10.3.2.1"))).isTrue();
    // nor does an IPv4-mapped spelling of a denied address
    assertThat(scope.permits(ip("::ffff:10.1.2.3"))).isFalse();
    assertThat(scope.refusal("10.1.2.3", ip("10.1.2.3")))
        .hasValueSatisfying(r -> assertThat(r).contains("10.1.2.3").contains("10.1.0.0/16"));
  }

  static Stream<String> alwaysRefused() {
    return Stream.of(
        "0.0.0.0",
        "0.1.2.3",
        "0.255.255.255",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "ff02::1",
        "ff05::1:3",
        "::ffff:224.0.0.1",
        "::ffff:0.0.0.0",
        "198.18.0.1",
        "198.19.255.255");
  }

  @ParameterizedTest
  @MethodSource("alwaysRefused")
  void reservedMulticastAndBroadcastAreAlwaysRefused(String address) {
    InetAddress a = ip(address);
    Scope everything = Scope.builder().allow("0.0.0.0/0", "::/0", "multicast.example").build();

    assertThat(everything.permits(a)).isFalse();
    assertThat(everything.permits("multicast.example", a)).isFalse();
    assertThat(Scope.of(address).permits(a)).isFalse();
    assertThat(everything.refusal(address, a))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains(AddressClass.unmapped(a).getHostAddress())
                    .contains("reserved"));
  }

  @Test
  void ipv4MappedIpv6IsJudgedAsTheIpv4Address() {
    Scope loopback = Scope.of("127.0.0.0/8");

    assertThat(loopback.permits(mapped("127.0.0.2"))).isTrue();
    assertThat(loopback.permits("::ffff:127.0.0.2", mapped("127.0.0.2"))).isTrue();
    assertThat(loopback.permits(ip("::ffff:127.0.0.2"))).isTrue();
    assertThat(loopback.permits(mapped("10.0.0.1"))).isFalse();
    assertThat(Scope.of("10.0.0.0/8").permits(mapped("127.0.0.2"))).isFalse();
    assertThat(Scope.of("10.0.0.0/8").permits(mapped("10.0.0.2"))).isTrue();
    // an IPv6 block does not admit a mapped address: it is IPv4 traffic
    assertThat(Scope.of("::/0").permits(mapped("8.8.8.8"))).isFalse();
    // reserved and denied checks see through the mapping too
    assertThat(Scope.of("0.0.0.0/0").permits(mapped("224.0.0.1"))).isFalse();
    assertThat(
            Scope.builder()
                .allow("10.0.0.0/8")
                .deny("10.0.0.2")
                .build()
                .permits(mapped("10.0.0.2")))
        .isFalse();
    // a mapped address that is refused is named by its IPv4 form
    assertThat(loopback.refusal("::ffff:10.0.0.1", mapped("10.0.0.1")))
        .hasValueSatisfying(r -> assertThat(r).contains("(10.0.0.1)"));
  }

  @Test
  void ipv4MappedEntriesAdmitTheIpv4Address() {
    assertThat(Scope.of("::ffff:127.0.0.2").permits(ip("127.0.0.2"))).isTrue();
    assertThat(Scope.of("::ffff:127.0.0.2").permits(ip("127.0.0.3"))).isFalse();
    // a prefix shorter than the mapped range is IPv6 space, and admits no IPv4 address
    assertThat(Scope.of("::ffff:0:0/80").permits(ip("8.8.8.8"))).isFalse();
  }

  static Stream<Arguments> numericSpellings() {
    return Stream.of(
        Arguments.of("2130706433", "127.0.0.1"),
        Arguments.of("127.1", "127.0.0.1"),
        Arguments.of("127.0.1", "127.0.0.1"),
        Arguments.of("10.1", "10.0.0.1"),
        Arguments.of("167772161", "10.0.0.1"),
        Arguments.of("4294967295", "255.255.255.255"),
        Arguments.of("0177.0.0.1", "177.0.0.1"),
        Arguments.of("127.000.000.001", "127.0.0.1"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("numericSpellings")
  void numericSpellingsAreJudgedByTheResultingAddress(String spelling, String meant) {
    InetAddress resolved;
    try {
      resolved = InetAddress.getByName(spelling);
    } catch (UnknownHostException e) {
      // this JDK does not read the spelling as an address, so a connection cannot use it either
      return;
    }
    assertThat(resolved.getHostAddress()).isEqualTo(meant);
    Scope meantOnly = Scope.of(meant);
    Scope elsewhere = Scope.of("192.0.2.0/24");

    // a target spelled numerically is judged by the address the JDK makes of it
    assertThat(meantOnly.permits(spelling, resolved)).isEqualTo(!isReserved(meant));
    assertThat(elsewhere.permits(spelling, resolved)).isFalse();
    assertThat(elsewhere.refusal(spelling, resolved))
        .hasValueSatisfying(r -> assertThat(r).contains(meant));
    // and a scope entry spelled numerically means that same address, not a host name
    Scope spelled = Scope.of(spelling);
    assertThat(spelled.permits(resolved)).isEqualTo(!isReserved(meant));
    assertThat(spelled.permits("some.other.name", resolved)).isEqualTo(!isReserved(meant));
    assertThat(Scope.builder().allow("0.0.0.0/0").deny(spelling).build().permits(resolved))
        .isFalse();
  }

  private static boolean isReserved(String address) {
    return AddressClass.of(ip(address)) == AddressClass.RESERVED;
  }

  @ParameterizedTest
  @ValueSource(strings = {"10/8", "127.1/8", "2130706433/32"})
  void numericSpellingsTakeNoPrefix(String entry) {
    assertThatThrownBy(() -> Scope.of(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(entry);
  }

  static Stream<Arguments> badEntries() {
    return Stream.of(
        Arguments.of("10.0.0.0/33", "/33"),
        Arguments.of("10.0.0.0/x", "'x'"),
        Arguments.of("10.0.0.0/", "''"),
        Arguments.of("10.0.0.0/-1", "'-1'"),
        Arguments.of("::1/129", "/129"),
        Arguments.of("::ffff:10.0.0.0/129", "/129"),
        Arguments.of("300.1.1.1", "'300.1.1.1'"),
        Arguments.of("host.example/24", "'host.example/24'"),
        Arguments.of("not a host", "'not a host'"),
        Arguments.of("under_score.example", "'_'"),
        Arguments.of("", "empty"),
        Arguments.of("1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"),
        Arguments.of("4294967296", "4294967296"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void badAllowEntriesThrowWithAClearMessage(String entry, String messagePart) {
    Throwable t = catchThrowable(() -> Scope.of(entry));

    assertThat(t).isInstanceOf(IllegalArgumentException.class);
    assertThat(t.getMessage()).contains(messagePart);
  }

  @ParameterizedTest
  @ValueSource(strings = {"host.example", "", "10.0.0.0/x", "10.0.0.0/40", "300.1.1.1"})
  void badDenyEntriesThrowWithAClearMessage(String entry) {
    Throwable t = catchThrowable(() -> Scope.builder().deny(entry));

    assertThat(t).isInstanceOf(IllegalArgumentException.class);
    assertThat(t.getMessage()).contains("'" + entry);
  }

  @Test
  void refusalTextNamesTheAddressAndTheHost() {
    Scope scope = Scope.of("10.0.0.0/8");

    assertThat(scope.refusal("8.8.8.8", ip("8.8.8.8")))
        .hasValueSatisfying(r -> assertThat(r).startsWith("8.8.8.8 is outside the scope"));
    assertThat(scope.refusal("dns.example", ip("8.8.4.4")))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith("dns.example (8.8.4.4) is outside the scope"));
    assertThat(scope.refusal("10.0.0.1", ip("10.0.0.1"))).isEmpty();
    assertThat(scope.toString()).contains("10.0.0.0/8");
  }

  @Test
  void entriesAreCaseInsensitive() {
    Scope scope = Scope.of("Printer.EXAMPLE", "2001:DB8::/32");

    assertThat(scope.permits("printer.example", ip("10.0.0.1"))).isTrue();
    assertThat(scope.permits(ip("2001:db8::1"))).isTrue();
  }

  // ---- property: Scope agrees with a naive reference over many random IPv4 addresses ----

  /** A naive reference: long arithmetic on 32-bit addresses. */
  private record Block(long network, int prefix) {
    static Block parse(String cidr) {
      String[] parts = cidr.split("/");
      long value = 0;
      for (String octet : parts[0].split("\\.")) {
        value = (value << 8) | Integer.parseInt(octet);
      }
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
      return new Block(value, prefix);
    }

    boolean contains(long address) {
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      return (address & mask) == (network & mask);
    }
  }

  private static boolean naiveReserved(long a) {
    long first = a >>> 24;
    long second = (a >>> 16) & 0xff;
    return first == 0 || first >= 224 || (first == 198 && (second == 18 || second == 19));
  }

  private static boolean naivePermits(List<Block> allow, List<Block> deny, long address) {
    if (naiveReserved(address)) {
      return false;
    }
    if (deny.stream().anyMatch(b -> b.contains(address))) {
      return false;
    }
    return allow.stream().anyMatch(b -> b.contains(address));
  }

  private static String text(long a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  @Test
  void agreesWithANaiveReferenceOnRandomIpv4Addresses() {
    SplittableRandom random = new SplittableRandom(0x7e4c3eL);
    for (int round = 0; round < 40; round++) {
      List<String> allowText = new ArrayList<>();
      List<String> denyText = new ArrayList<>();
      int allows = 1 + random.nextInt(4);
      for (int i = 0; i < allows; i++) {
        allowText.add(text(random.nextLong(1L << 32)) + "/" + random.nextInt(0, 33));
      }
      int denies = random.nextInt(3);
      for (int i = 0; i < denies; i++) {
        denyText.add(text(random.nextLong(1L << 32)) + "/" + random.nextInt(4, 33));
      }
      Scope scope =
          Scope.builder()
              .allow(allowText.toArray(String[]::new))
              .deny(denyText.toArray(String[]::new))
              .build();
      List<Block> allow = allowText.stream().map(Block::parse).toList();
      List<Block> deny = denyText.stream().map(Block::parse).toList();

      List<Long> probes = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        probes.add(random.nextLong(1L << 32));
      }
      // boundaries of every block, where off-by-one errors live
      for (Block b : Stream.concat(allow.stream(), deny.stream()).toList()) {
        long size = 1L << (32 - b.prefix());
        long start = b.network() & ~(size - 1) & 0xffffffffL;
        for (long candidate : new long[] {start - 1, start, start + size - 1, start + size}) {
          if (candidate >= 0 && candidate <= 0xffffffffL) {
            probes.add(candidate);
          }
        }
      }
      for (long address : probes) {
        InetAddress a =
            ip(
                (int) (address >>> 24),
                (int) ((address >>> 16) & 0xff),
                (int) ((address >>> 8) & 0xff),
                (int) (address & 0xff));
        boolean expected = naivePermits(allow, deny, address);
        assertThat(scope.permits(a))
            .as("scope allow %s deny %s on %s", allowText, denyText, text(address))
            .isEqualTo(expected);
        // the IPv4-mapped spelling is judged the same way
        assertThat(scope.permits(mapped(text(address)))).isEqualTo(expected);
        Optional<String> refusal = scope.refusal(text(address), a);
        assertThat(refusal.isEmpty()).isEqualTo(expected);
        refusal.ifPresent(r -> assertThat(r).contains(text(address)));
      }
    }
  }
}
