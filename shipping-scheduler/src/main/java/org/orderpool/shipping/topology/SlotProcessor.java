package org.orderpool.shipping.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * What the store keeps per order of this slot owner, its parcels with it while they wait to leave. {@code recipient}
     * is the parcels' address as its Avro JSON text (null in entries written before updates were answered), so an update
     * is compared with it even after the parcels left. {@code held} are the parcels as the manifest will carry them, while
     * they are booked on a cut-off or wait for their carrier; empty once they left (manifested or withdrawn); null in an
     * entry written before 2026-12-04, whose parcels were kept apart, in
     * {@link ShippingSchedulerTopology#LEGACY_PENDING_PARCEL_STORE}, until the slot owner's first step moves them in.
     */
    record SlotOrder(String slotKey, String shopId, String shopOrderRef, long cutOffAt, List<String> parcelIds, SlotOrderState state,
                     String manifestId, long updatedAt, String recipient, List<Parcel> held) {
        SlotOrder with(final SlotOrderState newState, final long newCutOffAt, final String newManifestId, final long now,
                       final List<Parcel> newHeld) {
            return new SlotOrder(slotKey, shopId, shopOrderRef, newCutOffAt, parcelIds, newState, newManifestId, now, recipient,
                    newHeld);
        }

        SlotOrder withRecipient(final Address newRecipient, final long now) {
            return new SlotOrder(slotKey, shopId, shopOrderRef, cutOffAt, parcelIds, state, manifestId, now, newRecipient.toString(),
                    held);
        }

        /** The parcels waiting to leave: none once they left. */
        List<Parcel> heldParcels() {
            return held == null ? List.of() : held;
        }

        boolean holdsParcels() {
            return state == SlotOrderState.PENDING || state == SlotOrderState.WAITING;
        }
    }

    private final ShippingSettings settings;
    private final Set<String> slotsWithoutCalendar = new HashSet<>();
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, CarrierSlots.Snapshot> slots;
    private KeyValueStore<String, SlotOrder> slotOrders;
    /** The orders of {@link #slotOrders} that hold parcels, by slot and cut-off: built again whenever the task starts. */
    private HeldOrders held;
    private KeyValueStore<String, Parcel> legacyPending;
    /** Whether {@link #legacyPending} has been emptied into the orders since the task started. */
    private boolean legacyMoved;
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
        this.slotOrders = context.getStateStore(ShippingSchedulerTopology.SLOT_ORDER_STORE);
        this.legacyPending = context.getStateStore(ShippingSchedulerTopology.LEGACY_PENDING_PARCEL_STORE);
        indexHeldOrders();
        this.calendars = new CalendarView(context.getStateStore(ShippingSchedulerTopology.CALENDAR_STORE), calendarChanges,
                context::currentSystemTimeMs);
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::closeAllDueCutOffs);
        context.schedule(settings.settledRetention().dividedBy(24), PunctuationType.WALL_CLOCK_TIME, this::forgetOldOrders);
    }

    /**
     * Builds {@link #held} from the store (restored from its changelog before a task starts; a task started again after a
     * failure builds it again, so it never holds what an aborted transaction wrote).
     */
    private void indexHeldOrders() {
        final long started = System.nanoTime();
        this.held = new HeldOrders();
        this.legacyMoved = false;
        try (KeyValueIterator<String, SlotOrder> all = slotOrders.all()) {
            all.forEachRemaining(entry -> held.move(entry.key, null, entry.value));
        }
        LOG.info("Slot owner: {} order(s) hold parcels, read from {} in {} ms", held.size(), ShippingSchedulerTopology.SLOT_ORDER_STORE,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Moves the parcels a version before 2026-12-04 kept in {@link ShippingSchedulerTopology#LEGACY_PENDING_PARCEL_STORE}
     * into the orders holding them, once, at the slot owner's first step (a command or a punctuation) after it starts; the
     * store is empty afterwards. A parcel found there is its order's whatever key it was kept under; one whose order holds
     * no parcels (or is gone) is named in the log and dropped, as nothing would ever ship it.
     */
    private void moveInLegacyParcels() {
        if (legacyMoved) {
            return;
        }
        legacyMoved = true;
        final List<String> keys = new ArrayList<>();
        final Map<String, List<Parcel>> byOrder = new LinkedHashMap<>();
        try (KeyValueIterator<String, Parcel> all = legacyPending.all()) {
            all.forEachRemaining(entry -> {
                keys.add(entry.key);
                byOrder.computeIfAbsent(entry.value.getOrderId(), orderId -> new ArrayList<>()).add(entry.value);
            });
        }
        if (keys.isEmpty()) {
            return;
        }
        int moved = 0;
        for (final Map.Entry<String, List<Parcel>> parcels : byOrder.entrySet()) {
            final SlotOrder order = slotOrders.get(parcels.getKey());
            if (order != null && order.holdsParcels() && order.held() == null) {
                store(parcels.getKey(), order, order.with(order.state(), order.cutOffAt(), order.manifestId(), order.updatedAt(),
                        List.copyOf(parcels.getValue())));
                moved += parcels.getValue().size();
            } else {
                LOG.warn("Slot owner: parcel(s) {} of order {} were kept for a cut-off, but the order {}: dropped",
                        parcels.getValue().stream().map(Parcel::getParcelId).toList(), parcels.getKey(),
                        order == null ? "is not in " + ShippingSchedulerTopology.SLOT_ORDER_STORE : "is " + order.state());
            }
        }
        keys.forEach(legacyPending::delete);
        LOG.info("Slot owner: moved {} parcel(s) of {} order(s) stored before 2026-12-04 from {} into {}", moved, byOrder.size(),
                ShippingSchedulerTopology.LEGACY_PENDING_PARCEL_STORE, ShippingSchedulerTopology.SLOT_ORDER_STORE);
    }

    @Override
    public void process(final Record<String, SlotCommand> record) {
        moveInLegacyParcels();
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
                forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
            } // else announced on shipping.parcels once it has a cut-off
        }
        final SlotOrderState state = cutOff.isPresent() ? SlotOrderState.PENDING : SlotOrderState.WAITING;
        store(command.getOrderId(), null, new SlotOrder(slotKey, command.getShopId(), command.getShopOrderRef(),
                cutOff.map(Instant::toEpochMilli).orElse(0L), parcelIds, state, null, now.toEpochMilli(),
                command.getParcels().get(0).getRecipient().toString(), List.copyOf(command.getParcels())));
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
        for (final Parcel parcel : order.heldParcels()) {
            parcel.setState(ParcelState.WITHDRAWN);
            forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
        }
        store(command.getOrderId(), order, order.with(SlotOrderState.WITHDRAWN, order.cutOffAt(), null, now.toEpochMilli(), List.of()));
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
        final List<Parcel> parcels = order.heldParcels();
        final ReservedOrderUpdates.Where where = switch (order.state()) {
            case PENDING -> ReservedOrderUpdates.Where.BOOKED;
            case WAITING -> ReservedOrderUpdates.Where.WAITING;
            case MANIFESTED -> ReservedOrderUpdates.Where.MANIFESTED;
            case WITHDRAWN -> ReservedOrderUpdates.Where.WITHDRAWN;
        };
        final ReservedOrderUpdates.Answer answer = ReservedOrderUpdates.decide(where, changes,
                parcels.isEmpty() ? null : parcels.get(0).getRecipient().getCountryCode(),
                recipient == null ? null : recipient.getCountryCode(), order.manifestId(),
                order.cutOffAt() == 0 ? null : Instant.ofEpochMilli(order.cutOffAt()), takenAt);
        if (answer.applied()) {
            for (final Parcel parcel : parcels) {
                parcel.setRecipient(recipient);
                if (order.state() == SlotOrderState.PENDING) {
                    forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
                }
            }
            store(command.getOrderId(), order, order.withRecipient(recipient, now.toEpochMilli()));
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
        moveInLegacyParcels();
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
                rebook(slotKey, move.cutOff().toEpochMilli(), move.to(), now);
            } else if (decision instanceof CarrierSlots.Decision.Wait wait) {
                toWaiting(slotKey, wait.cutOff(), now);
            } else if (decision instanceof CarrierSlots.Decision.Resume resume) {
                LOG.info("The carrier of {} has a cut-off again: the parcels waiting for it go on the cut-off of {}", slotKey,
                        resume.to());
                rebook(slotKey, 0L, resume.to(), now);
            } else {
                issueManifest(slotKey, ((CarrierSlots.Decision.Close) decision).cutOff(), now, cancellations);
            }
        }
        slots.put(slotKey, carrierSlots.snapshot());
    }

    /**
     * Books the parcels booked on {@code from} (0: waiting) on {@code to} and announces each whose cut-off changed: a
     * parcel that waited out a short pause of its carrier and goes back on the cut-off it was announced for has no news.
     */
    private void rebook(final String slotKey, final long from, final Instant to, final Instant now) {
        for (final String orderId : held.at(slotKey, from)) {
            final SlotOrder order = heldOrder(orderId, slotKey, from);
            if (order == null) {
                continue;
            }
            for (final Parcel parcel : order.heldParcels()) {
                final boolean moved = !to.equals(parcel.getCutOffAt());
                parcel.setCutOffAt(to);
                if (moved) {
                    forward(parcel.getParcelId(), new Output.ParcelUpdate(parcel), now);
                }
            }
            store(orderId, order, order.with(SlotOrderState.PENDING, to.toEpochMilli(), null, now.toEpochMilli(), order.held()));
        }
    }

    private void toWaiting(final String slotKey, final Instant cutOff, final Instant now) {
        int parcels = 0;
        for (final String orderId : held.at(slotKey, cutOff.toEpochMilli())) {
            final SlotOrder order = heldOrder(orderId, slotKey, cutOff.toEpochMilli());
            if (order != null) {
                parcels += order.heldParcels().size();
                store(orderId, order, order.with(SlotOrderState.WAITING, 0L, null, now.toEpochMilli(), order.held()));
            }
        }
        LOG.warn("The carrier of {} is paused (no cut-off ahead): the {} parcel(s) of the cut-off of {} wait for it", slotKey,
                parcels, cutOff);
    }

    private void issueManifest(final String slotKey, final Instant cutOff, final Instant now,
                               final Map<String, Instant> cancellations) {
        final Map<String, SlotOrder> orders = new LinkedHashMap<>();
        final Map<Parcel, String> holders = new IdentityHashMap<>();
        final List<Parcel> parcels = new ArrayList<>();
        for (final String orderId : held.at(slotKey, cutOff.toEpochMilli())) {
            final SlotOrder order = heldOrder(orderId, slotKey, cutOff.toEpochMilli());
            if (order != null && !order.heldParcels().isEmpty()) {
                orders.put(orderId, order);
                order.heldParcels().forEach(parcel -> holders.put(parcel, orderId));
                parcels.addAll(order.heldParcels());
            }
        }
        if (parcels.isEmpty()) {
            return; // nothing booked, or everything withdrawn: an empty slot issues nothing
        }
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
        parcels.forEach(parcel -> parcelsPerOrder.merge(holders.get(parcel), 1, Integer::sum));
        parcelsPerOrder.forEach((orderId, count) -> {
            final SlotOrder order = orders.get(orderId);
            store(orderId, order, order.with(SlotOrderState.MANIFESTED, cutOff.toEpochMilli(), manifestId, now.toEpochMilli(), List.of()));
            final Instant cancelledAt = cancellations.get(orderId);
            final String late = cancelledAt == null ? "" : "; the shop's cancellation at " + cancelledAt
                    + " came after the cut-off of " + cutOff + " and is too late: the parcels leave";
            forward(orderId, new Output.Status(Statuses.change(orderId, order.shopId(), order.shopOrderRef(), OrderStatus.MANIFESTED,
                    "shipping.manifested", count + " parcel(s) on manifest " + manifestId + late, now)), now);
        });
        LOG.info("Issued manifest {}: {} parcel(s), {} g", manifestId, lines.size(), totalWeight);
    }

    /**
     * The stored order {@link #held} says holds parcels on {@code slotKey}'s cut-off at {@code cutOffAt} (0: waiting); null
     * (logged, and left out of the index) when the store says otherwise, which would be a bug: the store decides.
     */
    private SlotOrder heldOrder(final String orderId, final String slotKey, final long cutOffAt) {
        final SlotOrder order = slotOrders.get(orderId);
        final boolean there = order != null && order.holdsParcels() && order.slotKey().equals(slotKey)
                && (order.state() == SlotOrderState.WAITING ? 0L : order.cutOffAt()) == cutOffAt;
        if (!there) {
            LOG.error("The index of held parcels has order {} on {} at {}, but {} has {}: left as the store says", orderId, slotKey,
                    cutOffAt, ShippingSchedulerTopology.SLOT_ORDER_STORE, order == null ? "no such order"
                            : order.state() + " on " + order.slotKey() + " at " + order.cutOffAt());
            held.forget(orderId, slotKey, cutOffAt);
            return null;
        }
        return order;
    }

    /** Stores {@code after}, which was {@code before} (null: new), and notes where its parcels are now. */
    private void store(final String orderId, final SlotOrder before, final SlotOrder after) {
        slotOrders.put(orderId, after);
        held.move(orderId, before, after);
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

    /** Where a parcel booked on a cut-off was kept before 2026-12-04: by slot, then cut-off (fixed-width epoch millis), then parcel id. */
    static String legacyPendingKey(final String slotKey, final long cutOffAt, final String parcelId) {
        return slotKey + "|" + String.format(Locale.ROOT, "%015d", cutOffAt) + "|" + parcelId;
    }

    /** Where a parcel waiting for its carrier was kept before 2026-12-04: by slot, then parcel id. */
    static String legacyWaitingKey(final String slotKey, final String parcelId) {
        return slotKey + "|waiting|" + parcelId;
    }

    private void forward(final String key, final Output output, final Instant now) {
        context.forward(new Record<>(key, output, now.toEpochMilli()));
    }
}
