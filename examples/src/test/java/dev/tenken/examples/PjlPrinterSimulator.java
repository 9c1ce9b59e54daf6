package dev.tenken.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tenken.spi.PrintPortGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A printer's raw print port that records every byte it receives, on every connection, in order.
 * Once a UEL-framed job is complete it answers each {@code @PJL INFO} line with an echo and the
 * status, as a LaserJet does; a {@linkplain #silent() silent} printer (PJL answers switched off)
 * swallows everything and answers nothing.
 */
final class PjlPrinterSimulator extends LoopbackServer {
  private final boolean answers;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final List<byte[]> jobs = new ArrayList<>();

  private PjlPrinterSimulator(boolean answers) throws IOException {
    super("pjl-printer-simulator");
    this.answers = answers;
  }

  /** A printer that answers PJL queries. */
  static PjlPrinterSimulator answering() throws IOException {
    return new PjlPrinterSimulator(true);
  }

  /** A printer that answers nothing. */
  static PjlPrinterSimulator silent() throws IOException {
    return new PjlPrinterSimulator(false);
  }

  /** Every byte received so far, all connections together. */
  byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  /** Each complete UEL-framed job received so far. */
  List<byte[]> jobs() {
    synchronized (received) {
      return List.copyOf(jobs);
    }
  }

  @Override
  void serve(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    ByteArrayOutputStream job = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      synchronized (received) {
        received.write(buf, 0, n);
      }
      job.write(buf, 0, n);
      String text = job.toString(ISO_8859_1);
      String uel = PrintPortGuard.UEL;
      if (text.length() > 2 * uel.length() && text.startsWith(uel) && text.endsWith(uel)) {
        synchronized (received) {
          jobs.add(job.toByteArray());
        }
        job.reset();
        if (answers) {
          out.write(answer(text).getBytes(ISO_8859_1));
          out.flush();
        }
      }
    }
  }

  private static String answer(String job) {
    StringBuilder reply = new StringBuilder();
    for (String line : job.split("\r?\n")) {
      int at = line.indexOf("@PJL INFO ");
      if (at < 0) {
        continue;
      }
      String query = line.substring(at).strip();
      String category = query.substring("@PJL INFO ".length()).strip();
      reply.append(query).append("\r\n");
      switch (category) {
        case "STATUS" -> reply.append("CODE=10001\r\nDISPLAY=\"Ready\"\r\nONLINE=TRUE\r\n");
        case "ID" -> reply.append("\"Tenken LaserJet 9000\"\r\n");
        default -> reply.append("?\r\n");
      }
      reply.append('\f');
    }
    return reply.toString();
  }
}
