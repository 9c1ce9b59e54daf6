package dev.tenken.database;

import dev.tenken.Endpoint;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only client of the Erlang Port Mapper Daemon (EPMD): it sends the one request it knows,
 * {@code NAMES_REQ} ({@code 00 01 6E}: length 1, {@code 'n'}), and reads the reply, a 4-byte port
 * number followed by lines {@code name <node> at port <port>}. It never registers a node, never
 * speaks the Erlang distribution protocol and never sends a cookie. Stateless.
 */
final class CouchDbEpmd {
  /** EPMD's port. */
  static final int DEFAULT_PORT = 4369;

  /** The option to look for EPMD on another port (tests). */
  static final String PORT_OPTION = "database.couchdb.epmd-port";

  /** The only bytes ever sent: NAMES_REQ. */
  static final byte[] NAMES_REQ = {0, 1, 'n'};

  /** Most bytes read from EPMD. */
  static final int MAX_REPLY = 4096;

  /** Longest wait for the reply. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private static final Pattern LINE = Pattern.compile("name (\\S{1,255}) at port (\\d{1,5})");

  private CouchDbEpmd() {}

  /**
   * One registered node.
   *
   * @param name the node name ({@code couchdb})
   * @param port its distribution port
   */
  record Node(String name, int port) {}

  /**
   * The nodes EPMD on {@code couch}'s host lists, or empty when nothing that speaks EPMD answers
   * (refused, silent, out of scope, another protocol).
   */
  static Optional<List<Node>> names(CheckContext context, Endpoint couch) {
    int port = DEFAULT_PORT;
    Optional<String> configured = context.option(PORT_OPTION);
    if (configured.isPresent()) {
      try {
        port = Integer.parseInt(configured.get().strip());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (port < 1 || port > 65535) {
        return Optional.empty();
      }
    }
    Endpoint epmd = couch.sibling(port, Transport.TCP, "epmd");
    try (TcpConnection c = context.connect(epmd)) {
      c.send(NAMES_REQ.clone());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (out.size() < MAX_REPLY && !c.peerClosed()) {
        Duration left = context.remaining().dividedBy(2);
        Duration wait = left.compareTo(WAIT) < 0 ? left : WAIT;
        byte[] chunk = c.readAvailable(wait, MAX_REPLY - out.size());
        if (chunk.length == 0) {
          break;
        }
        out.write(chunk, 0, chunk.length);
      }
      return parse(out.toByteArray());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The nodes of a NAMES reply, or empty when {@code reply} is not one. */
  static Optional<List<Node>> parse(byte[] reply) {
    if (reply.length < 4) {
      return Optional.empty();
    }
    int epmdPort =
        ((reply[0] & 0xff) << 24)
            | ((reply[1] & 0xff) << 16)
            | ((reply[2] & 0xff) << 8)
            | (reply[3] & 0xff);
    if (epmdPort < 1 || epmdPort > 65535) {
      return Optional.empty();
    }
    String text = new String(reply, 4, reply.length - 4, StandardCharsets.ISO_8859_1);
    List<Node> nodes = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        return Optional.empty();
      }
      int p = Integer.parseInt(m.group(2));
      if (p < 1 || p > 65535) {
        return Optional.empty();
      }
      nodes.add(new Node(m.group(1), p));
    }
    return Optional.of(List.copyOf(nodes));
  }
}
