package org.orderpool.shipping.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.shipping.domain.CarrierSlots;
import org.orderpool.shipping.domain.CutOffCalendar;
import org.orderpool.shipping.domain.ManifestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the slots of the carriers and warehouses of its partitions: books each order's parcels
 * on a cut-off, withdraws them when the shop cancels in time, and at each cut-off (wall-clock
 * punctuation) issues the slot's one manifest. Booking, withdrawing and closing happen in this one
 * task per carrier and warehouse, so a cancellation and a cut-off never race: a parcel is withdrawn or
 * on exactly one manifest, never both. Exactly-once v2 commits each step with its outputs.
 */
final class SlotProcessor implements Processor<String, SlotCommand, String, SlotProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(SlotProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    /** What a slot says. */
    sealed interface Output {
        /** A parcel scheduled, moved or withdrawn, keyed by parcel id. */
        record ParcelUpdate(Parcel parcel) implements Output {
        }

        /** A manifest, keyed by manifest id. */
        record Manifest(ShipmentManifest manifest) implements Output {
        }

        record Status(OrderStatusChange change) implements Output {
        }
    }

    /** Where an order's parcels stand. */
    enum SlotOrderState { PENDING, MANIFESTED, WITHDRAWN }

    /** What the store keeps per order of this slot owner. */
    record SlotOrder(String slotKey, String shopId, String shopOrderRef, long cutOffAt, List<String> parcelIds, SlotOrderState state,
                     String manifestId, long updatedAt) {
        SlotOrder with(final SlotOrderState newState, final long newCutOffAt, final String newManifestId, final long now) {
            return new SlotOrder(slotKey, shopId, shopOrderRef, newCutOffAt, parcelIds, newState, newManifestId, now);
        }
    }

    private final ShippingSettings settings;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, CarrierSlots.Snapshot> slots;
    private KeyValueStore<String, Parcel> pending;
    private KeyValueStore<String, SlotOrder> slotOrders;
    private CalendarView calendars;

    SlotProcessor(final ShippingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.slots = context.getStateStore(ShippingSchedulerTopology.SLOT_STORE);
        this.pending = context.getStateStore(ShippingSchedulerTopology.PENDING_PARCEL_STORE);
        this.slotOrders = context.getStateStore(ShippingSchedulerTopology.SLOT_ORDER_STORE);
        this.calendars = new CalendarView(context.getStateStore(ShippingSchedulerTopology.CALENDAR_STORE));
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::closeDueCutOffs);
        context.schedule(settings.settledRetention().dividedBy(24), PunctuationType.WALL_CLOCK_TIME, this::forgetOldOrders);
    }

    @Override
    public void process(final Record<String, SlotCommand> record) {
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final SlotCommand command = record.value();
        switch (command.getType()) {
            case SCHEDULE -> schedule(record.key(), command, now);
            case CANCEL -> cancel(command, now);
            default -> LOG.warn("Ignoring a slot command of type {} for order {}", command.getType(), command.getOrderId());
        }
    }

    private void schedule(final String slotKey, final SlotCommand command, final Instant now) {
        if (slotOrders.get(command.getOrderId()) != null) {
            return; // scheduled before: a redelivered command
        }
        final CarrierSlots carrierSlots = slotsOf(slotKey);
        final Optional<CutOffCalendar> calendar = calendars.cutOffs(slotKey);
        final Instant cutOff = calendar.isPresent() ? carrierSlots.book(now, calendar.get())
                : carrierSlots.keep(command.getParcels().get(0).getCutOffAt());
        slots.put(slotKey, carrierSlots.snapshot());
        final List<String> parcelIds = new ArrayList<>();
        for (final Parcel parcel : command.getParcels()) {
            parcel.setCutOffAt(cutOff);
            parcel.setScheduledAt(now);
            parcel.setState(ParcelState.SCHEDULED);
            pending.put(pendingKey(slotKey, cutOff, parcel.getParcelId()), parcel);
            parcelIds.add(parcel.getParcelId());
            forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
        }
        slotOrders.put(command.getOrderId(), new SlotOrder(slotKey, command.getShopId(), command.getShopOrderRef(), cutOff.toEpochMilli(),
                parcelIds, SlotOrderState.PENDING, null, now.toEpochMilli()));
        final Parcel first = command.getParcels().get(0);
        final String fallback = first.getFallbackReason() == null ? "" : " (" + first.getFallbackReason() + ")";
        forward(command.getOrderId(), new Output.Status(Statuses.change(command.getOrderId(), command.getShopId(), command.getShopOrderRef(),
                OrderStatus.SCHEDULED, "shipping.scheduled", parcelIds.size() + " parcel(s) with " + first.getCarrierId() + " "
                        + first.getServiceCode() + fallback + " for the cut-off of " + cutOff, now)), now);
    }

    private void cancel(final SlotCommand command, final Instant now) {
        final SlotOrder order = slotOrders.get(command.getOrderId());
        if (order == null) {
            LOG.warn("Cancellation of order {}, which this slot owner never scheduled; ignored", command.getOrderId());
            return;
        }
        if (order.state() != SlotOrderState.PENDING) {
            LOG.info("Cancellation of order {} comes too late: its parcels are {}{}", command.getOrderId(),
                    order.state().name().toLowerCase(Locale.ROOT), order.manifestId() == null ? "" : " on " + order.manifestId());
            return;
        }
        for (final String parcelId : order.parcelIds()) {
            final String key = pendingKey(order.slotKey(), Instant.ofEpochMilli(order.cutOffAt()), parcelId);
            final Parcel parcel = pending.delete(key);
            if (parcel != null) {
                parcel.setState(ParcelState.WITHDRAWN);
                forward(parcelId, new Output.ParcelUpdate(parcel), now);
            }
        }
        slotOrders.put(command.getOrderId(), order.with(SlotOrderState.WITHDRAWN, order.cutOffAt(), null, now.toEpochMilli()));
        final String reason = command.getReason() == null ? "" : ": " + command.getReason();
        forward(command.getOrderId(), new Output.Status(Statuses.change(command.getOrderId(), order.shopId(), order.shopOrderRef(),
                OrderStatus.CANCELLED, "shipping.cancelled", "cancelled by the shop before its cut-off; "
                        + order.parcelIds().size() + " parcel(s) withdrawn" + reason, now)), now);
    }

    private void closeDueCutOffs(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        final List<KeyValue<String, CarrierSlots.Snapshot>> all = new ArrayList<>();
        try (KeyValueIterator<String, CarrierSlots.Snapshot> iterator = slots.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (final KeyValue<String, CarrierSlots.Snapshot> entry : all) {
            final CarrierSlots carrierSlots = CarrierSlots.restore(entry.value);
            if (!carrierSlots.hasPending()) {
                continue;
            }
            final Optional<CutOffCalendar> calendar = calendars.cutOffs(entry.key);
            if (calendar.isEmpty()) {
                LOG.warn("No calendar for {} on shipping.carrier-calendars: its parcels wait until there is one", entry.key);
                continue;
            }
            for (final CarrierSlots.Decision decision : carrierSlots.review(now, calendar.get())) {
                if (decision instanceof CarrierSlots.Decision.Move move) {
                    moveParcels(entry.key, move.cutOff(), move.to(), now);
                } else {
                    issueManifest(entry.key, decision.cutOff(), now);
                }
            }
            slots.put(entry.key, carrierSlots.snapshot());
        }
    }

    private void moveParcels(final String slotKey, final Instant from, final Instant to, final Instant now) {
        LOG.info("The calendar of {} no longer has the cut-off of {}: its parcels move to {}", slotKey, from, to);
        final Map<String, Boolean> orders = new LinkedHashMap<>();
        for (final KeyValue<String, Parcel> entry : parcelsAt(slotKey, from)) {
            pending.delete(entry.key);
            final Parcel parcel = entry.value;
            parcel.setCutOffAt(to);
            pending.put(pendingKey(slotKey, to, parcel.getParcelId()), parcel);
            forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
            orders.put(parcel.getOrderId(), true);
        }
        orders.keySet().forEach(orderId -> {
            final SlotOrder order = slotOrders.get(orderId);
            slotOrders.put(orderId, order.with(order.state(), to.toEpochMilli(), order.manifestId(), now.toEpochMilli()));
        });
    }

    private void issueManifest(final String slotKey, final Instant cutOff, final Instant now) {
        final List<KeyValue<String, Parcel>> entries = parcelsAt(slotKey, cutOff);
        if (entries.isEmpty()) {
            return; // nothing booked, or everything withdrawn: an empty slot issues nothing
        }
        final List<Parcel> parcels = new ArrayList<>(entries.stream().map(entry -> entry.value).toList());
        parcels.sort(Comparator.comparing(Parcel::getParcelId));
        final Parcel first = parcels.get(0);
        final String manifestId = ManifestIds.of(first.getCarrierId(), first.getWarehouseId(), cutOff);
        final List<ManifestParcel> lines = new ArrayList<>();
        long totalWeight = 0;
        for (final Parcel parcel : parcels) {
            lines.add(ManifestParcel.newBuilder().setParcelId(parcel.getParcelId()).setOrderId(parcel.getOrderId())
                    .setShopId(parcel.getShopId()).setRecipient(parcel.getRecipient()).setWeightGrams(parcel.getWeightGrams())
                    .setServiceCode(parcel.getServiceCode()).setTrackingReference(parcel.getTrackingReference())
                    .setLines(parcel.getLines()).build());
            totalWeight += parcel.getWeightGrams();
        }
        forward(manifestId, new Output.Manifest(ShipmentManifest.newBuilder().setManifestId(manifestId).setCarrierId(first.getCarrierId())
                .setWarehouseId(first.getWarehouseId()).setCutOffAt(cutOff).setParcels(lines).setParcelCount(lines.size())
                .setTotalWeightGrams(totalWeight).setIssuedAt(now).build()), now);
        final Map<String, Integer> parcelsPerOrder = new LinkedHashMap<>();
        parcels.forEach(parcel -> parcelsPerOrder.merge(parcel.getOrderId(), 1, Integer::sum));
        parcelsPerOrder.forEach((orderId, count) -> {
            final SlotOrder order = slotOrders.get(orderId);
            slotOrders.put(orderId, order.with(SlotOrderState.MANIFESTED, cutOff.toEpochMilli(), manifestId, now.toEpochMilli()));
            forward(orderId, new Output.Status(Statuses.change(orderId, order.shopId(), order.shopOrderRef(), OrderStatus.MANIFESTED,
                    "shipping.manifested", count + " parcel(s) on manifest " + manifestId, now)), now);
        });
        entries.forEach(entry -> pending.delete(entry.key));
        LOG.info("Issued manifest {}: {} parcel(s), {} g", manifestId, lines.size(), totalWeight);
    }

    private List<KeyValue<String, Parcel>> parcelsAt(final String slotKey, final Instant cutOff) {
        final List<KeyValue<String, Parcel>> found = new ArrayList<>();
        try (KeyValueIterator<String, Parcel> iterator = pending.prefixScan(pendingKey(slotKey, cutOff, ""), KEYS)) {
            iterator.forEachRemaining(found::add);
        }
        return found;
    }

    private void forgetOldOrders(final long wallClockMillis) {
        final long oldest = wallClockMillis - settings.settledRetention().toMillis();
        final List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, SlotOrder> all = slotOrders.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.state() != SlotOrderState.PENDING && entry.value.updatedAt() < oldest) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(slotOrders::delete);
    }

    private CarrierSlots slotsOf(final String slotKey) {
        final CarrierSlots.Snapshot snapshot = slots.get(slotKey);
        return snapshot == null ? CarrierSlots.empty() : CarrierSlots.restore(snapshot);
    }

    /** Pending parcels sort by slot, then cut-off (fixed-width epoch millis), then parcel id. */
    static String pendingKey(final String slotKey, final Instant cutOff, final String parcelId) {
        return slotKey + "|" + String.format(Locale.ROOT, "%015d", cutOff.toEpochMilli()) + "|" + parcelId;
    }

    private void forward(final String key, final Output output, final Instant now) {
        context.forward(new Record<>(key, output, now.toEpochMilli()));
    }
}
