package dev.tenken.camera;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
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
 * Which camera vendor's web panel a port serves, read once per host and port and shared with the
 * other panel checks through the host's facts ({@link #KEY} per port). Fetches each distinct page
 * of the vendor table once ({@code /}, Hikvision's login page, Axis's viewer; without credentials,
 * no redirects) and keeps the vendors whose markers all appear. More than one vendor matching is
 * taken as a honeypot or a page quoting others: no vendor then. A recognised vendor is recorded in
 * the device identity when the fingerprint is computed (vendor, model, device class {@code camera};
 * source {@code HTTP <path>}, or {@code HTTP Server header} when the server header was a marker),
 * confidence {@link Confidence#FIRM}, {@link Confidence#TENTATIVE} on a catch-all port.
 *
 * @param vendorId the recognised vendor's id, or null
 * @param model the model read before login, or null
 * @param ambiguous the vendors that matched when more than one did
 * @param pages the paths fetched
 * @param catchAll whether the port answers success to random paths
 */
record PanelFingerprint(
    @Nullable String vendorId,
    @Nullable String model,
    List<String> ambiguous,
    List<String> pages,
    boolean catchAll) {

  static final FactKey<PanelFingerprint> KEY =
      new FactKey<>("camera.http.panel", PanelFingerprint.class);

  PanelFingerprint {
    ambiguous = List.copyOf(ambiguous);
    pages = List.copyOf(pages);
  }

  Optional<PanelVendor> vendor() {
    return vendorId == null ? Optional.empty() : PanelVendors.byId(vendorId);
  }

  /** The fingerprint of {@code endpoint}'s port, computed (and identified) once per port. */
  static PanelFingerprint of(CheckContext context, Endpoint endpoint, PanelHttp http)
      throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              KEY.perPort(endpoint.port()),
              () -> {
                try {
                  PanelFingerprint fp = read(endpoint, http);
                  fp.identify(context);
                  return fp;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads the pages; no caching, no identity. */
  static PanelFingerprint read(Endpoint endpoint, PanelHttp http) throws IOException {
    boolean catchAll = http.isCatchAll(endpoint);
    Map<String, PanelPages.View> views = new LinkedHashMap<>();
    for (String path : PanelVendors.fingerprintPaths()) {
      views.put(path, PanelPages.View.of(http.get(endpoint, path)));
    }
    PanelPages pages = new PanelPages(views);
    List<PanelVendor> matched = new ArrayList<>();
    for (PanelVendor v : PanelVendors.ALL) {
      if (v.recognisedIn(pages)) {
        matched.add(v);
      }
    }
    if (matched.size() != 1) {
      return new PanelFingerprint(
          null, null, matched.stream().map(PanelVendor::name).toList(), pages.paths(), catchAll);
    }
    PanelVendor v = matched.get(0);
    return new PanelFingerprint(
        v.id(), v.modelIn(pages).orElse(null), List.of(), pages.paths(), catchAll);
  }

  /** Where the vendor was seen, for evidence and identity sources. */
  String source() {
    return vendor()
        .map(
            v -> {
              PanelVendor.Spot first = v.markers().get(0).anyOf().get(0);
              return first.part() == PanelVendor.Part.SERVER
                  ? "HTTP Server header"
                  : "HTTP " + first.path();
            })
        .orElse("HTTP");
  }

  private void identify(CheckContext context) {
    Optional<PanelVendor> found = vendor();
    if (found.isEmpty()) {
      return;
    }
    Confidence confidence = catchAll ? Confidence.TENTATIVE : Confidence.FIRM;
    String source = source();
    var facts = context.facts();
    facts.identify(DeviceIdentity.Attribute.VENDOR, found.get().name(), source, confidence);
    facts.identify(DeviceIdentity.Attribute.DEVICE_CLASS, "camera", source, confidence);
    if (model != null) {
      String modelSource = "HTTP " + found.get().model().path();
      facts.identify(DeviceIdentity.Attribute.MODEL, model, modelSource, confidence);
    }
  }
}
