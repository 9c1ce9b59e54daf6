package dev.tenken.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs one nmap command on a target file and reads what it found from its XML: per address the
 * state of each port and the output of each script. Measures wall time, time to the first script
 * result in the stream, CPU time (user + system, from the shell's {@code times}) and peak RSS
 * (polled {@code VmHWM}). Not thread-safe; one instance per run.
 */
final class Nmap {
  /** What one run found and cost. */
  record Run(
      long wallMillis,
      long firstResultMillis,
      long cpuMillis,
      long peakRssKib,
      Map<String, String> portStates,
      Map<String, String> facts) {}

  private Nmap() {}

  /** Whether an nmap binary is on the path. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("nmap", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code nmap <options> -oX - -iL targets}; {@code script} names the script whose output is
   * the fact ({@code redis-info}: its Version; others: the first line of the output).
   */
  static Run run(List<String> options, Path targets, String script)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "nmap \"$@\"; times >&2", "nmap"));
    command.addAll(options);
    command.addAll(List.of("-oX", "-", "-iL", targets.toString()));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).start();
    long[] peak = {0};
    Thread poller =
        new Thread(
            () -> {
              while (p.isAlive()) {
                p.descendants().forEach(d -> peak[0] = Math.max(peak[0], hwm(d.pid())));
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "nmap-rss");
    poller.setDaemon(true);
    poller.start();
    byte[][] err = new byte[1][];
    Thread errReader =
        new Thread(
            () -> {
              try {
                err[0] = p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                err[0] = new byte[0];
              }
            });
    errReader.start();
    StringBuilder xml = new StringBuilder();
    long first = -1;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (first < 0 && line.contains("<script id=")) {
          first = (System.nanoTime() - start) / 1_000_000;
        }
        xml.append(line).append('\n');
      }
    }
    p.waitFor();
    long wall = (System.nanoTime() - start) / 1_000_000;
    errReader.join();
    poller.interrupt();
    poller.join();
    Run parsed = parse(xml.toString(), script);
    return new Run(
        wall,
        first,
        cpuMillis(new String(err[0], StandardCharsets.UTF_8)),
        peak[0],
        parsed.portStates(),
        parsed.facts());
  }

  /** Port states as {@code address:port -> state} and facts as {@code address -> fact}. */
  static Run parse(String xml, String script) {
    Map<String, String> states = new HashMap<>();
    Map<String, String> facts = new HashMap<>();
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      var doc =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      NodeList hosts = doc.getElementsByTagName("host");
      for (int h = 0; h < hosts.getLength(); h++) {
        Element host = (Element) hosts.item(h);
        Element address = (Element) host.getElementsByTagName("address").item(0);
        if (address == null) {
          continue;
        }
        String addr = address.getAttribute("addr");
        NodeList ports = host.getElementsByTagName("port");
        for (int i = 0; i < ports.getLength(); i++) {
          Element port = (Element) ports.item(i);
          Element state = (Element) port.getElementsByTagName("state").item(0);
          states.put(
              addr + ":" + port.getAttribute("portid"),
              state == null ? "?" : state.getAttribute("state"));
        }
        NodeList scripts = host.getElementsByTagName("script");
        for (int i = 0; i < scripts.getLength(); i++) {
          Element s = (Element) scripts.item(i);
          if (s.getAttribute("id").equals(script)) {
            facts.put(addr, fact(s));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("nmap wrote XML this harness cannot read: " + e, e);
    }
    return new Run(0, 0, 0, 0, states, facts);
  }

  private static String fact(Element script) {
    NodeList elems = script.getElementsByTagName("elem");
    for (int i = 0; i < elems.getLength(); i++) {
      Element e = (Element) elems.item(i);
      if (e.getAttribute("key").equals("Version")) {
        return e.getTextContent().trim();
      }
    }
    String out = script.getAttribute("output").strip();
    int nl = out.indexOf('\n');
    return (nl < 0 ? out : out.substring(0, nl)).strip();
  }

  /** User + system time of the shell's children, from the second line of bash's {@code times}. */
  private static long cpuMillis(String stderr) {
    String[] lines = stderr.strip().split("\n");
    if (lines.length < 2) {
      return -1;
    }
    long total = 0;
    for (String t : lines[lines.length - 1].trim().split("\\s+")) {
      var m = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(t);
      if (m.matches()) {
        total +=
            Long.parseLong(m.group(1)) * 60_000 + Math.round(Double.parseDouble(m.group(2)) * 1000);
      }
    }
    return total;
  }

  static long hwm(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between the listing and the read
    }
    return 0;
  }
}
