package dev.tenken;

import static dev.tenken.ScopeAddressPropertyTest.addr;
import static dev.tenken.ScopeAddressPropertyTest.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What a scope entry means, against a reference written here: numeric entries of one to four
 * decimal parts (each part but the last at most 255, the last filling the remaining bytes, leading
 * zeros allowed) are the address they spell and anything else made of digits and dots is refused
 * with a message; prefix lengths are bounded by the address family; an IPv4-mapped block of prefix
 * 96 or more is the IPv4 block, a shorter one an IPv6 block that admits no IPv4 address; stray
 * brackets make an entry invalid rather than a different address.
 */
class ScopeEntryPropertyTest {

  @Property
  void numericEntriesAreTheAddressTheySpellOrRefused(
      @ForAll("numericParts") List<Long> parts,
      @ForAll @IntRange(max = 2) int zeros,
      @ForAll("nearLoopback") long other)
      throws UnknownHostException {
    List<String> texts = new ArrayList<>();
    for (long p : parts) {
      texts.add("0".repeat(zeros) + p);
    }
    String entry = String.join(".", texts);
    Optional<Long> meant = reference(parts);

    if (meant.isEmpty()) {
      assertThatThrownBy(() -> Scope.of(entry))
          .as(entry)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(entry);
      return;
    }
    Scope scope = Scope.of(entry);
    long a = meant.get();
    assertThat(scope.permits(addr(a)))
        .as("%s admits what it spells", entry)
        .isEqualTo(!reserved(a));
    assertThat(scope.permits(addr(other)))
        .as("%s admits %s", entry, other)
        .isEqualTo(other == a && !reserved(a));
  }

  @Property
  void prefixLengthsAreBoundedByTheFamily(
      @ForAll("nearLoopback") long network,
      @ForAll @IntRange(max = 140) int prefix,
      @ForAll("nearLoopback") long probe)
      throws UnknownHostException {
    String v4 = ScopeAddressPropertyTest.dotted(network) + "/" + prefix;
    String mapped = "::ffff:" + ScopeAddressPropertyTest.dotted(network) + "/" + prefix;
    String bracketed = "[::ffff:" + ScopeAddressPropertyTest.dotted(network) + "]/" + prefix;

    if (prefix > 32) {
      assertThatThrownBy(() -> Scope.of(v4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/" + prefix);
    } else {
      var block = new ScopeAddressPropertyTest.Block(network, prefix);
      assertThat(Scope.of(v4).permits(addr(probe)))
          .as("%s admits %s", v4, probe)
          .isEqualTo(block.contains(probe) && !reserved(probe));
    }
    for (String m : List.of(mapped, bracketed)) {
      if (prefix > 128) {
        assertThatThrownBy(() -> Scope.of(m))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("128");
        continue;
      }
      Scope scope = Scope.of(m);
      if (prefix >= 96) {
        var block = new ScopeAddressPropertyTest.Block(network, prefix - 96);
        assertThat(scope.permits(addr(probe)))
            .as("%s admits %s", m, probe)
            .isEqualTo(block.contains(probe) && !reserved(probe));
      } else {
        assertThat(scope.permits(addr(probe))).as("%s admits no IPv4 address", m).isFalse();
        // ::1 shares its first 80 bits (all zero) with ::ffff:a.b.c.d, not the next 16 (ffff)
        InetAddress v6Loopback = Inet6Address.getByName("::1");
        assertThat(scope.permits(v6Loopback)).as("%s admits ::1", m).isEqualTo(prefix <= 80);
      }
    }
  }

  @Property(tries = 1000)
  void entriesWithStrayBracketsAreRefused(
      @ForAll("nearLoopback") long address, @ForAll boolean open) {
    String entry =
        open
            ? "[" + ScopeAddressPropertyTest.dotted(address)
            : ScopeAddressPropertyTest.dotted(address) + "]";

    assertThatThrownBy(() -> Scope.of(entry)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The address a numeric entry spells, from the definition, or empty when it spells none. */
  static Optional<Long> reference(List<Long> parts) {
    int n = parts.size();
    long value = 0;
    for (int i = 0; i < n - 1; i++) {
      if (parts.get(i) > 255) {
        return Optional.empty();
      }
      value |= parts.get(i) << (8 * (3 - i));
    }
    long last = parts.get(n - 1);
    if (last >= 1L << (8 * (4 - (n - 1)))) {
      return Optional.empty();
    }
    return Optional.of(value | last);
  }

  @Provide
  Arbitrary<List<Long>> numericParts() {
    Arbitrary<Long> edges =
        Arbitraries.of(
            0L,
            1L,
            127L,
            255L,
            256L,
            65_535L,
            65_536L,
            16_777_215L,
            16_777_216L,
            4_294_967_295L,
            4_294_967_296L,
            99_999_999_999L);
    Arbitrary<Long> part =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, edges),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 300)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 5_000_000_000L)));
    return part.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Long> nearLoopback() {
    return new ScopeAddressPropertyTest().nearLoopback();
  }
}
