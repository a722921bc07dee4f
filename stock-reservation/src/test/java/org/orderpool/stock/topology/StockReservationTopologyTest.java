package org.orderpool.stock.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockStatus;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.stock.domain.HoldBook;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.domain.SkuLedger;
import org.orderpool.stock.domain.StockMessage;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

class StockReservationTopologyTest {

    private static final Instant T0 = Fixtures.T0;
    private static final String APPLICATION_ID = "stock-reservation-test";
    /** The settings of stock-reservation in these tests (also {@link UnstoredOrderTest}'s). */
    static final StockSettings SETTINGS = new StockSettings("pool-wh-1", 2, ShopStockPolicy.backorderFor(Duration.ofHours(1)),
            Map.of("shop-b", ShopStockPolicy.outOfStockAtOnce()), Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30));

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClearedOrder> cleared;
    private TestInputTopic<String, OrderCancellation> cancellations;
    private TestInputTopic<String, StockMovement> movements;
    private TestInputTopic<String, ShipmentManifest> manifests;
    private TestInputTopic<String, Parcel> parcels;
    private TestInputTopic<String, OrderUpdate> updates;
    private TestOutputTopic<String, ReservedOrder> reserved;
    private TestOutputTopic<String, OrderStatusChange> status;
    private TestOutputTopic<String, StockLevel> levels;
    private TestOutputTopic<String, StockCommand> skuCommands;
    private TestOutputTopic<String, byte[]> orderChangelog;
    private TestOutputTopic<String, byte[]> legacyClearedChangelog;
    private int movementCount;

    @BeforeEach
    void startDriver() {
        startDriver(StreamsConfig.EXACTLY_ONCE_V2); // as the services run
    }

    private void startDriver(final String guarantee) {
        final Map<String, Object> settings = new HashMap<>(DeadLetterSettings.forTopic(Topics.STOCK_RESERVATION_DLQ.name()));
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        driver = TopologyTests.driver(new StockReservationTopology(topics, SETTINGS).build(), APPLICATION_ID, settings, T0);
        cleared = input(Topics.ORDERS_CLEARED);
        cancellations = input(Topics.ORDERS_CANCELLATIONS);
        movements = input(Topics.STOCK_MOVEMENTS);
        manifests = input(Topics.SHIPPING_MANIFESTS);
        parcels = input(Topics.SHIPPING_PARCELS);
        updates = input(Topics.ORDERS_UPDATES);
        reserved = output(Topics.ORDERS_RESERVED);
        status = output(Topics.ORDERS_STATUS);
        levels = output(Topics.STOCK_LEVELS);
        skuCommands = output(Topics.STOCK_RESERVATION_SKU_COMMANDS);
        orderChangelog = changelog(StockReservationTopology.ORDER_STORE);
        legacyClearedChangelog = changelog(StockReservationTopology.LEGACY_CLEARED_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldReserveASingleLineOrderAndPublishTheLedger() {
        restock("SKU-A", 5);

        clear(Fixtures.order("o-1").line("SKU-A", 2).build());

        assertThat(reserved.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.getOrder().getOrderId()).isEqualTo("o-1");
            assertThat(r.getReservedLines()).extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getWarehouseId())
                    .containsExactly("SKU-Ax2@pool-wh-1");
        });
        assertThat(statuses()).containsExactly("o-1:RESERVED");
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 2});
        assertThat(lastLevel("SKU-A")).satisfies(level -> {
            assertThat(level.getAvailable()).isEqualTo(3);
            assertThat(level.getStatus()).isEqualTo(StockStatus.IN_STOCK);
        });
    }

    @Test
    void shouldAskTheSkuOwnerOnlyToReserveAnOrderThatNeverWaited() {
        restock("SKU-A", 5);
        restock("SKU-B", 5);

        clear(Fixtures.order("o-1").line("SKU-A", 2).build());
        clear(Fixtures.order("o-2").line("SKU-A", 1).line("SKU-B", 1).build());

        assertThat(statuses()).containsExactly("o-1:RESERVED", "o-2:RESERVED");
        assertThat(skuCommands.readValuesToList()).extracting(c -> c.getOrderId() + ":" + c.getType() + ":" + c.getSku())
                .as("no STOP_WAITING: the orders never waited").containsExactly("o-1:RESERVE_LINE:SKU-A", "o-2:RESERVE_LINE:SKU-A",
                        "o-2:RESERVE_LINE:SKU-B");
    }

    @Test
    void shouldPublishAChangedSkuOncePerPunctuationWithItsLatestFiguresAndEveryBandChangeAtOnce() {
        restock("SKU-A", 10);
        assertThat(levels.readValuesToList()).as("a new SKU is published at once").extracting(StockLevel::getAvailable)
                .containsExactly(10);

        for (int i = 1; i <= 5; i++) {
            clear(Fixtures.order("o-" + i).line("SKU-A", 1).build());
        }
        assertThat(levels.isEmpty()).as("the same band: the figures wait for the punctuation").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(levels.readValuesToList()).as("one level for five reservations, with the latest figures").singleElement()
                .satisfies(level -> {
                    assertThat(level.getAvailable()).isEqualTo(5);
                    assertThat(level.getReserved()).isEqualTo(5);
                    assertThat(level.getStatus()).isEqualTo(StockStatus.IN_STOCK);
                    assertThat(level.getPreviousStatus()).isEqualTo(StockStatus.IN_STOCK);
                });
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(levels.isEmpty()).as("nothing changed since: nothing published").isTrue();

        clear(Fixtures.order("o-6").line("SKU-A", 3).build());
        assertThat(levels.readValuesToList()).as("into LOW_STOCK (threshold 2): published at once, with the band before")
                .singleElement().satisfies(level -> {
                    assertThat(level.getAvailable()).isEqualTo(2);
                    assertThat(level.getStatus()).isEqualTo(StockStatus.LOW_STOCK);
                    assertThat(level.getPreviousStatus()).isEqualTo(StockStatus.IN_STOCK);
                });
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(levels.isEmpty()).as("already said").isTrue();
        assertThat(ledgerStore().get("SKU-A").levelUnpublished()).isFalse();
    }

    @Test
    void shouldPublishTheLevelsAStartingTaskFindsUnpublishedInItsStore() {
        // as a task restored from its changelog finds them after a crash between the commit of a change and its level
        final SkuLedger owed = new SkuLedger("SKU-R", SETTINGS.lowStockThreshold());
        owed.applyMovement(7);
        final SkuLedger said = new SkuLedger("SKU-S", SETTINGS.lowStockThreshold());
        said.applyMovement(4);
        ledgerStore().put("SKU-R", owed.snapshot().withLevelUnpublished(true));
        ledgerStore().put("SKU-S", said.snapshot());

        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(levels.readValuesToList()).singleElement().satisfies(level -> {
            assertThat(level.getSku()).isEqualTo("SKU-R");
            assertThat(level.getAvailable()).isEqualTo(7);
            assertThat(level.getPreviousStatus()).isEqualTo(StockStatus.IN_STOCK);
        });
        assertThat(ledgerStore().get("SKU-R").levelUnpublished()).isFalse();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(levels.isEmpty()).isTrue();
    }

    @Test
    void shouldNotRewriteALedgerThatAMessageLeavesAsItWas() {
        final TestOutputTopic<String, byte[]> ledgerChangelog = driver.createOutputTopic(
                APPLICATION_ID + "-" + StockReservationTopology.LEDGER_STORE + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());
        final StockMovement receipt = StockMovement.newBuilder(Fixtures.receipt("SKU-A", 1)).setMovementId("m-once").build();
        movements.pipeInput("SKU-A", receipt, T0);
        assertThat(ledgerChangelog.readRecordsToList().stream().map(TestRecord::key).toList()).containsExactly("SKU-A");
        clear(Fixtures.order("o-1").line("SKU-A", 1).build());
        ledgerChangelog.readRecordsToList().stream().map(TestRecord::key).toList();
        levels.readValuesToList();

        movements.pipeInput("SKU-A", receipt, T0); // redelivered: counted once
        clear(Fixtures.order("o-2").shop("shop-b").line("SKU-A", 1).build()); // short: nothing held, nothing waits

        assertThat(statuses()).containsExactly("o-1:RESERVED", "o-2:OUT_OF_STOCK");
        assertThat(ledgerChangelog.readRecordsToList().stream().map(TestRecord::key).toList()).as("neither changed the ledger: no write").isEmpty();
        assertThat(levels.isEmpty()).isTrue();
    }

    @Test
    void shouldReserveEveryLineOfAMultiLineOrder() {
        restock("SKU-A", 5);
        restock("SKU-B", 5);
        restock("SKU-C", 5);

        clear(Fixtures.order("o-1").line("SKU-A", 1).line("SKU-B", 2).line("SKU-C", 3).line("SKU-A", 1).build());

        assertThat(reserved.readValuesToList()).singleElement().satisfies(r ->
                assertThat(r.getReservedLines()).extracting(l -> l.getSku() + "x" + l.getQuantity())
                        .containsExactlyInAnyOrder("SKU-Ax2", "SKU-Bx2", "SKU-Cx3"));
        assertThat(ledger("SKU-A")[1] + ledger("SKU-B")[1] + ledger("SKU-C")[1]).isEqualTo(7);
    }

    @Test
    void shouldGiveTheLastUnitToOneOrderOnly() {
        restock("SKU-A", 1);

        clear(Fixtures.order("o-a").shop("shop-a").line("SKU-A", 1).build());
        clear(Fixtures.order("o-b").shop("shop-b").line("SKU-A", 1).build());

        assertThat(statuses()).containsExactly("o-a:RESERVED", "o-b:OUT_OF_STOCK");
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {1, 1});
        assertThat(lastLevel("SKU-A").getStatus()).isEqualTo(StockStatus.OUT_OF_STOCK);
    }

    @Test
    void shouldGiveBackHeldLinesWhenAnotherLineIsShort() {
        restock("SKU-A", 5);

        clear(Fixtures.order("o-1").shop("shop-b").line("SKU-A", 2).line("SKU-B", 1).build());

        assertThat(statuses()).containsExactly("o-1:OUT_OF_STOCK");
        assertThat(reserved.isEmpty()).isTrue();
        assertThat(ledger("SKU-A")).as("the held line was released").isEqualTo(new int[] {5, 0});
    }

    @Test
    void shouldBackorderThenReserveWhenStockArrives() {
        restock("SKU-A", 5);
        clear(Fixtures.order("o-1").shop("shop-a").line("SKU-A", 1).line("SKU-B", 2).build());
        assertThat(statuses()).containsExactly("o-1:BACKORDERED");
        assertThat(ledger("SKU-A")[1]).as("nothing held while waiting").isZero();

        skuCommands.readValuesToList();
        restock("SKU-B", 3);

        assertThat(statuses()).containsExactly("o-1:RESERVED");
        assertThat(reserved.readValuesToList()).hasSize(1);
        assertThat(ledger("SKU-B")).isEqualTo(new int[] {3, 2});
        assertThat(skuCommands.readValuesToList()).extracting(c -> c.getType() + ":" + c.getSku())
                .as("it waited: every SKU is told to stop").contains("STOP_WAITING:SKU-A", "STOP_WAITING:SKU-B");
    }

    @Test
    void shouldServeBackordersFirstComeFirstServed() {
        clear(Fixtures.order("first").shop("shop-a").line("SKU-A", 2).build());
        clear(Fixtures.order("second").shop("shop-a").line("SKU-A", 1).build());
        statuses();

        restock("SKU-A", 2);

        assertThat(statuses()).containsExactly("first:RESERVED");
        restock("SKU-A", 1);
        assertThat(statuses()).containsExactly("second:RESERVED");
    }

    @Test
    void shouldGiveUpABackorderAfterTheShopsLimit() {
        clear(Fixtures.order("o-1").shop("shop-a").line("SKU-A", 1).build());
        statuses();

        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(status.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(31));

        assertThat(status.readValuesToList()).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(OrderStatus.OUT_OF_STOCK);
            assertThat(s.getReasonCode()).isEqualTo("stock.backorder_expired");
        });
        restock("SKU-A", 5);
        assertThat(status.isEmpty()).as("a restock no longer concerns it").isTrue();
        assertThat(ledger("SKU-A")[1]).isZero();
    }

    @Test
    void shouldKeepACancelledReservedOrderHeldUntilShippingWithdrawsItsParcels() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").line("SKU-A", 3).build();
        clear(order);
        statuses();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);
        assertThat(ledger("SKU-A")).as("shipping-scheduler decides whether it is too late").isEqualTo(new int[] {5, 3});

        final Parcel withdrawn = Parcel.newBuilder(Fixtures.parcel(order, "colis-express")).setState(ParcelState.WITHDRAWN).build();
        parcels.pipeInput(withdrawn.getParcelId(), withdrawn, T0);
        parcels.pipeInput(withdrawn.getParcelId(), withdrawn, T0);

        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 0});
        assertThat(status.isEmpty()).as("shipping-scheduler announces the cancellation").isTrue();
    }

    @Test
    void shouldIgnoreScheduledParcels() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").line("SKU-A", 3).build();
        clear(order);

        final Parcel scheduled = Fixtures.parcel(order, "colis-express");
        parcels.pipeInput(scheduled.getParcelId(), scheduled, T0);

        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 3});
    }

    @Test
    void shouldEndAnOrderCancelledBeforeItWasClearedWithoutHoldingAUnit() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").line("SKU-A", 3).build();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);
        assertThat(status.isEmpty()).isTrue();
        clear(order);

        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        assertThat(reserved.isEmpty()).isTrue();
        assertThat(ledger("SKU-A")[1]).isZero();
    }

    @Test
    void shouldBookOutShippedUnitsOnceAndRefuseALateCancellation() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        clear(order);
        statuses();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", parcel);

        manifests.pipeInput(manifest.getManifestId(), manifest, T0);
        manifests.pipeInput(manifest.getManifestId(), manifest, T0);
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);

        assertThat(ledger("SKU-A")).as("on hand and reserved both went down, once").isEqualTo(new int[] {3, 0});
        assertThat(status.isEmpty()).as("too late to cancel").isTrue();
    }

    @Test
    void shouldReserveARepeatedClearedOrderOnceAndCountARepeatedMovementOnce() {
        final StockMovement receipt = Fixtures.receipt("SKU-A", 3);
        movements.pipeInput("SKU-A", receipt, T0);
        movements.pipeInput("SKU-A", receipt, T0);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();

        clear(order);
        clear(order);

        assertThat(ledger("SKU-A")).isEqualTo(new int[] {3, 2});
        assertThat(reserved.readValuesToList()).hasSize(1);
        assertThat(statuses()).containsExactly("o-1:RESERVED");
    }

    @Test
    void shouldCountAMovementOnceWhateverTimeItsSenderStampedItWith() {
        // a warehouse system backfills a receipt stamped a month back, retries it, then stamps one a year ahead
        final StockMovement backdated = StockMovement.newBuilder(Fixtures.receipt("SKU-A", 3)).setMovementId("m-backdated").build();
        final StockMovement ahead = StockMovement.newBuilder(Fixtures.receipt("SKU-A", 2)).setMovementId("m-ahead").build();
        movements.pipeInput("SKU-A", backdated, T0.minus(Duration.ofDays(31)));
        movements.pipeInput("SKU-A", backdated, T0.minus(Duration.ofDays(31)));
        movements.pipeInput("SKU-A", ahead, T0.plus(Duration.ofDays(365)));
        movements.pipeInput("SKU-A", backdated, T0);
        movements.pipeInput("SKU-A", ahead, T0.plus(Duration.ofDays(365)));

        assertThat(ledger("SKU-A")).as("each movement id once, remembered on the pool's clock").isEqualTo(new int[] {5, 0});
    }

    @Test
    void shouldDeadLetterAMovementKeyedByAnotherSku() {
        movements.pipeInput("SKU-B", Fixtures.receipt("SKU-A", 3), T0);

        assertThat(driver.createOutputTopic(Topics.STOCK_RESERVATION_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readValuesToList()).hasSize(1);
        assertThat(ledgerStore().get("SKU-A")).isNull();
    }

    @Test
    void shouldEndOnlyTheBackorderWhoseWaitIsOverWithoutRewritingTheOneStillWaiting() {
        clear(Fixtures.order("o-early").shop("shop-a").line("SKU-A", 1).build());
        driver.advanceWallClockTime(Duration.ofMinutes(40));
        clear(Fixtures.order("o-late").shop("shop-a").line("SKU-A", 1).build());
        assertThat(statuses()).containsExactly("o-early:BACKORDERED", "o-late:BACKORDERED");
        final OrderProcessor.StoredOrder lateBefore = orderStore().get("o-late");
        orderWrites();
        skuCommands.readRecordsToList();

        driver.advanceWallClockTime(Duration.ofMinutes(21)); // o-early waited 61 min, o-late 21 min; the limit is 1 h

        assertThat(statuses()).containsExactly("o-early:OUT_OF_STOCK");
        assertThat(orderWrites()).as("only the due order is written").containsExactly("o-early");
        assertThat(orderStore().get("o-late")).as("the waiting order is left as it was").isEqualTo(lateBefore);
        assertThat(skuCommands.readRecordsToList()).extracting(r -> r.value().getOrderId()).containsOnly("o-early");
        assertThat(reserved.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(38));
        assertThat(status.isEmpty()).as("o-late has waited 59 min").isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(statuses()).as("o-late's own limit comes in turn").containsExactly("o-late:OUT_OF_STOCK");
        assertThat(orderWrites()).containsExactly("o-late");
    }

    @Test
    void shouldForgetOnlyTheSettledOrdersPastTheirRetentionAndLeaveEveryOtherOrderUnwritten() {
        final Map<String, OrderProcessor.StoredOrder> given = new LinkedHashMap<>();
        final Instant eightDaysAgo = T0.minus(Duration.ofDays(8));
        given.put("o-settled-8d", stored(settled("o-settled-8d"), eightDaysAgo));
        given.put("o-settled-6d", stored(settled("o-settled-6d"), T0.minus(Duration.ofDays(6))));
        given.put("o-reserved-8d", stored(reserved("o-reserved-8d"), eightDaysAgo));
        final Instant tenMinutesAgo = T0.minus(Duration.ofMinutes(10));
        given.put("o-waiting", stored(backordered("o-waiting", tenMinutesAgo), tenMinutesAgo));
        given.put("o-cancelled-first-8d", new OrderProcessor.StoredOrder(null, true, eightDaysAgo.toEpochMilli()));
        given.forEach((orderId, order) -> {
            orderStore().put(orderId, order);
            if (order.reservation() != null) {
                legacyClearedStore().put(orderId, Fixtures.cleared(Fixtures.order(orderId).shop("shop-a").line("SKU-A", 1)
                        .build()));
            }
        });
        driver.advanceWallClockTime(Duration.ZERO);
        orderWrites();

        driver.advanceWallClockTime(SETTINGS.checkEvery());

        assertThat(orderWrites()).as("two orders were due, both forgotten, nothing else written")
                .containsExactlyInAnyOrder("o-settled-8d deleted", "o-cancelled-first-8d deleted");
        assertThat(orderStore().get("o-settled-8d")).isNull();
        assertThat(legacyClearedStore().get("o-settled-8d")).isNull();
        for (final String kept : List.of("o-settled-6d", "o-reserved-8d", "o-waiting")) {
            assertThat(orderStore().get(kept)).as(kept).isEqualTo(given.get(kept));
            assertThat(legacyClearedStore().get(kept)).as(kept).isNotNull();
        }
        assertThat(dueIndex()).as("one entry per order the clock still concerns")
                .containsExactlyInAnyOrder("o-settled-6d", "o-waiting");
        assertThat(status.isEmpty()).isTrue();
        assertThat(skuCommands.isEmpty()).isTrue();
        assertThat(reserved.isEmpty()).isTrue();
    }

    @Test
    void shouldForgetAnOrderWhoseWaitEndedOnceTheRetentionHasPassed() {
        clear(Fixtures.order("o-1").shop("shop-a").line("SKU-A", 1).build());
        driver.advanceWallClockTime(Duration.ofMinutes(61));
        assertThat(statuses()).containsExactly("o-1:BACKORDERED", "o-1:OUT_OF_STOCK");
        assertThat(dueIndex()).containsExactly("o-1");

        driver.advanceWallClockTime(SETTINGS.settledRetention());
        assertThat(orderStore().get("o-1")).as("kept for exactly the retention").isNotNull();
        driver.advanceWallClockTime(SETTINGS.checkEvery());

        assertThat(orderStore().get("o-1")).isNull();
        assertThat(legacyClearedStore().get("o-1")).isNull();
        assertThat(dueIndex()).isEmpty();
        assertThat(status.isEmpty()).isTrue();
        assertThat(reserved.isEmpty()).isTrue();
    }

    @Test
    void shouldNotRewriteAnOrderWhenARedeliveredManifestChangesNothing() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        clear(order);
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(order, "colis-express"));
        manifests.pipeInput(manifest.getManifestId(), manifest, T0);
        orderWrites();

        manifests.pipeInput(manifest.getManifestId(), manifest, T0);
        driver.advanceWallClockTime(SETTINGS.checkEvery());

        assertThat(orderWrites()).isEmpty();
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {3, 0});
    }

    @Test
    void shouldAnnounceAnOrderWithOneSkuFromThatSkusOwnerAndOnce() {
        restock("SKU-A", 5);
        final TestOutputTopic<String, StockCommand> orderEvents = output(Topics.STOCK_RESERVATION_ORDER_EVENTS);

        clear(Fixtures.order("o-1").line("SKU-A", 2).build());

        assertThat(skuCommands.readValuesToList()).singleElement().satisfies(request -> {
            assertThat(request.getAnnounce()).isTrue();
            assertThat(request.getCleared().getOrder().getOrderId()).as("the cleared order travels with the request").isEqualTo("o-1");
            assertThat(request.getOrder()).as("not twice").isNull();
        });
        assertThat(orderEvents.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.getAnnounced()).isTrue();
            assertThat(answer.getCleared()).as("and back with the answer").isEqualTo(Fixtures.cleared(Fixtures.order("o-1").line("SKU-A", 2).build()));
        });
        assertThat(orderWrites()).as("stored once, when the answer came: not also when it was cleared").containsExactly("o-1");
        assertThat(reserved.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getReservedLines())
                .extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getWarehouseId()).containsExactly("SKU-Ax2@pool-wh-1"));
        assertThat(status.readValuesToList()).as("said once: by the SKU's owner, not again by the order's").singleElement()
                .satisfies(s -> {
                    assertThat(s.getStatus()).isEqualTo(OrderStatus.RESERVED);
                    assertThat(s.getReason()).isEqualTo("all 1 SKU(s) reserved");
                });
        assertThat(orderStore().get("o-1").reservation().state()).isEqualTo(OrderReservation.State.RESERVED);
    }

    @Test
    void shouldLeaveACancellationThatCameWhileItsSkuAnnouncedTheOrderToShippingAndCancelOneItCouldNotHold() {
        final TestInputTopic<String, StockCommand> answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        final Order held = awaitingItsSku("o-held", 2);
        final Order notHeld = awaitingItsSku("o-short", 2);

        cancellations.pipeInput("o-held", Fixtures.cancellation(held), T0);
        cancellations.pipeInput("o-short", Fixtures.cancellation(notHeld), T0);
        assertThat(status.isEmpty()).as("nothing said while the answer may be RESERVED").isTrue();
        answers.pipeInput("o-held", StockCommands.toAvro(new StockMessage.LineOutcome("o-held", 1, "SKU-A", true, 3, true)), T0);
        answers.pipeInput("o-short", StockCommands.toAvro(new StockMessage.LineOutcome("o-short", 1, "SKU-A", false, 0, false)), T0);

        assertThat(statuses()).as("the reserved one is shipping-scheduler's to withdraw").containsExactly("o-short:CANCELLED");
        assertThat(orderStore().get("o-held").reservation().state()).isEqualTo(OrderReservation.State.RESERVED);
        assertThat(orderStore().get("o-short").reservation().state()).isEqualTo(OrderReservation.State.CANCELLED);
    }

    @Test
    void shouldAnswerAnUpdateThatCameWhileItsSkuMightAnnounceTheOrderOnceTheAnswerSaysItWasNot() {
        restock("SKU-A", 3);
        final TestInputTopic<String, StockCommand> answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        final Order order = awaitingItsSku("o-1", 5);
        final Order fewer = Fixtures.order("o-1").line("SKU-A", 3).build();
        final Order announced = awaitingItsSku("o-2", 1);

        update(fewer);
        update(Fixtures.order("o-2").line("SKU-A", 2).build());
        assertThat(status.isEmpty()).as("kept until the answer is in").isTrue();
        answers.pipeInput("o-2", StockCommands.toAvro(new StockMessage.LineOutcome("o-2", 1, "SKU-A", true, 2, true)), T0);
        assertThat(status.isEmpty()).as("o-2 was announced reserved as it was: shipping-scheduler answers its update").isTrue();
        answers.pipeInput("o-1", StockCommands.toAvro(new StockMessage.LineOutcome("o-1", 1, "SKU-A", false, 3, false)), T0);

        final List<OrderStatusChange> said = status.readValuesToList();
        assertThat(said).extracting(s -> s.getOrderId() + ":" + s.getStatus() + ":" + s.getReasonCode()).as("o-1 short of 5: "
                + "backordered, then its update (3) applied and reserved").containsExactly("o-1:BACKORDERED:stock.backordered",
                "o-1:BACKORDERED:stock.update_applied", "o-1:RESERVED:stock.reserved");
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {3, 3});
        assertThat(announced.getOrderId()).isEqualTo("o-2");
        assertThat(order.getOrderId()).isEqualTo("o-1");
    }

    @Test
    void shouldKeepTheSkuOwnersAndTheOrderOwnersOfAPartitionInOneTask() {
        // the cleared orders' router hands an order to either owner in the task that read it: one sub-topology (the manifests'
        // and the withdrawn parcels' lines to the order owners are two more, of no state)
        assertThat(new StockReservationTopology(topics, SETTINGS).build().describe().subtopologies())
                .filteredOn(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals("stock-sku-owner")
                        || node.name().equals("stock-order-owner") || node.name().equals("stock-cleared-router")))
                .singleElement().satisfies(sub -> assertThat(sub.nodes()).extracting(node -> node.name())
                        .contains("stock-sku-owner", "stock-order-owner", "stock-cleared-router"));
    }

    @Test
    void shouldReserveAnOrderWithOneSkuThatCameOnItsSkusPartitionWhereItIsReadInOneStep() {
        final String sku = skuOfThisPartition();
        restock(sku, 5);
        orderWrites();

        clearAtItsSku(Fixtures.order("o-1").line(sku, 2).build());

        assertThat(skuCommands.isEmpty()).as("no request: its SKU's owner read it").isTrue();
        assertThat(reserved.readValuesToList()).extracting(r -> r.getOrder().getOrderId() + ":" + r.getReservedLines().get(0).getSku())
                .containsExactly("o-1:" + sku);
        assertThat(status.readRecordsToList()).singleElement().satisfies(change -> {
            assertThat(change.value().getStatus()).isEqualTo(OrderStatus.RESERVED);
            assertThat(change.headers().toArray()).as("nothing of the router's header passed on").isEmpty();
        });
        assertThat(ledger(sku)).isEqualTo(new int[] {5, 2});
        assertThat(orderWrites()).as("stored once, from its SKU's answer").containsExactly("o-1");
        assertThat(orderStore().get("o-1").reservation().state()).isEqualTo(OrderReservation.State.RESERVED);
        assertThat(orderStore().get("o-1").order()).isEqualTo(Fixtures.cleared(Fixtures.order("o-1").line(sku, 2).build()));
    }

    @Test
    void shouldHandAnOrderToItsOwnerWhenItsHeaderDoesNotNameItsOneSkuOfThisPartition() {
        final String here = skuOfThisPartition();
        final String elsewhere = skuOfAnotherPartition();
        restock(here, 5);
        restock(elsewhere, 5);
        final TestOutputTopic<String, StockCommand> orderEvents = output(Topics.STOCK_RESERVATION_ORDER_EVENTS);

        clearAtItsSku(Fixtures.order("o-1").line(elsewhere, 1).build()); // another task owns that SKU's stock
        clearAtItsSku(Fixtures.order("o-2").line(here, 1).line(elsewhere, 1).build()); // a header on an order of two SKUs
        cleared.pipeInput(new TestRecord<>("o-3", Fixtures.cleared(Fixtures.order("o-3").line(here, 1).build()),
                ClearedOrderPartitions.atSku(elsewhere), T0)); // a header naming another SKU

        assertThat(orderEvents.readValuesToList()).filteredOn(event -> event.getType() == StockCommandType.ORDER_CLEARED)
                .extracting(StockCommand::getOrderId).as("each to its order's owner over order-events, partitioned by order id")
                .containsExactly("o-1", "o-2", "o-3");
        assertThat(skuCommands.readValuesToList()).extracting(c -> c.getOrderId() + ":" + c.getType() + ":" + c.getSku())
                .as("each asked by its order's owner, as an order written to its order id's partition is")
                .containsExactly("o-1:RESERVE_LINE:" + elsewhere, "o-2:RESERVE_LINE:" + here, "o-2:RESERVE_LINE:" + elsewhere,
                        "o-3:RESERVE_LINE:" + here);
        assertThat(statuses()).containsExactly("o-1:RESERVED", "o-2:RESERVED", "o-3:RESERVED");
    }

    @Test
    void shouldLeaveToShippingSchedulerACancellationThatCameBeforeAnOrderItsSkuReservedWhereItWasRead() {
        final String sku = skuOfThisPartition();
        restock(sku, 5);
        final Order order = Fixtures.order("o-1").line(sku, 2).build();
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);
        final Order other = Fixtures.order("o-2").line(sku, 2).build();
        update(Fixtures.order("o-2").line(sku, 1).build());

        clearAtItsSku(order);
        clearAtItsSku(other);

        assertThat(statuses()).as("both reserved as they were cleared where they were read: o-1's cancellation and o-2's update, "
                + "which came first, are shipping-scheduler's (it withdraws o-1 and refuses o-2's change of lines)")
                .containsExactly("o-1:RESERVED", "o-2:RESERVED");
        assertThat(ledger(sku)).isEqualTo(new int[] {5, 4});
        final Parcel withdrawn = Parcel.newBuilder(Fixtures.parcel(order, "colis-express")).setState(ParcelState.WITHDRAWN).build();
        parcels.pipeInput(withdrawn.getParcelId(), withdrawn, T0);
        assertThat(ledger(sku)).as("o-1's units back once shipping-scheduler withdrew it").isEqualTo(new int[] {5, 2});
        assertThat(orderStore().get("o-1").reservation().state()).isEqualTo(OrderReservation.State.WITHDRAWN);
    }

    @Test
    void shouldSayOutOfStockAnOrderItsSkuCouldNotHoldWhereItWasRead() {
        final String sku = skuOfThisPartition();
        restock(sku, 1);

        clearAtItsSku(Fixtures.order("o-1").shop("shop-b").line(sku, 2).build()); // shop-b: out of stock at once

        assertThat(skuCommands.isEmpty()).isTrue();
        assertThat(statuses()).as("said by its order's owner, from the answer").containsExactly("o-1:OUT_OF_STOCK");
        assertThat(ledger(sku)).isEqualTo(new int[] {1, 0});
    }

    @Test
    void shouldReserveAtLeastOnceAnOrderWithOneSkuWhereItIsReadAndLetItsOwnerAnnounceIt() {
        driver.close();
        startDriver(StreamsConfig.AT_LEAST_ONCE);
        final String sku = skuOfThisPartition();
        restock(sku, 5);
        final TestOutputTopic<String, StockCommand> orderEvents = output(Topics.STOCK_RESERVATION_ORDER_EVENTS);

        clearAtItsSku(Fixtures.order("o-1").line(sku, 2).build());

        assertThat(skuCommands.isEmpty()).isTrue();
        assertThat(orderEvents.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.getAnnounced()).as("at least once a SKU announces nothing").isFalse();
            assertThat(answer.getCleared()).isNotNull();
        });
        assertThat(statuses()).containsExactly("o-1:RESERVED");
        assertThat(reserved.readValuesToList()).hasSize(1);
        assertThat(ledger(sku)).isEqualTo(new int[] {5, 2});
    }

    @Test
    void shouldNeverHoldAgainAnOrderReadAgainAfterItsSkuReservedItWhereItWasRead() {
        final String sku = skuOfThisPartition();
        restock(sku, 5);
        final Order order = Fixtures.order("o-1").line(sku, 2).build();
        clearAtItsSku(order);
        clearAtItsSku(order); // read again while its units are held
        assertThat(ledger(sku)).isEqualTo(new int[] {5, 2});
        final Parcel withdrawn = Parcel.newBuilder(Fixtures.parcel(order, "colis-express")).setState(ParcelState.WITHDRAWN).build();
        parcels.pipeInput(withdrawn.getParcelId(), withdrawn, T0);
        assertThat(ledger(sku)).isEqualTo(new int[] {5, 0});

        clearAtItsSku(order); // and again once they are back (fraud-check run again over its input)

        assertThat(ledger(sku)).as("its units stay back: its owner knows the order").isEqualTo(new int[] {5, 0});
        assertThat(reserved.readValuesToList()).hasSize(1);
        assertThat(statuses()).as("RESERVED once").containsExactly("o-1:RESERVED");
        assertThat(orderStore().get("o-1").reservation().state()).isEqualTo(OrderReservation.State.WITHDRAWN);
    }

    @Test
    void shouldNeverReserveAgainAnOrderItsOwnerEndedWhenItComesAgainOnItsSkusPartition() {
        final String sku = skuOfThisPartition();
        restock(sku, 1);
        final Order order = Fixtures.order("o-1").shop("shop-b").line(sku, 2).build(); // shop-b: out of stock at once
        cleared.pipeInput("o-1", Fixtures.cleared(order), T0); // by order id, as after a review: its owner asks the SKU
        assertThat(statuses()).containsExactly("o-1:OUT_OF_STOCK");
        restock(sku, 5);

        clearAtItsSku(order); // fraud-check run again over its input: now with the header, and stock to hold it

        assertThat(ledger(sku)).as("nothing held for an order that ended").isEqualTo(new int[] {6, 0});
        assertThat(reserved.readValuesToList()).isEmpty();
        assertThat(statuses()).isEmpty();
        assertThat(orderStore().get("o-1").reservation().state()).isEqualTo(OrderReservation.State.OUT_OF_STOCK);
    }

    /** A cleared order as fraud-check writes one with one SKU: to that SKU's partition, the header naming it. */
    private void clearAtItsSku(final Order order) {
        final String sku = ClearedOrderPartitions.onlySkuOf(order).orElse(order.getLines().get(0).getSku());
        cleared.pipeInput(new TestRecord<>(order.getOrderId(), Fixtures.cleared(order), ClearedOrderPartitions.atSku(sku), T0));
    }

    /** A SKU whose stock the driver's one task owns (it reads partition 0 of every topic). */
    private static String skuOfThisPartition() {
        return skuWhere(partition -> partition == 0);
    }

    private static String skuOfAnotherPartition() {
        return skuWhere(partition -> partition != 0);
    }

    private static String skuWhere(final java.util.function.IntPredicate partition) {
        for (int i = 0; ; i++) {
            if (partition.test(Topics.partitionOf("SKU-" + i, Topics.SKU_PARTITIONS))) {
                return "SKU-" + i;
            }
        }
    }

    @Test
    void shouldAnswerTwoUpdatesThatWaitedInTheSameMillisecondEachOnce() {
        restock("SKU-A", 3);
        final TestInputTopic<String, StockCommand> answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        awaitingItsSku("o-1", 5);
        final Order fewer = Fixtures.order("o-1").line("SKU-A", 4).build();
        final Order moved = Fixtures.order("o-1").line("SKU-A", 4).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");

        update(fewer); // the driver's wall clock stands still: both come in the same millisecond
        update(moved);
        answers.pipeInput("o-1", StockCommands.toAvro(new StockMessage.LineOutcome("o-1", 1, "SKU-A", false, 3, false)), T0);

        assertThat(status.readValuesToList()).extracting(s -> s.getStatus() + ":" + s.getReasonCode() + ":"
                        + (s.getUpdate() == null ? "" : s.getUpdate().getChanges()))
                .as("each update answered once, in order; the second waited for the answer the first caused")
                .containsExactly("BACKORDERED:stock.backordered:", "BACKORDERED:stock.update_applied:[lines]",
                        "BACKORDERED:stock.update_applied:[shippingAddress]");
    }

    @Test
    void shouldKeepAnUpdateThatChangesTheAddressBackWhileTheAnswerIsOutAndAnswerItAfterTheOneItUndoes() {
        final TestInputTopic<String, StockCommand> answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        final Order order = awaitingItsSku("o-1", 2);
        final Order moved = Fixtures.order("o-1").line("SKU-A", 2).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");

        update(moved);
        update(order); // back as it was cleared: no change against the cleared order, but one against the update before
        answers.pipeInput("o-1", StockCommands.toAvro(new StockMessage.LineOutcome("o-1", 1, "SKU-A", false, 0, false)), T0);

        assertThat(status.readValuesToList()).extracting(s -> s.getReasonCode() + ":" + (s.getUpdate() == null ? "" : s.getUpdate().getChanges()))
                .containsExactly("stock.backordered:", "stock.update_applied:[shippingAddress]", "stock.update_applied:[shippingAddress]");
        assertThat(orderStore().get("o-1").order().getOrder().getShippingAddress().getLine1()).as("the shop's last word")
                .isEqualTo(order.getShippingAddress().getLine1());
    }

    @Test
    void shouldHaveTheOrdersOwnerAnnounceAnOrderWithOneSkuAtLeastOnceAndCancelOneHeldUnannouncedWhoseCancellationWaited() {
        driver.close();
        startDriver(StreamsConfig.AT_LEAST_ONCE);
        restock("SKU-A", 5);
        final TestOutputTopic<String, StockCommand> orderEvents = output(Topics.STOCK_RESERVATION_ORDER_EVENTS);

        clear(Fixtures.order("o-1").line("SKU-A", 2).build());
        final Order cancelledMeanwhile = awaitingItsSku("o-2", 1);
        cancellations.pipeInput("o-2", Fixtures.cancellation(cancelledMeanwhile), T0);
        input(Topics.STOCK_RESERVATION_ORDER_EVENTS).pipeInput("o-2",
                StockCommands.toAvro(new StockMessage.LineOutcome("o-2", 1, "SKU-A", true, 4, false)), T0);

        assertThat(orderEvents.readValuesToList()).filteredOn(e -> e.getOrderId().equals("o-1")).singleElement()
                .satisfies(answer -> {
                    assertThat(answer.getAnnounced()).as("a redelivered request could be answered twice").isFalse();
                    assertThat(answer.getCleared()).as("its owner stored the order when it was cleared").isNull();
                });
        assertThat(statuses()).as("o-1 said by its owner; o-2 held but said by nobody, so its cancellation ends it here")
                .containsExactly("o-1:RESERVED", "o-2:CANCELLED");
        assertThat(reserved.readValuesToList()).extracting(r -> r.getOrder().getOrderId()).containsExactly("o-1");
    }

    @Test
    void shouldStoreAnOrderSentUnstoredToItsSkuWhenTheAnswerComesAndDecideTheCancellationsAndUpdatesThatCameMeanwhile() {
        restock("SKU-A", 3);
        final TestInputTopic<String, StockCommand> answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        final Order held = Fixtures.order("o-held").line("SKU-A", 2).build();
        final Order short1 = Fixtures.order("o-short").line("SKU-A", 9).build();
        final Order waiting = Fixtures.order("o-waiting").line("SKU-A", 5).build();
        final Order fewer = Fixtures.order("o-waiting").line("SKU-A", 3).build();
        final Order moved = Fixtures.order("o-waiting").line("SKU-A", 3).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");
        orderWrites();

        // each one's request is out, its order unstored: a cancellation and updates come before the answer
        cancellations.pipeInput("o-held", Fixtures.cancellation(held), T0);
        cancellations.pipeInput("o-short", Fixtures.cancellation(short1), T0);
        update(fewer); // the driver's wall clock stands still: both in the same millisecond, kept apart
        update(moved);
        assertThat(status.isEmpty()).as("nothing said while the answers may be RESERVED").isTrue();
        answers.pipeInput("o-held", unstoredAnswer(held, true, 1), T0);
        answers.pipeInput("o-short", unstoredAnswer(short1, false, 3), T0);
        answers.pipeInput("o-waiting", unstoredAnswer(waiting, false, 3), T0);

        assertThat(status.readValuesToList()).extracting(s -> s.getOrderId() + ":" + s.getStatus() + ":" + s.getReasonCode() + ":"
                        + (s.getUpdate() == null ? "" : s.getUpdate().getChanges()))
                .as("the held one is shipping-scheduler's to withdraw; the others decided here; the first update applied, and the "
                        + "second, which waited for the answer the first caused, is shipping-scheduler's: the order is reserved")
                .containsExactly("o-short:CANCELLED:stock.cancelled:", "o-waiting:BACKORDERED:stock.backordered:",
                        "o-waiting:BACKORDERED:stock.update_applied:[lines]", "o-waiting:RESERVED:stock.reserved:");
        assertThat(orderStore().get("o-held").reservation().state()).isEqualTo(OrderReservation.State.RESERVED);
        assertThat(orderStore().get("o-held").order()).as("the cleared order the answer brought").isEqualTo(Fixtures.cleared(held));
        assertThat(orderStore().get("o-short").reservation().state()).isEqualTo(OrderReservation.State.CANCELLED);
        assertThat(orderStore().get("o-waiting").order().getOrder()).as("reserved as the first update made it").isEqualTo(fewer);
        assertThat(dueIndex()).as("each cancellation's entry moved with its order").containsExactlyInAnyOrder("o-short");
    }

    @Test
    void shouldNotAnswerAgainTheUpdatesAnOrderWasClearedWithOnceItsSkuAnswers() {
        final TestOutputTopic<String, StockCommand> orderEvents = output(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        final Order moved = Fixtures.order("o-1").line("SKU-A", 1).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");

        update(moved);
        update(order); // back as it came: the order is cleared as the shop last sent it, with nothing to answer
        clear(order);

        assertThat(orderEvents.readValuesToList()).singleElement().satisfies(answer -> assertThat(answer.getCleared()).isNotNull());
        assertThat(statuses()).as("short of SKU-A: backordered, and the updates before it was cleared not answered as if they came "
                + "while its SKU answered").containsExactly("o-1:BACKORDERED");
    }

    /** The answer of the order's one SKU to a request its owner sent without storing the order. */
    private static StockCommand unstoredAnswer(final Order order, final boolean held, final int available) {
        final StockCommand answer = StockCommands.toAvro(new StockMessage.LineOutcome(order.getOrderId(), 1, "SKU-A", held, available,
                held));
        answer.setCleared(Fixtures.cleared(order));
        return answer;
    }

    /** An order as its owner keeps it once it asked its one SKU to announce it, before the answer is in. */
    private Order awaitingItsSku(final String orderId, final int quantity) {
        final Order order = Fixtures.order(orderId).line("SKU-A", quantity).build();
        final OrderReservation reservation = OrderReservation.start(orderId, "shop-a", Map.of("SKU-A", quantity),
                SETTINGS.policyOf("shop-a"), new ArrayList<>());
        assertThat(reservation.awaitsAnnouncement()).isTrue();
        orderStore().put(orderId, new OrderProcessor.StoredOrder(reservation.snapshot(), false, T0.toEpochMilli(), Fixtures.cleared(order)));
        return order;
    }

    @Test
    void shouldReplaceABackorderedOrderWithItsUpdateAndReserveItAsUpdated() {
        restock("SKU-A", 5);
        clear(Fixtures.order("o-1").shop("shop-a").line("SKU-A", 1).line("SKU-B", 2).build());
        assertThat(statuses()).containsExactly("o-1:BACKORDERED");
        final Order updated = Fixtures.order("o-1").shop("shop-a").line("SKU-A", 2).build();
        updated.getShippingAddress().setLine1("3 place Bellecour");

        update(updated);

        final List<OrderStatusChange> answers = status.readValuesToList();
        assertThat(answers).extracting(s -> s.getStatus() + ":" + s.getReasonCode())
                .containsExactly("BACKORDERED:stock.update_applied", "RESERVED:stock.reserved");
        assertThat(answers.get(0).getUpdate().getOutcome()).isEqualTo(UpdateOutcome.APPLIED);
        assertThat(answers.get(0).getUpdate().getChanges()).containsExactly("shippingAddress", "lines");
        assertThat(reserved.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.getOrder().getShippingAddress().getLine1()).isEqualTo("3 place Bellecour");
            assertThat(r.getReservedLines()).extracting(l -> l.getSku() + "x" + l.getQuantity()).containsExactly("SKU-Ax2");
        });
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 2});
        assertThat(ledger("SKU-B")).as("no longer awaited").isEqualTo(new int[] {0, 0});
        update(updated);
        assertThat(status.isEmpty()).as("the same update again changes nothing").isTrue();
    }

    @Test
    void shouldChangeOnlyTheAddressOfABackorderedOrderWithoutAskingItsSkusAgain() {
        clear(Fixtures.order("o-1").shop("shop-a").line("SKU-B", 2).build());
        assertThat(statuses()).containsExactly("o-1:BACKORDERED");
        skuCommands.readValuesToList();
        final Order moved = Fixtures.order("o-1").shop("shop-a").line("SKU-B", 2).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");

        update(moved);

        assertThat(statuses()).containsExactly("o-1:BACKORDERED");
        assertThat(skuCommands.isEmpty()).as("the same units: the wait goes on as it was").isTrue();
        restock("SKU-B", 2);
        assertThat(reserved.readValuesToList()).singleElement()
                .satisfies(r -> assertThat(r.getOrder().getShippingAddress().getLine1()).isEqualTo("3 place Bellecour"));
    }

    @Test
    void shouldReserveAnOrderUpdatedWhileAtFraudCheckAsTheShopLastSentIt() {
        restock("SKU-A", 5);
        final Order original = Fixtures.order("o-1").line("SKU-A", 1).build();
        final Order updated = Fixtures.order("o-1").line("SKU-A", 3).build();

        update(updated);
        assertThat(status.isEmpty()).as("nothing to answer before the order is here").isTrue();
        clear(original);

        assertThat(status.readValuesToList()).extracting(s -> s.getStatus() + ":" + s.getReasonCode())
                .containsExactly("CLEARED:stock.update_applied", "RESERVED:stock.reserved");
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 3});
    }

    @Test
    void shouldLeaveTheUpdateOfAReservedOrderToShippingAndRefuseOneOfAnOrderOutOfStock() {
        restock("SKU-A", 5);
        clear(Fixtures.order("o-1").line("SKU-A", 1).build());
        clear(Fixtures.order("o-2").shop("shop-b").line("SKU-Z", 1).build());
        assertThat(statuses()).containsExactly("o-1:RESERVED", "o-2:OUT_OF_STOCK");
        reserved.readValuesToList();

        update(Fixtures.order("o-1").line("SKU-A", 4).build());
        update(Fixtures.order("o-2").shop("shop-b").line("SKU-A", 1).build());

        assertThat(status.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.getOrderId()).isEqualTo("o-2");
            assertThat(answer.getStatus()).isEqualTo(OrderStatus.OUT_OF_STOCK);
            assertThat(answer.getReasonCode()).isEqualTo("stock.update_refused");
            assertThat(answer.getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
        });
        assertThat(reserved.isEmpty()).isTrue();
        assertThat(ledger("SKU-A")).as("the reserved order keeps its units").isEqualTo(new int[] {5, 1});
    }

    @Test
    void shouldKeepAClearedOrderAsUpdatedInsideItsStoredOrderAndWriteNothingElseForIt() {
        restock("SKU-A", 5);
        final Order order = Fixtures.order("o-1").shop("shop-a").line("SKU-A", 1).line("SKU-B", 2).build();
        clear(order);
        assertThat(statuses()).containsExactly("o-1:BACKORDERED");
        assertThat(orderStore().get("o-1").order()).isEqualTo(Fixtures.cleared(order));
        final Order updated = Fixtures.order("o-1").shop("shop-a").line("SKU-A", 2).build();
        updated.getShippingAddress().setLine1("3 place Bellecour");

        update(updated);

        assertThat(status.readValuesToList()).extracting(s -> s.getStatus() + ":" + s.getReasonCode() + ":" + s.getShopOrderRef())
                .containsExactly("BACKORDERED:stock.update_applied:" + order.getShopOrderRef(),
                        "RESERVED:stock.reserved:" + order.getShopOrderRef());
        assertThat(reserved.readValuesToList()).singleElement().satisfies(r -> assertThat(r.getOrder()).isEqualTo(updated));
        assertThat(orderStore().get("o-1").order())
                .isEqualTo(ClearedOrder.newBuilder(Fixtures.cleared(order)).setOrder(updated).build());

        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(updated, "colis-express"));
        manifests.pipeInput(manifest.getManifestId(), manifest, T0);
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {3, 0});
        driver.advanceWallClockTime(SETTINGS.settledRetention().plus(SETTINGS.checkEvery()));

        assertThat(orderStore().get("o-1")).as("shipped, then forgotten").isNull();
        assertThat(legacyClearedWrites()).as("not a record, not a tombstone, from clearing to forgetting").isEmpty();
        assertThat(legacyClearedOrderIds()).isEmpty();
        assertThat(status.isEmpty()).isTrue();
        assertThat(reserved.isEmpty()).isTrue();
    }

    @Test
    void shouldCarryOnWithTheOrdersAnEarlierVersionStoredWithTheirClearedOrdersApartAndEmptyThatStoreAsItGoes() {
        restock("SKU-A", 5);
        final Map<String, Order> orders = new LinkedHashMap<>();
        orders.put("o-restocked", Fixtures.order("o-restocked").shop("shop-a").line("SKU-A", 1).line("SKU-B", 1).build());
        orders.put("o-cancelled", Fixtures.order("o-cancelled").shop("shop-a").line("SKU-C", 1).build());
        orders.put("o-updated", Fixtures.order("o-updated").shop("shop-a").line("SKU-D", 1).build());
        orders.values().forEach(this::clear);
        assertThat(statuses()).containsExactly("o-restocked:BACKORDERED", "o-cancelled:BACKORDERED", "o-updated:BACKORDERED");
        // Given the pool upgraded while these orders waited, and with two orders an earlier version settled 8 days ago:
        orders.forEach((orderId, order) -> storeAsAnEarlierVersion(orderId, orderStore().get(orderId), Fixtures.cleared(order)));
        final Instant eightDaysAgo = T0.minus(Duration.ofDays(8));
        storeAsAnEarlierVersion("o-settled-8d", stored(settled("o-settled-8d"), eightDaysAgo),
                Fixtures.cleared(Fixtures.order("o-settled-8d").shop("shop-a").line("SKU-A", 1).build()));
        storeAsAnEarlierVersion("o-cancelled-first-8d", new OrderProcessor.StoredOrder(null, true, eightDaysAgo.toEpochMilli()),
                null);
        driver.advanceWallClockTime(Duration.ZERO); // commits the stores' caches
        orderWrites();
        legacyClearedWrites();
        skuCommands.readValuesToList();

        restock("SKU-B", 1);
        cancellations.pipeInput("o-cancelled", Fixtures.cancellation(orders.get("o-cancelled")), T0);
        final Order moved = Fixtures.order("o-updated").shop("shop-a").line("SKU-D", 1).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");
        update(moved);

        assertThat(status.readValuesToList()).extracting(s -> s.getOrderId() + ":" + s.getStatus() + ":" + s.getReasonCode() + ":"
                + s.getShopOrderRef()).as("each told with its shop's reference, from the legacy store").containsExactly(
                "o-restocked:RESERVED:stock.reserved:" + orders.get("o-restocked").getShopOrderRef(),
                "o-cancelled:CANCELLED:stock.cancelled:" + orders.get("o-cancelled").getShopOrderRef(),
                "o-updated:BACKORDERED:stock.update_applied:" + orders.get("o-updated").getShopOrderRef());
        assertThat(reserved.readValuesToList()).singleElement()
                .satisfies(r -> assertThat(r.getOrder()).isEqualTo(orders.get("o-restocked")));
        assertThat(ledger("SKU-A")).isEqualTo(new int[] {5, 1});
        assertThat(ledger("SKU-B")).isEqualTo(new int[] {1, 1});
        assertThat(orderStore().get("o-restocked").order()).isEqualTo(Fixtures.cleared(orders.get("o-restocked")));
        assertThat(orderStore().get("o-cancelled").order()).isEqualTo(Fixtures.cleared(orders.get("o-cancelled")));
        assertThat(orderStore().get("o-updated").order().getOrder()).isEqualTo(moved);
        assertThat(legacyClearedWrites()).as("each moved into its order when the order was written")
                .containsExactly("o-restocked deleted", "o-cancelled deleted", "o-updated deleted");
        assertThat(orderWrites()).containsOnly("o-restocked", "o-cancelled", "o-updated");

        driver.advanceWallClockTime(SETTINGS.checkEvery());

        assertThat(orderWrites()).containsExactlyInAnyOrder("o-settled-8d deleted", "o-cancelled-first-8d deleted");
        assertThat(legacyClearedWrites()).as("deleted where there was one").containsExactly("o-settled-8d deleted");
        assertThat(legacyClearedOrderIds()).isEmpty();

        driver.advanceWallClockTime(SETTINGS.settledRetention());

        assertThat(statuses()).as("o-updated's wait ended meanwhile").containsExactly("o-updated:OUT_OF_STOCK");
        assertThat(orderStore().get("o-cancelled")).as("forgotten").isNull();
        assertThat(legacyClearedWrites()).as("nothing left there to delete").isEmpty();
        assertThat(reserved.isEmpty()).isTrue();
    }

    private void update(final Order order) {
        updates.pipeInput(order.getOrderId(), new OrderUpdate(OrderChanges.updateId(order), order, T0), T0);
    }

    private void restock(final String sku, final int quantity) {
        movements.pipeInput(sku, StockMovement.newBuilder(Fixtures.receipt(sku, quantity)).setMovementId("m-" + (++movementCount)).build(), T0);
    }

    private void clear(final Order order) {
        cleared.pipeInput(order.getOrderId(), Fixtures.cleared(order), T0);
    }

    private List<String> statuses() {
        return status.readValuesToList().stream().map(s -> s.getOrderId() + ":" + s.getStatus()).toList();
    }

    /** The writes to the order store since the last call, as "orderId" or "orderId deleted". */
    private List<String> orderWrites() {
        return writes(orderChangelog);
    }

    /** The writes to the legacy store of cleared orders since the last call, as "orderId" or "orderId deleted". */
    private List<String> legacyClearedWrites() {
        return writes(legacyClearedChangelog);
    }

    private static List<String> writes(final TestOutputTopic<String, byte[]> changelog) {
        return changelog.readRecordsToList().stream().map(r -> r.value() == null ? r.key() + " deleted" : r.key()).toList();
    }

    private TestOutputTopic<String, byte[]> changelog(final String store) {
        return driver.createOutputTopic(APPLICATION_ID + "-" + store + "-changelog", new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private OrderReservation.Snapshot settled(final String orderId) {
        final OrderReservation reservation = reservationOf(orderId);
        reservation.onOutcome(new StockMessage.LineOutcome(orderId, 1, "SKU-A", false, 0), T0.minus(Duration.ofDays(9)));
        reservation.onTime(T0.minus(Duration.ofDays(8)));
        assertThat(reservation.state()).isEqualTo(OrderReservation.State.OUT_OF_STOCK);
        return reservation.snapshot();
    }

    private OrderReservation.Snapshot reserved(final String orderId) {
        final OrderReservation reservation = reservationOf(orderId);
        reservation.onOutcome(new StockMessage.LineOutcome(orderId, 1, "SKU-A", true, 0), T0.minus(Duration.ofDays(8)));
        return reservation.snapshot();
    }

    private OrderReservation.Snapshot backordered(final String orderId, final Instant since) {
        final OrderReservation reservation = reservationOf(orderId);
        reservation.onOutcome(new StockMessage.LineOutcome(orderId, 1, "SKU-A", false, 0), since);
        assertThat(reservation.state()).isEqualTo(OrderReservation.State.BACKORDERED);
        return reservation.snapshot();
    }

    private static OrderReservation reservationOf(final String orderId) {
        return OrderReservation.start(orderId, "shop-a", Map.of("SKU-A", 1), SETTINGS.policyOf("shop-a"),
                new ArrayList<>());
    }

    private static OrderProcessor.StoredOrder stored(final OrderReservation.Snapshot reservation, final Instant updatedAt) {
        return new OrderProcessor.StoredOrder(reservation, false, updatedAt.toEpochMilli());
    }

    /** The order ids in the due-time index. */
    private List<String> dueIndex() {
        final KeyValueStore<String, byte[]> index = driver.getKeyValueStore(StockReservationTopology.DUE_STORE);
        final List<String> orderIds = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = index.all()) {
            entries.forEachRemaining(entry -> {
                if (entry.key.contains("/")) {
                    orderIds.add(entry.key.substring(entry.key.indexOf('/') + 1));
                }
            });
        }
        return orderIds;
    }

    private KeyValueStore<String, OrderProcessor.StoredOrder> orderStore() {
        return driver.getKeyValueStore(StockReservationTopology.ORDER_STORE);
    }

    private KeyValueStore<String, ClearedOrder> legacyClearedStore() {
        return driver.getKeyValueStore(StockReservationTopology.LEGACY_CLEARED_STORE);
    }

    /** The order ids in the legacy store of cleared orders. */
    private List<String> legacyClearedOrderIds() {
        final List<String> orderIds = new ArrayList<>();
        try (KeyValueIterator<String, ClearedOrder> entries = legacyClearedStore().all()) {
            entries.forEachRemaining(entry -> orderIds.add(entry.key));
        }
        return orderIds;
    }

    /**
     * Turns a stored order into what a version before the order kept its cleared order inside would have stored: the JSON
     * of the order without it in the order store (written as bytes, under the serde), its cleared order in the legacy store.
     */
    private void storeAsAnEarlierVersion(final String orderId, final OrderProcessor.StoredOrder order,
                                         final ClearedOrder cleared) {
        @SuppressWarnings("unchecked")
        final WrappedStateStore<KeyValueStore<Bytes, byte[]>, ?, ?> store =
                (WrappedStateStore<KeyValueStore<Bytes, byte[]>, ?, ?>) driver.getAllStateStores()
                        .get(StockReservationTopology.ORDER_STORE);
        store.wrapped().put(Bytes.wrap(orderId.getBytes(StandardCharsets.UTF_8)),
                new PreviousStoredOrder(order.reservation(), order.cancelledBeforeCleared(), order.updatedAt()).json());
        if (cleared != null) {
            legacyClearedStore().put(orderId, cleared);
        }
        assertThat(orderStore().get(orderId).order()).as("read as the earlier version's, without its order").isNull();
    }

    private int[] ledger(final String sku) {
        final SkuLedger.Snapshot snapshot = ledgerStore().get(sku);
        final KeyValueStore<String, HoldBook.Hold> holds = driver.getKeyValueStore(StockReservationTopology.HOLD_STORE);
        final SkuLedger ledger = SkuLedger.restore(snapshot, new StoreHoldBook(holds, sku));
        assertThat(ledger.holds().values().stream().mapToInt(Integer::intValue).sum())
                .as("the holds in the store add up to the ledger's reserved units").isEqualTo(ledger.reserved());
        return new int[] {ledger.onHand(), ledger.reserved()};
    }

    private KeyValueStore<String, SkuLedger.Snapshot> ledgerStore() {
        return driver.getKeyValueStore(StockReservationTopology.LEDGER_STORE);
    }

    /** The SKU's last level once the levels still owed are published (the next punctuation). */
    private StockLevel lastLevel(final String sku) {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        final List<StockLevel> all = levels.readValuesToList().stream().filter(l -> l.getSku().equals(sku)).toList();
        return all.get(all.size() - 1);
    }

    private <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return TopologyTests.input(driver, topics, topic);
    }

    private <K, V> TestOutputTopic<K, V> output(final Topic<K, V> topic) {
        return TopologyTests.output(driver, topics, topic);
    }
}
