package org.orderpool.intake.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.intake.domain.IntakeRules;
import org.orderpool.intake.domain.IntakeState;
import org.orderpool.intake.domain.Normaliser;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderValidator;
import org.orderpool.intake.domain.ShippingNames;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.orderpool.intake.domain.ShopPolicy;
import org.orderpool.runtime.catalogue.PoolCatalogue;

class IntakeGatewayTest {

    private static final String SECRET = "s3cret-of-shop-a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    private static final ShopDirectory SHOPS = new ShopDirectory(List.of(new Shop("shop-a", "Shop A", SECRET,
            ShopPolicy.defaults().withShippingNames(new ShippingNames(Map.of(ShippingMethod.STANDARD,
                    List.of("Colissimo domicile", "Livraison standard")), null)))));

    private final List<SubmittedOrder> stored = new ArrayList<>();
    private final List<OrderCancellation> cancelled = new ArrayList<>();
    private boolean brokerDown;
    private DecidedOrders.Lookup intakeKnows = DecidedOrders.Lookup.CANNOT_TELL;
    private final IntakeGateway gateway = new IntakeGateway(SHOPS, order -> {
        if (brokerDown) {
            throw new SubmissionSink.PublishFailedException("broker unavailable", null);
        }
        stored.add(order);
    }, cancellation -> {
        if (brokerDown) {
            throw new SubmissionSink.PublishFailedException("broker unavailable", null);
        }
        cancelled.add(cancellation);
    }, orderId -> intakeKnows, IntakeGateway.Settings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptASignedPoolOrderOnceStoredAndAnswerWithItsOrderId() {
        final GatewayResponse response = pool("shop-a", payload("pool-order.json"), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).containsEntry("orderId", OrderIds.forShopOrder("shop-a", "TH-2026-0042"))
                .containsEntry("status", "SUBMITTED");
        assertThat(stored).singleElement().satisfies(order -> {
            assertThat(order.getChannel()).isEqualTo(SalesChannel.POOL_JSON);
            assertThat(order.getReceivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldAnswerARepeatedDeliveryWithTheSameOrderIdAndStoreNothingNew() {
        final byte[] body = payload("pool-order.json");
        final GatewayResponse first = pool("shop-a", body, NOW.getEpochSecond());

        final GatewayResponse replayed = pool("shop-a", body, NOW.getEpochSecond());

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).containsEntry("orderId", first.body().get("orderId")).containsEntry("status", "DUPLICATE");
        assertThat(stored).hasSize(1);
    }

    @Test
    void shouldAnswerAnOrderTheStreamsStoreAlreadyDecidedAsADuplicate() {
        final String orderId = OrderIds.forShopOrder("shop-a", "TH-2026-0042");
        final IntakeGateway afterRestart = new IntakeGateway(SHOPS, stored::add, id -> id.equals(orderId)
                ? DecidedOrders.Lookup.known(IntakeState.of(IntakeState.Phase.ACCEPTED)) : DecidedOrders.Lookup.CANNOT_TELL,
                IntakeGateway.Settings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        final byte[] body = payload("pool-order.json");

        final GatewayResponse response = afterRestart.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", body.length,
                poolHeaders(body, NOW.getEpochSecond())::get, new ByteArrayInputStream(body));

        assertThat(response.status()).isEqualTo(200);
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldAnswerARepeatThatAnotherInstanceTookAsSubmittedUnderTheSameOrderId() {
        // another gateway instance: its own recent deliveries, a deduplication store without this order's task
        final IntakeGateway otherInstance = new IntakeGateway(SHOPS, stored::add, DecidedOrders.NONE, IntakeGateway.Settings.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        final byte[] body = payload("pool-order.json");
        final GatewayResponse first = pool("shop-a", body, NOW.getEpochSecond());

        final GatewayResponse repeat = otherInstance.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", body.length,
                poolHeaders(body, NOW.getEpochSecond())::get, new ByteArrayInputStream(body));

        assertThat(repeat.status()).as("written again; order-intake decides each order id once").isEqualTo(202);
        assertThat(repeat.body()).containsEntry("orderId", first.body().get("orderId")).containsEntry("status", "SUBMITTED");
        assertThat(stored).extracting(SubmittedOrder::getShopOrderRef).containsExactly("TH-2026-0042", "TH-2026-0042");
    }

    @Test
    void shouldRefuseAMissingOrWrongSignature() {
        final byte[] body = payload("pool-order.json");
        final Map<String, String> headers = poolHeaders(body, NOW.getEpochSecond());
        headers.remove("X-Pool-Signature");
        assertThat(call(WebhookFormat.POOL_JSON, "shop-a", "application/json", headers, body).body())
                .containsEntry("error", "missing_signature");

        headers.put("X-Pool-Signature", WebhookSignatures.poolSignature("not-the-secret", NOW.getEpochSecond(), body));
        final GatewayResponse forged = call(WebhookFormat.POOL_JSON, "shop-a", "application/json", headers, body);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).containsEntry("error", "invalid_signature");

        final byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"quantity\": 2", "\"quantity\": 20").getBytes(StandardCharsets.UTF_8);
        assertThat(call(WebhookFormat.POOL_JSON, "shop-a", "application/json", poolHeaders(body, NOW.getEpochSecond()), tampered).status())
                .as("a signature over another body").isEqualTo(401);
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseACapturedPoolRequestReplayedLater() {
        final GatewayResponse response = pool("shop-a", payload("pool-order.json"), NOW.minusSeconds(3_600).getEpochSecond());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsEntry("error", "stale_request");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownShop() {
        assertThat(pool("shop-z", payload("pool-order.json"), NOW.getEpochSecond()).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseABodyOverTheLimitWhetherAnnouncedOrNot() {
        final byte[] huge = new byte[IntakeGateway.Settings.defaults().maxBodyBytes() + 1];
        assertThat(gateway.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", huge.length, h -> null,
                new ByteArrayInputStream(huge)).status()).isEqualTo(413);
        assertThat(gateway.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", -1, h -> null,
                new ByteArrayInputStream(huge)).status()).as("chunked, no length announced").isEqualTo(413);
    }

    @Test
    void shouldCutOffABodyThatTakesLongerThanTheBodyReadTimeout() {
        final IntakeGateway impatient = new IntakeGateway(SHOPS, stored::add, DecidedOrders.NONE, new IntakeGateway.Settings(256 * 1024,
                Duration.ofMinutes(5), Duration.ofHours(48), Duration.ZERO), Clock.fixed(NOW, ZoneOffset.UTC));
        final byte[] body = payload("pool-order.json");
        final InputStream trickle = new InputStream() { // a byte at a time, as a slow client sends it
            private int next;

            @Override
            public int read() {
                return next < body.length ? body[next++] : -1;
            }

            @Override
            public int read(final byte[] buffer, final int offset, final int length) {
                final int value = read();
                if (value < 0) {
                    return -1;
                }
                buffer[offset] = (byte) value;
                return 1;
            }
        };

        final GatewayResponse response = impatient.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", body.length,
                poolHeaders(body, NOW.getEpochSecond())::get, trickle);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.body()).containsEntry("error", "request_timeout");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldAnswer408WhenTheServerGaveUpWaitingForAStalledBody() {
        final InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went quiet", new SocketTimeoutException("Read timed out"));
            }
        };

        final GatewayResponse response = gateway.handle(WebhookFormat.POOL_JSON, "shop-a", "application/json", 1_000, h -> null, stalled);

        assertThat(response.status()).isEqualTo(408);
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseAnythingButJson() {
        final byte[] body = payload("pool-order.json");
        final GatewayResponse response = call(WebhookFormat.POOL_JSON, "shop-a", "text/plain", poolHeaders(body, NOW.getEpochSecond()), body);

        assertThat(response.status()).isEqualTo(415);
        assertThat(call(WebhookFormat.POOL_JSON, "shop-a", "application/json; charset=utf-8", poolHeaders(body, NOW.getEpochSecond()), body)
                .status()).isEqualTo(202);
    }

    @Test
    void shouldExplainWhyABodyCannotBeAnOrder() {
        final String json = "{\"shopOrderRef\": \"X-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"SKU-TEA-01\", \"quantity\": \"two\", \"unitPrice\": 1250}],"
                + " \"shippingMethod\": \"STANDARD\", \"shippingCost\": 490, \"total\": 12.5, \"placedAt\": \"yesterday\"}";

        final GatewayResponse response = pool("shop-a", json.getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).containsEntry("error", "invalid_order");
        assertThat(fields(response)).contains("customer:required", "shippingAddress:required", "lines[0].quantity:wrong_type",
                "total:wrong_type", "placedAt:wrong_type");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseBrokenAndDeeplyNestedJson() {
        assertThat(pool("shop-a", "{\"shopOrderRef\": ".getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond()).body())
                .containsEntry("error", "invalid_json");
        final String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        assertThat(pool("shop-a", deep.getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond()).status()).isEqualTo(422);
        assertThat(pool("shop-a", "[1,2]".getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond()).status()).isEqualTo(422);
    }

    @Test
    void shouldRefuseACardNumberWithoutEverStoringItOrEchoingIt() {
        final String json = new String(payload("pool-order.json"), StandardCharsets.UTF_8)
                .replace("\"cardLastFour\": \"0042\"", "\"cardLastFour\": \"0042\", \"cardNumber\": 4111111111111111");

        final GatewayResponse response = pool("shop-a", json.getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response)).containsExactly("payment.cardNumber:card_number");
        assertThat(response.body().toString()).doesNotContain("4111111111111111").contains("************1111");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseARefThatIsACardNumber() {
        final GatewayResponse response = pool("shop-a", poolOrderWith("\"TH-2026-0042\"", "\"4111 1111 1111 1111\""), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response)).containsExactly("shopOrderRef:card_number");
        assertThat(response.body().toString()).doesNotContain("4111 1111 1111 1111");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseABodyWithAKeyTwiceNamingTheKeysPath() {
        final String twice = new String(payload("pool-order.json"), StandardCharsets.UTF_8)
                .replace("\"total\": 4880", "\"total\": 4880, \"total\": 1")
                .replace("\"firstName\": \"Camille\"", "\"firstName\": \"Camille\", \"firstName\": \"Eve\"")
                .replace("\"sku\": \"SKU-MUG-01\"", "\"sku\": \"SKU-MUG-01\", \"sku\": \"SKU-TEA-01\"");

        final GatewayResponse response = pool("shop-a", twice.getBytes(StandardCharsets.UTF_8), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).containsEntry("error", "duplicate_key");
        assertThat(fields(response)).containsExactlyInAnyOrder("total:duplicate_key", "customer.firstName:duplicate_key",
                "lines[1].sku:duplicate_key");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseControlAndInvisibleFormattingCharactersInIdentifiersAndNames() {
        final GatewayResponse nul = pool("shop-a", poolOrderWith("\"TH-2026-0042\"", "\"TH-2026-0042\\u0000\""), NOW.getEpochSecond());
        final GatewayResponse bell = pool("shop-a", poolOrderWith("\"Martin\"", "\"Mar\\u0007tin\""), NOW.getEpochSecond());
        final GatewayResponse override = pool("shop-a", poolOrderWith("\"Lyon\"", "\"Ly\\u202Eon\""), NOW.getEpochSecond());
        final GatewayResponse tab = pool("shop-a", poolOrderWith("\"SKU-MUG-01\"", "\"SKU-MUG\\t01\""), NOW.getEpochSecond());

        assertThat(nul.status()).isEqualTo(422);
        assertThat(fields(nul)).containsExactly("shopOrderRef:control_character");
        assertThat(fields(bell)).containsExactly("customer.lastName:control_character");
        assertThat(fields(override)).containsExactly("shippingAddress.city:control_character");
        assertThat(fields(tab)).containsExactly("lines[1].sku:control_character");
        assertThat(nul.body().toString()).doesNotContain("\u0000");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseAControlCharacterInAShopifyAddressNamingShopifysField() {
        final byte[] body = new String(payload("shopify-orders-create.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"address1\": \"([^\"]*)\"", "\"address1\": \"$1\\\\u0000\"").getBytes(StandardCharsets.UTF_8);

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, "shop-a", "application/json",
                Map.of("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body)), body);

        assertThat(response.status()).as("a signed platform delivery is never answered 4xx for its content: it would be retried")
                .isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "NOT_AN_ORDER").containsEntry("reason", "invalid_order");
        assertThat(fields(response)).containsExactly("shipping_address.address1:control_character");
        assertThat(stored).singleElement().satisfies(placeholder -> {
            assertThat(placeholder.getIntakeErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                    .containsExactly("shipping_address.address1:control_character");
            assertThat(placeholder.getShopOrderRef()).isEqualTo("5723491234567");
            assertThat(placeholder.toString()).as("nothing else of the body").doesNotContain("\u0000").doesNotContain("Kaiserstrasse");
        });
    }

    @Test
    void shouldTakeUnusualButPrintableUnicodeInNames() {
        final byte[] body = poolOrderWith("\"Camille\"", "\"Zo\\u00EB\\u200D \\uD83D\\uDCE6 Zoe\\u0308 Mart\\u0131n\"");

        assertThat(pool("shop-a", body, NOW.getEpochSecond()).status()).isEqualTo(202);
    }

    @Test
    void shouldNotMistakeAShopifyOrderIdPassingTheLuhnCheckForACardNumber() {
        final byte[] body = new String(payload("shopify-orders-create.json"), StandardCharsets.UTF_8)
                .replace("5723491234567", "5723491234565").getBytes(StandardCharsets.UTF_8);

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, "shop-a", "application/json",
                Map.of("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body)), body);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(stored.get(0).getShopOrderRef()).isEqualTo("5723491234565");
    }

    @Test
    void shouldAnswer503AndPromiseNothingWhenTheBrokerDoesNotAcknowledge() {
        brokerDown = true;

        final GatewayResponse response = pool("shop-a", payload("pool-order.json"), NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(503);
        brokerDown = false;
        assertThat(pool("shop-a", payload("pool-order.json"), NOW.getEpochSecond()).status()).as("a retry is not a duplicate").isEqualTo(202);
    }

    @Test
    void shouldMapAShopifyOrderToAValidOrderOfThePool() {
        final byte[] body = payload("shopify-orders-create.json");
        final Map<String, String> headers = new HashMap<>(Map.of("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body),
                "X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "X-Shopify-Topic", "orders/create"));

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, "shop-a", "application/json", headers, body);

        assertThat(response.status()).isEqualTo(202);
        final SubmittedOrder order = stored.get(0);
        assertThat(order.getShopOrderRef()).isEqualTo("5723491234567");
        assertThat(order.getChannel()).isEqualTo(SalesChannel.SHOPIFY);
        assertThat(order.getPlatformEventId()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        assertThat(order.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getUnitPrice().getAmountMinor())
                .containsExactly("SKU-BOWL-01x2@1450", "SKU-PLATE-01x1@1690");
        assertThat(order.getPayment().getCardLastFour()).isEqualTo("4242");
        assertThat(validationErrors(order)).isEmpty();

        headers.put("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature("wrong", body));
        assertThat(call(WebhookFormat.SHOPIFY, "shop-a", "application/json", headers, body).status()).isEqualTo(401);
    }

    @Test
    void shouldAnswerARedeliveredShopifyEventAsADuplicate() {
        final byte[] body = payload("shopify-orders-create.json");
        final Map<String, String> headers = Map.of("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body),
                "X-Shopify-Webhook-Id", "evt-1");
        call(WebhookFormat.SHOPIFY, "shop-a", "application/json", headers, body);

        assertThat(call(WebhookFormat.SHOPIFY, "shop-a", "application/json", headers, body).status()).isEqualTo(200);
        assertThat(stored).hasSize(1);
    }

    @Test
    void shouldRefuseAShopifyDeliveryTriggeredLongerAgoThanTheReplayWindow() {
        final byte[] body = payload("shopify-orders-create.json");

        final GatewayResponse response = shopify(body, "orders/create", "evt-old",
                Map.of("X-Shopify-Triggered-At", NOW.minus(Duration.ofDays(3)).toString()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsEntry("error", "stale_request");
        assertThat((String) response.body().get("message")).contains("X-Shopify-Triggered-At");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldRefuseADeliveryWhoseSignedBodyLastChangedLongerAgoThanTheReplayWindow() {
        final byte[] body = withField(payload("shopify-orders-create.json"), "updated_at", NOW.minus(Duration.ofDays(3)).toString());

        final GatewayResponse response = shopify(body, "orders/updated", "evt-replayed",
                Map.of("X-Shopify-Triggered-At", NOW.toString()));

        assertThat(response.status()).as("a forged triggered-at header cannot refresh an old signed body").isEqualTo(401);
        assertThat(response.body()).containsEntry("error", "stale_request");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldTakeAnUpdateOfAShopifyOrderCreatedLongerAgoThanTheReplayWindow() {
        final byte[] body = withField(withField(payload("shopify-orders-create.json"), "created_at",
                NOW.minus(Duration.ofDays(4)).toString()), "updated_at", NOW.minusSeconds(20).toString());

        final GatewayResponse response = shopify(body, "orders/updated", "evt-update",
                Map.of("X-Shopify-Triggered-At", NOW.minusSeconds(19).toString()));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(stored).singleElement().satisfies(order -> assertThat(order.getShopOrderRef()).isEqualTo("5723491234567"));
    }

    @Test
    void shouldTakeAWooCommerceUpdateOfAnOrderCreatedLongerAgoThanTheReplayWindow() {
        final byte[] body = withField(withField(payload("woocommerce-order-created.json"), "date_created_gmt", "2026-11-16T09:40:00"),
                "date_modified_gmt", "2026-11-20T10:15:00");

        final GatewayResponse response = call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json", Map.of(
                "X-WC-Webhook-Signature", WebhookSignatures.base64Signature(SECRET, body), "X-WC-Webhook-Topic", "order.updated",
                "X-WC-Webhook-Delivery-ID", "d-2"), body);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(stored).hasSize(1);
    }

    @Test
    void shouldRefuseATriggeredAtHeaderThatIsNoDate() {
        final GatewayResponse response = shopify(payload("shopify-orders-create.json"), "orders/create", "evt-1",
                Map.of("X-Shopify-Triggered-At", "yesterday"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).containsEntry("error", "invalid_header");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldAnswerATopicThePoolDoesNotUseWith200IgnoredAndStoreNothing() {
        final GatewayResponse shopify = shopify(payload("shopify-orders-create.json"), "orders/fulfilled", "evt-f", Map.of());
        final byte[] wooBody = payload("woocommerce-order-created.json");
        final GatewayResponse woo = call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json", Map.of(
                "X-WC-Webhook-Signature", WebhookSignatures.base64Signature(SECRET, wooBody), "X-WC-Webhook-Topic", "order.restored"),
                wooBody);

        assertThat(shopify.status()).isEqualTo(200);
        assertThat(shopify.body()).containsEntry("status", "IGNORED");
        assertThat((String) shopify.body().get("reason")).contains("orders/fulfilled");
        assertThat(woo.status()).isEqualTo(200);
        assertThat(woo.body()).containsEntry("status", "IGNORED");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldStillAuthenticateADeliveryOfAnIgnoredTopic() {
        final byte[] body = payload("shopify-orders-create.json");

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, "shop-a", "application/json", Map.of(
                "X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature("wrong", body), "X-Shopify-Topic", "orders/fulfilled"), body);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void shouldPassOnAPaidUpdateOfAnOrderAlreadyTakenAndDeduplicateItsRetry() {
        final byte[] created = payload("shopify-orders-create.json");
        final byte[] paid = withField(created, "updated_at", NOW.toString());

        final GatewayResponse first = shopify(created, "orders/create", "evt-create", Map.of());
        final GatewayResponse paidUpdate = shopify(paid, "orders/paid", "evt-paid", Map.of());
        final GatewayResponse paidRetry = shopify(paid, "orders/paid", "evt-paid", Map.of());
        final GatewayResponse createdAgain = shopify(created, "orders/create", "evt-create-2", Map.of());

        assertThat(first.status()).isEqualTo(202);
        assertThat(paidUpdate.status()).as("a later version may release the payment; order-intake decides").isEqualTo(202);
        assertThat(paidUpdate.body()).containsEntry("orderId", first.body().get("orderId"));
        assertThat(paidRetry.status()).isEqualTo(200);
        assertThat(paidRetry.body()).containsEntry("status", "DUPLICATE");
        assertThat(createdAgain.status()).as("a new order sent again changes nothing").isEqualTo(200);
        assertThat(stored).hasSize(2);
    }

    @Test
    void shouldDeduplicateByShopifysEventIdWhateverTheWebhookId() {
        final byte[] body = payload("shopify-orders-create.json");
        shopify(body, "orders/updated", "evt-9", Map.of("X-Shopify-Webhook-Id", "delivery-1"));

        final GatewayResponse again = shopify(body, "orders/updated", "evt-9", Map.of("X-Shopify-Webhook-Id", "delivery-2"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).containsEntry("status", "DUPLICATE");
        assertThat(stored).hasSize(1);
    }

    @Test
    void shouldMapAWooCommerceOrderToAValidOrderOfThePool() {
        final byte[] body = payload("woocommerce-order-created.json");
        final Map<String, String> headers = Map.of("X-WC-Webhook-Signature", WebhookSignatures.base64Signature(SECRET, body),
                "X-WC-Webhook-Delivery-ID", "9f1c2", "X-WC-Webhook-Topic", "order.created");

        final GatewayResponse response = call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json", headers, body);

        assertThat(response.status()).isEqualTo(202);
        final SubmittedOrder order = stored.get(0);
        assertThat(order.getShopOrderRef()).isEqualTo("8812");
        assertThat(order.getChannel()).isEqualTo(SalesChannel.WOOCOMMERCE);
        assertThat(order.getShippingAddress().getCountryCode()).isEqualTo("BE");
        assertThat(order.getLines()).extracting(l -> l.getUnitPrice().getAmountMinor()).containsExactly(605L, 2590L);
        assertThat(order.getShippingMethod()).as("WooCommerce's own method id, as sent").isEqualTo("flat_rate");
        assertThat(validator().shippingMethodOf(Normaliser.normalise(order))).isEqualTo(ShippingMethod.STANDARD);
        assertThat(validationErrors(order)).isEmpty();
    }

    @Test
    void shouldCarryEachPlatformsPaymentStateIntoTheSubmittedOrder() {
        final byte[] pendingWoo = withField(payload("woocommerce-order-created.json"), "status", "on-hold");
        final byte[] authorisedShopify = withField(payload("shopify-orders-create.json"), "financial_status", "authorized");
        final byte[] pendingPool = withField(payload("pool-order.json"), "paymentState", "pending");

        call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json", Map.of("X-WC-Webhook-Signature",
                WebhookSignatures.base64Signature(SECRET, pendingWoo), "X-WC-Webhook-Topic", "order.created"), pendingWoo);
        shopify(authorisedShopify, "orders/create", "evt-a", Map.of());
        pool("shop-a", pendingPool, NOW.getEpochSecond());
        pool("shop-a", withField(payload("pool-order.json"), "shopOrderRef", "TH-2"), NOW.getEpochSecond());

        assertThat(stored).extracting(SubmittedOrder::getPaymentState)
                .containsExactly(PaymentState.PENDING, PaymentState.AUTHORISED, PaymentState.PENDING, null);
    }

    @Test
    void shouldReadWooCommerceAndShopifyPaymentStatesAsThePlatformsDocumentThem() {
        assertThat(WooCommerceMapper.paymentState("processing")).isEqualTo(PaymentState.PAID);
        assertThat(WooCommerceMapper.paymentState("completed")).isEqualTo(PaymentState.PAID);
        assertThat(WooCommerceMapper.paymentState("pending")).isEqualTo(PaymentState.PENDING);
        assertThat(WooCommerceMapper.paymentState("checkout-draft")).isEqualTo(PaymentState.PENDING);
        assertThat(WooCommerceMapper.paymentState("a-plugins-own")).isEqualTo(PaymentState.UNKNOWN);
        assertThat(ShopifyMapper.paymentState("paid")).isEqualTo(PaymentState.PAID);
        assertThat(ShopifyMapper.paymentState("partially_paid")).isEqualTo(PaymentState.PENDING);
        assertThat(ShopifyMapper.paymentState("voided")).isEqualTo(PaymentState.UNKNOWN);
    }

    @Test
    void shouldPassOnAPoolOrdersPaidVersionAfterItsPendingOne() {
        final GatewayResponse pending = pool("shop-a", withField(payload("pool-order.json"), "paymentState", "PENDING"), NOW.getEpochSecond());
        final GatewayResponse paid = pool("shop-a", withField(payload("pool-order.json"), "paymentState", "PAID"), NOW.getEpochSecond());

        assertThat(pending.status()).isEqualTo(202);
        assertThat(paid.status()).as("not taken for a repeat of the new order").isEqualTo(202);
        assertThat(stored).extracting(SubmittedOrder::getPaymentState).containsExactly(PaymentState.PENDING, PaymentState.PAID);
    }

    @Test
    void shouldRefuseAPoolOrderWithAPaymentStateThePoolDoesNotKnow() {
        final GatewayResponse response = pool("shop-a", withField(payload("pool-order.json"), "paymentState", "maybe"),
                NOW.getEpochSecond());

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response)).containsExactly("paymentState:unknown_value");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldTakeAShopifyCancellationAsAnOrderCancellationKeyedByTheOrdersId() {
        final byte[] body = cancelledShopifyOrder();

        final GatewayResponse response = shopify(body, "orders/cancelled", "evt-cancel", Map.of());
        final GatewayResponse retry = shopify(body, "orders/cancelled", "evt-cancel", Map.of());

        final String orderId = OrderIds.forShopOrder("shop-a", "5723491234567");
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).containsEntry("orderId", orderId).containsEntry("status", "CANCELLATION_REQUESTED");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).containsEntry("status", "DUPLICATE");
        assertThat(cancelled).singleElement().satisfies(cancellation -> {
            assertThat(cancellation.getOrderId()).isEqualTo(orderId);
            assertThat(cancellation.getShopId()).isEqualTo("shop-a");
            assertThat(cancellation.getShopOrderRef()).isEqualTo("5723491234567");
            assertThat(cancellation.getReason()).isEqualTo("Shopify orders/cancelled: customer");
            assertThat(cancellation.getRequestedAt()).as("the pool's clock").isEqualTo(NOW);
        });
        assertThat(stored).as("never taken for a new order").isEmpty();
    }

    @Test
    void shouldTakeAShopifyUpdateOfACancelledOrderAsItsCancellation() {
        final GatewayResponse response = shopify(cancelledShopifyOrder(), "orders/updated", "evt-upd", Map.of());

        assertThat(response.status()).isEqualTo(202);
        assertThat(cancelled).hasSize(1);
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldTakeWooCommercesCancelledRefundedFailedAndDeletedOrdersAsCancellations() {
        final byte[] created = payload("woocommerce-order-created.json");
        final List<GatewayResponse> responses = new ArrayList<>();
        for (final String status : List.of("cancelled", "refunded", "failed")) {
            responses.add(woo(withField(created, "status", status), "order.updated", "d-" + status));
        }
        responses.add(woo("{\"id\": 8812}".getBytes(StandardCharsets.UTF_8), "order.deleted", "d-deleted"));

        assertThat(responses).extracting(GatewayResponse::status).containsOnly(202);
        assertThat(cancelled).extracting(OrderCancellation::getShopOrderRef).containsOnly("8812");
        assertThat(cancelled).extracting(OrderCancellation::getReason).containsExactly("WooCommerce order.updated, status cancelled",
                "WooCommerce order.updated, status refunded", "WooCommerce order.updated, status failed", "WooCommerce order.deleted");
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldNeverLoseACancellationForWhatElseItsBodyHolds() {
        final byte[] body = withField(cancelledShopifyOrder(), "note", "call me, card 4111 1111 1111 1111");

        assertThat(shopify(body, "orders/cancelled", "evt-c", Map.of()).status()).isEqualTo(202);
        assertThat(cancelled.get(0).toString()).doesNotContain("4111");
    }

    @Test
    void shouldRefuseACancellationThatNamesNoOrder() {
        final GatewayResponse response = woo("{\"status\": \"cancelled\"}".getBytes(StandardCharsets.UTF_8), "order.updated", "d-1");

        assertThat(response.status()).as("signed by the platform: answered 200, so the webhook is not disabled").isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "UNREADABLE").containsEntry("reason", "invalid_cancellation");
        assertThat(fields(response)).containsExactly("id:required");
        assertThat(cancelled).isEmpty();
        assertThat(stored).as("it names no order to answer on").isEmpty();
    }

    @Test
    void shouldWriteAPlatformsCancellationOfAnOrderThisInstanceDoesNotKnowSinceItMayStillCome() {
        intakeKnows = DecidedOrders.Lookup.UNKNOWN;

        final GatewayResponse response = shopify(cancelledShopifyOrder(), "orders/cancelled", "evt-c", Map.of());

        assertThat(response.status()).as("Shopify must not retry; order-intake cancels the order should it come").isEqualTo(202);
        assertThat(cancelled).hasSize(1);
    }

    @Test
    void shouldTakeAPoolCancellationSignedLikeAnOrderAndAnswerWithTheOrderId() {
        final byte[] body = "{\"shopOrderRef\": \"TH-2026-0042\", \"reason\": \"customer changed their mind\"}"
                .getBytes(StandardCharsets.UTF_8);

        final GatewayResponse response = poolCancel("TH-2026-0042", body, poolHeaders(body, NOW.getEpochSecond()));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).containsEntry("orderId", OrderIds.forShopOrder("shop-a", "TH-2026-0042"))
                .containsEntry("status", "CANCELLATION_REQUESTED");
        assertThat(cancelled).singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("customer changed their mind"));
    }

    @Test
    void shouldTakeTheReadmesExampleCancellationOfItsExampleOrder() throws IOException {
        final byte[] body = Files.readAllBytes(Path.of("../docs/examples/pool-cancellation.json"));
        final String ref = JSON.readTree(Files.readAllBytes(Path.of("../docs/examples/pool-order.json"))).get("shopOrderRef").asText();

        final GatewayResponse response = poolCancel(ref, body, poolHeaders(body, NOW.getEpochSecond()));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(cancelled).singleElement().satisfies(c -> assertThat(c.getShopOrderRef()).isEqualTo(ref));
    }

    @Test
    void shouldRefuseAPoolCancellationWhoseBodyDoesNotNameTheOrderOfItsUrlOrIsNotSigned() {
        final byte[] other = "{\"shopOrderRef\": \"TH-1\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] none = "{\"reason\": \"oops\"}".getBytes(StandardCharsets.UTF_8);

        final GatewayResponse mismatch = poolCancel("TH-2026-0042", other, poolHeaders(other, NOW.getEpochSecond()));
        final GatewayResponse missing = poolCancel("TH-2026-0042", none, poolHeaders(none, NOW.getEpochSecond()));
        final GatewayResponse unsigned = poolCancel("TH-1", other, Map.of("X-Pool-Timestamp", Long.toString(NOW.getEpochSecond())));

        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(fields(mismatch)).containsExactly("shopOrderRef:ref_mismatch");
        assertThat(fields(missing)).containsExactly("shopOrderRef:required");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(cancelled).isEmpty();
    }

    @Test
    void shouldAnswerAPoolCancellationOfAnOrderThePoolNeverSaw404WhenThisInstanceCanTell() {
        intakeKnows = DecidedOrders.Lookup.UNKNOWN;
        final byte[] body = "{\"shopOrderRef\": \"TH-404\"}".getBytes(StandardCharsets.UTF_8);

        final GatewayResponse response = poolCancel("TH-404", body, poolHeaders(body, NOW.getEpochSecond()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).containsEntry("error", "unknown_order");
        assertThat(cancelled).isEmpty();
    }

    @Test
    void shouldTakeAPoolCancellationOfAnOrderThisInstanceWroteBeforeIntakeHasSeenIt() {
        intakeKnows = DecidedOrders.Lookup.UNKNOWN;
        pool("shop-a", payload("pool-order.json"), NOW.getEpochSecond());
        final byte[] body = "{\"shopOrderRef\": \"TH-2026-0042\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(poolCancel("TH-2026-0042", body, poolHeaders(body, NOW.getEpochSecond())).status()).isEqualTo(202);
        assertThat(cancelled).hasSize(1);
    }

    @Test
    void shouldAnswerACancellationOrPaymentOfAnOrderThatEndedAtIntakeWithWhyItChangesNothing() {
        intakeKnows = DecidedOrders.Lookup.known(IntakeState.of(IntakeState.Phase.CANCELLED));
        final byte[] paid = withField(payload("shopify-orders-create.json"), "updated_at", NOW.toString());

        final GatewayResponse payment = shopify(paid, "orders/paid", "evt-paid", Map.of());
        final GatewayResponse cancellation = shopify(cancelledShopifyOrder(), "orders/cancelled", "evt-c", Map.of());

        assertThat(payment.status()).isEqualTo(200);
        assertThat(payment.body()).containsEntry("status", "IGNORED").containsEntry("reason", "order_cancelled");
        assertThat((String) payment.body().get("message")).contains("refund");
        assertThat(cancellation.body()).containsEntry("status", "IGNORED").containsEntry("reason", "order_cancelled");
        assertThat(stored).isEmpty();
        assertThat(cancelled).isEmpty();
    }

    @Test
    void shouldPassALaterVersionOfAnAcceptedOrderOnAsAnUpdateWhoseAnswerComesOnTheStatusTopic() {
        intakeKnows = DecidedOrders.Lookup.known(IntakeState.of(IntakeState.Phase.ACCEPTED));
        final byte[] moved = withField(withField(payload("shopify-orders-create.json"), "updated_at", NOW.toString()), "note", "new address");

        final GatewayResponse update = shopify(moved, "orders/updated", "evt-moved", Map.of());
        final GatewayResponse cancellation = shopify(cancelledShopifyOrder(), "orders/cancelled", "evt-c", Map.of());

        assertThat(update.status()).isEqualTo(202);
        assertThat(update.body()).containsEntry("status", "UPDATE_REQUESTED");
        assertThat(stored).hasSize(1);
        assertThat(cancellation.status()).as("an accepted order is still cancelled, downstream").isEqualTo(202);
        assertThat(cancelled).hasSize(1);
    }

    @Test
    void shouldAnswer503ForACancellationTheBrokerDidNotTake() {
        brokerDown = true;

        assertThat(shopify(cancelledShopifyOrder(), "orders/cancelled", "evt-c", Map.of()).status()).isEqualTo(503);
        brokerDown = false;
        assertThat(shopify(cancelledShopifyOrder(), "orders/cancelled", "evt-c", Map.of()).status()).as("a retry is taken").isEqualTo(202);
    }

    private static byte[] cancelledShopifyOrder() {
        return withField(withField(withField(payload("shopify-orders-create.json"), "cancelled_at", NOW.minusSeconds(5).toString()),
                "cancel_reason", "customer"), "updated_at", NOW.minusSeconds(5).toString());
    }

    private GatewayResponse woo(final byte[] body, final String topic, final String deliveryId) {
        return call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json", Map.of("X-WC-Webhook-Signature",
                WebhookSignatures.base64Signature(SECRET, body), "X-WC-Webhook-Topic", topic, "X-WC-Webhook-Delivery-ID", deliveryId), body);
    }

    private GatewayResponse poolCancel(final String ref, final byte[] body, final Map<String, String> headers) {
        return gateway.cancelPoolOrder("shop-a", ref, "application/json", body.length, headers::get, new ByteArrayInputStream(body));
    }

    @Test
    void shouldCarryTheShopsOwnShippingCodeAndTitleForItsShippingNamesToMap() throws IOException {
        final ObjectNode shopifyBody = (ObjectNode) JSON.readTree(payload("shopify-orders-create.json"));
        ((ObjectNode) shopifyBody.get("shipping_lines").get(0)).put("code", "standard_shipping").put("title", "Livraison standard");
        final byte[] shopifyBytes = JSON.writeValueAsBytes(shopifyBody);
        final ObjectNode wooBody = (ObjectNode) JSON.readTree(payload("woocommerce-order-created.json"));
        ((ObjectNode) wooBody.get("shipping_lines").get(0)).put("method_title", "Express 24h");
        final byte[] wooBytes = JSON.writeValueAsBytes(wooBody);

        shopify(shopifyBytes, "orders/create", "evt-s", Map.of());
        woo(wooBytes, "order.created", "d-s");

        assertThat(stored).extracting(o -> o.getShippingMethod() + " / " + o.getShippingMethodTitle())
                .containsExactly("standard_shipping / Livraison standard", "flat_rate / Express 24h");
        final OrderValidator withNames = new OrderValidator(PoolCatalogue.fromClasspath().skus(), new ShopDirectory(List.of(
                new Shop("shop-a", "Shop A", SECRET, ShopPolicy.defaults().withShippingNames(new ShippingNames(Map.of(
                        ShippingMethod.STANDARD, List.of("Livraison standard"), ShippingMethod.EXPRESS, List.of("Express 24h")), null))))),
                IntakeRules.defaults());
        assertThat(stored).extracting(o -> withNames.shippingMethodOf(Normaliser.normalise(o)))
                .containsExactly(ShippingMethod.STANDARD, ShippingMethod.EXPRESS);
    }

    @Test
    void shouldMapAFullShopifyOrderWithLargeIdsDiscountsAndSeveralShippingLinesInTheShopsOwnCurrency() {
        final GatewayResponse response = shopify(payload("shopify-orders-create-full.json"), "orders/create",
                "b1d4c0a2-7e55-4a6f-9f0e-31c1c8f0d5a1", Map.of("X-Shopify-Triggered-At", "2026-11-20T10:02:47.877041743Z"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        final SubmittedOrder order = stored.get(0);
        assertThat(order.getShopOrderRef()).as("an 18-digit id, kept exactly").isEqualTo("820982911946154508");
        assertThat(order.getCustomer().getShopCustomerId()).isEqualTo("115310627314723954");
        assertThat(order.getLines()).extracting(l -> l.getLineId() + " " + l.getSku() + " x" + l.getQuantity() + " @" + l.getUnitPrice())
                .containsExactly("466157049117340111 SKU-BOWL-01 x2 @{\"amountMinor\": 1450, \"currency\": \"EUR\"}",
                        "466157049117340112 SKU-PLATE-01 x1 @{\"amountMinor\": 1690, \"currency\": \"EUR\"}");
        assertThat(order.getShippingCost().getAmountMinor()).as("both shipping lines").isEqualTo(690);
        assertThat(order.getDiscount().getAmountMinor()).as("the line's code and the order's manual discount").isEqualTo(790);
        assertThat(order.getAddedTax().getAmountMinor()).as("tax included in the prices").isZero();
        assertThat(order.getTotal()).as("the shop's money, not the customer's presentment currency").isEqualTo(new Money(4490L, "EUR"));
        assertThat(order.getShippingMethod() + " / " + order.getShippingMethodTitle()).isEqualTo("colissimo_home / Colissimo domicile");
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(order.getPlacedAt()).isEqualTo(Instant.parse("2026-11-20T10:02:45Z"));
        assertThat(order.getShippingAddress().getLine2()).isEqualTo("Bâtiment B");
        assertThat(validationErrors(order)).isEmpty();
    }

    @Test
    void shouldAddTheTaxOfAShopifyShopWhosePricesExcludeItAndHoldItsPendingPayment() {
        final GatewayResponse response = shopify(payload("shopify-orders-create-tax-excluded.json"), "orders/create", "evt-us", Map.of());

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        final SubmittedOrder order = stored.get(0);
        assertThat(order.getAddedTax()).isEqualTo(new Money(374L, "USD"));
        assertThat(order.getTotal()).isEqualTo(new Money(4569L, "USD"));
        assertThat(order.getShippingAddress().getRegion()).isEqualTo("VT");
        assertThat(order.getBillingAddress()).as("billing_address: null").isNull();
        assertThat(order.getPaymentState()).as("cash on delivery, not paid yet").isEqualTo(PaymentState.PENDING);
        assertThat(validationErrors(order)).isEmpty();
    }

    @Test
    void shouldMapAFullWooCommerceOrderOnHoldForABankTransferAndItsPaidUpdate() throws IOException {
        final byte[] created = payload("woocommerce-order-created-full.json");
        final ObjectNode paid = (ObjectNode) JSON.readTree(created);
        paid.put("status", "processing").put("date_paid_gmt", "2026-11-20T10:12:00").put("date_modified_gmt", "2026-11-20T10:12:00")
                .put("needs_payment", false).put("transaction_id", "BE71 0961 2345 6769");

        final GatewayResponse first = woo(created, "order.created", "d-72731-1");
        final GatewayResponse update = woo(JSON.writeValueAsBytes(paid), "order.updated", "d-72731-2");

        assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
        assertThat(update.status()).as("the paid update is passed on: it releases the order").isEqualTo(202);
        assertThat(stored).extracting(SubmittedOrder::getPaymentState).containsExactly(PaymentState.PENDING, PaymentState.PAID);
        final SubmittedOrder order = stored.get(0);
        assertThat(order.getShopOrderRef()).isEqualTo("72731");
        assertThat(order.getLines()).extracting(l -> l.getUnitPrice().getAmountMinor()).as("before discount, with tax")
                .containsExactly(2541L, 726L);
        assertThat(order.getDiscount().getAmountMinor()).as("coupon with its tax").isEqualTo(726);
        assertThat(order.getShippingCost().getAmountMinor()).isEqualTo(605);
        assertThat(order.getTotal().getAmountMinor()).isEqualTo(7139);
        assertThat(order.getShippingAddress().getLine1()).as("the shipping address, not billing").isEqualTo("14 Korenmarkt");
        assertThat(order.getPayment().getMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(order.getPayment().getClientIp()).isEqualTo("2001:db8::7");
        assertThat(order.getShippingMethod() + " / " + order.getShippingMethodTitle()).isEqualTo("flat_rate / Livraison standard");
        assertThat(validationErrors(order)).isEmpty();
        assertThat(validationErrors(stored.get(1))).isEmpty();
    }

    @Test
    void shouldRefuseAShopifyLineWithoutASkuNamingItsField() throws IOException {
        final ObjectNode body = (ObjectNode) JSON.readTree(payload("shopify-orders-create-full.json"));
        ((ObjectNode) body.get("line_items").get(1)).putNull("sku");

        final GatewayResponse response = shopify(JSON.writeValueAsBytes(body), "orders/create", "evt-nosku", Map.of());
        final GatewayResponse retried = shopify(JSON.writeValueAsBytes(body), "orders/create", "evt-nosku", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "NOT_AN_ORDER");
        assertThat(fields(response)).containsExactly("line_items[1].sku:required");
        assertThat(stored).singleElement().satisfies(placeholder -> {
            assertThat(placeholder.getIntakeErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                    .containsExactly("line_items[1].sku:required");
            assertThat(placeholder.getLines()).isEmpty();
        });
        assertThat(retried.body()).as("the same event again").containsEntry("status", "DUPLICATE");
    }

    @Test
    void shouldAnswerAnUpdateOfAnAcceptedOrderThatDoesNotParse200AndPassItsReasonsOnAsARefusedUpdate() throws IOException {
        intakeKnows = DecidedOrders.Lookup.known(IntakeState.of(IntakeState.Phase.ACCEPTED));
        final ObjectNode body = (ObjectNode) JSON.readTree(withField(payload("shopify-orders-create.json"), "updated_at", NOW.toString()));
        ((ObjectNode) body.get("line_items").get(0)).put("quantity", "two");

        final GatewayResponse response = shopify(JSON.writeValueAsBytes(body), "orders/updated", "evt-upd-broken", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "NOT_AN_ORDER").containsEntry("reason", "invalid_order");
        assertThat(fields(response)).containsExactly("line_items[0].quantity:wrong_type");
        assertThat(stored).singleElement().satisfies(placeholder -> assertThat(placeholder.getIntakeErrors())
                .extracting(e -> e.getField() + ":" + e.getCode()).containsExactly("line_items[0].quantity:wrong_type"));
    }

    @Test
    void shouldAnswerASignedShopifyOrderHoldingACardNumber200AndWriteNoByteOfIt() {
        final byte[] body = withField(payload("shopify-orders-create.json"), "note", "card 4111 1111 1111 1111 exp 12/29");

        final GatewayResponse response = shopify(body, "orders/create", "evt-pan", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("reason", "card_number");
        assertThat(fields(response)).containsExactly("note:card_number");
        assertThat(response.body().toString()).doesNotContain("4111 1111 1111 1111");
        assertThat(stored).singleElement().satisfies(placeholder -> {
            assertThat(placeholder.toString()).doesNotContain("4111 1111 1111 1111").contains("************1111")
                    .doesNotContain("Kaiserstrasse");
            assertThat(placeholder.getIntakeErrors()).extracting(e -> e.getField() + ":" + e.getCode()).containsExactly("note:card_number");
        });
    }

    @Test
    void shouldAnswerASignedWooCommerceDeliveryThatIsNotJson200AndAForgedOne401() {
        final byte[] broken = "{\"id\": 4181, \"status\": ".getBytes(StandardCharsets.UTF_8);

        final GatewayResponse unreadable = woo(broken, "order.created", "d-broken");
        final GatewayResponse forged = call(WebhookFormat.WOOCOMMERCE, "shop-a", "application/json",
                Map.of("X-WC-Webhook-Signature", "bm90IGl0", "X-WC-Webhook-Topic", "order.created"), broken);

        assertThat(unreadable.status()).isEqualTo(200);
        assertThat(unreadable.body()).containsEntry("status", "UNREADABLE").containsEntry("reason", "invalid_json");
        assertThat(forged.status()).as("a bad signature is still refused").isEqualTo(401);
        assertThat(stored).isEmpty();
    }

    @Test
    void shouldAnswerWooCommercesPingWhenAWebhookIsCreated() {
        final byte[] ping = "webhook_id=15".getBytes(StandardCharsets.US_ASCII);

        assertThat(gateway.handle(WebhookFormat.WOOCOMMERCE, "shop-a", "application/x-www-form-urlencoded", ping.length, h -> null,
                new ByteArrayInputStream(ping)).status()).isEqualTo(200);
        assertThat(stored).isEmpty();
    }

    private GatewayResponse shopify(final byte[] body, final String topic, final String eventId, final Map<String, String> extra) {
        final Map<String, String> headers = new HashMap<>(extra);
        headers.put("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body));
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Event-Id", eventId);
        return call(WebhookFormat.SHOPIFY, "shop-a", "application/json", headers, body);
    }

    /** The JSON body with one top-level field set to a string (added, or replacing what it was). */
    static byte[] withField(final byte[] body, final String name, final String value) {
        try {
            final ObjectNode tree = (ObjectNode) JSON.readTree(body);
            tree.put(name, value);
            return JSON.writeValueAsBytes(tree);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] poolOrderWith(final String json, final String replacement) {
        final String sample = new String(payload("pool-order.json"), StandardCharsets.UTF_8);
        assertThat(sample).contains(json);
        return sample.replace(json, replacement).getBytes(StandardCharsets.UTF_8);
    }

    private GatewayResponse pool(final String shopId, final byte[] body, final long timestamp) {
        return call(WebhookFormat.POOL_JSON, shopId, "application/json", poolHeaders(body, timestamp), body);
    }

    private GatewayResponse call(final WebhookFormat format, final String shopId, final String contentType,
                                 final Map<String, String> headers, final byte[] body) {
        return gateway.handle(format, shopId, contentType, body.length, headers::get, new ByteArrayInputStream(body));
    }

    private static Map<String, String> poolHeaders(final byte[] body, final long timestamp) {
        return new HashMap<>(Map.of("X-Pool-Timestamp", Long.toString(timestamp),
                "X-Pool-Signature", WebhookSignatures.poolSignature(SECRET, timestamp, body)));
    }

    static byte[] payload(final String name) {
        try (InputStream in = IntakeGatewayTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(final GatewayResponse response) {
        return ((List<Map<String, String>>) response.body().get("errors")).stream().map(e -> e.get("field") + ":" + e.get("code")).toList();
    }

    private static OrderValidator validator() {
        return new OrderValidator(PoolCatalogue.fromClasspath().skus(), SHOPS, IntakeRules.defaults());
    }

    private static List<String> validationErrors(final SubmittedOrder order) {
        return validator()
                .validate(Normaliser.normalise(order), NOW).stream().map(e -> e.getField() + ":" + e.getCode() + " " + e.getMessage()).toList();
    }
}
