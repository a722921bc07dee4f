package org.orderpool.shopsync.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.PlatformAction;
import org.orderpool.shopsync.domain.PlatformKind;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.domain.StockSlot;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.StockPush;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/**
 * The platform side of the topology against the wall clock: order calls and stock pushes in the stores,
 * handed to fake platform calls only at the punctuation, outcomes booked, bursts of stock coalesced, and
 * nothing else called or dead-lettered.
 */
class PlatformTopologyTest {

    private static final Instant T0 = Fixtures.T0;
    private static final String SHOPIFY = "ceramics-studio";
    private static final String WOO = "bike-corner";
    private static final String API_ONLY = "book-nook";
    private static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private static final ShopSyncSettings SETTINGS = new ShopSyncSettings(new RetrySchedule(STANDARD, 0.2), Duration.ofSeconds(30),
            Duration.ofDays(3), Duration.ofSeconds(1), 100, Duration.ofMinutes(1), new Retention(Duration.ofDays(30), Duration.ofDays(90)),
            Duration.ofMinutes(1));
    private static final ShopPlatforms SHOPS = new ShopPlatforms(List.of(
            new ShopPlatform(SHOPIFY, PlatformKind.SHOPIFY, Map.of("SKU-MUG", "501", "SKU-BOWL", "502"), null, false),
            new ShopPlatform(WOO, PlatformKind.WOOCOMMERCE, Map.of("SKU-MUG", "41"), 0.5, true),
            new ShopPlatform(API_ONLY, PlatformKind.WEBHOOKS_ONLY, Map.of("SKU-MUG", "BN-MUG"), null, false)));

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final FakePlatformCalls calls = new FakePlatformCalls();
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderStatusChange> statuses;
    private TestInputTopic<String, Parcel> parcels;
    private TestInputTopic<String, ShipmentManifest> manifests;
    private TestInputTopic<String, StockLevel> levels;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant clock = T0;

    @BeforeEach
    void startDriver() {
        startDriver(new PlatformSettings(new RetrySchedule(STANDARD, 0.2), 100, 50));
    }

    private void startDriver(final PlatformSettings platformSettings) {
        final ShopDocuments documents = new ShopDocuments(new TrackingUrls(Map.of("colis-express",
                "https://track.colis-express.example/{trackingReference}"), "tracking-urls"));
        driver = TopologyTests.driver(new ShopSyncTopology(topics, SETTINGS, documents, shop -> Optional.empty(), request -> {
            throw new AssertionError("no webhook endpoint is configured");
        }, () -> 0.5).withPlatforms(new PlatformSide(SHOPS, platformSettings, calls)).build(), "shop-sync-platform-test",
                DeadLetterSettings.forTopic(Topics.SHOP_SYNC_DLQ.name()), T0);
        statuses = TopologyTests.input(driver, topics, Topics.ORDERS_STATUS);
        parcels = TopologyTests.input(driver, topics, Topics.SHIPPING_PARCELS);
        manifests = TopologyTests.input(driver, topics, Topics.SHIPPING_MANIFESTS);
        levels = TopologyTests.input(driver, topics, Topics.STOCK_LEVELS);
        deadLetters = driver.createOutputTopic(Topics.SHOP_SYNC_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldMarkAShopifyOrderShippedWithItsTrackingOnceFromThePunctuationOnly() {
        final Order order = order("o-1", SHOPIFY, "4501");
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        status(order, OrderStatus.SCHEDULED);
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        status(order, OrderStatus.MANIFESTED);
        advance(Duration.ofSeconds(1));
        assertThat(calls.orderCalls).as("waits for the manifest: the tracking numbers must be complete").isEmpty();

        manifests.pipeInput("m-1", Fixtures.manifest("colis-express", parcel), clock);
        assertThat(view("o-1").calls()).extracting(OrderView.PendingCall::action).containsExactly(PlatformAction.SHIP);
        assertThat(calls.orderCalls).as("nothing leaves from process()").isEmpty();
        advance(Duration.ofSeconds(1));

        assertThat(calls.orderCalls).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo(PlatformAction.SHIP);
            assertThat(call.shopOrderRef()).isEqualTo("4501");
            assertThat(call.callId()).isEqualTo("o-1:MANIFESTED");
            assertThat(call.parcels()).singleElement().satisfies(shipped -> {
                assertThat(shipped.trackingReference()).isEqualTo(parcel.getTrackingReference());
                assertThat(shipped.trackingUrl()).isEqualTo("https://track.colis-express.example/" + parcel.getTrackingReference());
            });
        });
        assertThat(view("o-1").calls()).isEmpty();
        advance(Duration.ofMinutes(10));
        assertThat(calls.orderCalls).as("nothing called twice").hasSize(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldTellTheShopsPlatformOfACancellationButNotOfOneThatCameAfterShipping() {
        final Order cancelled = order("o-2", WOO, "1201");
        status(cancelled, OrderStatus.ACCEPTED);
        status(cancelled, OrderStatus.CANCELLED);
        final Order shipped = order("o-3", WOO, "1202");
        final Parcel parcel = Fixtures.parcel(shipped, "colis-express");
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        manifests.pipeInput("m-3", Fixtures.manifest("colis-express", parcel), clock);
        status(shipped, OrderStatus.MANIFESTED);
        status(shipped, OrderStatus.CANCELLED);

        advance(Duration.ofSeconds(1));

        assertThat(calls.orderCalls).extracting(call -> call.orderId() + " " + call.action())
                .containsExactlyInAnyOrder("o-2 CANCEL", "o-3 SHIP");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldCallNoPlatformForAWebhooksOnlyShop() {
        final Order order = order("o-4", API_ONLY, "BN-1");
        status(order, OrderStatus.ACCEPTED);
        status(order, OrderStatus.OUT_OF_STOCK);

        advance(Duration.ofSeconds(1));

        assertThat(view("o-4").calls()).isEmpty();
        assertThat(calls.orderCalls).isEmpty();
    }

    @Test
    void shouldRetryAFailedCallOnTheScheduleWaitForAThrottleAndDeadLetterARefusalWithTheReason() {
        calls.outcomes.add(new PlatformOutcome.Failed("HTTP 503 from Shopify", null));
        calls.outcomes.add(new PlatformOutcome.Throttled(Duration.ofSeconds(20), "THROTTLED by Shopify"));
        calls.outcomes.add(new PlatformOutcome.Refused("fulfillmentCreate: Fulfillment order does not exist."));
        final Order order = order("o-5", SHOPIFY, "4505");
        status(order, OrderStatus.CANCELLED);

        advance(Duration.ofSeconds(1));
        assertThat(calls.orderCalls).hasSize(1);
        advance(Duration.ofSeconds(4));
        assertThat(calls.orderCalls).as("not before the 5 s pause").hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(calls.orderCalls).hasSize(2);
        assertThat(view("o-5").firstCall().orElseThrow().attempts()).as("the throttle used no attempt").isEqualTo(1);
        advance(Duration.ofSeconds(19));
        assertThat(calls.orderCalls).as("waits the throttle's pause").hasSize(2);
        advance(Duration.ofSeconds(1));
        assertThat(calls.orderCalls).hasSize(3);

        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("o-5");
        assertThat(header(dead, DeadLetters.EXCEPTION)).isEqualTo("PlatformCallFailed");
        assertThat(header(dead, DeadLetters.CALL_ID)).isEqualTo("o-5:CANCELLED");
        assertThat(header(dead, DeadLetters.PLATFORM)).isEqualTo("shopify");
        assertThat(header(dead, DeadLetters.MESSAGE)).contains("Fulfillment order does not exist.");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"action\":\"CANCEL\"");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(view("o-5").calls()).isEmpty();
        advance(Duration.ofHours(1));
        assertThat(calls.orderCalls).hasSize(3);
    }

    @Test
    void shouldPushABurstOfAHundredLevelsOfOneSkuAsOneCallCarryingTheNewest() {
        for (int available = 200; available > 100; available--) {
            level("SKU-BOWL", available);
        }
        assertThat(calls.pushes).as("nothing leaves from process()").isEmpty();

        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));

        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL")).singleElement().satisfies(item -> {
            assertThat(item.quantity()).isEqualTo(101);
            assertThat(item.version()).isEqualTo(100);
        });
        assertThat(slot(SHOPIFY, "SKU-BOWL").dirty()).isFalse();
        assertThat(slot(SHOPIFY, "SKU-BOWL").platformQuantity()).isEqualTo(101);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldSendTheNewestFigureOnceWhenThePushUnderWayEndsAndNeverAnOlderOneAfterIt() {
        calls.hold = true;
        level("SKU-BOWL", 50);
        advance(Duration.ofSeconds(1));
        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL")).extracting(StockPush.StockItem::quantity).containsExactly(50);

        for (int available = 49; available >= 0; available--) {
            level("SKU-BOWL", available);
            advance(Duration.ofMillis(100));
        }
        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL")).as("one push under way per slot").hasSize(1);

        calls.hold = false;
        calls.release();
        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));

        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL")).extracting(StockPush.StockItem::quantity).containsExactly(50, 0);
        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL").get(1).platformQuantity()).as("compared with what the platform had").isEqualTo(50);
        assertThat(slot(SHOPIFY, "SKU-BOWL").dirty()).isFalse();
    }

    @Test
    void shouldPushEachSellingShopItsOwnFigureInOneCallPerShop() {
        level("SKU-MUG", 4);
        level("SKU-BOWL", 9);

        advance(Duration.ofSeconds(1));

        assertThat(calls.pushes).hasSize(2);
        assertThat(calls.pushes).filteredOn(push -> push.shopId().equals(SHOPIFY)).singleElement()
                .satisfies(push -> assertThat(push.items()).extracting(StockPush.StockItem::sku).containsExactlyInAnyOrder("SKU-MUG",
                        "SKU-BOWL"));
        assertThat(calls.pushed(SHOPIFY, "SKU-MUG")).extracting(StockPush.StockItem::quantity).containsExactly(4);
        assertThat(calls.pushed(WOO, "SKU-MUG")).as("fair-share cap 0.5 of a scarce SKU").extracting(StockPush.StockItem::quantity)
                .containsExactly(2);
        assertThat(calls.pushes).noneMatch(push -> push.shopId().equals(API_ONLY));
        assertThat(slot(API_ONLY, "SKU-MUG").shown()).as("kept for the API").isEqualTo(4);
    }

    @Test
    void shouldSplitAShopsDueSlotsIntoBatchesOfTheConfiguredSize() {
        driver.close();
        startDriver(new PlatformSettings(new RetrySchedule(STANDARD, 0.2), 100, 1));
        level("SKU-MUG", 4);
        level("SKU-BOWL", 9);

        advance(Duration.ofSeconds(1));

        assertThat(calls.pushes).filteredOn(push -> push.shopId().equals(SHOPIFY)).hasSize(2)
                .allSatisfy(push -> assertThat(push.items()).hasSize(1));
    }

    @Test
    void shouldRetryAFailedPushOnTheScheduleAndDeadLetterARefusedFigure() {
        calls.stockAnswer = item -> item.sku().equals("SKU-BOWL") ? StockResult.unknown(new PlatformOutcome.Refused(
                "Shopify has no inventory item gid://shopify/InventoryItem/502"))
                : StockResult.unknown(new PlatformOutcome.Failed("HTTP 503 from Shopify", null));
        level("SKU-BOWL", 3);
        level("SKU-MUG", 30);

        advance(Duration.ofSeconds(1));
        calls.stockAnswer = item -> StockResult.done("set", item.quantity());
        advance(Duration.ofSeconds(4));
        assertThat(calls.pushed(SHOPIFY, "SKU-MUG")).hasSize(1);
        advance(Duration.ofSeconds(1));

        assertThat(calls.pushed(SHOPIFY, "SKU-MUG")).hasSize(2);
        assertThat(calls.pushed(SHOPIFY, "SKU-BOWL")).as("a refused figure is not retried").hasSize(1);
        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("SKU-BOWL");
        assertThat(header(dead, DeadLetters.SHOP_ID)).isEqualTo(SHOPIFY);
        assertThat(header(dead, DeadLetters.MESSAGE)).contains("no inventory item");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"quantity\":3");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreALevelOfASkuNoShopSells() {
        level("SKU-NOBODY", 5);

        advance(Duration.ofSeconds(1));

        assertThat(calls.pushes).isEmpty();
        final KeyValueStore<String, StockSlot> store = driver.getKeyValueStore(ShopSyncTopology.STOCK_STORE);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldMakeNoPlatformCallForAnAnswerToAnUpdateNorForAParcelReAnnouncedWithANewAddress() {
        final Order shopify = order("o-5", SHOPIFY, "4505");
        final Parcel parcel = Fixtures.parcel(shopify, "colis-express");
        status(shopify, OrderStatus.RESERVED);
        status(shopify, OrderStatus.SCHEDULED);
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        answer(shopify, "upd-1", OrderStatus.SCHEDULED, UpdateOutcome.APPLIED, "shipping.update_applied");
        final Parcel moved = Parcel.newBuilder(parcel).setRecipient(Address.newBuilder(parcel.getRecipient()).setLine1("2 New Street")
                .build()).build();
        parcels.pipeInput(moved.getParcelId(), moved, clock);
        advance(Duration.ofSeconds(1));
        answer(shopify, "upd-2", OrderStatus.MANIFESTED, UpdateOutcome.REFUSED, "shipping.update_too_late"); // before the manifest
        advance(Duration.ofSeconds(1));
        manifests.pipeInput("m-5", Fixtures.manifest("colis-express", moved), clock);
        status(shopify, OrderStatus.MANIFESTED);
        advance(Duration.ofSeconds(1));
        parcels.pipeInput(moved.getParcelId(), moved, clock);
        advance(Duration.ofSeconds(1));

        final Order woo = order("o-6", WOO, "1206");
        status(woo, OrderStatus.ACCEPTED);
        answer(woo, "upd-3", OrderStatus.CANCELLED, UpdateOutcome.REFUSED, "shipping.update_order_cancelled");
        advance(Duration.ofMinutes(10));

        assertThat(calls.orderCalls).extracting(call -> call.callId() + " " + call.action())
                .containsExactly("o-5:RESERVED ACCEPT", "o-5:MANIFESTED SHIP");
        assertThat(calls.orderCalls.get(1).parcels()).singleElement().satisfies(shipped ->
                assertThat(shipped.trackingReference()).isEqualTo(parcel.getTrackingReference()));
        assertThat(view("o-6").status()).as("a repeated CANCELLED ends nothing").isEqualTo(OrderStatus.ACCEPTED);
        assertThat(view("o-6").calls()).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private void answer(final Order order, final String updateId, final OrderStatus repeated, final UpdateOutcome outcome,
                        final String reasonCode) {
        statuses.pipeInput(order.getOrderId(), StatusChanges.updateAnswer(order.getOrderId(), order.getShopId(),
                order.getShopOrderRef(), repeated, updateId, outcome, List.of("shippingAddress"), reasonCode, "answered by the test",
                "test", clock), clock);
    }

    private static Order order(final String orderId, final String shopId, final String ref) {
        return Fixtures.order(orderId).shop(shopId).shopOrderRef(ref).line("SKU-MUG", 1).build();
    }

    private void status(final Order order, final OrderStatus status) {
        statuses.pipeInput(order.getOrderId(), StatusChanges.change(order.getOrderId(), order.getShopId(), order.getShopOrderRef(), status,
                "test." + status.name().toLowerCase(), "set by the test", "test", clock), clock);
    }

    private void level(final String sku, final int available) {
        levels.pipeInput(sku, StockLevel.newBuilder(Fixtures.stockLevel(sku, Math.max(available, 0) + 2, 2)).setAvailable(available)
                .setUpdatedAt(clock).build(), clock);
    }

    private void advance(final Duration duration) {
        clock = clock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    private OrderView view(final String orderId) {
        final KeyValueStore<String, OrderView> orders = driver.getKeyValueStore(ShopSyncTopology.ORDER_STORE);
        return orders.get(orderId);
    }

    private StockSlot slot(final String shopId, final String sku) {
        final KeyValueStore<String, StockSlot> slots = driver.getKeyValueStore(ShopSyncTopology.STOCK_STORE);
        return slots.get(StoreKeys.stock(shopId, sku));
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
