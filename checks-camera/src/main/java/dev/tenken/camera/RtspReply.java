package dev.tenken.camera;

import dev.tenken.http.AuthChallenge;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One RTSP reply (RFC 2326 §7) as {@link RtspClient} read it: status, reason, headers in order and
 * the body, already bounded by the client's caps. Immutable and thread-safe.
 *
 * @param status the three-digit status code
 * @param reason the reason phrase, printable ASCII, at most 80 characters
 * @param headers name/value pairs in the order received; names as sent
 * @param body the body (empty without {@code Content-Length}); at most {@link RtspClient#MAX_BODY}
 *     bytes
 */
record RtspReply(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

  RtspReply {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of header {@code name} (case-insensitive). */
  Optional<String> header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return Optional.of(h.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of header {@code name} (case-insensitive), in order. */
  List<String> headers(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        out.add(h.getValue());
      }
    }
    return out;
  }

  /** Whether the status is 2xx. */
  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The challenges of the {@code WWW-Authenticate} headers (empty when none). */
  List<AuthChallenge> challenges() {
    return AuthChallenge.parse(headers("WWW-Authenticate"));
  }

  /** Whether {@code Content-Type} is {@code application/sdp} (parameters ignored). */
  boolean isSdp() {
    return header("Content-Type")
        .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .filter("application/sdp"::equals)
        .isPresent();
  }

  /**
   * The SDP description of a 2xx {@code application/sdp} reply.
   *
   * @return empty when the reply is not a 2xx SDP reply
   * @throws dev.tenken.spi.ProtocolException when the body is not a valid SDP description
   */
  Optional<SdpSession> sdp() throws dev.tenken.spi.ProtocolException {
    if (!isSuccess() || !isSdp()) {
      return Optional.empty();
    }
    return Optional.of(SdpSession.parse(new String(body, StandardCharsets.UTF_8)));
  }

  /** Whether this reply proves a stream: 2xx, {@code application/sdp}, and an {@code m=video}. */
  boolean provesVideo() throws dev.tenken.spi.ProtocolException {
    Optional<SdpSession> sdp = sdp();
    return sdp.isPresent() && sdp.get().hasVideo();
  }

  /** {@code 401 Unauthorized}, for evidence. */
  String statusLine() {
    return status + (reason.isEmpty() ? "" : " " + reason);
  }

  @Override
  public String toString() {
    return "RtspReply[" + statusLine() + ", " + headers.size() + " headers, " + body.length + " B]";
  }
}
