package org.orderpool.intake.gateway;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The webhook formats the gateway accepts, with how each platform signs, names and identifies its deliveries.
 *
 * <ul>
 *   <li>POOL_JSON: {@code X-Pool-Signature: sha256=<hex HMAC-SHA256 of "<X-Pool-Timestamp>.<raw body>">}
 *       and {@code X-Pool-Timestamp: <unix seconds>}; the signed timestamp bounds replays to a few minutes;
 *       event id in {@code X-Pool-Event-Id}. New orders only: cancellations have their own endpoint.</li>
 *   <li>SHOPIFY: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>}, the topic in
 *       {@code X-Shopify-Topic}, the event id in {@code X-Shopify-Event-Id} (or, from senders that do not set
 *       it, {@code X-Shopify-Webhook-Id}), the time the delivery was triggered in {@code X-Shopify-Triggered-At}.</li>
 *   <li>WOOCOMMERCE: {@code X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the raw body>}, the topic in
 *       {@code X-WC-Webhook-Topic}, the event id in {@code X-WC-Webhook-Delivery-ID}.</li>
 * </ul>
 * Replays are bounded by when a delivery was sent (the triggered-at header, and the signed body's last
 * change, {@code updated_at} or {@code date_modified_gmt}) and deduplicated by event id, never by the order's age.
 */
enum WebhookFormat {
    POOL_JSON("X-Pool-Signature", null, List.of("X-Pool-Event-Id"), null, new PoolJsonMapper()),
    SHOPIFY("X-Shopify-Hmac-Sha256", "X-Shopify-Topic", List.of("X-Shopify-Event-Id", "X-Shopify-Webhook-Id"),
            "X-Shopify-Triggered-At", new ShopifyMapper()),
    WOOCOMMERCE("X-WC-Webhook-Signature", "X-WC-Webhook-Topic", List.of("X-WC-Webhook-Delivery-ID"), null,
            new WooCommerceMapper());

    static final String POOL_TIMESTAMP_HEADER = "X-Pool-Timestamp";

    /** Whether a platform sends it (and retries, or disables the webhook, on an error), not a client reading the answer. */
    boolean isPlatform() {
        return this != POOL_JSON;
    }

    /** A header and the value a delivery gave it. */
    record HeaderValue(String header, String value) {
    }

    private final String signatureHeader;
    private final String topicHeader;
    private final List<String> eventIdHeaders;
    private final String triggeredAtHeader;
    private final OrderPayloadMapper mapper;

    WebhookFormat(final String signatureHeader, final String topicHeader, final List<String> eventIdHeaders,
                  final String triggeredAtHeader, final OrderPayloadMapper mapper) {
        this.signatureHeader = signatureHeader;
        this.topicHeader = topicHeader;
        this.eventIdHeaders = eventIdHeaders;
        this.triggeredAtHeader = triggeredAtHeader;
        this.mapper = mapper;
    }

    String signatureHeader() {
        return signatureHeader;
    }

    /** The platform's topic of a delivery, or null when the format has none or the sender set none. */
    String topic(final UnaryOperator<String> headers) {
        final String topic = topicHeader == null ? null : headers.apply(topicHeader);
        return topic == null || topic.isBlank() ? null : topic.strip();
    }

    /** The event id of a delivery, from the first of the format's event id headers that is set, or null. */
    HeaderValue eventId(final UnaryOperator<String> headers) {
        for (final String header : eventIdHeaders) {
            final String value = headers.apply(header);
            if (value != null && !value.isBlank()) {
                return new HeaderValue(header, value.strip());
            }
        }
        return null;
    }

    /** When the platform says it triggered the delivery, as sent (unparsed), or null. */
    HeaderValue triggeredAt(final UnaryOperator<String> headers) {
        final String value = triggeredAtHeader == null ? null : headers.apply(triggeredAtHeader);
        return value == null || value.isBlank() ? null : new HeaderValue(triggeredAtHeader, value.strip());
    }

    OrderPayloadMapper mapper() {
        return mapper;
    }
}
