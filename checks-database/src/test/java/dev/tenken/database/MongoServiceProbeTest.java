package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import de.bwaldvogel.mongo.MongoServer;
import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.spi.PrintPortGuard;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's request, what it recognises, and identification of a mongo-java-server port. */
class MongoServiceProbeTest {
  private static final MongoServiceProbe PROBE = MongoServiceProbe.INSTANCE;

  private static byte[] exchange(int port, byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(4);
      if (head.length < 4) {
        return head;
      }
      int length = MongoBson.readInt(head, 0);
      byte[] rest = in.readNBytes(length - 4);
      byte[] all = new byte[length];
      System.arraycopy(head, 0, all, 0, 4);
      System.arraycopy(rest, 0, all, 4, rest.length);
      return all;
    }
  }

  @Test
  void recognisesTheAnswersOfServersWithAndWithoutHello() throws Exception {
    MongoServer plain = MongoSim.plain();
    try (MongoSim modern = MongoSim.builder().version(8, 0, 17).hello().start()) {
      byte[] old = exchange(plain.getLocalAddress().getPort(), PROBE.request().orElseThrow());
      byte[] current = exchange(modern.port(), PROBE.request().orElseThrow());

      assertThat(PROBE.recognises(old)).isTrue(); // ok: 0, no such command: 'hello'
      assertThat(PROBE.recognises(current)).isTrue(); // ok: 1
    } finally {
      plain.shutdownNow();
    }
  }

  @Test
  void mongoJavaServerClosesTheConnectionOnThePjlStatusQuery() throws Exception {
    MongoServer plain = MongoSim.plain();
    try {
      byte[] reply = exchange(plain.getLocalAddress().getPort(), PrintPortGuard.STATUS_QUERY);
      assertThat(reply).isEmpty();
    } finally {
      plain.shutdownNow();
    }
  }

  @Test
  void refusesWhatIsNotAMongoReply() {
    assertThat(PROBE.recognises(new byte[0])).isFalse();
    assertThat(PROBE.recognises("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(PROBE.recognises("-ERR unknown command\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    byte[] reply = MongoHostileRepliesTest.header(40, MongoWire.OP_MSG);
    assertThat(PROBE.recognises(java.util.Arrays.copyOf(reply, 40))).isFalse();
    byte[] request = PROBE.request().orElseThrow();
    assertThat(PROBE.recognises(request)).isFalse(); // the request itself: OP_MSG without ok
    request[0] = 0;
    assertThat(PROBE.request().orElseThrow()[0]).isNotEqualTo((byte) 0); // a fresh copy
  }

  @Test
  void identifiesAMongoJavaServerPortOfUnknownService() throws Exception {
    MongoServer plain = MongoSim.plain();
    try {
      int port = plain.getLocalAddress().getPort();
      CheckRunner runner =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(DatabaseChecks.all())
              .bannerWait(Duration.ofMillis(200))
              .build();
      TargetResult t = runner.scan(List.of(Target.of("127.0.0.1", port))).targets().get(0);

      assertThat(t.endpoints())
          .extracting(Endpoint::port, Endpoint::service)
          .containsExactly(tuple(port, "mongodb"));
      assertThat(t.results()).anyMatch(r -> r.checkId().equals("database.mongodb.no-auth"));
    } finally {
      plain.shutdownNow();
    }
  }
}
