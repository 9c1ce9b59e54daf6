package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Scope decisions against a reference matcher written here from the definitions (mask arithmetic on
 * {@code long}s), over addresses in every spelling the JDK reads without a DNS query: dotted quads
 * with leading zeros, one- to three-part short forms ({@code 127.1}), the 32-bit integer ({@code
 * 2130706433}), IPv4-mapped IPv6 in both notations ({@code ::ffff:127.0.0.2}, {@code
 * ::ffff:7f00:2}), real {@link Inet6Address} objects holding a mapped address, zone ids. The
 * property: a connection is admitted exactly when the address it goes to is inside an allowed block
 * and outside every denied one and the reserved ranges, however the address was written. 10,000
 * cases per property (goal R7; the default tries in junit-platform.properties).
 */
class ScopeAddressPropertyTest {

  /** A block {@code network/prefix} of IPv4 addresses, as {@code long}s. */
  record Block(long network, int prefix) {
    boolean contains(long address) {
      long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
      return (address & mask) == (network & mask);
    }

    @Override
    public String toString() {
      return dotted(network) + "/" + prefix;
    }
  }

  /** An address, how it is written, and what it is. */
  record Spelled(long address, String text) {}

  // ---- the properties ----

  @Property
  void anAddressIsAdmittedExactlyWhenTheReferenceSaysSoHoweverItIsSpelled(
      @ForAll("blocks") List<Block> allowed,
      @ForAll("blocks") List<Block> denied,
      @ForAll("spelledNearLoopback") Spelled target)
      throws UnknownHostException {
    Scope.Builder b = Scope.builder();
    allowed.forEach(x -> b.allow(x.toString()));
    denied.forEach(x -> b.deny(x.toString()));
    Scope scope = b.build();

    InetAddress resolved = InetAddress.getByName(target.text());

    assertThat(toLong(resolved)).as("the JDK reads %s", target.text()).isEqualTo(target.address());
    boolean expected =
        !reserved(target.address())
            && denied.stream().noneMatch(x -> x.contains(target.address()))
            && allowed.stream().anyMatch(x -> x.contains(target.address()));
    assertThat(scope.permits(target.text(), resolved))
        .as("%s (%s) in %s", target.text(), dotted(target.address()), scope)
        .isEqualTo(expected);
    assertThat(scope.permits(mappedV6(target.address())))
        .as("the IPv4-mapped IPv6 form of %s in %s", dotted(target.address()), scope)
        .isEqualTo(expected);
  }

  @Property
  void anEntrySpelledNumericallyAdmitsTheAddressItSpellsAndNoOther(
      @ForAll("spelledNearLoopback") Spelled entry, @ForAll("nearLoopback") long other)
      throws UnknownHostException {
    Scope scope = Scope.of(entry.text());

    assertThat(scope.permits(addr(entry.address())))
        .as("%s admits %s", scope, dotted(entry.address()))
        .isEqualTo(!reserved(entry.address()));
    assertThat(scope.permits(addr(other)))
        .as("%s admits %s", scope, dotted(other))
        .isEqualTo(other == entry.address() && !reserved(other));
  }

  @Property
  void anIpv4CompatibleAddressIsAnIpv6AddressNoIpv4EntryAdmits(
      @ForAll("nearLoopback") long address, @ForAll @IntRange(min = 0, max = 32) int prefix)
      throws UnknownHostException {
    Scope scope = Scope.of(new Block(address, prefix).toString());
    // ::a.b.c.d (deprecated "IPv4-compatible"): the JDK keeps it an Inet6Address, and on the wire
    // it is an IPv6 destination, not the IPv4 host it resembles.
    InetAddress compatible = InetAddress.getByName("::" + dotted(address));

    assertThat(compatible).isInstanceOf(Inet6Address.class);
    assertThat(scope.permits(compatible)).as("%s admits %s", scope, compatible).isFalse();
    assertThat(scope.permits(addr(address))).isEqualTo(!reserved(address));
  }

  @Property
  void aZoneIdChangesNothing(
      @ForAll("v6") byte[] bytes,
      @ForAll @IntRange(min = 1, max = 64) int zone,
      @ForAll @IntRange(min = 0, max = 128) int prefix)
      throws UnknownHostException {
    Inet6Address plain = Inet6Address.getByAddress(null, bytes, -1);
    Inet6Address zoned = Inet6Address.getByAddress(null, bytes, zone);
    String block = plain.getHostAddress() + "/" + prefix;
    for (Scope scope :
        List.of(Scope.of(block), Scope.builder().allow("::/0").deny(block).build())) {
      assertThat(scope.permits(zoned)).as("%s, %s", scope, zoned).isEqualTo(scope.permits(plain));
    }
  }

  @Property
  void aNameEntryAdmitsThatNameInAnyCaseWithOrWithoutTheTrailingDotAndNoOtherName(
      @ForAll("hostNames") String name,
      @ForAll("hostNames") String other,
      @ForAll boolean upper,
      @ForAll boolean dot,
      @ForAll("nearLoopback") long address)
      throws UnknownHostException {
    Scope scope = Scope.of(dot ? name + "." : name);
    String asked = (upper ? name.toUpperCase(Locale.ROOT) : name) + (dot ? "" : ".");

    assertThat(scope.permits(asked, addr(address))).isEqualTo(!reserved(address));
    assertThat(scope.permits(other, addr(address)))
        .isEqualTo(other.equals(name) && !reserved(address));
    assertThat(scope.permits(addr(address))).as("an address alone is not the name").isFalse();
  }

  // ---- generators ----

  /** Addresses mostly in and around 127.0.0.0/8, with a few anywhere (reserved ones included). */
  @Provide
  Arbitrary<Long> nearLoopback() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().between(0x7f000000L, 0x7f000010L)),
        Tuple.of(2, Arbitraries.longs().between(0x7f000000L, 0x7fffffffL)),
        Tuple.of(2, Arbitraries.longs().between(0L, 0xffffffffL)));
  }

  @Provide
  Arbitrary<List<Block>> blocks() {
    Arbitrary<Block> block =
        Combinators.combine(nearLoopback(), Arbitraries.integers().between(0, 32))
            .as((n, p) -> new Block(n, p));
    return block.list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<Spelled> spelledNearLoopback() {
    return Combinators.combine(
            nearLoopback(), Arbitraries.integers().between(0, 7), Arbitraries.randoms())
        .as((a, form, random) -> new Spelled(a, spell(a, form, random)));
  }

  @Provide
  Arbitrary<byte[]> v6() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(16)
        .map(
            b -> {
              b[0] = (byte) 0xfe; // link-local, where zone ids belong
              b[1] = (byte) (0x80 | (b[1] & 0x3f));
              return b;
            });
  }

  @Provide
  Arbitrary<String> hostNames() {
    Arbitrary<String> label =
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
    return Arbitraries.oneOf(
        label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l)),
        Arbitraries.of("localhost", "vm", "runsc", "printer.example", "cam-1.example"));
  }

  /**
   * {@code a} written in one of the forms the JDK reads as an address without a DNS query. Parts
   * are decimal (the JDK reads {@code 0177} as 177, not octal 127; the scope's entries do the same,
   * so the two always agree); leading zeros are added at random.
   */
  static String spell(long a, int form, java.util.Random random) {
    String s = spelling(a, form, random);
    // the JDK reads no IPv4 literal longer than 15 characters as an address (it asks DNS instead)
    return s.length() > 15 && !s.contains(":")
        ? spelling(
            a,
            form,
            new java.util.Random(0) {
              @Override
              public int nextInt(int bound) {
                return 0;
              }
            })
        : s;
  }

  private static String spelling(long a, int form, java.util.Random random) {
    int o0 = (int) (a >>> 24);
    int o1 = (int) (a >>> 16) & 0xff;
    int o2 = (int) (a >>> 8) & 0xff;
    int o3 = (int) a & 0xff;
    switch (form) {
      case 0:
        return zeros(o0, random)
            + "."
            + zeros(o1, random)
            + "."
            + zeros(o2, random)
            + "."
            + zeros(o3, random);
      case 1:
        return Long.toString(a);
      case 2:
        return o0 + "." + zeros((o1 << 16) | (o2 << 8) | o3, random);
      case 3:
        return o0 + "." + o1 + "." + zeros((o2 << 8) | o3, random);
      case 4:
        return "::ffff:" + dotted(a);
      case 5:
        String hex = Integer.toHexString(o0 << 8 | o1) + ":" + Integer.toHexString(o2 << 8 | o3);
        return "::FFFF:" + (random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex);
      case 6:
        return "0:0:0:0:0:ffff:" + dotted(a);
      default:
        return "[::ffff:" + dotted(a) + "]";
    }
  }

  private static String zeros(long value, java.util.Random random) {
    return "0".repeat(random.nextInt(3)) + value;
  }

  // ---- the reference ----

  /** Reserved, multicast, broadcast and 0.0.0.0/8, written from the IANA registry. */
  static boolean reserved(long a) {
    int o0 = (int) (a >>> 24);
    int o1 = (int) (a >>> 16) & 0xff;
    return o0 == 0 || o0 >= 224 || (o0 == 198 && (o1 == 18 || o1 == 19));
  }

  static String dotted(long a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  static InetAddress addr(long a) throws UnknownHostException {
    return InetAddress.getByAddress(
        new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
  }

  /** A true {@link Inet6Address} holding the mapped form; getByName would unmap it. */
  static InetAddress mappedV6(long a) throws UnknownHostException {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(addr(a).getAddress(), 0, b, 12, 4);
    return Inet6Address.getByAddress(null, b, -1);
  }

  static long toLong(InetAddress address) {
    byte[] b = address.getAddress();
    List<Byte> v4 = new ArrayList<>();
    int from = b.length == 16 ? 12 : 0;
    for (int i = from; i < b.length; i++) {
      v4.add(b[i]);
    }
    long out = 0;
    for (byte x : v4) {
      out = (out << 8) | (x & 0xff);
    }
    return out;
  }
}
