package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The service probes on byte arrays: what they recognise, refine and send, and that they never
 * throw.
 */
class ServiceProbesTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void httpProbeRecognisesABareHtmlErrorPageAsHttp09StyleAnswer() {
    HttpServiceProbe p = HttpServiceProbe.INSTANCE;
    // What Python's http.server answers to the PJL status query: the error page, no status line.
    assertThat(p.recognises(ascii("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>"))).isTrue();
    assertThat(p.recognises(ascii("\r\n<html><body>400</body></html>"))).isTrue();
    assertThat(p.recognises(ascii("<htm"))).isFalse();
    assertThat(p.recognises(ascii("<?xml version=\"1.0\"?><html>"))).isFalse();
    assertThat(p.recognises(ascii("-ERR <html>"))).isFalse();
  }

  @Test
  void httpProbeRecognisesStatusLinesOnly() {
    HttpServiceProbe p = HttpServiceProbe.INSTANCE;
    assertThat(p.recognises(ascii("HTTP/1.1 200 OK\r\n\r\n"))).isTrue();
    assertThat(p.recognises(ascii("HTTP/1.0 400 Bad Request\r\n"))).isTrue();
    assertThat(p.recognises(ascii("HTTP/2 200\r\n"))).isTrue();
    assertThat(p.recognises(ascii("HTTP/1."))).isTrue();
    assertThat(p.recognises(ascii("HTTP/3 200"))).isFalse();
    assertThat(p.recognises(ascii("http/1.1 200 OK"))).isFalse();
    assertThat(p.recognises(ascii("RTSP/1.0 200 OK"))).isFalse();
    assertThat(p.recognises(ascii("SSH-2.0-OpenSSH"))).isFalse();
    assertThat(p.recognises(ascii("HTTP/"))).isFalse();
    assertThat(p.recognises(new byte[0])).isFalse();
  }

  @Test
  void httpProbeRefinesToIppWhenTheServerHeaderNamesIppOrCups() {
    HttpServiceProbe p = HttpServiceProbe.INSTANCE;
    assertThat(p.refine(ascii("HTTP/1.1 200 OK\r\nServer: CUPS/2.4 IPP/2.1\r\n\r\n")))
        .isEqualTo("ipp");
    assertThat(p.refine(ascii("HTTP/1.1 400 Bad Request\r\nserver: ipp/1.1\r\n\r\n")))
        .isEqualTo("ipp");
    assertThat(p.refine(ascii("HTTP/1.0 200 OK\nSERVER: Brother IPP Server\n\n"))).isEqualTo("ipp");
    assertThat(p.refine(ascii("HTTP/1.1 200 OK\r\nServer: Apache/2.4\r\n\r\n"))).isEqualTo("http");
    assertThat(p.refine(ascii("HTTP/1.1 200 OK\r\nServer: Shippo\r\n\r\n"))).isEqualTo("http");
    assertThat(p.refine(ascii("HTTP/1.1 200 OK\r\nX-Note: CUPS\r\n\r\n"))).isEqualTo("http");
    assertThat(p.refine(ascii("HTTP/1.1 200 OK\r\n\r\nServer: CUPS in the body")))
        .isEqualTo("http");
    assertThat(p.refine(ascii("not http, Server: CUPS"))).isEqualTo("http");
    assertThat(p.service()).isEqualTo("http");
  }

  @Test
  void httpProbeSendsAReadOnlyGetAndListsNoTlsPorts() {
    HttpServiceProbe p = HttpServiceProbe.INSTANCE;
    String request = new String(p.request().orElseThrow(), StandardCharsets.US_ASCII);
    assertThat(request)
        .isEqualTo(
            "GET / HTTP/1.0\r\nHost: probe\r\nUser-Agent: "
                + HttpProbe.USER_AGENT
                + "\r\nConnection: close\r\n\r\n");
    p.request().orElseThrow()[0] = 'X';
    assertThat(p.request().orElseThrow()[0]).isEqualTo((byte) 'G');
    assertThat(p.likelyPorts())
        .containsExactly(80, 81, 8000, 8008, 8080, 8081, 8088, 8888, 5984, 9200, 631)
        .doesNotContain(443, 8443);
  }

  @Test
  void tlsProbeRecognisesHandshakeAndAlertRecords() {
    TlsServiceProbe p = TlsServiceProbe.INSTANCE;
    assertThat(p.recognises(new byte[] {0x16, 0x03, 0x03, 0x00, 0x5a})).isTrue();
    assertThat(p.recognises(new byte[] {0x16, 0x03, 0x00})).isTrue();
    assertThat(p.recognises(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28})).isTrue();
    assertThat(p.recognises(new byte[] {0x15, 0x03, 0x04})).isTrue();
    assertThat(p.recognises(new byte[] {0x16, 0x03, 0x05})).isFalse();
    assertThat(p.recognises(new byte[] {0x17, 0x03, 0x03})).isFalse();
    assertThat(p.recognises(new byte[] {0x16, 0x02, 0x00})).isFalse();
    assertThat(p.recognises(new byte[] {0x16, 0x03})).isFalse();
    assertThat(p.recognises(ascii("HTTP/1.1 400"))).isFalse();
    assertThat(p.service()).isEqualTo("https");
    assertThat(p.refine(new byte[] {0x16, 0x03, 0x03})).isEqualTo("https");
    assertThat(p.likelyPorts()).containsExactly(443, 8443, 6984, 9443);
  }

  @Test
  void tlsProbeSendsAWellFormedTls12ClientHelloWithoutSni() {
    byte[] hello = TlsServiceProbe.INSTANCE.request().orElseThrow();
    assertThat(hello[0]).isEqualTo((byte) 0x16);
    assertThat(((hello[3] & 0xff) << 8) | (hello[4] & 0xff)).isEqualTo(hello.length - 5);
    assertThat(hello[5]).isEqualTo((byte) 0x01);
    int handshakeLength = ((hello[6] & 0xff) << 16) | ((hello[7] & 0xff) << 8) | (hello[8] & 0xff);
    assertThat(handshakeLength).isEqualTo(hello.length - 9);
    assertThat(hello[9]).isEqualTo((byte) 0x03);
    assertThat(hello[10]).isEqualTo((byte) 0x03);
    // Walk to the extensions and check none is server_name (type 0).
    int i = 9 + 2 + 32;
    i += 1 + (hello[i] & 0xff);
    i += 2 + (((hello[i] & 0xff) << 8) | (hello[i + 1] & 0xff));
    i += 1 + (hello[i] & 0xff);
    int end = i + 2 + (((hello[i] & 0xff) << 8) | (hello[i + 1] & 0xff));
    assertThat(end).isEqualTo(hello.length);
    List<Integer> types = new ArrayList<>();
    for (i += 2; i < end; ) {
      types.add(((hello[i] & 0xff) << 8) | (hello[i + 1] & 0xff));
      i += 4 + (((hello[i + 2] & 0xff) << 8) | (hello[i + 3] & 0xff));
    }
    assertThat(i).isEqualTo(end);
    assertThat(types).doesNotContain(0).contains(0x000a, 0x000d);
  }

  @Test
  void probesNeverThrowOnAnyByteArray() {
    Random random = new Random(20160127L);
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add(new byte[] {0x16});
    inputs.add(ascii("HTTP/1.1"));
    inputs.add(ascii("HTTP/1.1 200 OK\r\nServer:"));
    inputs.add(ascii("HTTP/1.1 200 OK\r\n:\r\nServer\r\n: cups\r\n"));
    inputs.add(ascii("HTTP/2\u0000\u00ff\r\n\r\n\r\n"));
    byte[] huge = new byte[1 << 20];
    System.arraycopy(ascii("HTTP/1.1 200 OK\r\n"), 0, huge, 0, 17);
    inputs.add(huge);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[random.nextInt(80)];
      random.nextBytes(b);
      if (n % 3 == 0 && b.length > 7) {
        System.arraycopy(ascii("HTTP/1."), 0, b, 0, 7);
      }
      inputs.add(b);
    }
    for (byte[] b : inputs) {
      assertThatCode(
              () -> {
                HttpServiceProbe.INSTANCE.recognises(b);
                assertThat(HttpServiceProbe.INSTANCE.refine(b)).isIn("http", "ipp");
                TlsServiceProbe.INSTANCE.recognises(b);
                assertThat(TlsServiceProbe.INSTANCE.refine(b)).isEqualTo("https");
              })
          .doesNotThrowAnyException();
    }
  }
}
