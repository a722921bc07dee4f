package org.orderpool.shipping.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelLine;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ReservedLine;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.SlotCommandType;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.shipping.domain.CarrierOffer;
import org.orderpool.shipping.domain.ParcelPlanner;
import org.orderpool.shipping.domain.ReservedOrderUpdates;
import org.orderpool.shipping.domain.TrackingReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the orders of its partitions: plans each reserved order's parcels once (carrier service,
 * weight split) and sends them to the owner of that carrier's slots; passes a shop's cancellation on to
 * the same owner, which alone knows whether it is still in time, and so the shop's updates of a reserved order.
 * A cancellation that arrives before
 * the reserved order is remembered, and the order is then withdrawn without being scheduled.
 *
 * <p>An order that cannot be planned (no carrier service can deliver it, or planning fails) is withdrawn
 * here: {@code CANCELLED} with its reason, and its parcels {@code WITHDRAWN} so stock-reservation gives
 * its units back. An order is remembered until {@code settledRetention} after the slot owner settled it
 * (manifest or withdrawal, which the slot owner's statuses tell), however long its parcels wait.
 */
final class OrderProcessor implements Processor<String, OrderProcessor.Input, String, OrderProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    /** The carrier of an order no carrier service can deliver: its units are released, it is never scheduled. */
    static final String NO_CARRIER = "none";
    /** The cut-off of a parcel that has none: withdrawn before planning, or waiting for a paused carrier. */
    static final Instant NO_CUT_OFF = Instant.EPOCH;

    /** What reaches an order. */
    sealed interface Input {
        record Reserved(ReservedOrder order) implements Input {
        }

        record Cancelled(OrderCancellation cancellation) implements Input {
        }

        /** A later version of the order from its shop (orders.updates). */
        record Updated(OrderUpdate update) implements Input {
        }

        /** The slot owner's last word on the order: MANIFESTED, or CANCELLED with its parcels withdrawn. */
        record Settled(OrderStatusChange change) implements Input {
        }
    }

    /** What an order says. */
    sealed interface Output {
        /** To the owner of a carrier's slots, keyed by slot. */
        record ToSlot(SlotCommand command) implements Output {
        }

        /** A parcel withdrawn before it was scheduled, keyed by parcel id. */
        record Withdrawn(Parcel parcel) implements Output {
        }

        record Status(OrderStatusChange change) implements Output {
        }
    }

    /**
     * What the store keeps per order. {@code slotKey} is null until the reserved order came. {@code settled}
     * is false while the slot owner holds the order's parcels, true once they are manifested or withdrawn
     * (or were never handed over), and null in entries written before it existed (forgotten as they were:
     * {@code settledRetention} after {@code updatedAt}).
     */
    record ShippingOrder(String slotKey, String shopId, String shopOrderRef, boolean cancelled, long updatedAt, Boolean settled,
                         String shippingMethod, Map<String, Integer> units) {
        ShippingOrder settle(final long now) {
            return new ShippingOrder(slotKey, shopId, shopOrderRef, cancelled, now, true, shippingMethod, units);
        }

        ShippingOrder cancel(final long now) {
            return new ShippingOrder(slotKey, shopId, shopOrderRef, true, now, settled, shippingMethod, units);
        }
    }

    private final ShippingSettings settings;
    private final ParcelPlanner planner;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, ShippingOrder> orders;
    private WindowStore<String, OrderUpdate> earlyUpdates;
    private CalendarView calendars;
    private final CalendarChanges calendarChanges;

    OrderProcessor(final ShippingSettings settings, final ToIntFunction<String> unitWeightGrams,
                   final CalendarChanges calendarChanges) {
        this.settings = settings;
        this.planner = new ParcelPlanner(unitWeightGrams);
        this.calendarChanges = calendarChanges;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.orders = context.getStateStore(ShippingSchedulerTopology.ORDER_STORE);
        this.earlyUpdates = context.getStateStore(ShippingSchedulerTopology.EARLY_UPDATE_STORE);
        this.calendars = new CalendarView(context.getStateStore(ShippingSchedulerTopology.CALENDAR_STORE), calendarChanges,
                context::currentSystemTimeMs);
        context.schedule(settings.settledRetention().dividedBy(24), PunctuationType.WALL_CLOCK_TIME, this::forgetOldOrders);
    }

    @Override
    public void process(final Record<String, Input> record) {
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final String orderId = record.key();
        final ShippingOrder stored = orders.get(orderId);
        if (record.value() instanceof Input.Reserved reserved) {
            onReserved(orderId, stored, reserved.order(), record, now);
        } else if (record.value() instanceof Input.Cancelled cancelled) {
            onCancelled(orderId, stored, cancelled.cancellation(), record, now);
        } else if (record.value() instanceof Input.Updated updated) {
            onUpdated(orderId, stored, updated.update(), record, now);
        } else if (stored != null) {
            orders.put(orderId, stored.settle(now.toEpochMilli()));
        }
    }

    private void onReserved(final String orderId, final ShippingOrder stored, final ReservedOrder reserved, final Record<String, Input> record,
                            final Instant now) {
        if (stored != null && stored.slotKey() != null) {
            return; // the same reserved order again: planned already
        }
        final Order order = reserved.getOrder();
        List<Parcel> parcels;
        String unplannable = null;
        try {
            parcels = plan(reserved, now);
        } catch (final RuntimeException e) {
            LOG.error("Order {} cannot be planned; it is withdrawn and its units go back", orderId, e);
            unplannable = "shipping-scheduler could not plan its parcels (" + e + ")";
            parcels = List.of(unplanned(reserved, unplannable, now));
        }
        final Parcel first = parcels.get(0);
        final String slotKey = CalendarView.slotKey(first.getCarrierId(), first.getWarehouseId());
        final boolean cancelledFirst = stored != null && stored.cancelled();
        final boolean undeliverable = first.getCarrierId().equals(NO_CARRIER);
        // An order withdrawn here counts as cancelled: a later cancellation has nothing left to do.
        orders.put(orderId, new ShippingOrder(slotKey, order.getShopId(), order.getShopOrderRef(), cancelledFirst || undeliverable,
                now.toEpochMilli(), cancelledFirst || undeliverable, order.getShippingMethod().name(), OrderChanges.units(order)));
        final OrderUpdate early = latestEarlyUpdate(orderId, now);
        final List<String> earlyChanges = early == null ? List.of() : OrderChanges.between(order, early.getOrder());
        if (cancelledFirst) {
            withdraw(order, parcels, "shipping.cancelled", "cancelled by the shop before it was scheduled", record, now);
        } else if (unplannable != null) {
            withdraw(order, parcels, "shipping.unplannable", unplannable, record, now);
        } else if (undeliverable) {
            withdraw(order, parcels, "shipping.undeliverable", first.getFallbackReason(), record, now);
        } else {
            final SlotCommand schedule = SlotCommand.newBuilder().setType(SlotCommandType.SCHEDULE).setOrderId(orderId)
                    .setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef()).setParcels(parcels).setRequestedAt(now).build();
            context.forward(new Record<String, Output>(slotKey, new Output.ToSlot(schedule), record.timestamp()));
            if (!earlyChanges.isEmpty()) {
                // An update that came before the reserved order: its slot owner answers it right after the booking.
                forwardUpdate(slotKey, order.getShopId(), order.getShopOrderRef(), early, earlyChanges, record);
            }
            return;
        }
        if (!earlyChanges.isEmpty()) {
            context.forward(new Record<String, Output>(orderId, new Output.Status(StatusChanges.updateAnswer(orderId, order.getShopId(),
                    order.getShopOrderRef(), OrderStatus.CANCELLED, early.getUpdateId(), UpdateOutcome.REFUSED, earlyChanges,
                    ReservedOrderUpdates.ORDER_CANCELLED, "update refused: the order was withdrawn before it was scheduled; nothing ships",
                    Statuses.SOURCE, now)), record.timestamp()));
        }
    }

    /**
     * A later version of the order. Before the reserved order is here it waits in a window store ({@code settledRetention}):
     * stock-reservation may have applied it, or the reserved order, when it comes, answers it. Once the order is here its
     * slot owner answers it, told what changed in the lines and the shipping method (it compares the address itself).
     */
    private void onUpdated(final String orderId, final ShippingOrder stored, final OrderUpdate update, final Record<String, Input> record,
                           final Instant now) {
        if (stored == null || stored.slotKey() == null) {
            earlyUpdates.put(orderId, update, now.toEpochMilli());
            return;
        }
        final List<String> changes = new ArrayList<>();
        if (stored.units() != null && !stored.units().equals(OrderChanges.units(update.getOrder()))) {
            changes.add(OrderChanges.LINES);
        }
        if (stored.shippingMethod() != null && !stored.shippingMethod().equals(update.getOrder().getShippingMethod().name())) {
            changes.add(OrderChanges.SHIPPING_METHOD);
        }
        forwardUpdate(stored.slotKey(), stored.shopId(), stored.shopOrderRef(), update, changes, record);
    }

    /** The update to the order's slot owner, with what changed besides the address; the slot owner compares the address. */
    private void forwardUpdate(final String slotKey, final String shopId, final String shopOrderRef, final OrderUpdate update,
                               final List<String> changes, final Record<String, Input> record) {
        final List<String> others = changes.stream().filter(change -> !change.equals(OrderChanges.SHIPPING_ADDRESS)).toList();
        final SlotCommand command = SlotCommand.newBuilder().setType(SlotCommandType.UPDATE).setOrderId(update.getOrder().getOrderId())
                .setShopId(shopId).setShopOrderRef(shopOrderRef).setUpdateId(update.getUpdateId())
                .setRecipient(update.getOrder().getShippingAddress()).setChanges(others).setRequestedAt(update.getRequestedAt())
                .build();
        context.forward(new Record<String, Output>(slotKey, new Output.ToSlot(command), record.timestamp()));
    }

    /** The latest update of an order that came before its reserved version, within the settled retention, or null. */
    private OrderUpdate latestEarlyUpdate(final String orderId, final Instant now) {
        OrderUpdate latest = null;
        try (WindowStoreIterator<OrderUpdate> updates = earlyUpdates.fetch(orderId,
                now.minus(settings.settledRetention()).toEpochMilli(), now.toEpochMilli())) {
            while (updates.hasNext()) {
                latest = updates.next().value;
            }
        }
        return latest;
    }

    private void onCancelled(final String orderId, final ShippingOrder stored, final OrderCancellation cancellation,
                             final Record<String, Input> record, final Instant now) {
        if (stored == null) {
            orders.put(orderId, new ShippingOrder(null, cancellation.getShopId(), cancellation.getShopOrderRef(), true, now.toEpochMilli(),
                    true, null, null));
        } else if (stored.slotKey() != null && !stored.cancelled()) {
            orders.put(orderId, stored.cancel(now.toEpochMilli()));
            final SlotCommand cancel = SlotCommand.newBuilder().setType(SlotCommandType.CANCEL).setOrderId(orderId)
                    .setShopId(stored.shopId()).setShopOrderRef(stored.shopOrderRef()).setReason(cancellation.getReason())
                    .setRequestedAt(now).build();
            context.forward(new Record<String, Output>(stored.slotKey(), new Output.ToSlot(cancel), record.timestamp()));
        }
    }

    private void withdraw(final Order order, final List<Parcel> parcels, final String reasonCode, final String reason,
                          final Record<String, Input> record, final Instant now) {
        for (final Parcel parcel : parcels) {
            parcel.setState(ParcelState.WITHDRAWN);
            context.forward(new Record<String, Output>(parcel.getParcelId(), new Output.Withdrawn(parcel), record.timestamp()));
        }
        context.forward(new Record<String, Output>(order.getOrderId(), new Output.Status(Statuses.change(order.getOrderId(),
                order.getShopId(), order.getShopOrderRef(), OrderStatus.CANCELLED, reasonCode, reason, now)), record.timestamp()));
    }

    /**
     * The order's parcels with the service chosen; with carrier {@link #NO_CARRIER} when none can deliver
     * it, and with cut-off {@link #NO_CUT_OFF} when its carrier is paused (the slot owner books them).
     */
    private List<Parcel> plan(final ReservedOrder reserved, final Instant now) {
        final Order order = reserved.getOrder();
        if (reserved.getReservedLines().isEmpty()) {
            throw new IllegalArgumentException("the reserved order holds no lines");
        }
        final String warehouseId = reserved.getReservedLines().get(0).getWarehouseId();
        final Map<String, Integer> units = units(reserved);
        final List<CarrierOffer> offers = new ArrayList<>();
        final Set<String> paused = new HashSet<>();
        for (final CarrierCalendar calendar : calendars.atWarehouse(warehouseId)) {
            offers.addAll(CarrierOffer.of(calendar));
            if (nextCutOff(calendar.getCarrierId(), warehouseId, now).isEmpty()) {
                paused.add(calendar.getCarrierId());
            }
        }
        final String country = order.getShippingAddress().getCountryCode();
        final Optional<ParcelPlanner.Plan> plan = planner.plan(units, order.getShippingMethod().name(), country, offers, paused);
        final List<Parcel> parcels = new ArrayList<>();
        if (plan.isEmpty()) {
            parcels.add(parcel(order, warehouseId, 1, 1, NO_CARRIER, "", "no carrier service from " + warehouseId + " delivers to "
                    + country + " with these units", lines(units), 0, NO_CUT_OFF, now));
            return parcels;
        }
        final ParcelPlanner.Plan chosen = plan.get();
        final Instant cutOff = nextCutOff(chosen.offer().carrierId(), warehouseId, now).orElse(NO_CUT_OFF);
        for (final ParcelPlanner.PlannedParcel planned : chosen.parcels()) {
            final List<ParcelLine> lines = planned.items().stream().map(item -> new ParcelLine(item.sku(), item.quantity())).toList();
            parcels.add(parcel(order, warehouseId, planned.number(), chosen.parcels().size(), chosen.offer().carrierId(),
                    chosen.offer().serviceCode(), chosen.fallbackReason().orElse(null), lines, planned.weightGrams(), cutOff, now));
        }
        return parcels;
    }

    private Optional<Instant> nextCutOff(final String carrierId, final String warehouseId, final Instant now) {
        return calendars.cutOffs(CalendarView.slotKey(carrierId, warehouseId)).flatMap(c -> c.nextCutOff(now));
    }

    /** The one withdrawn parcel of an order that could not be planned, holding everything it reserved. */
    private static Parcel unplanned(final ReservedOrder reserved, final String reason, final Instant now) {
        final List<ReservedLine> reservedLines = reserved.getReservedLines();
        final String warehouseId = reservedLines.isEmpty() ? "" : reservedLines.get(0).getWarehouseId();
        final List<ParcelLine> lines = new ArrayList<>();
        reservedLines.forEach(line -> lines.add(new ParcelLine(line.getSku(), line.getQuantity())));
        return parcel(reserved.getOrder(), warehouseId, 1, 1, NO_CARRIER, "", reason, lines, 0, NO_CUT_OFF, now);
    }

    private static Map<String, Integer> units(final ReservedOrder reserved) {
        final Map<String, Integer> units = new LinkedHashMap<>();
        final List<ReservedLine> reservedLines = reserved.getReservedLines();
        final String warehouseId = reservedLines.isEmpty() ? null : reservedLines.get(0).getWarehouseId();
        for (final ReservedLine line : reservedLines) {
            if (!line.getWarehouseId().equals(warehouseId)) {
                LOG.warn("Order {} holds units in warehouses {} and {}; the pool ships from one, so all leave from {}",
                        reserved.getOrder().getOrderId(), warehouseId, line.getWarehouseId(), warehouseId);
            }
            units.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        return units;
    }

    private static List<ParcelLine> lines(final Map<String, Integer> units) {
        final List<ParcelLine> lines = new ArrayList<>();
        units.forEach((sku, quantity) -> lines.add(new ParcelLine(sku, quantity)));
        return lines;
    }

    private static Parcel parcel(final Order order, final String warehouseId, final int number, final int count, final String carrierId,
                                 final String serviceCode, final String fallbackReason, final List<ParcelLine> lines, final int weightGrams,
                                 final Instant cutOff, final Instant now) {
        final String parcelId = order.getOrderId() + "-" + number;
        return Parcel.newBuilder().setParcelId(parcelId).setOrderId(order.getOrderId()).setShopId(order.getShopId())
                .setParcelNumber(number).setParcelCount(count).setCarrierId(carrierId).setWarehouseId(warehouseId)
                .setServiceCode(serviceCode).setFallbackReason(fallbackReason).setRecipient(order.getShippingAddress())
                .setWeightGrams(weightGrams).setLines(lines).setTrackingReference(TrackingReferences.of(carrierId, parcelId))
                .setCutOffAt(cutOff).setScheduledAt(now).setState(ParcelState.SCHEDULED).build();
    }

    /** Forgets orders settled more than {@code settledRetention} ago; never one whose parcels the slot owner still holds. */
    private void forgetOldOrders(final long wallClockMillis) {
        final long oldest = wallClockMillis - settings.settledRetention().toMillis();
        final List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ShippingOrder> all = orders.all()) {
            while (all.hasNext()) {
                final KeyValue<String, ShippingOrder> entry = all.next();
                if (!Boolean.FALSE.equals(entry.value.settled()) && entry.value.updatedAt() < oldest) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(orders::delete);
    }
}
