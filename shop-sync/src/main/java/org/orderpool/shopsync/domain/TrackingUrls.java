package org.orderpool.shopsync.domain;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each carrier's public tracking page as a URL template with a {@code {trackingReference}} placeholder,
 * for example {@code https://track.colis-express.example/{trackingReference}}. A carrier without a
 * template has no tracking URL (the reference is still sent).
 */
public final class TrackingUrls {

    public static final String PLACEHOLDER = "{trackingReference}";

    private final Map<String, String> templates;

    /**
     * @param field the configuration property the templates came from, named in errors
     */
    public TrackingUrls(final Map<String, String> templates, final String field) {
        final Map<String, String> checked = new TreeMap<>();
        (templates == null ? Map.<String, String>of() : templates).forEach((carrier, template) -> {
            if (template == null || !template.contains(PLACEHOLDER)) {
                throw new IllegalArgumentException(field + "." + carrier + " must contain " + PLACEHOLDER + ", not '"
                        + template + "'");
            }
            final URI example = URI.create(template.replace(PLACEHOLDER, "REF"));
            if (!"https".equals(example.getScheme()) && !"http".equals(example.getScheme())) {
                throw new IllegalArgumentException(field + "." + carrier + " must be an http(s) URL, not '" + template + "'");
            }
            checked.put(carrier, template);
        });
        this.templates = Map.copyOf(checked);
    }

    public static TrackingUrls none() {
        return new TrackingUrls(Map.of(), "tracking-urls");
    }

    /**
     * The carrier's template with the tracking reference's place marked by {@code marker} instead of
     * {@code {trackingReference}}: WooCommerce's Shipment Tracking wants {@code %1$s} there.
     */
    public Optional<String> templateFor(final String carrierId, final String marker) {
        final String template = carrierId == null ? null : templates.get(carrierId);
        return template == null ? Optional.empty() : Optional.of(template.replace(PLACEHOLDER, marker));
    }

    public Optional<String> urlFor(final String carrierId, final String trackingReference) {
        final String template = carrierId == null ? null : templates.get(carrierId);
        if (template == null || trackingReference == null) {
            return Optional.empty();
        }
        final String encoded = URLEncoder.encode(trackingReference, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(template.replace(PLACEHOLDER, encoded));
    }
}
