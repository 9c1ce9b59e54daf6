package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded BSON codec: round trips and every way a hostile reply can be malformed. */
class MongoBsonTest {

  @Test
  void roundTripsTheTypesCommandsUse() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("hello", 1);
    doc.put("big", 1L << 40);
    doc.put("ok", 1.0);
    doc.put("flag", true);
    doc.put("text", "héllo");
    doc.put("list", List.of("zlib", 2));
    doc.put("sub", Map.of("a", "b"));
    doc.put("bin", new byte[] {1, 2, 3});

    Map<String, Object> back = MongoBson.decode(MongoBson.encode(doc));

    assertThat(back).containsEntry("hello", 1).containsEntry("big", 1L << 40);
    assertThat(back).containsEntry("ok", 1.0).containsEntry("flag", true);
    assertThat(back).containsEntry("text", "héllo").containsEntry("list", List.of("zlib", 2));
    assertThat(back).containsEntry("sub", Map.of("a", "b"));
    assertThat((byte[]) back.get("bin")).containsExactly(1, 2, 3);
  }

  @Test
  void refusesALengthBeyondTheBytesPresent() {
    byte[] doc = MongoBson.encode(Map.of("a", 1));
    doc[0] = (byte) 0xff;
    doc[3] = (byte) 0x7f; // announces 2 GiB
    assertThatThrownBy(() -> MongoBson.decode(doc))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("announces");
  }

  @Test
  void refusesTruncatedStringsUnknownTypesAndBadUtf8() {
    byte[] s = MongoBson.encode(Map.of("s", "abc"));
    s[7] = 100; // string length beyond the document
    assertThatThrownBy(() -> MongoBson.decode(s)).isInstanceOf(ProtocolException.class);

    byte[] t = MongoBson.encode(Map.of("a", 1));
    t[4] = 0x42; // unknown element type
    assertThatThrownBy(() -> MongoBson.decode(t))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown type");

    byte[] u = MongoBson.encode(Map.of("s", "ab"));
    u[11] = (byte) 0xc3; // a lone UTF-8 lead byte
    assertThatThrownBy(() -> MongoBson.decode(u))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void refusesRepeatedKeysAndMissingTerminator() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < 2; i++) {
      body.write(0x10);
      body.writeBytes(new byte[] {'o', 'k', 0});
      MongoBson.writeInt(body, 1);
    }
    ByteArrayOutputStream doc = new ByteArrayOutputStream();
    MongoBson.writeInt(doc, 4 + body.size() + 1);
    doc.writeBytes(body.toByteArray());
    doc.write(0);
    assertThatThrownBy(() -> MongoBson.decode(doc.toByteArray()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("repeats");

    byte[] noNul = MongoBson.encode(Map.of("a", 1));
    noNul[noNul.length - 1] = 1;
    assertThatThrownBy(() -> MongoBson.decode(noNul)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void refusesNestingBeyondTheLimit() {
    Map<String, Object> doc = Map.of("x", 1);
    for (int i = 0; i < MongoBson.MAX_DEPTH + 5; i++) {
      doc = Map.of("d", doc);
    }
    byte[] bytes = MongoBson.encode(doc);
    assertThatThrownBy(() -> MongoBson.decode(bytes))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("deeper");
  }

  @Test
  void everyTruncationOfAReplyIsAProtocolError() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ok", 1.0);
    doc.put("version", "7.0.12");
    doc.put("hosts", List.of("db1:27017", "db2:27017"));
    byte[] bytes = MongoBson.encode(doc);
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> MongoBson.decode(part))
          .as("cut at %d", cut)
          .isInstanceOf(ProtocolException.class);
    }
  }
}
