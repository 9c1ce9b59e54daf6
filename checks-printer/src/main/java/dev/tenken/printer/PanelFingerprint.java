package dev.tenken.printer;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which vendor's web panel a port serves, read once per host and port and shared with the other
 * panel checks through the host's facts. Fetches each distinct recognition page of the table once
 * (without credentials, no redirects) and keeps the vendors whose markers ALL appear on a 2xx
 * answer. More than one vendor is taken as a honeypot or a page quoting others: no vendor then.
 *
 * @param vendorId the recognised vendor's id, or null
 * @param model the model read, or null
 * @param firmware the firmware read, or null
 * @param page the page the vendor was recognised on, or null
 * @param ambiguous the vendors that matched when more than one did
 * @param pages how many pages were fetched
 */
record PanelFingerprint(
    @Nullable String vendorId,
    @Nullable String model,
    @Nullable String firmware,
    @Nullable String page,
    List<String> ambiguous,
    int pages) {

  static final FactKey<PanelFingerprint> KEY =
      new FactKey<>("printer.http.panel", PanelFingerprint.class);

  PanelFingerprint {
    ambiguous = List.copyOf(ambiguous);
  }

  Optional<PanelVendor> vendor() {
    return vendorId == null ? Optional.empty() : PanelVendors.byId(vendorId);
  }

  /** The fingerprint of {@code endpoint}'s port, computed once per host and port. */
  static PanelFingerprint of(CheckContext context, Endpoint endpoint, PanelHttp http)
      throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              KEY.perPort(endpoint.port()),
              () -> {
                try {
                  return read(endpoint, http);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads the pages; no caching. */
  static PanelFingerprint read(Endpoint endpoint, PanelHttp http) throws IOException {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (PanelVendor v : PanelVendors.ALL) {
      if (!bodies.containsKey(v.page())) {
        HttpReply reply = http.get(endpoint, v.page());
        bodies.put(v.page(), reply.isSuccess() ? reply.bodyText() : "");
      }
    }
    List<PanelVendor> matched = new ArrayList<>();
    for (PanelVendor v : PanelVendors.ALL) {
      if (v.recognisedIn(bodies.get(v.page()))) {
        matched.add(v);
      }
    }
    if (matched.size() != 1) {
      return new PanelFingerprint(
          null, null, null, null, matched.stream().map(PanelVendor::name).toList(), bodies.size());
    }
    PanelVendor v = matched.get(0);
    String body = bodies.get(v.page());
    return new PanelFingerprint(
        v.id(),
        v.modelIn(body).orElse(null),
        v.firmwareIn(body).orElse(null),
        v.page(),
        List.of(),
        bodies.size());
  }

  /** Records vendor, model and firmware in the host's identity, with the page as source. */
  void identify(CheckContext context, Confidence confidence) {
    vendor()
        .ifPresent(
            v -> {
              String source = "HTTP " + page;
              context
                  .facts()
                  .identify(DeviceIdentity.Attribute.VENDOR, v.name(), source, confidence);
              context
                  .facts()
                  .identify(DeviceIdentity.Attribute.DEVICE_CLASS, "printer", source, confidence);
              if (model != null) {
                context.facts().identify(DeviceIdentity.Attribute.MODEL, model, source, confidence);
              }
              if (firmware != null) {
                context
                    .facts()
                    .identify(DeviceIdentity.Attribute.FIRMWARE, firmware, source, confidence);
              }
            });
  }
}
