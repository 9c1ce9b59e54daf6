package dev.tenken.camera;

import dev.tenken.spi.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of an SDP session description (RFC 8866) that matter to the RTSP checks: the session
 * name ({@code s=}) and the media sections ({@code m=video 0 RTP/AVP 96}) with their codec from
 * {@code a=rtpmap}. Parsing is bounded — at most {@value #MAX_LINES} lines and {@value #MAX_MEDIA}
 * media sections are read — and strict only where it matters: the description must start with
 * {@code v=0}, and every line must be {@code <letter>=<value>}. Immutable and thread-safe.
 *
 * @param name the session name, printable, at most 80 characters; empty when absent
 * @param media the media sections in order
 */
record SdpSession(String name, List<Media> media) {
  /** Most lines read. */
  static final int MAX_LINES = 512;

  /** Most media sections kept. */
  static final int MAX_MEDIA = 16;

  SdpSession {
    media = List.copyOf(media);
  }

  /**
   * One media section.
   *
   * @param type {@code video}, {@code audio}, {@code application}..., lower case
   * @param protocol the transport, such as {@code RTP/AVP}
   * @param codec the encoding name of the first format with an {@code a=rtpmap} ({@code H264},
   *     {@code JPEG}), the static payload name (26 is {@code JPEG}), or {@code payload <n>}
   */
  record Media(String type, String protocol, String codec) {
    /** {@code video H264 (RTP/AVP)}. */
    String describe() {
      return type + " " + codec + " (" + protocol + ")";
    }
  }

  /** Whether there is an {@code m=video} section. */
  boolean hasVideo() {
    return media.stream().anyMatch(m -> m.type().equals("video"));
  }

  /** The media sections for evidence: {@code video H264 (RTP/AVP), audio PCMA (RTP/AVP)}. */
  String describeMedia() {
    if (media.isEmpty()) {
      return "no media sections";
    }
    List<String> parts = new ArrayList<>();
    media.forEach(m -> parts.add(m.describe()));
    return String.join(", ", parts);
  }

  /**
   * Parses {@code text}.
   *
   * @throws ProtocolException when it is not an SDP description: no {@code v=0} first, or a line
   *     that is not {@code <letter>=<value>}
   */
  static SdpSession parse(String text) throws ProtocolException {
    String[] lines = text.split("\r?\n", MAX_LINES + 1);
    int count = Math.min(lines.length, MAX_LINES);
    if (count == 0 || !lines[0].strip().equals("v=0")) {
      throw new ProtocolException(
          "the SDP description does not start with v=0: "
              + RtspClient.printable(lines.length == 0 ? "" : lines[0], 40));
    }
    String name = "";
    List<Media> media = new ArrayList<>();
    String type = null;
    String protocol = null;
    String firstFormat = null;
    String codec = null;
    for (int i = 0; i < count; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
        throw new ProtocolException(
            "not an SDP line (line " + (i + 1) + "): " + RtspClient.printable(line, 40));
      }
      char key = line.charAt(0);
      String value = line.substring(2);
      if (key == 's' && type == null) {
        name = RtspClient.printable(value.strip(), 80);
      } else if (key == 'm') {
        if (type != null && media.size() < MAX_MEDIA) {
          media.add(new Media(type, protocol, codec(firstFormat, codec)));
        }
        String[] f = value.split(" +");
        type = RtspClient.printable(f[0].toLowerCase(Locale.ROOT), 20);
        protocol = f.length > 2 ? RtspClient.printable(f[2], 20) : "?";
        firstFormat = f.length > 3 ? f[3] : null;
        codec = null;
      } else if (key == 'a' && type != null && codec == null && value.startsWith("rtpmap:")) {
        // a=rtpmap:<payload> <encoding>/<clock rate>[/<channels>]
        String[] f = value.substring(7).split(" +", 2);
        if (f.length == 2 && f[0].equals(firstFormat)) {
          codec = RtspClient.printable(f[1].split("/", 2)[0], 20);
        }
      }
    }
    if (type != null && media.size() < MAX_MEDIA) {
      media.add(new Media(type, protocol, codec(firstFormat, codec)));
    }
    return new SdpSession(name, media);
  }

  private static String codec(String format, String rtpmap) {
    if (rtpmap != null) {
      return rtpmap;
    }
    if (format == null) {
      return "?";
    }
    return switch (format) {
      case "0" -> "PCMU";
      case "8" -> "PCMA";
      case "26" -> "JPEG";
      case "32" -> "MPV";
      case "33" -> "MP2T";
      case "34" -> "H263";
      default -> "payload " + RtspClient.printable(format, 8);
    };
  }
}
