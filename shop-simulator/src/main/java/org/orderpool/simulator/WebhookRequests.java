package org.orderpool.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.orderpool.contracts.PaymentState;
import org.orderpool.intake.gateway.WebhookSignatures;

/**
 * The HTTP requests a simulated shop's platform sends for one step of an order's lifecycle, with the
 * headers each platform sets: Shopify's topic, HMAC, shop domain, API version, webhook id, event id and
 * triggered-at (a payment is announced as {@code orders/paid} and {@code orders/updated}, a cancellation as
 * {@code orders/cancelled} and {@code orders/updated}); WooCommerce's topic, resource, event, signature,
 * source, webhook id and delivery id; the pool's signed timestamp and event id, and its cancellation endpoint.
 * Each request has ids of its own: sending one again is the platform's retry of that delivery.
 */
public final class WebhookRequests {

    private WebhookRequests() {
    }

    /** The requests of one step, signed with {@code secret} (another shop's, or none of theirs, for a forgery). */
    public static List<HttpRequest> of(final URI gateway, final SimOrder order, final PlatformEvent event, final String secret,
                                       final Instant at) {
        final SimulatedShop shop = order.shop();
        final List<HttpRequest> requests = new ArrayList<>();
        switch (shop.platform()) {
            case SHOPIFY -> {
                final byte[] body = WebhookPayloads.shopify(order, event, at);
                final List<String> topics = switch (event) {
                    case CREATED_PAID, CREATED_UNPAID -> List.of("orders/create");
                    case PAID -> List.of("orders/paid", "orders/updated");
                    case CANCELLED -> List.of("orders/cancelled", "orders/updated");
                };
                for (final String topic : topics) {
                    requests.add(json(gateway.resolve("/shops/" + shop.shopId() + "/webhooks/shopify"))
                            .header("X-Shopify-Topic", topic)
                            .header("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(secret, body))
                            .header("X-Shopify-Shop-Domain", shop.shopId() + ".myshopify.com")
                            .header("X-Shopify-API-Version", "2026-10")
                            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                            .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                            .header("X-Shopify-Triggered-At", at.toString())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                }
            }
            case WOOCOMMERCE -> {
                final byte[] body = WebhookPayloads.wooCommerce(order, event, at);
                final boolean created = event == PlatformEvent.CREATED_PAID || event == PlatformEvent.CREATED_UNPAID;
                requests.add(json(gateway.resolve("/shops/" + shop.shopId() + "/webhooks/woocommerce"))
                        .header("X-WC-Webhook-Topic", created ? "order.created" : "order.updated")
                        .header("X-WC-Webhook-Resource", "order")
                        .header("X-WC-Webhook-Event", created ? "created" : "updated")
                        .header("X-WC-Webhook-Signature", WebhookSignatures.base64Signature(secret, body))
                        .header("X-WC-Webhook-Source", "https://" + shop.shopId() + ".example/")
                        .header("X-WC-Webhook-ID", created ? "12" : "13")
                        .header("X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString())
                        .header("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            }
            default -> {
                final boolean cancellation = event == PlatformEvent.CANCELLED;
                final byte[] body = cancellation ? WebhookPayloads.poolCancellation(order, "the customer changed their mind")
                        : WebhookPayloads.poolJson(order, switch (event) {
                            case CREATED_UNPAID -> PaymentState.PENDING;
                            case PAID -> PaymentState.PAID;
                            default -> null;
                        });
                final String path = cancellation ? "/shops/" + shop.shopId() + "/orders/"
                        + URLEncoder.encode(order.shopOrderRef(), StandardCharsets.UTF_8).replace("+", "%20") + "/cancellation"
                        : "/shops/" + shop.shopId() + "/orders";
                final long timestamp = at.getEpochSecond();
                requests.add(json(gateway.resolve(path))
                        .header("X-Pool-Timestamp", Long.toString(timestamp))
                        .header("X-Pool-Signature", WebhookSignatures.poolSignature(secret, timestamp, body))
                        .header("X-Pool-Event-Id", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            }
        }
        return requests;
    }

    private static HttpRequest.Builder json(final URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    }
}
