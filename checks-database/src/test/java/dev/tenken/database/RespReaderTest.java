package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RespReaderTest {
  private static final int CAP = 256 * 1024;

  private static RespValue read(String wire) throws IOException {
    return new RespReader(new ByteArrayInputStream(wire.getBytes(ISO_8859_1)), CAP).read();
  }

  @Test
  void readsEveryResp2Type() throws IOException {
    assertThat(read("+PONG\r\n")).isEqualTo(new RespValue.SimpleString("PONG"));
    assertThat(read("-NOAUTH Authentication required.\r\n"))
        .isInstanceOfSatisfying(
            RespValue.ErrorReply.class, e -> assertThat(e.code()).isEqualTo("NOAUTH"));
    assertThat(read(":-42\r\n")).isEqualTo(new RespValue.IntegerReply(-42));
    assertThat(read("$5\r\nhello\r\n"))
        .isInstanceOfSatisfying(
            RespValue.BulkString.class, b -> assertThat(b.text()).isEqualTo("hello"));
    assertThat(read("$0\r\n\r\n"))
        .isInstanceOfSatisfying(RespValue.BulkString.class, b -> assertThat(b.text()).isEmpty());
    assertThat(read("$-1\r\n"))
        .isInstanceOfSatisfying(RespValue.BulkString.class, b -> assertThat(b.isNull()).isTrue());
    assertThat(read("*-1\r\n"))
        .isInstanceOfSatisfying(RespValue.ArrayReply.class, a -> assertThat(a.isNull()).isTrue());
    RespValue nested = read("*3\r\n$3\r\ndir\r\n*1\r\n:7\r\n*-1\r\n");
    assertThat(nested)
        .isInstanceOfSatisfying(
            RespValue.ArrayReply.class,
            a -> {
              assertThat(a.items()).hasSize(3);
              assertThat(a.items().get(1))
                  .isEqualTo(
                      new RespValue.ArrayReply(java.util.List.of(new RespValue.IntegerReply(7))));
            });
  }

  @Test
  void readsConsecutiveRepliesFromOneStream() throws IOException {
    RespReader r =
        new RespReader(new ByteArrayInputStream("+OK\r\n:1\r\n".getBytes(ISO_8859_1)), CAP);
    assertThat(r.read()).isEqualTo(new RespValue.SimpleString("OK"));
    assertThat(r.read()).isEqualTo(new RespValue.IntegerReply(1));
    assertThat(r.consumed()).isEqualTo(9);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "+PONG",
        "+PONG\n",
        "+PONG\rX",
        "!3\r\nabc\r\n",
        "%1\r\n",
        "HTTP/1.1 400 Bad Request\r\n",
        ":\r\n",
        ":12a\r\n",
        ":-\r\n",
        ":99999999999999999999\r\n",
        "$\r\n",
        "$-2\r\n",
        "$abc\r\n",
        "$5\r\nhel",
        "$5\r\nhelloXY",
        "$5\r\nhello",
        "*-2\r\n",
        "*2\r\n+a\r\n",
        "*1\r\n!\r\n",
        "*99999\r\n",
        "*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n"
      })
  void malformedTruncatedOrOversizedRepliesAreProtocolExceptions(String wire) {
    assertThatThrownBy(() -> read(wire)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void aTwoGibibyteBulkStringIsRefusedBeforeAnythingIsAllocated() {
    // A stream that announces 2 GiB and then trickles 'x' forever: the reader must stop at the
    // announcement, having read at most one buffer of the body.
    long[] body = {0};
    InputStream hostile =
        new InputStream() {
          private final byte[] header = "$2147483647\r\n".getBytes(ISO_8859_1);
          private int pos;

          @Override
          public int read() {
            if (pos < header.length) {
              return header[pos++];
            }
            body[0]++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (len == 0) {
              return 0;
            }
            b[off] = (byte) read();
            return 1;
          }
        };
    long before = usedHeap();
    assertThatThrownBy(() -> new RespReader(hostile, CAP).read())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("announces 2147483647 bytes")
        .hasMessageContaining("read cap");
    assertThat(usedHeap() - before).isLessThan(64L * 1024 * 1024);
    assertThat(body[0]).isLessThanOrEqualTo(8192);
  }

  @Test
  void aBulkStringBeyondWhatIsLeftOfTheBudgetIsRefused() {
    String wire = "+OK\r\n$100\r\n" + "x".repeat(100) + "\r\n";
    RespReader r = new RespReader(new ByteArrayInputStream(wire.getBytes(ISO_8859_1)), 100);
    assertThatCode(r::read).doesNotThrowAnyException();
    assertThatThrownBy(r::read)
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than the 89 left");
  }

  @Test
  void anEndlessLineIsRefusedAtTheLineLimit() {
    byte[] wire = new byte[RespReader.MAX_LINE * 4];
    java.util.Arrays.fill(wire, (byte) 'a');
    wire[0] = '-';
    assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(wire), CAP).read())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void tooManyValuesInOneReplyAreRefused() {
    StringBuilder b = new StringBuilder("*4000\r\n");
    for (int i = 0; i < 4000; i++) {
      b.append("*4000\r\n");
    }
    assertThatThrownBy(() -> read(b.toString())).isInstanceOf(ProtocolException.class);
  }

  @Test
  void randomBytesGiveAValueOrAProtocolExceptionNeverAnythingElse() {
    Random random = new Random(7);
    byte[] types = {'+', '-', ':', '$', '*'};
    for (int i = 0; i < 5_000; i++) {
      byte[] data = new byte[1 + random.nextInt(40)];
      random.nextBytes(data);
      data[0] = types[random.nextInt(types.length)];
      for (int k = 1; k < data.length; k++) {
        if (random.nextInt(4) == 0) {
          data[k] = (byte) "0123456789\r\n-".charAt(random.nextInt(13));
        }
      }
      try {
        new RespReader(new ByteArrayInputStream(data), 64).read();
      } catch (ProtocolException expected) {
        // fine
      } catch (Throwable other) {
        throw new AssertionError(
            "input " + java.util.Arrays.toString(data) + " threw " + other, other);
      }
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
