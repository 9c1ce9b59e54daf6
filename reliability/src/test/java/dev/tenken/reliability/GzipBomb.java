package dev.tenken.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * A gzip stream of zeros that inflates about 1000:1, made without compressing anything at serve
 * time: once deflate's 32 KiB window is all zeros, each further mebibyte of zeros flushed with
 * SYNC_FLUSH compresses to the same bytes, so that block is computed once and repeated. The lab
 * then costs no CPU however much a client inflates.
 */
final class GzipBomb {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final byte[] FIRST;
  private static final byte[] REPEAT;

  static {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] zeros = new byte[1 << 20];
    FIRST = flush(d, zeros);
    REPEAT = flush(d, zeros);
    d.end();
  }

  private GzipBomb() {}

  private static byte[] flush(Deflater d, byte[] input) {
    d.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Writes a gzip stream inflating to about {@code inflated} zero bytes (no trailer). */
  static void stream(OutputStream out, long inflated) throws IOException {
    out.write(HEADER);
    out.write(FIRST);
    for (long done = 1 << 20; done < inflated; done += 1 << 20) {
      out.write(REPEAT);
    }
    out.flush();
  }
}
