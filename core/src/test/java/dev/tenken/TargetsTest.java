package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static List<String> texts(Targets targets) {
    List<String> out = new ArrayList<>();
    targets.forEach(t -> out.add(t.toString()));
    return out;
  }

  @Test
  void aSingleTargetIsParsedAsTargetParseDoes() {
    Targets t = Targets.parse("redis://db.example:16379");

    assertThat(texts(t)).containsExactly("redis://db.example:16379");
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.scopeEntries()).containsExactly("db.example");
  }

  @Test
  void anIpv4BlockLeavesOutItsNetworkAndBroadcastAddresses() {
    assertThat(texts(Targets.parse("192.0.2.0/29")))
        .containsExactly(
            "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6");
    assertThat(texts(Targets.parse("192.0.2.4/31"))).containsExactly("192.0.2.4", "192.0.2.5");
    assertThat(texts(Targets.parse("192.0.2.9/32"))).containsExactly("192.0.2.9");
  }

  @Test
  void blocksKeepPortsAndSchemeAndIgnoreHostBits() {
    Targets ports = Targets.parse("10.0.0.7/30:554,8000-8001");
    assertThat(texts(ports)).containsExactly("10.0.0.5:554,8000-8001", "10.0.0.6:554,8000-8001");
    assertThat(ports.scopeEntries()).containsExactly("10.0.0.4/30");

    assertThat(texts(Targets.parse("rtsp://10.0.0.0/30")))
        .containsExactly("rtsp://10.0.0.1", "rtsp://10.0.0.2");
    Target first = Targets.parse("rtsp://10.0.0.0/30:8554").iterator().next();
    assertThat(first.service()).contains("rtsp");
    assertThat(first.ports()).containsExactly(PortRange.of(8554));
  }

  @Test
  void aLastOctetRangeNamesEachAddress() {
    Targets r = Targets.parse("192.0.2.254-255:80");

    assertThat(texts(r)).containsExactly("192.0.2.254:80", "192.0.2.255:80");
    assertThat(r.scopeEntries()).containsExactly("192.0.2.254", "192.0.2.255");
  }

  @Test
  void ipv6BlocksAreBoundedAndCompressed() {
    Targets v6 = Targets.parse("[2001:DB8::fffe/127]:80");
    assertThat(texts(v6)).containsExactly("[2001:db8::fffe]:80", "[2001:db8::ffff]:80");
    assertThat(v6.scopeEntries()).containsExactly("2001:db8::fffe/127");
    assertThat(Targets.parse("2001:db8:0:1::/112").count()).isEqualTo(65_536);
    assertThat(texts(Targets.parse("fe80::/127"))).containsExactly("[fe80::]", "[fe80::1]");

    assertThatThrownBy(() -> Targets.parse("2001:db8::/64"))
        .isInstanceOf(TargetParseException.class)
        .hasMessageContaining("/64")
        .hasMessageContaining("/112 or smaller");
  }

  @Test
  void aSlash8StreamsOneTargetAtATime() {
    Targets eight = Targets.parse("10.0.0.0/8");
    assertThat(eight.count()).isEqualTo((1L << 24) - 2);

    // Counting 16 million targets holds one at a time; a materialised list of them would not fit
    // in the test JVM's heap as Target objects. The last one proves the carry across octets.
    long n = 0;
    Target last = null;
    for (Iterator<Target> it = eight.iterator(); it.hasNext(); ) {
      last = it.next();
      n++;
    }
    assertThat(n).isEqualTo((1L << 24) - 2);
    assertThat(last).hasToString("10.255.255.254");
  }

  @Test
  void badBlocksNameTheBadPart() {
    assertThatThrownBy(() -> Targets.parse("10.0.0.0/33"))
        .isInstanceOfSatisfying(
            TargetParseException.class, e -> assertThat(e.badPart()).isEqualTo("/33"))
        .hasMessageStartingWith("bad target '10.0.0.0/33': prefix /33 is longer");
    assertThatThrownBy(() -> Targets.parse("10.0.0.0/4")).hasMessageContaining("/8 or smaller");
    assertThatThrownBy(() -> Targets.parse("10.0.300.0/24")).hasMessageContaining("'300'");
    assertThatThrownBy(() -> Targets.parse("10.0.0.0/24:99999"))
        .hasMessageStartingWith("bad target '10.0.0.0/24:99999'")
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> Targets.parse("10.0.0.0/24/x")).hasMessageContaining("'/x'");
    assertThatThrownBy(() -> Targets.parse("10.0.0.20-10"))
        .isInstanceOfSatisfying(
            TargetParseException.class, e -> assertThat(e.badPart()).isEqualTo("20-10"))
        .hasMessageContaining("upwards");
  }

  @Test
  void linesSkipCommentsAndBlanksAndNameTheBadLine() throws Exception {
    String file =
        """
        # cameras
        rtsp://192.0.2.10   # lobby

        192.0.2.20-21:80
        """;
    Targets t = Targets.read(new StringReader(file), "hosts.txt");
    assertThat(texts(t)).containsExactly("rtsp://192.0.2.10", "192.0.2.20:80", "192.0.2.21:80");
    assertThat(t.plus(Targets.parse("db.example")).count()).isEqualTo(4);

    assertThatThrownBy(
            () -> Targets.read(new StringReader("192.0.2.1\n\nbad_host!\n"), "hosts.txt"))
        .isInstanceOfSatisfying(
            TargetParseException.class, e -> assertThat(e.input()).isEqualTo("bad_host!"))
        .hasMessageStartingWith("bad target 'bad_host!': ")
        .hasMessageEndingWith("(line 3 of hosts.txt)");
  }

  @Test
  void everyIterationStartsAfresh() {
    Targets t = Targets.parse("192.0.2.0/30").plus(Targets.none()).plus(Targets.parse("h.example"));
    assertThat(texts(t)).isEqualTo(texts(t)).hasSize(3);
    assertThat(Targets.none().iterator().hasNext()).isFalse();
  }
}
