package org.orderpool.intake.gateway;

/**
 * The webhook formats the gateway accepts, with how each platform signs its deliveries.
 *
 * <ul>
 *   <li>POOL_JSON: {@code X-Pool-Signature: sha256=<hex HMAC-SHA256 of "<X-Pool-Timestamp>.<raw body>">}
 *       and {@code X-Pool-Timestamp: <unix seconds>}; the signed timestamp bounds replays to a few minutes.</li>
 *   <li>SHOPIFY: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>}, event id in
 *       {@code X-Shopify-Webhook-Id}; the signed {@code created_at} bounds replays.</li>
 *   <li>WOOCOMMERCE: {@code X-WC-Webhook-Signature: <base64 HMAC-SHA256 of the raw body>}, event id in
 *       {@code X-WC-Webhook-Delivery-ID}; the signed {@code date_created_gmt} bounds replays.</li>
 * </ul>
 */
enum WebhookFormat {
    POOL_JSON("X-Pool-Signature", "X-Pool-Event-Id", new PoolJsonMapper()),
    SHOPIFY("X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", new ShopifyMapper()),
    WOOCOMMERCE("X-WC-Webhook-Signature", "X-WC-Webhook-Delivery-ID", new WooCommerceMapper());

    static final String POOL_TIMESTAMP_HEADER = "X-Pool-Timestamp";

    private final String signatureHeader;
    private final String eventIdHeader;
    private final OrderPayloadMapper mapper;

    WebhookFormat(final String signatureHeader, final String eventIdHeader, final OrderPayloadMapper mapper) {
        this.signatureHeader = signatureHeader;
        this.eventIdHeader = eventIdHeader;
        this.mapper = mapper;
    }

    String signatureHeader() {
        return signatureHeader;
    }

    String eventIdHeader() {
        return eventIdHeader;
    }

    OrderPayloadMapper mapper() {
        return mapper;
    }
}
