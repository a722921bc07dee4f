package org.orderpool.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * order-intake as it runs: the Spring Boot application over real HTTP, on the real broker and registry,
 * with the local profile's demo shops.
 */
@RealKafka
class OrderIntakeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFIX = KafkaTestClient.uniquePrefix("intake");
    private static final Topic<String, Order> ACCEPTED = Topics.ORDERS_ACCEPTED.withNamePrefix(PREFIX);
    private static final Topic<String, OrderRejection> REJECTED = Topics.ORDERS_REJECTED.withNamePrefix(PREFIX);
    private static final Topic<String, OrderStatusChange> STATUS = Topics.ORDERS_STATUS.withNamePrefix(PREFIX);
    private static final Topic<ShopOrderKey, SubmittedOrder> SUBMITTED = Topics.SHOP_ORDERS_SUBMITTED.withNamePrefix(PREFIX);
    private static final Topic<ShopOrderKey, SubmittedOrder> BOOK_NOOK_INTAKE = Topics.shopIntake("book-nook").withNamePrefix(PREFIX);
    private static final Topic<ShopOrderKey, OrderCancellation> BOOK_NOOK_CANCELLATIONS =
            Topics.shopCancellations("book-nook").withNamePrefix(PREFIX);
    private static final Topic<String, OrderCancellation> CANCELLATIONS = Topics.ORDERS_CANCELLATIONS.withNamePrefix(PREFIX);
    private static final Topic<String, OrderUpdate> UPDATES = Topics.ORDERS_UPDATES.withNamePrefix(PREFIX);
    private static final Topic<String, OrderDispute> DISPUTES = Topics.FRAUD_DISPUTES.withNamePrefix(PREFIX);

    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        try (KafkaTestClient admin = new KafkaTestClient(platform)) {
            // before the start, so the pattern subscriptions see them at once
            admin.createTopics(List.of(BOOK_NOOK_INTAKE, BOOK_NOOK_CANCELLATIONS));
        }
        service = ServiceUnderTest.start(OrderIntakeApplication::builder, platform, PREFIX, "order-intake", "--server.port=0");
        kafka = service.kafka();
        baseUrl = "http://localhost:" + service.context().getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void shouldRecogniseARetryAfterARestartThatRebuiltItsState() {
        final SubmittedOrder order = placedNow(Fixtures.order("restart-1").shop("book-nook").channel(SalesChannel.KAFKA)
                .line("SKU-BOOK-01", 1, 2_400).submitted());
        final ShopOrderKey key = new ShopOrderKey("book-nook", order.getShopOrderRef());
        final String orderId = OrderIds.forShopOrder("book-nook", order.getShopOrderRef());
        kafka.send(SUBMITTED, key, order);
        assertThat(kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).hasSize(1);

        service.restartWithEmptyState("state-after-restart"); // the deduplication store comes back from its changelog
        baseUrl = "http://localhost:" + service.context().getEnvironment().getProperty("local.server.port");
        kafka.send(SUBMITTED, key, order);
        kafka.awaitConsumed(service.applicationId(), SUBMITTED.name(), TIMEOUT);

        assertThat(kafka.read(ACCEPTED, 1_000, Duration.ofSeconds(2)).valuesFor(orderId)).as("the retry made no second order").hasSize(1);
    }


    @Test
    void shouldDecideAnOrderOnceWhicheverIntakeTopicAndKeyBytesItCameWith() {
        final SubmittedOrder order = placedNow(Fixtures.order("channels-1").shop("book-nook").channel(SalesChannel.KAFKA)
                .line("SKU-BOOK-01", 1, 2_400).submitted());
        final ShopOrderKey key = new ShopOrderKey("book-nook", order.getShopOrderRef());
        // the same ref with a trailing space names the same order but serialises to a key on another partition
        final ShopOrderKey spaced = onAnotherPartition(key);
        final String orderId = OrderIds.forShopOrder("book-nook", order.getShopOrderRef());

        kafka.send(SUBMITTED, key, order);
        kafka.send(BOOK_NOOK_INTAKE, spaced, order);
        kafka.send(SUBMITTED, spaced, order);
        // and where the gateway writes it: decided in the order's own task without the repartition, in the same store
        kafka.sendToPartition(SUBMITTED, OrderIds.partitionOf(orderId), key, order);
        kafka.sendToPartition(BOOK_NOOK_INTAKE, OrderIds.partitionOf(orderId), spaced, order);
        kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT);
        kafka.awaitConsumed(service.applicationId(), SUBMITTED.name(), TIMEOUT);
        kafka.awaitConsumed(service.applicationId(), BOOK_NOOK_INTAKE.name(), TIMEOUT);
        kafka.awaitConsumed(service.applicationId(), service.applicationId() + "-intake-by-order-id-repartition", TIMEOUT);

        assertThat(kafka.read(ACCEPTED, 1_000, Duration.ofSeconds(2)).valuesFor(orderId)).as("one order").hasSize(1);
        assertThat(kafka.read(STATUS, 1_000, Duration.ofSeconds(2)).valuesFor(orderId)).extracting(OrderStatusChange::getStatus)
                .containsExactly(OrderStatus.ACCEPTED);
    }

    @Test
    void shouldAcceptAnOrderFromEveryWayIntoThePool() throws Exception {
        final byte[] poolOrder = payload("pool-order.json");
        final HttpResponse<String> pool = post("/shops/tea-house/orders", poolHeaders("tea-house", poolOrder), poolOrder);
        final byte[] shopify = freshShopifyOrder(payload("shopify-orders-create.json"));
        final HttpResponse<String> shopifyResponse = post("/shops/ceramics-studio/webhooks/shopify", Map.of(
                "X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature("demo-secret-ceramics-studio", shopify),
                "X-Shopify-Webhook-Id", "it-" + System.nanoTime()), shopify);
        final byte[] woo = freshWooOrder(payload("woocommerce-order-created.json"));
        final HttpResponse<String> wooResponse = post("/shops/bike-corner/webhooks/woocommerce", Map.of(
                "X-WC-Webhook-Signature", WebhookSignatures.base64Signature("demo-secret-bike-corner", woo),
                "X-WC-Webhook-Delivery-ID", "it-" + System.nanoTime()), woo);
        final SubmittedOrder kafkaNative = placedNow(Fixtures.order("kn-1").shop("book-nook").channel(SalesChannel.KAFKA)
                .line("SKU-BOOK-01", 1, 2_400).submitted());
        kafka.send(SUBMITTED, new ShopOrderKey("book-nook", kafkaNative.getShopOrderRef()), kafkaNative);

        assertThat(pool.statusCode()).as(pool.body()).isEqualTo(202);
        assertThat(shopifyResponse.statusCode()).as(shopifyResponse.body()).isEqualTo(202);
        assertThat(wooResponse.statusCode()).as(wooResponse.body()).isEqualTo(202);
        final List<String> orderIds = List.of(OrderIds.forShopOrder("tea-house", "TH-2026-0042"),
                OrderIds.forShopOrder("ceramics-studio", "5723491234567"), OrderIds.forShopOrder("bike-corner", "8812"),
                OrderIds.forShopOrder("book-nook", kafkaNative.getShopOrderRef()));
        assertThat(pool.body()).contains(orderIds.get(0));
        final KafkaTestClient.Contents<String, Order> accepted = kafka.readUntil(ACCEPTED,
                c -> orderIds.stream().allMatch(id -> !c.valuesFor(id).isEmpty()), TIMEOUT);
        assertThat(orderIds).allSatisfy(id -> assertThat(accepted.valuesFor(id)).as(() -> id + " was not accepted; rejections: "
                + kafka.read(REJECTED, 100, Duration.ofSeconds(2)).valuesFor(id) + "; statuses: "
                + kafka.read(STATUS, 100, Duration.ofSeconds(2)).valuesFor(id)).hasSize(1));
        assertThat(accepted.valuesFor(orderIds.get(1)).get(0).getChannel()).isEqualTo(SalesChannel.SHOPIFY);
        final KafkaTestClient.Contents<String, OrderStatusChange> status = kafka.readUntil(STATUS,
                c -> orderIds.stream().allMatch(id -> !c.valuesFor(id).isEmpty()), TIMEOUT);
        assertThat(orderIds).allSatisfy(id -> assertThat(status.valuesFor(id)).extracting(OrderStatusChange::getStatus)
                .containsExactly(OrderStatus.ACCEPTED));
        // the gateway writes each order on its order id's partition, so none of the three took the repartition
        assertThat(kafka.readRawToEnd(service.applicationId() + "-intake-by-order-id-repartition"))
                .extracting(moved -> new String(moved.key(), StandardCharsets.UTF_8))
                .doesNotContainAnyElementsOf(orderIds.subList(0, 3));
    }

    @Test
    void shouldHoldAnUnpaidShopifyOrderUntilItsPaidUpdateArrives() throws Exception {
        final String created = new String(freshShopifyOrder(payload("shopify-orders-create.json")), StandardCharsets.UTF_8)
                .replace("5723491234567", "5723491230001");
        final byte[] pending = created.replace("\"financial_status\": \"paid\"", "\"financial_status\": \"pending\"")
                .getBytes(StandardCharsets.UTF_8);
        final byte[] paid = created.replace("\"financial_status\": \"paid\"", "\"financial_status\": \"paid\", \"updated_at\": \""
                + Instant.now() + "\"").getBytes(StandardCharsets.UTF_8);
        final String orderId = OrderIds.forShopOrder("ceramics-studio", "5723491230001");

        final HttpResponse<String> placed = post("/shops/ceramics-studio/webhooks/shopify", shopifyHeaders(pending, "orders/create"), pending);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        assertThat(kafka.readUntil(STATUS, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.AWAITING_PAYMENT);
        final HttpResponse<String> payment = post("/shops/ceramics-studio/webhooks/shopify", shopifyHeaders(paid, "orders/paid"), paid);

        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(202);
        assertThat(kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).hasSize(1);
        assertThat(kafka.readUntil(STATUS, c -> c.valuesFor(orderId).size() >= 2, TIMEOUT).valuesFor(orderId))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.AWAITING_PAYMENT, OrderStatus.ACCEPTED);
    }

    @Test
    void shouldAnswerAShopifyOrderThatCannotBeOne200WithItsReasonsOnTheTopicsAndPassAnAcceptedOrdersUpdateOn() throws Exception {
        final String fresh = new String(freshShopifyOrder(payload("shopify-orders-create.json")), StandardCharsets.UTF_8);
        final byte[] broken = fresh.replace("5723491234567", "5723491230002").replace("\"quantity\": 2", "\"quantity\": \"two\"")
                .getBytes(StandardCharsets.UTF_8);
        final byte[] placed = fresh.replace("5723491234567", "5723491230003").getBytes(StandardCharsets.UTF_8);
        final byte[] moved = fresh.replace("5723491234567", "5723491230003").replace("Kaiserstrasse 5", "Kaiserstrasse 7")
                .replace("\"financial_status\"", "\"updated_at\": \"" + Instant.now() + "\", \"financial_status\"")
                .getBytes(StandardCharsets.UTF_8);
        final String brokenId = OrderIds.forShopOrder("ceramics-studio", "5723491230002");
        final String movedId = OrderIds.forShopOrder("ceramics-studio", "5723491230003");

        final HttpResponse<String> notAnOrder = post("/shops/ceramics-studio/webhooks/shopify", shopifyHeaders(broken, "orders/create"),
                broken);
        final HttpResponse<String> created = post("/shops/ceramics-studio/webhooks/shopify", shopifyHeaders(placed, "orders/create"),
                placed);
        assertThat(kafka.readUntil(ACCEPTED, c -> !c.valuesFor(movedId).isEmpty(), TIMEOUT).valuesFor(movedId)).hasSize(1);
        final HttpResponse<String> update = post("/shops/ceramics-studio/webhooks/shopify", shopifyHeaders(moved, "orders/updated"),
                moved);

        assertThat(notAnOrder.statusCode()).as(notAnOrder.body()).isEqualTo(200);
        assertThat(notAnOrder.body()).contains("NOT_AN_ORDER", "line_items[0].quantity");
        assertThat(kafka.readUntil(REJECTED, c -> !c.valuesFor(brokenId).isEmpty(), TIMEOUT).valuesFor(brokenId)).singleElement()
                .satisfies(r -> assertThat(r.getErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                        .containsExactly("line_items[0].quantity:wrong_type"));
        assertThat(kafka.readUntil(STATUS, c -> !c.valuesFor(brokenId).isEmpty(), TIMEOUT).valuesFor(brokenId))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.REJECTED);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
        assertThat(kafka.readUntil(UPDATES, c -> !c.valuesFor(movedId).isEmpty(), TIMEOUT).valuesFor(movedId)).singleElement()
                .satisfies(u -> assertThat(u.getOrder().getShippingAddress().getLine1()).isEqualTo("Kaiserstrasse 7"));
    }

    @Test
    void shouldCancelAnUnpaidOrderOfAKafkaNativeShopFromItsOwnCancellationTopic() {
        final SubmittedOrder order = placedNow(Fixtures.order("cancel-1").shop("book-nook").channel(SalesChannel.KAFKA)
                .line("SKU-BOOK-01", 1, 2_400).submitted());
        order.setPaymentState(PaymentState.PENDING);
        final ShopOrderKey key = new ShopOrderKey("book-nook", order.getShopOrderRef());
        final String orderId = OrderIds.forShopOrder("book-nook", order.getShopOrderRef());
        kafka.send(SUBMITTED, key, order);
        kafka.readUntil(STATUS, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT);

        kafka.send(BOOK_NOOK_CANCELLATIONS, key, OrderCancellation.newBuilder().setCancellationId("bn-c-1").setOrderId("")
                .setShopId("book-nook").setShopOrderRef(order.getShopOrderRef()).setReason("out of print").setRequestedAt(Instant.now())
                .build());

        assertThat(kafka.readUntil(CANCELLATIONS, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).singleElement()
                .satisfies(c -> assertThat(c.getShopId()).isEqualTo("book-nook"));
        assertThat(kafka.readUntil(STATUS, c -> c.valuesFor(orderId).size() >= 2, TIMEOUT).valuesFor(orderId))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED);
        assertThat(kafka.read(ACCEPTED, 1_000, Duration.ofSeconds(2)).valuesFor(orderId)).isEmpty();
    }

    @Test
    void shouldAnswerAPoolCancellationOfAnOrderNoInstanceKnows404AndOfAKnownOne202() throws Exception {
        final byte[] order = new String(payload("pool-order.json"), StandardCharsets.UTF_8).replace("TH-2026-0042", "TH-CANCEL-1")
                .getBytes(StandardCharsets.UTF_8);
        final String orderId = OrderIds.forShopOrder("tea-house", "TH-CANCEL-1");
        post("/shops/tea-house/orders", poolHeaders("tea-house", order), order);
        kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT);
        final byte[] unknown = "{\"shopOrderRef\": \"TH-NEVER-SENT\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] known = "{\"shopOrderRef\": \"TH-CANCEL-1\", \"reason\": \"duplicate\"}".getBytes(StandardCharsets.UTF_8);

        final HttpResponse<String> never = post("/shops/tea-house/orders/TH-NEVER-SENT/cancellation", poolHeaders("tea-house", unknown),
                unknown);
        final HttpResponse<String> taken = post("/shops/tea-house/orders/TH-CANCEL-1/cancellation", poolHeaders("tea-house", known), known);

        assertThat(never.statusCode()).as("this one instance owns every order id").isEqualTo(404);
        assertThat(never.body()).contains("unknown_order");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        assertThat(taken.body()).contains(orderId);
        assertThat(kafka.readUntil(CANCELLATIONS, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).hasSize(1);
    }

    @Test
    void shouldWriteAShopifyAndAPoolDisputeToFraudDisputesUnderTheirOrderIds() throws Exception {
        final byte[] shopify = payload("shopify-disputes-create.json");
        final byte[] pool = payload("pool-dispute.json");
        final String shopifyOrder = OrderIds.forShopOrder("ceramics-studio", "5723491234567");
        final String poolOrder = OrderIds.forShopOrder("tea-house", "TH-2026-0042");

        final HttpResponse<String> fromShopify = post("/shops/ceramics-studio/webhooks/shopify",
                shopifyHeaders(shopify, "disputes/create"), shopify);
        final HttpResponse<String> fromShop = post("/shops/tea-house/orders/TH-2026-0042/disputes", poolHeaders("tea-house", pool),
                pool);

        assertThat(fromShopify.statusCode()).as(fromShopify.body()).isEqualTo(202);
        assertThat(fromShop.statusCode()).as(fromShop.body()).isEqualTo(202);
        final KafkaTestClient.Contents<String, OrderDispute> written = kafka.readUntil(DISPUTES,
                c -> !c.valuesFor(shopifyOrder).isEmpty() && !c.valuesFor(poolOrder).isEmpty(), TIMEOUT);
        assertThat(written.valuesFor(shopifyOrder)).extracting(OrderDispute::getDisputeId)
                .containsExactly("ceramics-studio:1052608616");
        assertThat(written.valuesFor(poolOrder)).extracting(OrderDispute::getDisputeId).containsExactly("tea-house:dp_7781");
    }

    @Test
    void shouldGiveEveryBadRequestItsOwnAnswerOverHttp() throws Exception {
        final byte[] body = payload("pool-order.json").clone();
        final byte[] order = new String(body, StandardCharsets.UTF_8).replace("TH-2026-0042", "TH-HTTP-1").getBytes(StandardCharsets.UTF_8);
        final Map<String, String> signed = poolHeaders("tea-house", order);

        final HttpResponse<String> first = post("/shops/tea-house/orders", signed, order);
        // 202 means durably written: the record is on the intake topic already
        assertThat(kafka.readUntil(SUBMITTED, c -> c.values().stream().anyMatch(o -> o.getShopOrderRef().equals("TH-HTTP-1")),
                Duration.ofSeconds(5)).values()).extracting(SubmittedOrder::getShopOrderRef).contains("TH-HTTP-1");
        final HttpResponse<String> replayed = post("/shops/tea-house/orders", signed, order);
        final HttpResponse<String> forged = post("/shops/tea-house/orders", Map.of("X-Pool-Timestamp", signed.get("X-Pool-Timestamp"),
                "X-Pool-Signature", WebhookSignatures.poolSignature("guessed", Long.parseLong(signed.get("X-Pool-Timestamp")), order)), order);
        final HttpResponse<String> unsigned = post("/shops/tea-house/orders", Map.of(), order);
        final HttpResponse<String> unknownShop = post("/shops/no-such-shop/orders", signed, order);
        final HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/shops/tea-house/orders"))
                .header("Content-Type", "text/csv").header("X-Pool-Timestamp", signed.get("X-Pool-Timestamp"))
                .header("X-Pool-Signature", signed.get("X-Pool-Signature")).POST(HttpRequest.BodyPublishers.ofByteArray(order)).build(),
                HttpResponse.BodyHandlers.ofString());
        final byte[] huge = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        final HttpResponse<String> tooLarge = post("/shops/tea-house/orders", poolHeaders("tea-house", huge), huge);
        final byte[] notAnOrder = "{\"shopOrderRef\": 17}".getBytes(StandardCharsets.UTF_8);
        final HttpResponse<String> invalid = post("/shops/tea-house/orders", poolHeaders("tea-house", notAnOrder), notAnOrder);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).contains("DUPLICATE").contains(OrderIds.forShopOrder("tea-house", "TH-HTTP-1"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("invalid_signature");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unknownShop.statusCode()).isEqualTo(404);
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"field\":\"customer\"").contains("\"code\":\"required\"");
        final String orderId = OrderIds.forShopOrder("tea-house", "TH-HTTP-1");
        assertThat(kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId))
                .as("one order, however often it was sent").hasSize(1);
    }

    @Test
    void shouldPublishTheReasonsOfARejectedOrder() throws Exception {
        final byte[] order = new String(payload("pool-order.json"), StandardCharsets.UTF_8).replace("TH-2026-0042", "TH-BAD-1")
                .replace("SKU-MUG-01", "SKU-UNICORN").getBytes(StandardCharsets.UTF_8);

        final HttpResponse<String> response = post("/shops/tea-house/orders", poolHeaders("tea-house", order), order);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        final String orderId = OrderIds.forShopOrder("tea-house", "TH-BAD-1");
        assertThat(kafka.readUntil(REJECTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).singleElement()
                .satisfies(r -> assertThat(r.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).containsExactly("lines[1].sku:unknown_sku"));
        assertThat(kafka.readUntil(STATUS, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.REJECTED);
    }

    @Test
    void shouldPutUndecodableRecordsOnTheDeadLetterTopicAndKeepProcessing() {
        final byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(SUBMITTED.name(), "junk-key".getBytes(StandardCharsets.UTF_8), garbage);
        final SubmittedOrder after = placedNow(Fixtures.order("after-junk").shop("book-nook").channel(SalesChannel.KAFKA)
                .line("SKU-BOOK-02", 1, 3_100).submitted());
        kafka.send(SUBMITTED, new ShopOrderKey("book-nook", after.getShopOrderRef()), after);

        final List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readRaw(PREFIX + "order-intake.dlq", 1, TIMEOUT);
        assertThat(deadLetters).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(List.of(record.headers().toArray())).extracting(Header::key).anyMatch(key -> key.contains("exception"));
        });
        final String orderId = OrderIds.forShopOrder("book-nook", after.getShopOrderRef());
        assertThat(kafka.readUntil(ACCEPTED, c -> !c.valuesFor(orderId).isEmpty(), TIMEOUT).valuesFor(orderId)).hasSize(1);
    }

    private HttpResponse<String> post(final String path, final Map<String, String> headers, final byte[] body) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> shopifyHeaders(final byte[] body, final String topic) {
        return Map.of("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature("demo-secret-ceramics-studio", body),
                "X-Shopify-Topic", topic, "X-Shopify-Event-Id", "it-" + System.nanoTime(), "X-Shopify-Triggered-At", Instant.now().toString());
    }

    private static Map<String, String> poolHeaders(final String shopId, final byte[] body) {
        final long now = Instant.now().getEpochSecond();
        return Map.of("X-Pool-Timestamp", Long.toString(now),
                "X-Pool-Signature", WebhookSignatures.poolSignature("demo-secret-" + shopId, now, body));
    }

    /** The sample, created now, so it is inside the replay window. */
    private static byte[] freshShopifyOrder(final byte[] sample) {
        return new String(sample, StandardCharsets.UTF_8).replace("2026-11-20T11:02:45+01:00", Instant.now().toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] freshWooOrder(final byte[] sample) {
        return new String(sample, StandardCharsets.UTF_8).replace("2026-11-20T09:40:00", Instant.now().toString().replace("Z", ""))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A sample webhook body; the pool's own sample placed now, so it is within the maximum order age. */
    private static byte[] payload(final String name) {
        try (InputStream in = OrderIntakeIT.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("2026-11-20T10:15:30Z", Instant.now().toString())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key with trailing spaces added until its bytes land on another partition of the intake topic than the key's. */
    private static ShopOrderKey onAnotherPartition(final ShopOrderKey key) {
        final Serializer<ShopOrderKey> serializer = SUBMITTED.keySerde(kafka.serdes()).serializer();
        final int partition = partitionOf(serializer.serialize(SUBMITTED.name(), key));
        for (int spaces = 1; spaces < 100; spaces++) {
            final ShopOrderKey spaced = new ShopOrderKey(key.getShopId(), key.getShopOrderRef() + " ".repeat(spaces));
            if (partitionOf(serializer.serialize(SUBMITTED.name(), spaced)) != partition) {
                return spaced;
            }
        }
        throw new IllegalStateException("no spacing of " + key + " lands on another partition");
    }

    private static int partitionOf(final byte[] key) {
        return Utils.toPositive(Utils.murmur2(key)) % Topics.ORDER_PARTITIONS;
    }

    private static SubmittedOrder placedNow(final SubmittedOrder order) {
        order.setPlacedAt(Instant.now());
        return order;
    }
}
