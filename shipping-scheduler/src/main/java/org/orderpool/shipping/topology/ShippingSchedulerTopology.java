package org.orderpool.shipping.topology;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;

/**
 * shipping-scheduler's topology: order owners plan parcels, slot owners book them on cut-offs and
 * close the cut-offs.
 *
 * <pre>
 * shipping.carrier-calendars ─▶ (global store of valid calendars: every instance sees every calendar)
 * orders.reserved ──────┐
 * orders.cancellations ─┼─▶ [order owner: plan parcels] ─▶ shipping-scheduler.slot-commands
 * (settled orders) ─────┘                           └────▶ shipping.parcels (withdrawn before scheduling), orders.status
 * shipping-scheduler.slot-commands ─▶ [slot owner per carrier x warehouse] ─▶ shipping.parcels, orders.status
 *                      (wall clock: at each cut-off) ─────────────────────────▶ shipping.manifests, orders.status
 *   orders.status of the slot owner (MANIFESTED, CANCELLED) ─▶ repartition by order ─▶ (settled orders)
 * </pre>
 */
public final class ShippingSchedulerTopology {

    public static final String CALENDAR_STORE = "shipping-carrier-calendars";
    public static final String ORDER_STORE = "shipping-orders";
    public static final String SLOT_STORE = "shipping-slots";
    /**
     * The slot owner's orders, by order id, each with its parcels while they wait for their cut-off (or their carrier): a
     * cut-off reads the orders booked on it from an index in memory built from this store ({@link HeldOrders}).
     */
    public static final String SLOT_ORDER_STORE = "shipping-slot-orders";
    /**
     * Before 2026-12-04, the parcels waiting for their cut-off, apart from their orders, by slot, cut-off and parcel id: read
     * (and emptied) at a slot owner's first step after an upgrade, never written; to be removed in a release after
     * 2026-12-11 (the README's "Upgrading a running pool").
     */
    public static final String LEGACY_PENDING_PARCEL_STORE = "shipping-pending-parcels";
    /** Updates of orders not reserved yet, by order id, for the settled retention ({@link OrderProcessor}). */
    public static final String EARLY_UPDATE_STORE = "shipping-early-updates";
    /** The repartition that tells each order owner that the slot owner settled an order. */
    public static final String SETTLED_ORDERS = "shipping-settled-orders";
    private static final Set<OrderStatus> SETTLING = EnumSet.of(OrderStatus.MANIFESTED, OrderStatus.CANCELLED);

    private final BoundTopics topics;
    private final ShippingSettings settings;
    private final ToIntFunction<String> unitWeightGrams;
    /** The calendar updater's changes, which the order and slot owners' views of the calendars read. */
    private final CalendarChanges calendarChanges = new CalendarChanges();

    public ShippingSchedulerTopology(final BoundTopics topics, final ShippingSettings settings, final ToIntFunction<String> unitWeightGrams) {
        this.topics = topics;
        this.settings = settings;
        this.unitWeightGrams = unitWeightGrams;
    }

    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    /**
     * Adds the service's processing to {@code builder}; returns the status changes it writes to
     * {@code orders.status}, one stream per sub-topology (order owners and slot owners).
     */
    public List<KStream<String, OrderStatusChange>> addTo(final StreamsBuilder builder) {
        final Serde<CarrierCalendarKey> calendarKeys = topics.keySerde(Topics.SHIPPING_CARRIER_CALENDARS);
        final Serde<CarrierCalendar> calendars = topics.valueSerde(Topics.SHIPPING_CARRIER_CALENDARS);
        // The same on-disk form as the GlobalKTable it replaces (timestamped), so existing state directories stay usable.
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(CALENDAR_STORE),
                        calendarKeys, calendars), topics.name(Topics.SHIPPING_CARRIER_CALENDARS),
                topics.consumed(Topics.SHIPPING_CARRIER_CALENDARS).withValueSerde(CalendarTable.validating(calendars)),
                () -> new CalendarTable.Updater(calendarChanges));
        // No cache on the two stores of one record per order: each is written once per step of its order (reserved,
        // booked, settled), steps that never share a commit, so a cache would coalesce nothing and cost every look-up.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE), Serdes.String(),
                ShippingStateSerdes.orders()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(EARLY_UPDATE_STORE, settings.settledRetention(),
                settings.settledRetention(), false), Serdes.String(), topics.valueSerdeAsOn(Topics.ORDERS_UPDATES)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLOT_STORE), Serdes.String(),
                ShippingStateSerdes.slots()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEGACY_PENDING_PARCEL_STORE), Serdes.String(),
                topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLOT_ORDER_STORE), Serdes.String(),
                ShippingStateSerdes.slotOrders(topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS))));
        // Built in this order so the order owners stay the first sub-topology and the slot owners the second.
        final KStream<String, OrderProcessor.Input> orderInputs = orderInputs(builder);
        final KStream<String, OrderStatusChange> slotStatuses = slotOwner(builder);
        final KStream<String, OrderStatusChange> orderStatuses = orderOwner(orderInputs.merge(settledOrders(slotStatuses),
                Named.as("shipping-order-settled-inputs")));
        return List.of(orderStatuses, slotStatuses);
    }

    /**
     * The slot owner's last word on each order, back to its order owner, which forgets an order only
     * {@code settledRetention} after it. Repartitioned like orders.reserved, so each order's owner gets it.
     */
    private KStream<String, OrderProcessor.Input> settledOrders(final KStream<String, OrderStatusChange> slotStatuses) {
        return slotStatuses
                .filter((orderId, change) -> SETTLING.contains(change.getStatus()), Named.as(SETTLED_ORDERS + "-filter"))
                .repartition(Repartitioned.<String, OrderStatusChange>as(SETTLED_ORDERS).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerdeAsOn(Topics.ORDERS_STATUS))
                        .withNumberOfPartitions(Topics.ORDERS_RESERVED.partitions()))
                .mapValues(change -> (OrderProcessor.Input) new OrderProcessor.Input.Settled(change),
                        Named.as(SETTLED_ORDERS + "-in"));
    }

    private KStream<String, OrderProcessor.Input> orderInputs(final StreamsBuilder builder) {
        final KStream<String, OrderProcessor.Input> reserved = builder
                .stream(topics.name(Topics.ORDERS_RESERVED), topics.consumed(Topics.ORDERS_RESERVED))
                .mapValues(order -> (OrderProcessor.Input) new OrderProcessor.Input.Reserved(order), Named.as("shipping-reserved-in"));
        final KStream<String, OrderProcessor.Input> cancellations = builder
                .stream(topics.name(Topics.ORDERS_CANCELLATIONS), topics.consumed(Topics.ORDERS_CANCELLATIONS))
                .mapValues(cancel -> (OrderProcessor.Input) new OrderProcessor.Input.Cancelled(cancel), Named.as("shipping-cancellation-in"));
        final KStream<String, OrderProcessor.Input> updates = builder
                .stream(topics.name(Topics.ORDERS_UPDATES), topics.consumed(Topics.ORDERS_UPDATES))
                .mapValues(update -> (OrderProcessor.Input) new OrderProcessor.Input.Updated(update), Named.as("shipping-update-in"));
        return reserved.merge(cancellations, Named.as("shipping-order-inputs"))
                .merge(updates, Named.as("shipping-order-update-inputs"));
    }

    private KStream<String, OrderStatusChange> orderOwner(final KStream<String, OrderProcessor.Input> inputs) {
        final KStream<String, OrderProcessor.Output> out = inputs
                .process(() -> new OrderProcessor(settings, unitWeightGrams, calendarChanges), Named.as("shipping-order-owner"), ORDER_STORE,
                        EARLY_UPDATE_STORE);
        topics.route(out, OrderProcessor.Output.ToSlot.class, OrderProcessor.Output.ToSlot::command, Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS,
                "shipping-order-to-slots");
        topics.route(out, OrderProcessor.Output.Withdrawn.class, OrderProcessor.Output.Withdrawn::parcel, Topics.SHIPPING_PARCELS,
                "shipping-order-withdrawn");
        return topics.route(out, OrderProcessor.Output.Status.class, OrderProcessor.Output.Status::change, Topics.ORDERS_STATUS,
                "shipping-order-statuses");
    }

    private KStream<String, OrderStatusChange> slotOwner(final StreamsBuilder builder) {
        final KStream<String, SlotProcessor.Output> out = builder
                .stream(topics.name(Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS), topics.consumed(Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS))
                .process(() -> new SlotProcessor(settings, calendarChanges), Named.as("shipping-slot-owner"), SLOT_STORE, LEGACY_PENDING_PARCEL_STORE,
                        SLOT_ORDER_STORE);
        topics.route(out, SlotProcessor.Output.ParcelUpdate.class, SlotProcessor.Output.ParcelUpdate::parcel, Topics.SHIPPING_PARCELS,
                "shipping-slot-parcels");
        topics.route(out, SlotProcessor.Output.Manifest.class, SlotProcessor.Output.Manifest::manifest, Topics.SHIPPING_MANIFESTS,
                "shipping-slot-manifests");
        return topics.route(out, SlotProcessor.Output.Status.class, SlotProcessor.Output.Status::change, Topics.ORDERS_STATUS,
                "shipping-slot-statuses");
    }
}
