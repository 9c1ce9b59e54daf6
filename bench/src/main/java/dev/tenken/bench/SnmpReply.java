package dev.tenken.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The lab agent's answer to one SNMP datagram: a {@code GetResponse} to a v1 or v2c {@code
 * GetRequest} with the community {@code public}, holding {@code sysDescr.0}, {@code sysUpTime.0}
 * and "no such object" for anything else. Everything else (other communities, v3, other PDUs,
 * malformed BER) gets no answer, as a real agent would. Stateless.
 */
final class SnmpReply {
  private static final byte[] SYS_DESCR = {0x2b, 6, 1, 2, 1, 1, 1, 0};
  private static final byte[] SYS_UPTIME = {0x2b, 6, 1, 2, 1, 1, 3, 0};
  private static final byte[] SYS_NAME = {0x2b, 6, 1, 2, 1, 1, 5, 0};

  private SnmpReply() {}

  /** The reply to {@code request}, or null when the agent stays silent. */
  static byte @Nullable [] answer(byte[] request, String sysDescr) {
    try {
      Reader message = new Reader(request).enter(0x30);
      byte[] version = message.value(0x02);
      byte[] community = message.value(0x04);
      if (version.length != 1
          || version[0] > 1
          || !"public".equals(new String(community, StandardCharsets.ISO_8859_1))) {
        return null;
      }
      boolean v1 = version[0] == 0;
      Reader pdu = message.enter(0xa0);
      byte[] requestId = pdu.value(0x02);
      pdu.value(0x02);
      pdu.value(0x02);
      Reader bindings = pdu.enter(0x30);
      ByteArrayOutputStream vbs = new ByteArrayOutputStream();
      int errorStatus = 0;
      int errorIndex = 0;
      for (int i = 1; bindings.hasMore(); i++) {
        Reader vb = bindings.enter(0x30);
        byte[] oid = vb.value(0x06);
        byte[] value;
        if (Arrays.equals(oid, SYS_DESCR)) {
          value = tlv(0x04, sysDescr.getBytes(StandardCharsets.UTF_8));
        } else if (Arrays.equals(oid, SYS_UPTIME)) {
          value = tlv(0x43, new byte[] {0x00, (byte) 0x83, (byte) 0xd6, 0x00});
        } else if (Arrays.equals(oid, SYS_NAME)) {
          value = tlv(0x04, "lab-mfp".getBytes(StandardCharsets.UTF_8));
        } else if (v1) {
          value = tlv(0x05, new byte[0]);
          if (errorStatus == 0) {
            errorStatus = 2; // noSuchName
            errorIndex = i;
          }
        } else {
          value = tlv(0x80, new byte[0]); // noSuchObject
        }
        vbs.writeBytes(tlv(0x30, concat(tlv(0x06, oid), value)));
      }
      byte[] response =
          tlv(
              0xa2,
              concat(
                  tlv(0x02, requestId),
                  tlv(0x02, new byte[] {(byte) errorStatus}),
                  tlv(0x02, new byte[] {(byte) errorIndex}),
                  tlv(0x30, vbs.toByteArray())));
      return tlv(0x30, concat(tlv(0x02, version), tlv(0x04, community), response));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Reads definite-length BER TLVs in sequence from a slice of a byte array. */
  private static final class Reader {
    private final byte[] data;
    private int pos;
    private final int end;

    Reader(byte[] data) {
      this(data, 0, data.length);
    }

    private Reader(byte[] data, int from, int end) {
      this.data = data;
      this.pos = from;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    /** Enters the constructed TLV with {@code tag} at the current position. */
    Reader enter(int tag) {
      int length = header(tag);
      Reader inner = new Reader(data, pos, pos + length);
      pos += length;
      return inner;
    }

    /** The content of the primitive TLV with {@code tag} at the current position. */
    byte[] value(int tag) {
      int length = header(tag);
      byte[] v = Arrays.copyOfRange(data, pos, pos + length);
      pos += length;
      return v;
    }

    private int header(int tag) {
      if (pos + 2 > end || (data[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("expected tag " + tag);
      }
      pos++;
      int first = data[pos++] & 0xff;
      int length = first;
      if (first >= 0x80) {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 2) {
          throw new IllegalArgumentException("length form not supported");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (data[pos++] & 0xff);
        }
      }
      if (pos + length > end) {
        throw new IllegalArgumentException("length beyond the datagram");
      }
      return length;
    }
  }
}
