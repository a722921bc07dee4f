package org.orderpool.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.orderpool.intake.gateway.WebhookSignatures;

class WebhookRequestsTest {

    private static final Instant PLACED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant PAID_AT = PLACED.plusSeconds(6);
    private static final URI GATEWAY = URI.create("http://localhost:8090/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<SimulatedShop> SHOPS = SimulatedShop.demoShops();

    private final OrderGenerator generator = new OrderGenerator(11, SHOPS);

    @Test
    void shouldSendAShopifyOrderPlacedUnpaidThenItsPaymentAsOrdersPaidAndOrdersUpdatedWithShopifysHeaders() throws Exception {
        final SimulatedShop shop = shop(SimulatedShop.Platform.SHOPIFY);
        final SimOrder order = generator.order(shop, PLACED);

        final HttpRequest created = WebhookRequests.of(GATEWAY, order, PlatformEvent.CREATED_UNPAID, shop.secret(), PLACED).get(0);
        final List<HttpRequest> paid = WebhookRequests.of(GATEWAY, order, PlatformEvent.PAID, shop.secret(), PAID_AT);

        assertThat(created.uri().getPath()).isEqualTo("/shops/ceramics-studio/webhooks/shopify");
        assertThat(header(created, "X-Shopify-Topic")).isEqualTo("orders/create");
        assertThat(body(created).get("financial_status").asText()).isEqualTo("pending");
        assertThat(paid).extracting(request -> header(request, "X-Shopify-Topic")).containsExactly("orders/paid", "orders/updated");
        assertThat(paid).extracting(request -> header(request, "X-Shopify-Event-Id")).doesNotHaveDuplicates();
        for (final HttpRequest request : paid) {
            final byte[] body = bytes(request);
            assertThat(header(request, "X-Shopify-Hmac-Sha256")).isEqualTo(WebhookSignatures.base64Signature(shop.secret(), body));
            assertThat(header(request, "X-Shopify-Triggered-At")).isEqualTo(PAID_AT.toString());
            assertThat(header(request, "X-Shopify-Shop-Domain")).isEqualTo("ceramics-studio.myshopify.com");
            assertThat(header(request, "X-Shopify-Webhook-Id")).isNotBlank();
            assertThat(JSON.readTree(body).get("financial_status").asText()).isEqualTo("paid");
            assertThat(OffsetDateTime.parse(JSON.readTree(body).get("updated_at").asText()).toInstant()).isEqualTo(PAID_AT);
        }
    }

    @Test
    void shouldShapeShopifyBodiesAsShopifyDoesWithLargeIdsPriceSetsAndTheShopsRateNames() throws Exception {
        final SimulatedShop shop = shop(SimulatedShop.Platform.SHOPIFY);
        final SimOrder order = generator.order(shop, PLACED);

        final JsonNode body = JSON.readTree(WebhookPayloads.shopify(order, PlatformEvent.CREATED_PAID, PLACED));

        assertThat(body.get("id").isIntegralNumber()).isTrue();
        assertThat(body.get("id").asText()).hasSizeGreaterThanOrEqualTo(13).isEqualTo(order.shopOrderRef());
        assertThat(body.get("line_items").get(0).get("id").asText()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(body.get("total_price_set").get("shop_money").get("amount").asText()).isEqualTo(body.get("total_price").asText());
        assertThat(body.get("taxes_included").asBoolean()).isTrue();
        final ShippingRates.Rate rate = ShippingRates.of(SimulatedShop.Platform.SHOPIFY, order.shippingMethod());
        assertThat(body.get("shipping_lines").get(0).get("code").asText()).isEqualTo(rate.code());
        assertThat(body.get("shipping_lines").get(0).get("title").asText()).isEqualTo(rate.title());
        assertThat(body.get("cancelled_at").isNull()).isTrue();
    }

    @Test
    void shouldAnnounceAShopifyCancellationWithCancelledAtAndItsReason() throws Exception {
        final SimulatedShop shop = shop(SimulatedShop.Platform.SHOPIFY);
        final SimOrder order = generator.order(shop, PLACED);

        final List<HttpRequest> cancelled = WebhookRequests.of(GATEWAY, order, PlatformEvent.CANCELLED, shop.secret(), PAID_AT);

        assertThat(cancelled).extracting(request -> header(request, "X-Shopify-Topic")).containsExactly("orders/cancelled", "orders/updated");
        assertThat(body(cancelled.get(0)).get("cancelled_at").asText()).isNotBlank();
        assertThat(body(cancelled.get(0)).get("cancel_reason").asText()).isEqualTo("customer");
    }

    @Test
    void shouldSendAWooCommerceOrderOnHoldThenProcessingThenCancelledWithWooCommercesHeaders() throws Exception {
        final SimulatedShop shop = shop(SimulatedShop.Platform.WOOCOMMERCE);
        final SimOrder order = generator.order(shop, PLACED);

        final HttpRequest created = WebhookRequests.of(GATEWAY, order, PlatformEvent.CREATED_UNPAID, shop.secret(), PLACED).get(0);
        final HttpRequest paid = WebhookRequests.of(GATEWAY, order, PlatformEvent.PAID, shop.secret(), PAID_AT).get(0);
        final HttpRequest cancelled = WebhookRequests.of(GATEWAY, order, PlatformEvent.CANCELLED, shop.secret(), PAID_AT).get(0);

        assertThat(List.of(created, paid, cancelled)).extracting(request -> header(request, "X-WC-Webhook-Topic"))
                .containsExactly("order.created", "order.updated", "order.updated");
        assertThat(List.of(created, paid, cancelled)).extracting(request -> body(request).get("status").asText())
                .containsExactly("on-hold", "processing", "cancelled");
        assertThat(body(created).get("date_paid_gmt").isNull()).isTrue();
        assertThat(body(paid).get("date_paid_gmt").asText()).isEqualTo("2026-11-20T10:15:36");
        assertThat(header(paid, "X-WC-Webhook-Signature")).isEqualTo(WebhookSignatures.base64Signature(shop.secret(), bytes(paid)));
        assertThat(header(paid, "X-WC-Webhook-Delivery-ID")).isNotEqualTo(header(created, "X-WC-Webhook-Delivery-ID"));
        final ShippingRates.Rate rate = ShippingRates.of(SimulatedShop.Platform.WOOCOMMERCE, order.shippingMethod());
        assertThat(body(created).get("shipping_lines").get(0).get("method_id").asText()).isEqualTo(rate.code());
        assertThat(body(created).get("shipping_lines").get(0).get("method_title").asText()).isEqualTo(rate.title());
    }

    @Test
    void shouldSendAPoolOrderUnpaidThenPaidAndItsCancellationToTheCancellationEndpointSigned() throws Exception {
        final SimulatedShop shop = shop(SimulatedShop.Platform.POOL_JSON);
        final SimOrder order = generator.order(shop, PLACED);

        final HttpRequest created = WebhookRequests.of(GATEWAY, order, PlatformEvent.CREATED_UNPAID, shop.secret(), PLACED).get(0);
        final HttpRequest paid = WebhookRequests.of(GATEWAY, order, PlatformEvent.PAID, shop.secret(), PAID_AT).get(0);
        final HttpRequest cancelled = WebhookRequests.of(GATEWAY, order, PlatformEvent.CANCELLED, shop.secret(), PAID_AT).get(0);

        assertThat(body(created).get("paymentState").asText()).isEqualTo("PENDING");
        assertThat(body(paid).get("paymentState").asText()).isEqualTo("PAID");
        assertThat(body(created).get("shippingMethod").asText()).isIn("Colissimo domicile", "Express 24h", "Point relais");
        assertThat(cancelled.uri().getRawPath()).isEqualTo("/shops/tea-house/orders/" + order.shopOrderRef() + "/cancellation");
        assertThat(body(cancelled).get("shopOrderRef").asText()).isEqualTo(order.shopOrderRef());
        assertThat(header(cancelled, "X-Pool-Signature")).isEqualTo(WebhookSignatures.poolSignature(shop.secret(),
                PAID_AT.getEpochSecond(), bytes(cancelled)));
    }

    private static SimulatedShop shop(final SimulatedShop.Platform platform) {
        return SHOPS.stream().filter(shop -> shop.platform() == platform).findFirst().orElseThrow();
    }

    private static String header(final HttpRequest request, final String name) {
        return request.headers().firstValue(name).orElse(null);
    }

    private static JsonNode body(final HttpRequest request) {
        try {
            return JSON.readTree(bytes(request));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes a request's body publisher sends. */
    static byte[] bytes(final HttpRequest request) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(final Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(final ByteBuffer item) {
                final byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(final Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toByteArray();
    }
}
