package org.orderpool.shopsync.platform.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.PlatformAction;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.StockPush;

/** The Shopify connector against the strict local fake: what reaches Shopify, what a repeat does, throttling and errors. */
class ShopifyConnectorTest {

    private static final String TOKEN = "shpat_test_token_ceramics";
    private static final String VERSION = "2026-10";
    private static final String LOCATION = "gid://shopify/Location/7001";
    private static final String ITEM_A = "gid://shopify/InventoryItem/501";
    private static final String ITEM_B = "gid://shopify/InventoryItem/502";

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);
    private final FakeShopify shopify = FakeShopify.start(TOKEN, VERSION, clock::get);

    @AfterEach
    void stopFake() {
        shopify.close();
    }

    private ShopifyConnector connector(final String token) {
        return new ShopifyConnector(new ShopifySettings("ceramics-studio", ShopifySettings.endpoint(shopify.baseUrl(), VERSION, "v"),
                token, LOCATION, Map.of("colis-express", "Colissimo"), Map.of("SKU-A", ITEM_A, "SKU-B", ITEM_B, "SKU-GONE",
                "gid://shopify/InventoryItem/999")), new PlatformHttp(Duration.ofSeconds(5)), clock::get);
    }

    private final ShopifyConnector connector = connector(TOKEN);

    private static OrderCall shipment(final long order, final String... trackingNumbers) {
        final List<OrderCall.ShippedParcel> parcels = Arrays.stream(trackingNumbers).map(number -> new OrderCall.ShippedParcel(
                "p-" + number, "colis-express", "CX-HOME", number, "https://track.colis-express.example/" + number,
                Instant.parse("2026-12-01T14:00:00Z"))).toList();
        return new OrderCall("ceramics-studio", "o-" + order, Long.toString(order), "o-" + order + ":MANIFESTED", PlatformAction.SHIP,
                OrderStatus.MANIFESTED, "shipping.manifested", "on manifest", parcels);
    }

    private static OrderCall ending(final long order, final OrderStatus status, final PlatformAction action) {
        return new OrderCall("ceramics-studio", "o-" + order, Long.toString(order), "o-" + order + ":" + status, action, status,
                "stock.out_of_stock", "no units left", List.of());
    }

    @Test
    void shouldCreateOneFulfilmentWithEveryParcelsTrackingAndNotifyTheCustomer() {
        shopify.order(4_501_001L, LOCATION, 2, 1);

        final PlatformOutcome outcome = connector.order(shipment(4_501_001L, "CX1", "CX2"));

        assertThat(outcome).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(shopify.fulfillments("gid://shopify/Order/4501001")).singleElement().satisfies(fulfillment -> {
            assertThat(fulfillment.notifyCustomer()).isTrue();
            assertThat(fulfillment.tracking()).containsExactly(
                    new FakeShopify.Tracking("Colissimo", "CX1", "https://track.colis-express.example/CX1"),
                    new FakeShopify.Tracking("Colissimo", "CX2", "https://track.colis-express.example/CX2"));
        });
        assertThat(shopify.orders.get("gid://shopify/Order/4501001").fulfillmentOrders.get(0).status).isEqualTo("CLOSED");
        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName).containsExactly("OrderToFulfil", "FulfilWithTracking");
        assertThat(shopify.requests()).allSatisfy(request -> assertThat(request.answer()).doesNotContain("\"errors\""));
    }

    @Test
    void shouldNotCreateASecondFulfilmentWhenTheCallIsRepeatedAfterACrash() {
        shopify.order(4_501_002L, LOCATION, 1);
        connector.order(shipment(4_501_002L, "CX3"));

        final PlatformOutcome again = connector.order(shipment(4_501_002L, "CX3"));

        assertThat(again).isInstanceOfSatisfying(PlatformOutcome.Done.class, done -> assertThat(done.detail()).contains("already"));
        assertThat(shopify.fulfillments("gid://shopify/Order/4501002")).hasSize(1);
        assertThat(shopify.requests("FulfilWithTracking")).hasSize(1);
    }

    @Test
    void shouldRefuseAnOrderShopifyDoesNotHaveAndARefThatIsNoShopifyId() {
        assertThat(connector.order(shipment(4_509_999L, "CX4"))).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("no order gid://shopify/Order/4509999"));
        final OrderCall notAnId = new OrderCall("ceramics-studio", "o-x", "TH-1001", "o-x:MANIFESTED", PlatformAction.SHIP,
                OrderStatus.MANIFESTED, null, null, shipment(1, "CX5").parcels());
        assertThat(connector.order(notAnId)).isInstanceOf(PlatformOutcome.Refused.class);
        assertThat(shopify.requests("FulfilWithTracking")).isEmpty();
    }

    @Test
    void shouldRefuseWhenTheOpenFulfilmentOrderIsAssignedToAnotherLocation() {
        shopify.order(4_501_003L, "gid://shopify/Location/9999", 1);

        assertThat(connector.order(shipment(4_501_003L, "CX6"))).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("gid://shopify/Location/9999").contains("location-id"));
    }

    private static OrderCall reserved(final long order) {
        return new OrderCall("ceramics-studio", "o-" + order, Long.toString(order), "o-" + order + ":RESERVED", PlatformAction.ACCEPT,
                OrderStatus.RESERVED, "stock.reserved", "reserved", List.of());
    }

    @Test
    void shouldAcceptAFulfilmentRequestOnceThePoolReservedTheStockAndOnlyOnce() {
        shopify.order(4_502_001L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4502001");

        assertThat(connector.order(reserved(4_502_001L))).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(connector.order(reserved(4_502_001L))).as("a repeat after a crash").isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requestOf("gid://shopify/Order/4502001")).startsWith("ACCEPTED", "IN_PROGRESS");
        assertThat(shopify.requests("AcceptFulfilmentRequest")).hasSize(1);
        assertThat(shopify.requests()).allSatisfy(request -> assertThat(request.answer()).doesNotContain("\"errors\""));
    }

    @Test
    void shouldAskNothingOfAMerchantManagedLocationWhereNoRequestWaits() {
        shopify.order(4_502_002L, LOCATION, 1);

        assertThat(connector.order(reserved(4_502_002L))).isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName).containsExactly("OrderRequests");
        assertThat(shopify.requestOf("gid://shopify/Order/4502002")).startsWith("UNSUBMITTED", "OPEN");
    }

    @Test
    void shouldRejectAFulfilmentRequestThePoolCannotServeWithShopifysReasonAndThePoolsMessage() {
        shopify.order(4_502_003L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4502003");

        assertThat(connector.order(ending(4_502_003L, OrderStatus.OUT_OF_STOCK, PlatformAction.UNSERVED)))
                .isInstanceOf(PlatformOutcome.Done.class);
        assertThat(connector.order(ending(4_502_003L, OrderStatus.OUT_OF_STOCK, PlatformAction.UNSERVED)))
                .isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requestOf("gid://shopify/Order/4502003"))
                .containsExactly("REJECTED", "OPEN", "INVENTORY_OUT_OF_STOCK", "orderpool: out of stock (no units left)");
        assertThat(shopify.requests("RejectFulfilmentRequest")).as("rejected once").hasSize(1);
        assertThat(shopify.tags("gid://shopify/Order/4502003")).containsExactly("orderpool-out-of-stock");
    }

    @Test
    void shouldNameTheRejectionReasonShopifyKnowsForEachWayThePoolRefuses() {
        final OrderCall badAddress = new OrderCall("s", "o", "1", "o:REJECTED", PlatformAction.UNSERVED, OrderStatus.REJECTED,
                "intake.invalid_address", "no such postcode", List.of());
        final OrderCall unknownSku = new OrderCall("s", "o", "1", "o:REJECTED", PlatformAction.UNSERVED, OrderStatus.REJECTED,
                "intake.unknown_sku", "SKU-X", List.of());
        final OrderCall blocked = new OrderCall("s", "o", "1", "o:BLOCKED", PlatformAction.UNSERVED, OrderStatus.BLOCKED,
                "fraud.blocked", "score 92", List.of());

        assertThat(ShopifyConnector.rejectionReason(badAddress)).isEqualTo("INCORRECT_ADDRESS");
        assertThat(ShopifyConnector.rejectionReason(unknownSku)).isEqualTo("INVALID_SKU");
        assertThat(ShopifyConnector.rejectionReason(blocked)).isEqualTo("OTHER");
        assertThat(FakeShopifySchema.ENUMS.get("FulfillmentOrderRejectionReason")).contains("INCORRECT_ADDRESS", "INVALID_SKU", "OTHER",
                "INVENTORY_OUT_OF_STOCK");
    }

    @Test
    void shouldAcceptACancellationRequestWhenThePoolCancelledTheOrder() {
        shopify.order(4_502_004L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4502004");
        connector.order(reserved(4_502_004L));
        shopify.requestCancellation("gid://shopify/Order/4502004");

        assertThat(connector.order(ending(4_502_004L, OrderStatus.CANCELLED, PlatformAction.CANCEL)))
                .isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requestOf("gid://shopify/Order/4502004")).startsWith("CANCELLATION_ACCEPTED", "CLOSED");
        assertThat(shopify.fulfillments("gid://shopify/Order/4502004")).isEmpty();
    }

    @Test
    void shouldRejectACancellationRequestThatCameTooLateAndShipWithTracking() {
        shopify.order(4_502_005L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4502005");
        connector.order(reserved(4_502_005L));
        shopify.requestCancellation("gid://shopify/Order/4502005"); // the pool's cancellation came after the cut-off

        assertThat(connector.order(shipment(4_502_005L, "CX9"))).isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requestOf("gid://shopify/Order/4502005")).satisfies(request -> {
            assertThat(request.get(0)).isEqualTo("CANCELLATION_REJECTED");
            assertThat(request.get(1)).as("fulfilled").isEqualTo("CLOSED");
            assertThat(request.get(3)).contains("too late");
        });
        assertThat(shopify.fulfillments("gid://shopify/Order/4502005")).singleElement()
                .satisfies(fulfillment -> assertThat(fulfillment.tracking()).extracting(FakeShopify.Tracking::number).containsExactly("CX9"));
        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName).containsSubsequence("OrderToFulfil",
                "RejectCancellationRequest", "FulfilWithTracking");
    }

    @Test
    void shouldAcceptARequestNotYetAcceptedBeforeFulfillingIt() {
        shopify.order(4_502_006L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4502006");

        assertThat(connector.order(shipment(4_502_006L, "CX10"))).isInstanceOf(PlatformOutcome.Done.class);

        assertThat(shopify.requestOf("gid://shopify/Order/4502006")).startsWith("ACCEPTED", "CLOSED");
        assertThat(shopify.fulfillments("gid://shopify/Order/4502006")).hasSize(1);
    }

    @Test
    void shouldTagAnOrderThePoolCannotServeOnceHoweverOftenTheCallIsMade() {
        shopify.order(4_501_004L, LOCATION, 1);

        assertThat(connector.order(ending(4_501_004L, OrderStatus.OUT_OF_STOCK, PlatformAction.UNSERVED)))
                .isInstanceOf(PlatformOutcome.Done.class);
        assertThat(connector.order(ending(4_501_004L, OrderStatus.OUT_OF_STOCK, PlatformAction.UNSERVED)))
                .isInstanceOf(PlatformOutcome.Done.class);
        assertThat(connector.order(ending(4_501_004L, OrderStatus.CANCELLED, PlatformAction.CANCEL)))
                .isInstanceOfSatisfying(PlatformOutcome.Done.class, done -> assertThat(done.detail()).contains("nothing to fulfil"));

        assertThat(shopify.tags("gid://shopify/Order/4501004")).containsExactlyInAnyOrder("orderpool-out-of-stock", "orderpool-cancelled");
        assertThat(shopify.fulfillments("gid://shopify/Order/4501004")).isEmpty();
    }

    @Test
    void shouldWaitForTheCostBucketBeforeAskingShopifyAndGoOnceItHasRefilled() {
        shopify.order(4_501_005L, LOCATION, 1);
        shopify.bucket(60, 10);
        assertThat(connector.order(shipment(4_501_005L, "CX7"))).isInstanceOf(PlatformOutcome.Done.class);
        shopify.order(4_501_006L, LOCATION, 1);
        final double left = shopify.currentlyAvailable();

        final PlatformOutcome throttled = connector.order(shipment(4_501_006L, "CX8"));

        assertThat(left).as("the first order's two requests drained the bucket").isLessThan(20);
        assertThat(throttled).isInstanceOfSatisfying(PlatformOutcome.Throttled.class, wait -> assertThat(wait.pause())
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10)));
        final int requestsBefore = shopify.requests().size();
        final Duration pause = ((PlatformOutcome.Throttled) throttled).pause();
        assertThat(connector.order(shipment(4_501_006L, "CX8"))).as("still waiting: Shopify is not asked")
                .isInstanceOf(PlatformOutcome.Throttled.class);
        assertThat(shopify.requests()).hasSize(requestsBefore);

        clock.addAndGet(pause.toMillis() + 10_000);
        assertThat(connector.order(shipment(4_501_006L, "CX8"))).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(shopify.fulfillments("gid://shopify/Order/4501006")).hasSize(1);
    }

    @Test
    void shouldTakeAThrottledAnswerAsAPauseSizedByTheThrottleStatus() {
        shopify.order(4_501_007L, LOCATION, 1);
        shopify.order(4_501_010L, LOCATION, 1);
        shopify.bucket(100, 5);
        connector.order(shipment(4_501_010L, "CX12"));
        clock.addAndGet(60_000); // shop-sync's picture says full; Shopify's own bucket was drained meanwhile by another app's calls
        shopify.bucket(100, 5);
        shopify.drain(95);

        final PlatformOutcome outcome = connector.order(shipment(4_501_007L, "CX9"));

        assertThat(shopify.requests()).last().satisfies(request -> assertThat(request.answer()).contains("THROTTLED")
                .contains("\"throttleStatus\""));
        assertThat(outcome).isInstanceOfSatisfying(PlatformOutcome.Throttled.class, wait -> assertThat(wait.pause())
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));
        assertThat(shopify.fulfillments("gid://shopify/Order/4501007")).isEmpty();
    }

    @Test
    void shouldHonourRetryAfterOnA429AndNotCallShopifyBeforeItEnds() {
        shopify.order(4_501_008L, LOCATION, 1);
        shopify.answer429(1, 7);

        final PlatformOutcome first = connector.order(shipment(4_501_008L, "CX10"));
        final PlatformOutcome meanwhile = connector.order(shipment(4_501_008L, "CX10"));

        assertThat(first).isInstanceOfSatisfying(PlatformOutcome.Throttled.class, wait -> assertThat(wait.pause())
                .isEqualTo(Duration.ofSeconds(7)));
        assertThat(meanwhile).isInstanceOf(PlatformOutcome.Throttled.class);
        assertThat(shopify.requests()).hasSize(1);
        clock.addAndGet(7_000);
        assertThat(connector.order(shipment(4_501_008L, "CX10"))).isInstanceOf(PlatformOutcome.Done.class);
    }

    @Test
    void shouldRetryA5xxAndRefuseAWrongAccessTokenNamingIt() {
        shopify.order(4_501_009L, LOCATION, 1);
        shopify.answer503(1);

        assertThat(connector.order(shipment(4_501_009L, "CX11"))).isInstanceOfSatisfying(PlatformOutcome.Failed.class,
                failed -> assertThat(failed.error()).contains("503"));
        assertThat(connector("shpat_wrong").order(shipment(4_501_009L, "CX11"))).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("401").contains("access token"));
        assertThat(shopify.fulfillments("gid://shopify/Order/4501009")).isEmpty();
    }

    @Test
    void shouldReadTheQuantityFirstThenSetItComparingWithWhatShopifyHad() {
        shopify.stock(ITEM_A, LOCATION, 12);

        final Map<String, StockResult> results = connector.stock(new StockPush("ceramics-studio",
                List.of(new StockPush.StockItem("SKU-A", 9, null, 1))));

        assertThat(results.get("SKU-A")).isEqualTo(StockResult.done("set to 9 in Shopify", 9));
        assertThat(shopify.available(ITEM_A, LOCATION)).isEqualTo(9);
        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName).containsExactly("AvailableAtLocation", "SetAvailable");
        @SuppressWarnings("unchecked") final Map<String, Object> input = (Map<String, Object>) shopify.requests("SetAvailable").get(0)
                .variables().get("input");
        assertThat(input).containsEntry("name", "available").containsEntry("reason", "correction");
        assertThat(input.get("quantities")).isEqualTo(List.of(Map.of("inventoryItemId", ITEM_A, "locationId", LOCATION, "quantity", 9,
                "changeFromQuantity", 12)));
        assertThat(shopify.requests("SetAvailable").get(0).query()).contains("@idempotent(key: \"");
    }

    @Test
    void shouldSetWithTheKnownQuantityWithoutReadingAgainAndWriteNothingWhereShopifyShowsTheFigure() {
        shopify.stock(ITEM_A, LOCATION, 9);
        shopify.stock(ITEM_B, LOCATION, 4);

        final Map<String, StockResult> results = connector.stock(new StockPush("ceramics-studio", List.of(
                new StockPush.StockItem("SKU-A", 7, 9, 2), new StockPush.StockItem("SKU-B", 4, 4, 5))));

        assertThat(results.get("SKU-A").platformQuantity()).isEqualTo(7);
        assertThat(results.get("SKU-B")).isEqualTo(StockResult.done("Shopify shows 4 already", 4));
        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName).containsExactly("SetAvailable");
        assertThat(shopify.available(ITEM_A, LOCATION)).isEqualTo(7);
    }

    @Test
    void shouldReadAgainAndRetryOnceWhenASaleOnTheStorefrontChangedTheQuantityMeanwhile() {
        shopify.stock(ITEM_A, LOCATION, 8);

        final Map<String, StockResult> results = connector.stock(new StockPush("ceramics-studio",
                List.of(new StockPush.StockItem("SKU-A", 6, 9, 3))));

        assertThat(results.get("SKU-A").outcome()).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(shopify.available(ITEM_A, LOCATION)).isEqualTo(6);
        assertThat(shopify.requests()).extracting(FakeShopify.Request::operationName)
                .containsExactly("SetAvailable", "AvailableAtLocation", "SetAvailable");
        assertThat(shopify.requests().get(0).answer()).contains("CHANGE_FROM_QUANTITY_STALE");
    }

    @Test
    void shouldRefuseOnlyTheSkuWhoseInventoryItemShopifyDoesNotHave() {
        shopify.stock(ITEM_A, LOCATION, 1);

        final Map<String, StockResult> results = connector.stock(new StockPush("ceramics-studio", List.of(
                new StockPush.StockItem("SKU-A", 3, null, 1), new StockPush.StockItem("SKU-GONE", 3, null, 1))));

        assertThat(results.get("SKU-A").outcome()).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(results.get("SKU-GONE").outcome()).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("no inventory item gid://shopify/InventoryItem/999"));
        assertThat(shopify.available(ITEM_A, LOCATION)).isEqualTo(3);
    }

    @Test
    void shouldGetTheFirstAnswerReplayedWhenTheSameStockCallIsMadeAgainAfterACrash() {
        shopify.stock(ITEM_A, LOCATION, 5);
        final StockPush push = new StockPush("ceramics-studio", List.of(new StockPush.StockItem("SKU-A", 2, 5, 4)));
        connector.stock(push);
        shopify.stock(ITEM_A, LOCATION, 1); // a sale after the first call

        final Map<String, StockResult> again = connector.stock(push);

        assertThat(again.get("SKU-A").outcome()).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(shopify.available(ITEM_A, LOCATION)).as("the repeat changed nothing: same key, same figures").isEqualTo(1);
        assertThat(shopify.requests("SetAvailable")).hasSize(2);
    }
}
