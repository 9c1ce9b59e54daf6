package dev.tenken.http;

import dev.tenken.spi.ServiceProbe;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Recognises TLS servers for the runner's service identification: a reply that starts with a TLS
 * record header, handshake ({@code 0x16 0x03 0x00-0x04}) or alert ({@code 0x15 0x03 0x00-0x04}).
 * Its request is a small, fixed TLS 1.2 ClientHello without SNI (common ECDHE/RSA AES suites;
 * servers that refuse them still answer with an alert, which is recognised too).
 *
 * <p><b>Assumption:</b> the service it names is {@code https}. A TLS port may carry another
 * protocol (IMAPS, LDAPS, MQTT or Redis over TLS); HTTPS checks then find no HTTP there and end in
 * {@code ERROR} or {@code PASS} as their evidence says, and checks for those protocols should
 * target such ports with a scheme hint. Stateless and thread-safe; {@link #recognises} accepts any
 * byte array and never throws.
 */
public final class TlsServiceProbe implements ServiceProbe {
  /** The one instance. */
  public static final TlsServiceProbe INSTANCE = new TlsServiceProbe();

  private static final List<Integer> PORTS = List.of(443, 8443, 6984, 9443);

  private static final byte[] CLIENT_HELLO = clientHello();

  private TlsServiceProbe() {}

  /** {@code https} (see the class description for this assumption). */
  @Override
  public String service() {
    return "https";
  }

  /** 443, 8443, 6984 (CouchDB over TLS), 9443. */
  @Override
  public List<Integer> likelyPorts() {
    return PORTS;
  }

  /** A fixed TLS 1.2 ClientHello without SNI. */
  @Override
  public Optional<byte[]> request() {
    return Optional.of(CLIENT_HELLO.clone());
  }

  /** Whether {@code reply} starts with a TLS handshake or alert record of version 3.0 to 3.4. */
  @Override
  public boolean recognises(byte[] reply) {
    if (reply == null || reply.length < 3) {
      return false;
    }
    int type = reply[0] & 0xff;
    int major = reply[1] & 0xff;
    int minor = reply[2] & 0xff;
    return (type == 0x16 || type == 0x15) && major == 0x03 && minor <= 0x04;
  }

  @Override
  public String toString() {
    return "TlsServiceProbe";
  }

  private static byte[] clientHello() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x03); // client_version TLS 1.2
    body.write(0x03);
    for (int i = 0; i < 32; i++) {
      body.write(0x54 ^ (i * 37)); // a fixed "random": the probe only needs an answer
    }
    body.write(0x00); // no session id
    int[] suites = {
      0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c,
      0x009d, 0x002f, 0x0035, 0x000a, 0x00ff
    };
    u16(body, suites.length * 2);
    for (int s : suites) {
      u16(body, s);
    }
    body.write(0x01); // compression methods: null only
    body.write(0x00);

    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    // supported_groups: x25519, secp256r1, secp384r1
    int[] groups = {0x001d, 0x0017, 0x0018};
    u16(ext, 0x000a);
    u16(ext, 2 + groups.length * 2);
    u16(ext, groups.length * 2);
    for (int g : groups) {
      u16(ext, g);
    }
    // ec_point_formats: uncompressed
    u16(ext, 0x000b);
    u16(ext, 2);
    ext.write(0x01);
    ext.write(0x00);
    // signature_algorithms
    int[] sigs = {
      0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201
    };
    u16(ext, 0x000d);
    u16(ext, 2 + sigs.length * 2);
    u16(ext, sigs.length * 2);
    for (int s : sigs) {
      u16(ext, s);
    }
    // extended_master_secret
    u16(ext, 0x0017);
    u16(ext, 0);
    byte[] extensions = ext.toByteArray();
    u16(body, extensions.length);
    body.write(extensions, 0, extensions.length);

    byte[] hello = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(0x16); // handshake
    record.write(0x03); // record version TLS 1.0, as clients send for compatibility
    record.write(0x01);
    u16(record, hello.length + 4);
    record.write(0x01); // ClientHello
    record.write((hello.length >> 16) & 0xff);
    u16(record, hello.length & 0xffff);
    record.write(hello, 0, hello.length);
    return record.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xff);
    out.write(value & 0xff);
  }
}
