package dev.tenken.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.regex.Pattern;

/**
 * A web server that behaves like nginx where it matters for identification: a request line whose
 * method is not an HTTP token (such as the PJL status query, which starts with ESC) gets {@code 400
 * Bad Request} at once, without waiting for headers; a good request for {@code /} gets a small
 * page, any other path {@code 404}.
 *
 * <p>Not every server answers at once: the JDK's {@code com.sun.net.httpserver.HttpServer} waits
 * for the blank line that ends the headers, stays silent after the PJL query and is therefore left
 * unidentified — the runner sends nothing more to a silent port, which may be a printer.
 */
final class HttpSimulator extends LoopbackServer {
  private static final Pattern REQUEST_LINE =
      Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ \\S+ HTTP/1\\.[01]");

  HttpSimulator() throws IOException {
    super("http-simulator");
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
      if (!REQUEST_LINE.matcher(line).matches()) {
        respond(out, "400 Bad Request", "<html><body><h1>400 Bad Request</h1></body></html>");
        lingeringClose(socket);
        return;
      }
      for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
        // headers are not needed
      }
      // One page at "/", 404 elsewhere: a server that answers 200 to any path is a catch-all,
      // which is a finding of its own.
      if (line.split(" ")[1].equals("/")) {
        respond(out, "200 OK", "<html><head><title>Network Camera</title></head></html>");
      } else {
        respond(out, "404 Not Found", "<html><body><h1>404 Not Found</h1></body></html>");
      }
    }
  }

  private static void respond(OutputStream out, String status, String body) throws IOException {
    byte[] content = body.getBytes(ISO_8859_1);
    out.write(
        ("HTTP/1.1 "
                + status
                + "\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: "
                + content.length
                + "\r\n\r\n")
            .getBytes(ISO_8859_1));
    out.write(content);
    out.flush();
  }
}
