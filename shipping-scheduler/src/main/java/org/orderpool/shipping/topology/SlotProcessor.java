package org.orderpool.shipping.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.carrier.calendar.CutOffCalendar;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.SlotCommandType;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.shipping.domain.CarrierSlots;
import org.orderpool.shipping.domain.ManifestIds;
import org.orderpool.shipping.domain.ReservedOrderUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the slots of the carriers and warehouses of its partitions: books each order's parcels
 * on a cut-off, withdraws them when the shop cancels in time, writes a new shipping address into them when the shop
 * changes it in time, and at each cut-off issues the slot's one manifest. Booking, withdrawing and closing happen
 * in this one task per carrier and warehouse, so a
 * cancellation and a cut-off never race: a parcel is withdrawn or on exactly one manifest, never both.
 * Exactly-once v2 commits each step with its outputs.
 *
 * <p>Time decides: before a command is handled, the slot's cut-offs due by then close (the wall-clock
 * punctuation closes them every {@code checkEvery} too). A cancellation counts at the moment the pool
 * took it (its order owner's clock): one taken at or after its cut-off is too late, even when no
 * punctuation has run since (after a restart, say), and its order's MANIFESTED status says so; one taken
 * before is in time as long as the manifest has not been issued. Parcels of a paused carrier, or of one
 * without a calendar, wait without a cut-off until it has one again. A slot whose cut-offs cannot be
 * reviewed is left as it is, with an error, and the other slots go on.
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

    /** Where an order's parcels stand. WAITING: for a carrier that has no cut-off ahead; {@code cutOffAt} is then 0. */
    enum SlotOrderState { PENDING, WAITING, MANIFESTED, WITHDRAWN }

    /**
     * What the store keeps per order of this slot owner. {@code recipient} is the parcels' address as its Avro JSON text
     * (null in entries written before updates were answered), so an update is compared with it even after the parcels
     * left the store.
     */
    record SlotOrder(String slotKey, String shopId, String shopOrderRef, long cutOffAt, List<String> parcelIds, SlotOrderState state,
                     String manifestId, long updatedAt, String recipient) {
        SlotOrder with(final SlotOrderState newState, final long newCutOffAt, final String newManifestId, final long now) {
            return new SlotOrder(slotKey, shopId, shopOrderRef, newCutOffAt, parcelIds, newState, newManifestId, now, recipient);
        }

        SlotOrder withRecipient(final Address newRecipient, final long now) {
            return new SlotOrder(slotKey, shopId, shopOrderRef, cutOffAt, parcelIds, state, manifestId, now, newRecipient.toString());
        }
    }

    private final ShippingSettings settings;
    private final Set<String> slotsWithoutCalendar = new HashSet<>();
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, CarrierSlots.Snapshot> slots;
    private KeyValueStore<String, Parcel> pending;
    private KeyValueStore<String, SlotOrder> slotOrders;
    private CalendarView calendars;
    private final CalendarChanges calendarChanges;

    SlotProcessor(final ShippingSettings settings, final CalendarChanges calendarChanges) {
        this.settings = settings;
        this.calendarChanges = calendarChanges;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.slots = context.getStateStore(ShippingSchedulerTopology.SLOT_STORE);
        this.pending = context.getStateStore(ShippingSchedulerTopology.PENDING_PARCEL_STORE);
        this.slotOrders = context.getStateStore(ShippingSchedulerTopology.SLOT_ORDER_STORE);
        this.calendars = new CalendarView(context.getStateStore(ShippingSchedulerTopology.CALENDAR_STORE), calendarChanges,
                context::currentSystemTimeMs);
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::closeAllDueCutOffs);
        context.schedule(settings.settledRetention().dividedBy(24), PunctuationType.WALL_CLOCK_TIME, this::forgetOldOrders);
    }

    @Override
    public void process(final Record<String, SlotCommand> record) {
        final SlotCommand command = record.value();
        final Instant wallClock = Instant.ofEpochMilli(context.currentSystemTimeMs());
        switch (command.getType()) {
            case SCHEDULE -> {
                // Both are clocks of the pool: this task's, and the order owner's when it sent the command.
                final Instant now = later(wallClock, command.getRequestedAt());
                closeDueCutOffs(record.key(), now, now, Map.of());
                schedule(record.key(), command, now);
            }
            case CANCEL -> {
                // A cancellation counts when the pool took it (the order owner's clock), however late this task
                // handles it: the cut-offs due by then close first, so it is too late for those, in time for the rest.
                final Instant takenAt = command.getRequestedAt();
                closeDueCutOffs(record.key(), takenAt, later(wallClock, takenAt), Map.of(command.getOrderId(), takenAt));
                cancel(command, takenAt, later(wallClock, takenAt));
            }
            case UPDATE -> {
                // Like a cancellation, an update counts when the pool took it: the cut-offs due by then close first.
                final Instant takenAt = command.getRequestedAt();
                closeDueCutOffs(record.key(), takenAt, later(wallClock, takenAt), Map.of());
                answerUpdate(command, takenAt, later(wallClock, takenAt));
            }
            default -> LOG.warn("Ignoring a slot command of type {} for order {}", command.getType(), command.getOrderId());
        }
    }

    private static Instant later(final Instant one, final Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private void schedule(final String slotKey, final SlotCommand command, final Instant now) {
        if (slotOrders.get(command.getOrderId()) != null) {
            return; // scheduled before: a redelivered command
        }
        final CarrierSlots carrierSlots = slotsOf(slotKey);
        final Optional<CutOffCalendar> calendar = calendars.cutOffs(slotKey);
        final Optional<Instant> cutOff;
        if (calendar.isPresent()) {
            cutOff = carrierSlots.book(now, calendar.get());
        } else {
            carrierSlots.await();
            cutOff = Optional.empty();
        }
        slots.put(slotKey, carrierSlots.snapshot());
        final List<String> parcelIds = new ArrayList<>();
        for (final Parcel parcel : command.getParcels()) {
            parcel.setScheduledAt(now);
            parcel.setState(ParcelState.SCHEDULED);
            parcelIds.add(parcel.getParcelId());
            if (cutOff.isPresent()) {
                parcel.setCutOffAt(cutOff.get());
                pending.put(pendingKey(slotKey, cutOff.get(), parcel.getParcelId()), parcel);
                forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
            } else {
                // announced on shipping.parcels once it has a cut-off
                pending.put(waitingKey(slotKey, parcel.getParcelId()), parcel);
            }
        }
        final SlotOrderState state = cutOff.isPresent() ? SlotOrderState.PENDING : SlotOrderState.WAITING;
        slotOrders.put(command.getOrderId(), new SlotOrder(slotKey, command.getShopId(), command.getShopOrderRef(),
                cutOff.map(Instant::toEpochMilli).orElse(0L), parcelIds, state, null, now.toEpochMilli(),
                command.getParcels().get(0).getRecipient().toString()));
        final Parcel first = command.getParcels().get(0);
        final String service = parcelIds.size() + " parcel(s) with " + first.getCarrierId() + " " + first.getServiceCode()
                + (first.getFallbackReason() == null ? "" : " (" + first.getFallbackReason() + ")");
        final OrderStatusChange status = cutOff.isPresent()
                ? Statuses.change(command.getOrderId(), command.getShopId(), command.getShopOrderRef(), OrderStatus.SCHEDULED,
                        "shipping.scheduled", service + " for the cut-off of " + cutOff.get(), now)
                : Statuses.change(command.getOrderId(), command.getShopId(), command.getShopOrderRef(), OrderStatus.SCHEDULED,
                        "shipping.awaiting-carrier", service + " wait for the carrier: " + (calendar.isPresent()
                                ? "it is paused (its calendar has no pick-up ahead)"
                                : "it has no calendar on shipping.carrier-calendars")
                                + "; they go on its first cut-off once it has one", now);
        forward(command.getOrderId(), new Output.Status(status), now);
    }

    private void cancel(final SlotCommand command, final Instant takenAt, final Instant now) {
        final SlotOrder order = slotOrders.get(command.getOrderId());
        if (order == null) {
            LOG.warn("Cancellation of order {}, which this slot owner never scheduled; ignored", command.getOrderId());
            return;
        }
        if (order.state() == SlotOrderState.MANIFESTED || order.state() == SlotOrderState.WITHDRAWN) {
            LOG.info("Cancellation of order {} at {} comes too late: its parcels are {}{}", command.getOrderId(), takenAt,
                    order.state().name().toLowerCase(Locale.ROOT), order.manifestId() == null ? "" : " on " + order.manifestId());
            return;
        }
        for (final String parcelId : order.parcelIds()) {
            final String key = order.state() == SlotOrderState.WAITING ? waitingKey(order.slotKey(), parcelId)
                    : pendingKey(order.slotKey(), Instant.ofEpochMilli(order.cutOffAt()), parcelId);
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

    /**
     * An update of a reserved order ({@link ReservedOrderUpdates}): a new address is written into the parcels held for
     * their cut-off (and announced again on shipping.parcels when they are booked on one), so the manifest carries it;
     * anything else is refused. Answered once, with the order's status here, unless the update changes nothing.
     */
    private void answerUpdate(final SlotCommand command, final Instant takenAt, final Instant now) {
        final SlotOrder order = slotOrders.get(command.getOrderId());
        final Address recipient = command.getRecipient();
        final List<String> changes = new ArrayList<>();
        if (order != null && order.recipient() != null && recipient != null && !order.recipient().equals(recipient.toString())) {
            changes.add(OrderChanges.SHIPPING_ADDRESS);
        }
        changes.addAll(command.getChanges());
        if (changes.isEmpty()) {
            return; // nothing fulfilment sees: tags, notes, a payment
        }
        if (order == null) {
            // Never scheduled here: its order owner withdrew it (cancelled first, or no carrier could take it).
            forward(command.getOrderId(), new Output.Status(updateAnswer(command, OrderStatus.CANCELLED, UpdateOutcome.REFUSED, changes,
                    ReservedOrderUpdates.ORDER_CANCELLED, "update refused: the order was withdrawn before it was scheduled; nothing"
                            + " ships", now)), now);
            return;
        }
        final List<KeyValue<String, Parcel>> held = new ArrayList<>();
        if (order.state() == SlotOrderState.PENDING || order.state() == SlotOrderState.WAITING) {
            for (final String parcelId : order.parcelIds()) {
                final String key = order.state() == SlotOrderState.WAITING ? waitingKey(order.slotKey(), parcelId)
                        : pendingKey(order.slotKey(), Instant.ofEpochMilli(order.cutOffAt()), parcelId);
                final Parcel parcel = pending.get(key);
                if (parcel != null) {
                    held.add(KeyValue.pair(key, parcel));
                }
            }
        }
        final ReservedOrderUpdates.Where where = switch (order.state()) {
            case PENDING -> ReservedOrderUpdates.Where.BOOKED;
            case WAITING -> ReservedOrderUpdates.Where.WAITING;
            case MANIFESTED -> ReservedOrderUpdates.Where.MANIFESTED;
            case WITHDRAWN -> ReservedOrderUpdates.Where.WITHDRAWN;
        };
        final ReservedOrderUpdates.Answer answer = ReservedOrderUpdates.decide(where, changes,
                held.isEmpty() ? null : held.get(0).value.getRecipient().getCountryCode(),
                recipient == null ? null : recipient.getCountryCode(), order.manifestId(),
                order.cutOffAt() == 0 ? null : Instant.ofEpochMilli(order.cutOffAt()), takenAt);
        if (answer.applied()) {
            for (final KeyValue<String, Parcel> entry : held) {
                entry.value.setRecipient(recipient);
                pending.put(entry.key, entry.value);
                if (order.state() == SlotOrderState.PENDING) {
                    forward(entry.value.getParcelId(), new Output.ParcelUpdate(entry.value), now);
                }
            }
            slotOrders.put(command.getOrderId(), order.withRecipient(recipient, now.toEpochMilli()));
        }
        final OrderStatus status = switch (order.state()) {
            case MANIFESTED -> OrderStatus.MANIFESTED;
            case WITHDRAWN -> OrderStatus.CANCELLED;
            default -> OrderStatus.SCHEDULED;
        };
        forward(command.getOrderId(), new Output.Status(updateAnswer(command, status, answer.applied() ? UpdateOutcome.APPLIED
                : UpdateOutcome.REFUSED, changes, answer.reasonCode(), answer.reason(), now)), now);
    }

    private static OrderStatusChange updateAnswer(final SlotCommand command, final OrderStatus status, final UpdateOutcome outcome,
                                                  final List<String> changes, final String reasonCode, final String reason,
                                                  final Instant now) {
        return StatusChanges.updateAnswer(command.getOrderId(), command.getShopId(), command.getShopOrderRef(), status,
                command.getUpdateId(), outcome, changes, reasonCode, reason, Statuses.SOURCE, now);
    }

    private void closeAllDueCutOffs(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        final List<String> slotKeys = new ArrayList<>();
        try (KeyValueIterator<String, CarrierSlots.Snapshot> iterator = slots.all()) {
            iterator.forEachRemaining(entry -> slotKeys.add(entry.key));
        }
        slotKeys.forEach(slotKey -> closeDueCutOffs(slotKey, now, now, Map.of()));
    }

    /**
     * Closes, moves and resumes what is due in one slot by {@code dueBy}. The decisions are computed
     * before anything is written or sent: when that fails (a calendar the rules cannot compute), the
     * slot stays exactly as it was, the error is logged, and the other slots go on.
     *
     * @param now           when it happens, as the outputs say
     * @param cancellations orders whose cancellation is being handled, and when it came: should their
     *                      cut-off close now, their MANIFESTED status says the cancellation was too late
     */
    private void closeDueCutOffs(final String slotKey, final Instant dueBy, final Instant now,
                                 final Map<String, Instant> cancellations) {
        final CarrierSlots.Snapshot snapshot = slots.get(slotKey);
        if (snapshot == null || !CarrierSlots.restore(snapshot).hasPending()) {
            return;
        }
        final Optional<CutOffCalendar> calendar = calendars.cutOffs(slotKey);
        if (calendar.isEmpty()) {
            if (slotsWithoutCalendar.add(slotKey)) {
                LOG.warn("No valid calendar for {} on shipping.carrier-calendars: its parcels wait until there is one", slotKey);
            }
            return;
        }
        slotsWithoutCalendar.remove(slotKey);
        final CarrierSlots carrierSlots = CarrierSlots.restore(snapshot);
        final List<CarrierSlots.Decision> decisions;
        try {
            decisions = carrierSlots.review(dueBy, calendar.get());
        } catch (final RuntimeException e) {
            LOG.error("The cut-offs of {} cannot be reviewed at {}: its parcels stay as they are, the other slots go on",
                    slotKey, dueBy, e);
            return;
        }
        for (final CarrierSlots.Decision decision : decisions) {
            if (decision instanceof CarrierSlots.Decision.Move move) {
                LOG.info("The calendar of {} no longer has the cut-off of {}: its parcels move to {}", slotKey, move.cutOff(),
                        move.to());
                rebook(parcelsAt(slotKey, move.cutOff()), slotKey, move.to(), now);
            } else if (decision instanceof CarrierSlots.Decision.Wait wait) {
                toWaiting(slotKey, wait.cutOff(), now);
            } else if (decision instanceof CarrierSlots.Decision.Resume resume) {
                LOG.info("The carrier of {} has a cut-off again: the parcels waiting for it go on the cut-off of {}", slotKey,
                        resume.to());
                rebook(waitingAt(slotKey), slotKey, resume.to(), now);
            } else {
                issueManifest(slotKey, ((CarrierSlots.Decision.Close) decision).cutOff(), now, cancellations);
            }
        }
        slots.put(slotKey, carrierSlots.snapshot());
    }

    /**
     * Books {@code entries} (pending or waiting parcels) on {@code to} and announces each whose cut-off changed: a parcel
     * that waited out a short pause of its carrier and goes back on the cut-off it was announced for has no news.
     */
    private void rebook(final List<KeyValue<String, Parcel>> entries, final String slotKey, final Instant to, final Instant now) {
        final Set<String> orders = new LinkedHashSet<>();
        for (final KeyValue<String, Parcel> entry : entries) {
            pending.delete(entry.key);
            final Parcel parcel = entry.value;
            final boolean moved = !to.equals(parcel.getCutOffAt());
            parcel.setCutOffAt(to);
            pending.put(pendingKey(slotKey, to, parcel.getParcelId()), parcel);
            if (moved) {
                forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
            }
            orders.add(parcel.getOrderId());
        }
        orders.forEach(orderId -> update(orderId,
                order -> order.with(SlotOrderState.PENDING, to.toEpochMilli(), null, now.toEpochMilli())));
    }

    private void toWaiting(final String slotKey, final Instant cutOff, final Instant now) {
        final List<KeyValue<String, Parcel>> entries = parcelsAt(slotKey, cutOff);
        LOG.warn("The carrier of {} is paused (no cut-off ahead): the {} parcel(s) of the cut-off of {} wait for it", slotKey,
                entries.size(), cutOff);
        final Set<String> orders = new LinkedHashSet<>();
        for (final KeyValue<String, Parcel> entry : entries) {
            pending.delete(entry.key);
            pending.put(waitingKey(slotKey, entry.value.getParcelId()), entry.value);
            orders.add(entry.value.getOrderId());
        }
        orders.forEach(orderId -> update(orderId, order -> order.with(SlotOrderState.WAITING, 0L, null, now.toEpochMilli())));
    }

    private void issueManifest(final String slotKey, final Instant cutOff, final Instant now,
                               final Map<String, Instant> cancellations) {
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
            final SlotOrder order = update(orderId,
                    o -> o.with(SlotOrderState.MANIFESTED, cutOff.toEpochMilli(), manifestId, now.toEpochMilli()));
            if (order != null) {
                final Instant cancelledAt = cancellations.get(orderId);
                final String late = cancelledAt == null ? "" : "; the shop's cancellation at " + cancelledAt
                        + " came after the cut-off of " + cutOff + " and is too late: the parcels leave";
                forward(orderId, new Output.Status(Statuses.change(orderId, order.shopId(), order.shopOrderRef(), OrderStatus.MANIFESTED,
                        "shipping.manifested", count + " parcel(s) on manifest " + manifestId + late, now)), now);
            }
        });
        entries.forEach(entry -> pending.delete(entry.key));
        LOG.info("Issued manifest {}: {} parcel(s), {} g", manifestId, lines.size(), totalWeight);
    }

    /** Stores the order changed by {@code change} and returns it; null (logged) when this slot owner has no such order. */
    private SlotOrder update(final String orderId, final UnaryOperator<SlotOrder> change) {
        final SlotOrder order = slotOrders.get(orderId);
        if (order == null) {
            LOG.error("Parcels of order {} are booked, but the order is not in {}: its status is not announced",
                    orderId, ShippingSchedulerTopology.SLOT_ORDER_STORE);
            return null;
        }
        final SlotOrder changed = change.apply(order);
        slotOrders.put(orderId, changed);
        return changed;
    }

    private List<KeyValue<String, Parcel>> parcelsAt(final String slotKey, final Instant cutOff) {
        return scan(pendingKey(slotKey, cutOff, ""));
    }

    private List<KeyValue<String, Parcel>> waitingAt(final String slotKey) {
        return scan(waitingKey(slotKey, ""));
    }

    private List<KeyValue<String, Parcel>> scan(final String prefix) {
        final List<KeyValue<String, Parcel>> found = new ArrayList<>();
        try (KeyValueIterator<String, Parcel> iterator = pending.prefixScan(prefix, KEYS)) {
            iterator.forEachRemaining(found::add);
        }
        return found;
    }

    private void forgetOldOrders(final long wallClockMillis) {
        final long oldest = wallClockMillis - settings.settledRetention().toMillis();
        final List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, SlotOrder> all = slotOrders.all()) {
            all.forEachRemaining(entry -> {
                final SlotOrderState state = entry.value.state();
                final boolean settled = state == SlotOrderState.MANIFESTED || state == SlotOrderState.WITHDRAWN;
                if (settled && entry.value.updatedAt() < oldest) {
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

    /** Parcels waiting for their carrier to have a cut-off: by slot, then parcel id. */
    static String waitingKey(final String slotKey, final String parcelId) {
        return slotKey + "|waiting|" + parcelId;
    }

    private void forward(final String key, final Output output, final Instant now) {
        context.forward(new Record<>(key, output, now.toEpochMilli()));
    }
}
