package dev.tenken.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * A camera's RTSP server, as far as identification sees it: {@code OPTIONS} gets {@code 200 OK}
 * with the {@code CSeq} echoed and a {@code Public} header; {@code DESCRIBE} and the rest get
 * {@code 401 Unauthorized}; a request line it cannot parse gets {@code RTSP/1.0 400 Bad Request}
 * and the connection is closed.
 */
final class RtspSimulator extends LoopbackServer {
  private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z_]+) \\S+ RTSP/1\\.0");

  RtspSimulator() throws IOException {
    super("rtsp-simulator");
  }

  @Override
  void serve(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    while (true) {
      String line = readLine(in);
      if (line == null) {
        return;
      }
      var request = REQUEST_LINE.matcher(line);
      if (!request.matches()) {
        out.write(
            "RTSP/1.0 400 Bad Request\r\nServer: Tenken RTSP simulator\r\n\r\n"
                .getBytes(ISO_8859_1));
        out.flush();
        lingeringClose(socket);
        return;
      }
      String cseq = "0";
      for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
        if (h.regionMatches(true, 0, "CSeq:", 0, 5)) {
          cseq = h.substring(5).strip();
        }
      }
      String reply =
          request.group(1).equals("OPTIONS")
              ? "RTSP/1.0 200 OK\r\nCSeq: "
                  + cseq
                  + "\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER\r\n"
                  + "Server: Tenken RTSP simulator\r\n\r\n"
              : "RTSP/1.0 401 Unauthorized\r\nCSeq: "
                  + cseq
                  + "\r\n"
                  + "WWW-Authenticate: Digest realm=\"IP Camera\","
                  + " nonce=\"0123456789abcdef\"\r\n\r\n";
      out.write(reply.getBytes(ISO_8859_1));
      out.flush();
    }
  }
}
