package org.orderpool.intake.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.orderpool.intake.domain.ShopPolicy;

/** Disputes through the gateway: Shopify's dispute webhooks and the pool's own dispute endpoint, onto fraud.disputes. */
class DisputeGatewayTest {

    private static final String SECRET = "s3cret-of-shop-a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T10:16:00Z");
    private static final ShopDirectory SHOPS = new ShopDirectory(List.of(new Shop("shop-a", "Shop A", SECRET,
            ShopPolicy.defaults())));

    private final List<SubmittedOrder> stored = new ArrayList<>();
    private final List<OrderDispute> recorded = new ArrayList<>();
    private boolean brokerDown;
    private final IntakeGateway gateway = gateway();

    @Test
    void shouldRecordAShopifyChargebackUnderTheOrderIdTheShopifyOrderWebhookGave() {
        shopify(IntakeGatewayTest.payload("shopify-orders-create.json"), "orders/create", "evt-order");

        final GatewayResponse response = shopify(shopifyDispute(d -> { }), "disputes/create", "evt-d1");

        assertThat(response.status()).isEqualTo(202);
        final String orderId = OrderIds.forShopOrder("shop-a", stored.get(0).getShopOrderRef());
        assertThat(response.body()).containsEntry("orderId", orderId).containsEntry("disputeId", "shop-a:1052608616")
                .containsEntry("status", "DISPUTE_RECORDED");
        assertThat(recorded).singleElement().satisfies(dispute -> {
            assertThat(dispute.getOrderId()).isEqualTo(orderId);
            assertThat(dispute.getDisputeId()).isEqualTo("shop-a:1052608616");
            assertThat(dispute.getShopOrderRef()).isEqualTo("5723491234567");
            assertThat(dispute.getKind()).isEqualTo(DisputeKind.CHARGEBACK);
            assertThat(dispute.getReason()).isEqualTo("fraudulent");
            assertThat(dispute.getAmount()).isEqualTo(new Money(4580L, "EUR"));
            assertThat(dispute.getOpenedAt()).isEqualTo(Instant.parse("2026-11-19T17:20:00Z"));
            assertThat(dispute.getReceivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldAnswerARepeatedShopifyDisputeDeliveryAsADuplicateAndWriteItOnce() {
        final byte[] body = shopifyDispute(d -> { });
        final GatewayResponse first = shopify(body, "disputes/create", "evt-d1");

        final GatewayResponse repeat = shopify(body, "disputes/create", "evt-d1");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).containsEntry("orderId", first.body().get("orderId")).containsEntry("status", "DUPLICATE");
        assertThat(recorded).hasSize(1);
    }

    @Test
    void shouldIgnoreAShopifyDisputeOnNoOrderWithItsReason() {
        final GatewayResponse response = shopify(shopifyDispute(d -> d.putNull("order_id")), "disputes/create", "evt-d1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "IGNORED").containsEntry("reason", "dispute_without_order");
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldIgnoreAShopifyUpdateOfADecidedDispute() {
        final GatewayResponse won = shopify(shopifyDispute(d -> d.put("status", "won")), "disputes/update", "evt-d2");
        final GatewayResponse lost = shopify(shopifyDispute(d -> d.put("status", "lost")), "disputes/update", "evt-d3");

        assertThat(List.of(won, lost)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).containsEntry("status", "IGNORED").containsEntry("reason", "dispute_finalised");
        });
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldRecordAShopifyCreateWhateverItsStatus() {
        final GatewayResponse response = shopify(shopifyDispute(d -> d.put("status", "lost")), "disputes/create", "evt-d1");

        assertThat(response.status()).isEqualTo(202);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void shouldWriteAnOpenUpdateOnlyWhenItSaysSomethingNewUnderTheSameDisputeId() {
        shopify(shopifyDispute(d -> d.put("type", "inquiry")), "disputes/create", "evt-d1");

        final GatewayResponse sameAgain = shopify(shopifyDispute(d -> d.put("type", "inquiry").put("status", "under_review")),
                "disputes/update", "evt-d2");
        final GatewayResponse turnedChargeback = shopify(shopifyDispute(d -> d.put("status", "needs_response")),
                "disputes/update", "evt-d3");

        assertThat(List.of(sameAgain, turnedChargeback)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.body()).containsEntry("status", "DISPUTE_RECORDED");
        });
        assertThat(recorded).extracting(OrderDispute::getKind).containsExactly(DisputeKind.INQUIRY, DisputeKind.CHARGEBACK);
        assertThat(recorded).extracting(OrderDispute::getDisputeId).containsOnly("shop-a:1052608616");
    }

    @Test
    void shouldRecordAnOpenUpdateWhenTheCreateNeverReachedThisInstance() {
        final GatewayResponse response = shopify(shopifyDispute(d -> d.put("status", "under_review")), "disputes/update", "evt-d2");

        assertThat(response.status()).isEqualTo(202);
        assertThat(recorded).singleElement().extracting(OrderDispute::getDisputeId).isEqualTo("shop-a:1052608616");
    }

    @Test
    void shouldTakeADisputeTypeShopifyAddsLaterAsUnknown() {
        shopify(shopifyDispute(d -> d.put("type", "pre_arbitration")), "disputes/create", "evt-d1");

        assertThat(recorded).singleElement().extracting(OrderDispute::getKind).isEqualTo(DisputeKind.UNKNOWN);
    }

    @Test
    void shouldRefuseAShopifyDisputeWithAForgedSignature() {
        final byte[] body = shopifyDispute(d -> { });
        final Map<String, String> headers = shopifyHeaders(body, "disputes/create", "evt-d1");
        headers.put("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature("another-secret", body));

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, headers, body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsEntry("error", "invalid_signature");
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldRefuseAShopifyDisputeTriggeredLongerAgoThanTheReplayWindow() {
        final byte[] body = shopifyDispute(d -> { });
        final Map<String, String> headers = shopifyHeaders(body, "disputes/create", "evt-d1");
        headers.put("X-Shopify-Triggered-At", "2026-11-17T10:00:00Z");

        final GatewayResponse response = call(WebhookFormat.SHOPIFY, headers, body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsEntry("error", "stale_request");
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldAnswerASignedShopifyDisputeThatCannotBeOneWithEveryReasonAndStoreNothing() {
        final GatewayResponse response = shopify(shopifyDispute(d -> d.put("amount", "lots").put("currency", "EURO")
                .put("initiated_at", "yesterday")), "disputes/create", "evt-d1");

        assertThat(response.status()).as("the platform would only resend it").isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "UNREADABLE").containsEntry("reason", "invalid_dispute");
        assertThat(fields(response)).contains("amount:wrong_type", "initiated_at:wrong_type", "currency:unknown_currency");
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldAnswer503WhenTheDisputeCannotBeStoredSoTheShopRetries() {
        brokerDown = true;

        final GatewayResponse shopify = shopify(shopifyDispute(d -> { }), "disputes/create", "evt-d1");
        final GatewayResponse pool = poolDispute("TH-2026-0042", IntakeGatewayTest.payload("pool-dispute.json"));

        assertThat(List.of(shopify, pool)).allSatisfy(response -> assertThat(response.status()).isEqualTo(503));
        brokerDown = false;
        assertThat(shopify(shopifyDispute(d -> { }), "disputes/create", "evt-d1").status())
                .as("a failed write is not remembered as done").isEqualTo(202);
    }

    @Test
    void shouldRecordAPoolDisputeAndAnswerWithTheOrderId() {
        final GatewayResponse response = poolDispute("TH-2026-0042", IntakeGatewayTest.payload("pool-dispute.json"));

        assertThat(response.status()).isEqualTo(202);
        final String orderId = OrderIds.forShopOrder("shop-a", "TH-2026-0042");
        assertThat(response.body()).containsEntry("orderId", orderId).containsEntry("disputeId", "shop-a:dp_7781")
                .containsEntry("status", "DISPUTE_RECORDED");
        assertThat(recorded).singleElement().satisfies(dispute -> {
            assertThat(dispute.getOrderId()).isEqualTo(orderId);
            assertThat(dispute.getShopOrderRef()).isEqualTo("TH-2026-0042");
            assertThat(dispute.getKind()).isEqualTo(DisputeKind.CHARGEBACK);
            assertThat(dispute.getReason()).isEqualTo("fraudulent");
            assertThat(dispute.getAmount()).isEqualTo(new Money(4580L, "EUR"));
            assertThat(dispute.getOpenedAt()).isEqualTo(Instant.parse("2026-11-19T17:20:00Z"));
        });
    }

    @Test
    void shouldTakeTheReadmesExampleDisputeOfItsExampleOrder() throws IOException {
        final byte[] body = Files.readAllBytes(Path.of("../docs/examples/pool-dispute.json"));
        final String ref = JSON.readTree(Files.readAllBytes(Path.of("../docs/examples/pool-order.json"))).get("shopOrderRef").asText();

        final GatewayResponse response = poolDispute(ref, body);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.getShopOrderRef()).isEqualTo(ref));
    }

    @Test
    void shouldAnswerAResentPoolDisputeTheSameAndWriteItOnce() {
        final byte[] body = IntakeGatewayTest.payload("pool-dispute.json");
        final GatewayResponse first = poolDispute("TH-2026-0042", body);

        final GatewayResponse resent = poolDispute("TH-2026-0042", body);

        assertThat(resent.status()).isEqualTo(first.status());
        assertThat(resent.body()).isEqualTo(first.body());
        assertThat(recorded).hasSize(1);
    }

    @Test
    void shouldWriteAResentPoolDisputeReachingAnotherInstanceUnderTheSameDisputeId() {
        final byte[] body = IntakeGatewayTest.payload("pool-dispute.json");
        poolDispute("TH-2026-0042", body);

        final GatewayResponse elsewhere = gateway().reportPoolDispute("shop-a", "TH-2026-0042", "application/json", body.length,
                poolHeaders(body)::get, new ByteArrayInputStream(body));

        assertThat(elsewhere.body()).containsEntry("status", "DISPUTE_RECORDED");
        assertThat(recorded).as("fraud-check counts a dispute id once").extracting(OrderDispute::getDisputeId)
                .containsExactly("shop-a:dp_7781", "shop-a:dp_7781");
    }

    @Test
    void shouldAcceptAPoolDisputeAmountInThePoolOrdersForm() {
        final GatewayResponse response = poolDispute("TH-2026-0042", poolDispute(d -> d.put("amount", 1999).put("currency", "JPY")));

        assertThat(response.status()).isEqualTo(202);
        assertThat(recorded).singleElement().extracting(OrderDispute::getAmount).isEqualTo(new Money(1999L, "JPY"));
    }

    @Test
    void shouldTakeAnInquiry() {
        poolDispute("TH-2026-0042", poolDispute(d -> d.put("kind", "inquiry")));

        assertThat(recorded).singleElement().extracting(OrderDispute::getKind).isEqualTo(DisputeKind.INQUIRY);
    }

    @Test
    void shouldReportEveryFieldProblemOfAPoolDisputeAtOnce() {
        final GatewayResponse response = poolDispute("TH-2026-0042", poolDispute(d -> {
            d.remove("kind");
            d.remove("disputeId");
            d.put("openedAt", "last tuesday");
            d.putObject("amount").put("amountMinor", -500).put("currency", "XYZ");
        }));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).containsEntry("error", "invalid_dispute");
        assertThat(fields(response)).containsExactlyInAnyOrder("kind:required", "disputeId:required", "openedAt:wrong_type",
                "amount:not_positive", "currency:unknown_currency");
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldRefuseEachKindOfBadPoolDisputeWithItsField() {
        final Map<String, Consumer<ObjectNode>> cases = Map.of(
                "kind:unknown_kind", d -> d.put("kind", "refund"),
                "amount:not_positive", d -> d.putObject("amount").put("amountMinor", 0).put("currency", "EUR"),
                "amount.amountMinor:wrong_type", d -> d.putObject("amount").put("amountMinor", "45.80").put("currency", "EUR"),
                "currency:unknown_currency", d -> d.putObject("amount").put("amountMinor", 4580).put("currency", "euro"),
                "amount.currency:required", d -> d.putObject("amount").put("amountMinor", 4580),
                "shopOrderRef:ref_mismatch", d -> d.put("shopOrderRef", "TH-2026-0043"),
                "reason:card_number", d -> d.put("reason", "card 4111 1111 1111 1111"),
                "disputeId:card_number", d -> d.put("disputeId", "4111111111111111"),
                "reason:length", d -> d.put("reason", "x".repeat(65)),
                "reason:required", d -> d.remove("reason"));

        cases.forEach((expected, change) -> {
            final GatewayResponse response = poolDispute("TH-2026-0042", poolDispute(change));
            assertThat(response.status()).as(expected).isEqualTo(422);
            assertThat(fields(response)).as(expected).containsExactly(expected);
        });
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldRefuseADisputeIdThisInstanceTookForAnotherOrder() {
        poolDispute("TH-2026-0042", IntakeGatewayTest.payload("pool-dispute.json"));

        final GatewayResponse other = poolDispute("TH-2026-0043", poolDispute(d -> d.put("shopOrderRef", "TH-2026-0043")));

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).containsEntry("error", "dispute_conflict");
        assertThat(recorded).hasSize(1);
    }

    @Test
    void shouldRefuseAPoolDisputeWithAStaleOrForgedSignatureOrForAnUnknownShop() {
        final byte[] body = IntakeGatewayTest.payload("pool-dispute.json");
        final Map<String, String> stale = poolHeaders(body, NOW.getEpochSecond() - 3_600);
        final Map<String, String> forged = poolHeaders(body);
        forged.put("X-Pool-Signature", WebhookSignatures.poolSignature("another-secret", NOW.getEpochSecond(), body));

        assertThat(gateway.reportPoolDispute("shop-a", "TH-2026-0042", "application/json", body.length, stale::get,
                new ByteArrayInputStream(body)).body()).containsEntry("error", "stale_request");
        assertThat(gateway.reportPoolDispute("shop-a", "TH-2026-0042", "application/json", body.length, forged::get,
                new ByteArrayInputStream(body)).body()).containsEntry("error", "invalid_signature");
        assertThat(gateway.reportPoolDispute("shop-z", "TH-2026-0042", "application/json", body.length, poolHeaders(body)::get,
                new ByteArrayInputStream(body)).status()).isEqualTo(404);
        assertThat(recorded).isEmpty();
    }

    private IntakeGateway gateway() {
        return new IntakeGateway(SHOPS, stored::add, cancellation -> { }, dispute -> {
            if (brokerDown) {
                throw new SubmissionSink.PublishFailedException("broker unavailable", null);
            }
            recorded.add(dispute);
        }, DecidedOrders.NONE, IntakeGateway.Settings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static byte[] shopifyDispute(final Consumer<ObjectNode> change) {
        return changed(IntakeGatewayTest.payload("shopify-disputes-create.json"), change);
    }

    private static byte[] poolDispute(final Consumer<ObjectNode> change) {
        return changed(IntakeGatewayTest.payload("pool-dispute.json"), change);
    }

    private static byte[] changed(final byte[] body, final Consumer<ObjectNode> change) {
        try {
            final ObjectNode tree = (ObjectNode) JSON.readTree(body);
            change.accept(tree);
            return JSON.writeValueAsBytes(tree);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GatewayResponse shopify(final byte[] body, final String topic, final String eventId) {
        return call(WebhookFormat.SHOPIFY, shopifyHeaders(body, topic, eventId), body);
    }

    private static Map<String, String> shopifyHeaders(final byte[] body, final String topic, final String eventId) {
        final Map<String, String> headers = new HashMap<>();
        headers.put("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, body));
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Event-Id", eventId);
        return headers;
    }

    private GatewayResponse call(final WebhookFormat format, final Map<String, String> headers, final byte[] body) {
        return gateway.handle(format, "shop-a", "application/json", body.length, headers::get, new ByteArrayInputStream(body));
    }

    private GatewayResponse poolDispute(final String ref, final byte[] body) {
        return gateway.reportPoolDispute("shop-a", ref, "application/json", body.length, poolHeaders(body)::get,
                new ByteArrayInputStream(body));
    }

    private static Map<String, String> poolHeaders(final byte[] body) {
        return poolHeaders(body, NOW.getEpochSecond());
    }

    private static Map<String, String> poolHeaders(final byte[] body, final long timestamp) {
        return new HashMap<>(Map.of("X-Pool-Timestamp", Long.toString(timestamp),
                "X-Pool-Signature", WebhookSignatures.poolSignature(SECRET, timestamp, body)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(final GatewayResponse response) {
        return ((List<Map<String, Object>>) response.body().get("errors")).stream()
                .map(e -> e.get("field") + ":" + e.get("code")).toList();
    }
}
