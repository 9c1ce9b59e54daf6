package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The allow-list: everything {@link MemcachedClient} can encode. */
class MemcachedClientTest {

  @Test
  void theAllowListIsStatsStatsSettingsVersionQuit() {
    assertThat(Arrays.stream(MemcachedClient.Command.values()).map(c -> c.text))
        .containsExactly("stats", "stats settings", "version", "quit");
    for (MemcachedClient.Command c : MemcachedClient.Command.values()) {
      assertThat(new String(c.ascii(), ISO_8859_1)).isEqualTo(c.text + "\r\n");
      byte[] b = c.binary();
      assertThat(b[0] & 0xff).isEqualTo(0x80);
      assertThat(b[1] & 0xff).isIn(0x07, 0x0b, 0x10); // QUIT, VERSION, STAT: read-only opcodes
      assertThat(b).hasSize(24 + c.key.length());
    }
    assertThat(new String(MemcachedClient.Command.STATS_SETTINGS.binary(), 24, 8, ISO_8859_1))
        .isEqualTo("settings");
  }

  @Test
  void udpDatagramIsOneFramedStats() {
    byte[] d = MemcachedClient.udpStats(0xbeef);
    assertThat(d).hasSize(15);
    assertThat(d[0] & 0xff).isEqualTo(0xbe);
    assertThat(d[1] & 0xff).isEqualTo(0xef);
    assertThat(Arrays.copyOfRange(d, 2, 8)).containsExactly(0, 0, 0, 1, 0, 0);
    assertThat(new String(d, 8, 7, ISO_8859_1)).isEqualTo("stats\r\n");
  }

  @Test
  void printableMasksControlCharactersAndCuts() {
    assertThat(MemcachedClient.printable("a\u001bb\u0000c", 10)).isEqualTo("a?b?c");
    assertThat(MemcachedClient.printable("abcdef", 3)).isEqualTo("abc...");
  }
}
