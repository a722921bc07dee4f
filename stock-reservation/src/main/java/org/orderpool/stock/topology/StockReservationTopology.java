package org.orderpool.stock.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.ParcelLine;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;

/**
 * stock-reservation's topology: two kinds of owners, in the same task for the SKUs and the orders of one partition, talking
 * over two internal topics.
 *
 * <pre>
 * orders.cleared ─▶ [router] ─▶ (an order with one SKU, on its SKU's partition: the SKU owner's first request)
 *                       ├─────▶ (any other, owned here: the order owner)
 *                       └─────▶ stock-reservation.order-events (owned by another task)
 * stock.movements ───────────────┐
 * stock-reservation.sku-commands ┴─▶ [SKU owner: ledgers] ─▶ stock.levels
 *                                                   ├──────▶ orders.reserved, orders.status (an order with one SKU)
 *                                                   └──────▶ stock-reservation.order-events
 * orders.cancellations ──────────┐
 * orders.updates ────────────────┤
 * shipping.manifests ─(per line)─┤
 * shipping.parcels (withdrawn) ──┤
 * stock-reservation.order-events ┴─▶ [order owner: reservations] ─▶ orders.reserved, orders.status
 *                                                   └──────▶ stock-reservation.sku-commands
 * </pre>
 *
 * One task owns each SKU, so two orders never race for its last unit; one task owns each order, and
 * gathers its lines' answers. An order with one SKU, the common case, is announced RESERVED by that SKU's owner
 * as soon as it holds the units (the answer tells the order's owner, which says nothing more). fraud-check writes such an
 * order, cleared at once, to its SKU's partition of orders.cleared ({@link org.orderpool.contracts.topic.ClearedOrderPartitions}),
 * so the task that reads it owns the SKU: the router gives the SKU's owner the request the order's owner would have sent, and
 * the order is RESERVED one transaction after orders.cleared (under exactly-once; at least once the SKU's owner announces
 * nothing and the order's owner announces it from the answer). Its order's owner first hears of it from that answer, as of
 * an order it sent unstored ({@link OrderProcessor}): a cancellation or an update that came before it is decided then, as
 * one that came while the answer was out. Any other cleared order goes to its order's owner, which asks its SKUs (for an
 * order with one SKU, asking it to announce the order: two transactions). Exactly-once v2 makes each step atomic: the state
 * change and the messages it causes are committed together or not at all.
 *
 * <p>The order owner keeps each order in one record of {@link #ORDER_STORE}, its cleared order inside, so a change
 * of an order is one changelog record. {@link #LEGACY_CLEARED_STORE} only serves the orders an earlier version stored.
 */
public final class StockReservationTopology {

    public static final String LEDGER_STORE = "stock-ledgers";
    public static final String HOLD_STORE = "stock-holds";
    public static final String MOVEMENT_STORE = "stock-movements-seen";
    /** The order owner's orders: reservation and cleared order in one value ({@link StoredOrderSerde}). */
    public static final String ORDER_STORE = "stock-orders";
    /**
     * Where versions before 2026-12 kept each order's cleared order, apart from the order. Still registered, so its
     * changelog is restored after an upgrade in place, and read for an order stored without its cleared order; never
     * written but to delete (when such an order is next written, or forgotten). Remove in a release after 2026-12-10, once
     * every order an earlier version stored has been written again or forgotten (the settled retention after the upgrade,
     * for an order that ended; a reserved order waits for its shipment or withdrawal).
     */
    public static final String LEGACY_CLEARED_STORE = "stock-cleared-orders";
    /** The order owner's due-time index (see {@link DueOrders}). */
    public static final String DUE_STORE = "stock-orders-due";
    /**
     * Updates of orders not stored yet (not cleared, or out unstored to their SKU), of orders cancelled before they were
     * stored, and of orders waiting for their SKU's answer, by order id, for the settled retention ({@link OrderProcessor}).
     */
    public static final String EARLY_UPDATE_STORE = "stock-early-updates";
    /**
     * The orders a SKU owner is done with, by order id, for twice the settled retention: their units given back or shipped,
     * or a request of theirs it could not hold. The router gives a SKU's owner no cleared order it is done with: one read
     * again goes to its order's owner, who knows it ({@link ClearedOrderRouter}).
     */
    public static final String DONE_AT_SKU_STORE = "stock-orders-done-at-sku";

    private final BoundTopics topics;
    private final StockSettings settings;

    public StockReservationTopology(final BoundTopics topics, final StockSettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    /**
     * Adds the service's processing to {@code builder}; returns the status changes it writes to {@code orders.status} (the
     * order owners', then the SKU owners').
     */
    public List<KStream<String, OrderStatusChange>> addTo(final StreamsBuilder builder) {
        addStores(builder);
        final KStream<String, ClearedOrderRouter.Routed> cleared = builder
                .stream(topics.name(Topics.ORDERS_CLEARED), topics.consumed(Topics.ORDERS_CLEARED))
                .process(() -> new ClearedOrderRouter(settings), Named.as("stock-cleared-router"), DONE_AT_SKU_STORE);
        cleared.filter((orderId, routed) -> routed instanceof ClearedOrderRouter.Routed.Elsewhere, Named.as("stock-cleared-elsewhere"))
                .mapValues(routed -> ((ClearedOrderRouter.Routed.Elsewhere) routed).command(), Named.as("stock-cleared-elsewhere-value"))
                .to(topics.name(Topics.STOCK_RESERVATION_ORDER_EVENTS),
                        topics.produced(Topics.STOCK_RESERVATION_ORDER_EVENTS).withName("write-cleared-to-order-events"));
        final KStream<String, SkuProcessor.Input> atSku = cleared
                .filter((sku, routed) -> routed instanceof ClearedOrderRouter.Routed.ToSku, Named.as("stock-cleared-at-sku"))
                .mapValues(routed -> (SkuProcessor.Input) new SkuProcessor.Input.Command(((ClearedOrderRouter.Routed.ToSku) routed).request()),
                        Named.as("stock-cleared-at-sku-in"));
        final KStream<String, ClearedOrder> toOrder = cleared
                .filter((orderId, routed) -> routed instanceof ClearedOrderRouter.Routed.ToOrder, Named.as("stock-cleared-to-order"))
                .mapValues(routed -> ((ClearedOrderRouter.Routed.ToOrder) routed).order(), Named.as("stock-cleared-to-order-value"));
        final KStream<String, OrderStatusChange> skuStatuses = skuOwner(builder, atSku);
        return List.of(orderOwner(builder, toOrder), skuStatuses);
    }

    void addStores(final StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.String(),
                StockStateSerdes.ledgers()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOLD_STORE), Serdes.String(),
                StockStateSerdes.holds()).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(MOVEMENT_STORE, settings.movementRetention(),
                settings.movementRetention(), false), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE), Serdes.String(),
                new StoredOrderSerde(topics.valueSerdeAsOn(Topics.ORDERS_CLEARED))).withCachingEnabled());
        // Remove in a release after 2026-12-10 (see LEGACY_CLEARED_STORE).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEGACY_CLEARED_STORE), Serdes.String(),
                topics.valueSerdeAsOn(Topics.ORDERS_CLEARED)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(EARLY_UPDATE_STORE, settings.settledRetention(),
                settings.settledRetention(), false), Serdes.String(), topics.valueSerdeAsOn(Topics.ORDERS_UPDATES)).withCachingEnabled());
        // No cache: an order id is written about once, so a cache coalesces nothing, and every look-up would merge its range
        // with the store's (a third of the router's time in a profile with it).
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DONE_AT_SKU_STORE, doneAtSkuRetention(settings),
                doneAtSkuRetention(settings), false), Serdes.String(), Serdes.Long()));
    }

    /**
     * How long a SKU owner remembers an order it is done with: twice the settled retention, so that it remembers the order
     * at least as long as the order's owner does, counted from the order's end, which can come later than its last word
     * with the SKU (a backorder that times out).
     */
    static Duration doneAtSkuRetention(final StockSettings settings) {
        return settings.settledRetention().multipliedBy(2);
    }

    /** Returns the statuses the SKU owners announce (RESERVED of an order with one SKU). */
    private KStream<String, OrderStatusChange> skuOwner(final StreamsBuilder builder, final KStream<String, SkuProcessor.Input> clearedAtSku) {
        final KStream<String, SkuProcessor.Input> movements = builder
                .stream(topics.name(Topics.STOCK_MOVEMENTS), topics.consumed(Topics.STOCK_MOVEMENTS))
                .mapValues(movement -> (SkuProcessor.Input) new SkuProcessor.Input.Movement(movement), Named.as("stock-movement-in"));
        final KStream<String, SkuProcessor.Input> commands = builder
                .stream(topics.name(Topics.STOCK_RESERVATION_SKU_COMMANDS), topics.consumed(Topics.STOCK_RESERVATION_SKU_COMMANDS))
                .mapValues(command -> (SkuProcessor.Input) new SkuProcessor.Input.Command(command), Named.as("stock-sku-command-in"));
        final KStream<String, SkuProcessor.Output> out = movements.merge(commands, Named.as("stock-sku-inputs"))
                .merge(clearedAtSku, Named.as("stock-sku-inputs-2"))
                .process(() -> new SkuProcessor(settings), Named.as("stock-sku-owner"), LEDGER_STORE, HOLD_STORE, MOVEMENT_STORE,
                        DONE_AT_SKU_STORE);
        topics.route(out, SkuProcessor.Output.ToOrder.class, SkuProcessor.Output.ToOrder::command, Topics.STOCK_RESERVATION_ORDER_EVENTS,
                "stock-sku-to-orders");
        topics.route(out, SkuProcessor.Output.Level.class, SkuProcessor.Output.Level::level, Topics.STOCK_LEVELS, "stock-sku-levels");
        topics.route(out, SkuProcessor.Output.Reserved.class, SkuProcessor.Output.Reserved::order, Topics.ORDERS_RESERVED,
                "stock-sku-reserved");
        return topics.route(out, SkuProcessor.Output.Status.class, SkuProcessor.Output.Status::change, Topics.ORDERS_STATUS,
                "stock-sku-statuses");
    }

    /**
     * The order owners (with {@link #addStores}), reading the cleared orders of {@code cleared}; alone, in a test, they send
     * requests that no SKU owner answers.
     */
    KStream<String, OrderStatusChange> orderOwner(final StreamsBuilder builder, final KStream<String, ClearedOrder> clearedOrders) {
        builder.stream(topics.name(Topics.SHIPPING_MANIFESTS), topics.consumed(Topics.SHIPPING_MANIFESTS))
                .flatMap((manifestId, manifest) -> {
                    final List<KeyValue<String, StockCommand>> shipped = new ArrayList<>();
                    for (final ManifestParcel parcel : manifest.getParcels()) {
                        for (final ParcelLine line : parcel.getLines()) {
                            shipped.add(KeyValue.pair(parcel.getOrderId(), StockCommand.newBuilder().setType(StockCommandType.CONSUME_LINE)
                                    .setOrderId(parcel.getOrderId()).setSku(line.getSku()).setQuantity(line.getQuantity())
                                    .setReference(manifest.getManifestId() + "/" + parcel.getParcelId()).build()));
                        }
                    }
                    return shipped;
                }, Named.as("stock-manifest-lines"))
                .to(topics.name(Topics.STOCK_RESERVATION_ORDER_EVENTS),
                        topics.produced(Topics.STOCK_RESERVATION_ORDER_EVENTS).withName("write-manifest-lines-to-order-events"));

        builder.stream(topics.name(Topics.SHIPPING_PARCELS), topics.consumed(Topics.SHIPPING_PARCELS))
                .filter((parcelId, parcel) -> parcel.getState() == ParcelState.WITHDRAWN, Named.as("stock-withdrawn-parcels"))
                .map((parcelId, parcel) -> KeyValue.pair(parcel.getOrderId(), StockCommand.newBuilder()
                        .setType(StockCommandType.ORDER_WITHDRAWN).setOrderId(parcel.getOrderId()).setReference(parcelId).build()),
                        Named.as("stock-withdrawn-orders"))
                .to(topics.name(Topics.STOCK_RESERVATION_ORDER_EVENTS),
                        topics.produced(Topics.STOCK_RESERVATION_ORDER_EVENTS).withName("write-withdrawals-to-order-events"));

        final KStream<String, OrderProcessor.Input> cleared = clearedOrders
                .mapValues(order -> (OrderProcessor.Input) new OrderProcessor.Input.Cleared(order), Named.as("stock-cleared-in"));
        final KStream<String, OrderProcessor.Input> cancellations = builder
                .stream(topics.name(Topics.ORDERS_CANCELLATIONS), topics.consumed(Topics.ORDERS_CANCELLATIONS))
                .mapValues(cancel -> (OrderProcessor.Input) new OrderProcessor.Input.Cancelled(cancel), Named.as("stock-cancellation-in"));
        final KStream<String, OrderProcessor.Input> events = builder
                .stream(topics.name(Topics.STOCK_RESERVATION_ORDER_EVENTS), topics.consumed(Topics.STOCK_RESERVATION_ORDER_EVENTS))
                .mapValues(command -> (OrderProcessor.Input) new OrderProcessor.Input.Event(command), Named.as("stock-order-event-in"));
        final KStream<String, OrderProcessor.Input> updates = builder
                .stream(topics.name(Topics.ORDERS_UPDATES), topics.consumed(Topics.ORDERS_UPDATES))
                .mapValues(update -> (OrderProcessor.Input) new OrderProcessor.Input.Updated(update), Named.as("stock-update-in"));
        final KStream<String, OrderProcessor.Output> out = cleared
                .merge(cancellations, Named.as("stock-order-inputs-1"))
                .merge(events, Named.as("stock-order-inputs-2"))
                .merge(updates, Named.as("stock-order-inputs-3"))
                .process(() -> new OrderProcessor(settings), Named.as("stock-order-owner"), ORDER_STORE, LEGACY_CLEARED_STORE,
                        DUE_STORE, EARLY_UPDATE_STORE);
        topics.route(out, OrderProcessor.Output.ToSku.class, OrderProcessor.Output.ToSku::command, Topics.STOCK_RESERVATION_SKU_COMMANDS,
                "stock-order-to-skus");
        final KStream<String, OrderStatusChange> statuses = topics.route(out, OrderProcessor.Output.Status.class,
                OrderProcessor.Output.Status::change, Topics.ORDERS_STATUS, "stock-order-statuses");
        topics.route(out, OrderProcessor.Output.Reserved.class, OrderProcessor.Output.Reserved::order, Topics.ORDERS_RESERVED, "stock-order-reserved");
        return statuses;
    }
}
