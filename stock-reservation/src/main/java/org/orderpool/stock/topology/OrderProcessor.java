package org.orderpool.stock.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.ReservedLine;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.StockMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the orders of its partitions: starts a reservation for each cleared order (once; see below for an order
 * with one SKU),
 * gathers its SKUs' answers, cancels, applies the shop's updates until the order is reserved, books shipped units out,
 * and ends waits that outlast the shop's
 * limit (wall-clock punctuation). Settled orders are forgotten after the retention, so state is bounded.
 * The punctuation visits only the orders whose time has come ({@link DueOrders}), and an order is
 * written only when an event changed it.
 *
 * <p>One store record per order ({@link StockReservationTopology#ORDER_STORE}): its reservation and the cleared order as
 * the shop last updated it, together ({@link StoredOrderSerde}). Under exactly-once an order with one SKU is not stored
 * when it is cleared: its request carries the cleared order to the SKU's owner, which announces it and brings it back in
 * its answer, and the order's record starts with that answer (one write of the order instead of two). Until then a
 * cancellation is kept as a cancellation that came first, and an update as an early one, and both are decided when the
 * answer comes, as for an order stored while its SKU announces it ({@link OrderReservation#awaitsAnnouncement()}). An order
 * with one SKU that its SKU's owner read from orders.cleared itself ({@link ClearedOrderRouter}) comes here first as such an
 * answer, under either guarantee, with whatever came before it kept the same way. Which
 * orders are out so is known in memory ({@link #sentUnstored}), so a cleared order read again meanwhile is ignored as it
 * is once the order is stored. An order stored by a version before 2026-12 has its
 * cleared order in {@link StockReservationTopology#LEGACY_CLEARED_STORE} instead: it is read from there, moved into the
 * order when the order is next written, and deleted there when the order is forgotten. Nothing else is written there.
 */
final class OrderProcessor implements Processor<String, OrderProcessor.Input, String, OrderProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    static final String SOURCE = "stock-reservation";
    static final String UPDATE_APPLIED = "stock.update_applied";
    static final String UPDATE_REFUSED = "stock.update_refused";
    /** How far past now an update waiting for its order's answer may be kept (each a millisecond after the one before). */
    private static final Duration KEPT_AHEAD = Duration.ofMinutes(1);
    private static final int SENT_UNSTORED_LIMIT = 10_000;

    /** What reaches an order. */
    sealed interface Input {
        record Cleared(ClearedOrder order) implements Input {
        }

        record Cancelled(OrderCancellation cancellation) implements Input {
        }

        record Event(StockCommand command) implements Input {
        }

        record Updated(OrderUpdate update) implements Input {
        }
    }

    /** What an order says. */
    sealed interface Output {
        record ToSku(StockCommand command) implements Output {
        }

        record Status(OrderStatusChange change) implements Output {
        }

        record Reserved(ReservedOrder order) implements Output {
        }
    }

    /**
     * What the store keeps per order: its reservation and its cleared order as the shop last updated it, or only the fact
     * that a cancellation came first (before the order was cleared, or while its one SKU's answer was out and the order
     * unstored). {@code order} is null for such a cancellation, and for an order stored by a version that kept it in
     * {@link StockReservationTopology#LEGACY_CLEARED_STORE}.
     */
    record StoredOrder(OrderReservation.Snapshot reservation, boolean cancelledBeforeCleared, long updatedAt,
                       ClearedOrder order) {

        /** Without its cleared order: a cancellation that came first, or an order as an earlier version stored it. */
        StoredOrder(final OrderReservation.Snapshot reservation, final boolean cancelledBeforeCleared, final long updatedAt) {
            this(reservation, cancelledBeforeCleared, updatedAt, null);
        }
    }

    private final StockSettings settings;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, StoredOrder> orders;
    /** Read and emptied, never filled: remove in a release after 2026-12-10 (see {@link StockReservationTopology}). */
    private KeyValueStore<String, ClearedOrder> legacyClearedOrders;
    private WindowStore<String, OrderUpdate> earlyUpdates;
    private DueOrders due;
    private boolean indexChecked;
    /**
     * Whether an order with one SKU is left unstored until its SKU's answer: under exactly-once only, where its SKU's owner
     * announces it and answers its request once. At least once, the order is stored when it is cleared, as before.
     */
    private boolean storesOnAnswer;
    /**
     * The orders sent unstored to their SKU whose answer has not come, as far as this task knows since it last started: a
     * cleared order read again meanwhile is one already being reserved. Emptied whenever the task (re)starts, since the
     * transactions that sent them may have been aborted and their cleared orders are then read again (a task that
     * Kafka Streams revives after an aborted transaction keeps its processors and initialises them anew). So a cleared
     * order read again between a start of the task and its answer is not known as such; orders.cleared carries each order
     * once under exactly-once, the only guarantee this applies to. Bounded: an answer comes within milliseconds, so only
     * an order whose request or answer went to the dead-letter topic stays, until {@link #SENT_UNSTORED_LIMIT} newer
     * ones push it out (about a megabyte at most).
     */
    private final Set<String> sentUnstored = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > SENT_UNSTORED_LIMIT;
        }
    });

    OrderProcessor(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.orders = context.getStateStore(StockReservationTopology.ORDER_STORE);
        this.legacyClearedOrders = context.getStateStore(StockReservationTopology.LEGACY_CLEARED_STORE);
        this.earlyUpdates = context.getStateStore(StockReservationTopology.EARLY_UPDATE_STORE);
        this.due = new DueOrders(context.getStateStore(StockReservationTopology.DUE_STORE));
        this.storesOnAnswer = SkuProcessor.announcesUnder(context.appConfigs());
        this.sentUnstored.clear();
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::handleDueOrders);
    }

    @Override
    public void process(final Record<String, Input> record) {
        final String orderId = record.key();
        final StoredOrder stored = orders.get(orderId);
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof Input.Cleared cleared) {
            onCleared(orderId, stored, cleared.order(), record, now);
        } else if (record.value() instanceof Input.Updated updated) {
            onUpdated(orderId, stored, updated.update(), record, now);
        } else if (record.value() instanceof Input.Cancelled) {
            if (stored == null) {
                store(orderId, null, new StoredOrder(null, true, now.toEpochMilli()));
            } else if (stored.reservation() != null) {
                handle(orderId, stored, record, now, OrderReservation::onCancel);
            }
        } else {
            onEvent(orderId, stored, ((Input.Event) record.value()).command(), record, now);
        }
    }

    private void onCleared(final String orderId, final StoredOrder stored, final ClearedOrder cleared, final Record<String, Input> record,
                           final Instant now) {
        if (stored != null && !stored.cancelledBeforeCleared() || sentUnstored.contains(orderId)) {
            return; // the same cleared order again: it is being reserved already
        }
        // An update that came while the order was at fraud-check: the order is reserved as the shop last sent it.
        final OrderUpdate early = stored == null ? latestEarlyUpdate(orderId, now) : null;
        final List<String> changes = early == null ? List.of() : OrderChanges.between(cleared.getOrder(), early.getOrder());
        final ClearedOrder current = changes.isEmpty() ? cleared : ClearedOrder.newBuilder(cleared).setOrder(early.getOrder()).build();
        final List<StockMessage> requests = new ArrayList<>();
        final OrderReservation reservation = startReservation(orderId, current, requests);
        if (!changes.isEmpty()) {
            forwardAnswer(orderId, OrderStatus.CLEARED, early, UpdateOutcome.APPLIED, changes, UPDATE_APPLIED,
                    "update applied before reservation (it came while the order was at fraud-check): " + String.join(", ", changes)
                            + "; the order is reserved as updated", record, now);
        }
        if (stored != null) {
            // The shop cancelled before the order was cleared: it ends here, without holding a unit.
            final OrderReservation.Step cancelled = reservation.cancelBeforeAsking();
            save(orderId, stored, current, reservation, now);
            cancelled.status().ifPresent(change -> forwardStatus(orderId, current, change, record, now));
            return;
        }
        if (storesOnAnswer && reservation.awaitsAnnouncement()) {
            // Its one SKU announces it and brings the order back: stored then. The updates kept before now are in it.
            if (early != null) {
                forgetEarlyUpdates(orderId, now);
            }
            sentUnstored.add(orderId);
            forwardMessages(requests, current, record, true);
            return;
        }
        save(orderId, null, current, reservation, now);
        forwardMessages(requests, current, record, false);
    }

    /** The order's first attempt, its units per SKU (lines of the same SKU added up); its requests go to {@code requests}. */
    private OrderReservation startReservation(final String orderId, final ClearedOrder cleared, final List<StockMessage> requests) {
        return startReservation(settings, orderId, cleared, requests);
    }

    /** {@link #startReservation(String, ClearedOrder, List)} under {@code settings} (also {@link ClearedOrderRouter}'s). */
    static OrderReservation startReservation(final StockSettings settings, final String orderId, final ClearedOrder cleared,
                                             final List<StockMessage> requests) {
        final Map<String, Integer> lines = new LinkedHashMap<>();
        for (final OrderLine line : cleared.getOrder().getLines()) {
            lines.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        final String shopId = cleared.getOrder().getShopId();
        return OrderReservation.start(orderId, shopId, lines, settings.policyOf(shopId), requests);
    }

    /**
     * The answer of the SKU an order with one SKU was sent to unstored ({@link #storesOnAnswer}): the order's record starts
     * here, as its owner would have stored it when it asked, with what came meanwhile: a cancellation (kept as one that
     * came first) and the updates kept since. Then the answer is handled as for a stored order.
     */
    private void onAnswerOfUnstoredOrder(final String orderId, final StoredOrder cancelledMeanwhile, final StockCommand answer,
                                         final Record<String, Input> record, final Instant now) {
        final ClearedOrder cleared = answer.getCleared();
        final OrderReservation reservation = startReservation(orderId, cleared, new ArrayList<>()); // its request went out
        if (cancelledMeanwhile != null) {
            reservation.onCancel(); // decided by the answer: shipping-scheduler's if the units were held, here if not
        }
        firstKeptUpdateAt(orderId, now).ifPresent(reservation::deferUpdate);
        final StoredOrder asked = new StoredOrder(reservation.snapshot(), false, now.toEpochMilli(), cleared);
        handle(orderId, cancelledMeanwhile, asked, record, now,
                r -> r.onOutcome((StockMessage.LineOutcome) StockCommands.fromAvro(answer), now));
    }

    /**
     * A later version of the order from its shop. Before the order is reserved it replaces the order (lines, address,
     * shipping method) and is answered APPLIED; once reserved, shipping-scheduler holds the order and answers (only a new
     * address before the cut-off is applied); an order that ended here (out of stock, cancelled before its reservation)
     * refuses it. An update that changes nothing for fulfilment (tags, notes, payment) is answered by nobody. One that
     * comes before the order is stored waits in a window store (forgotten after the settled retention): for the cleared
     * order, or for the answer of the SKU the order was sent to unstored, which then handles each in turn.
     */
    private void onUpdated(final String orderId, final StoredOrder stored, final OrderUpdate update, final Record<String, Input> record,
                           final Instant now) {
        if (stored == null) {
            keep(orderId, update, now);
            return;
        }
        if (stored.reservation() == null) {
            // Cancelled before it was stored: it ends CANCELLED when it is cleared, whatever its version, and the update is
            // answered by nobody; if it is out unstored to its SKU, the answer decides the cancellation, then this update
            // (refused if the order ends here). Kept in both cases: this owner cannot tell them apart.
            keep(orderId, update, now);
            return;
        }
        final ClearedOrder cleared = clearedOrderOf(orderId, stored);
        final OrderReservation reservation = OrderReservation.restore(stored.reservation());
        if (reservation.awaitsAnnouncement()) {
            // Its SKU may be announcing it reserved as it stands: kept until the answer says (then shipping-scheduler's, or
            // handled here as now), whatever it changes: it is compared with the version before it when it is handled, and
            // that may be an update waiting too (one that changes an address back is a change after one that changed it).
            reservation.deferUpdate(keep(orderId, update, now));
            save(orderId, stored, cleared, reservation, now);
            return;
        }
        final List<String> changes = OrderChanges.between(cleared.getOrder(), update.getOrder());
        if (changes.isEmpty() || reservation.state().wasReserved()) {
            return; // nothing that fulfilment sees, or shipping-scheduler's to answer
        }
        final OrderStatus before = switch (reservation.state()) {
            case PENDING -> OrderStatus.CLEARED;
            case BACKORDERED -> OrderStatus.BACKORDERED;
            case OUT_OF_STOCK -> OrderStatus.OUT_OF_STOCK;
            default -> OrderStatus.CANCELLED;
        };
        // The same units: only the order's address or method changes, its reservation goes on as it is.
        final Optional<OrderReservation.Step> replaced = reservation.state().isSettled() ? Optional.empty()
                : changes.contains(OrderChanges.LINES) ? reservation.onReplaced(OrderChanges.units(update.getOrder()))
                : Optional.of(OrderReservation.Step.nothing());
        if (replaced.isEmpty()) {
            forwardAnswer(orderId, before, update, UpdateOutcome.REFUSED, changes, UPDATE_REFUSED, "update refused: the order ended "
                    + before + " before the update came; nothing changes", record, now);
            return;
        }
        final ClearedOrder updated = ClearedOrder.newBuilder(cleared).setOrder(update.getOrder()).build();
        save(orderId, stored, updated, reservation, now);
        forwardMessages(replaced.get().messages(), updated, record, false);
        forwardAnswer(orderId, before, update, UpdateOutcome.APPLIED, changes, UPDATE_APPLIED, "update applied before reservation: "
                + String.join(", ", changes) + "; the order is reserved as updated", record, now);
    }

    /** The latest update of an order that came before its cleared version, within the settled retention, or null. */
    private OrderUpdate latestEarlyUpdate(final String orderId, final Instant now) {
        OrderUpdate latest = null;
        try (WindowStoreIterator<OrderUpdate> updates = keptUpdates(orderId, now)) {
            while (updates.hasNext()) {
                latest = updates.next().value;
            }
        }
        return latest;
    }

    /**
     * Deletes the order's early updates: the latest is in the order now. Only those there are (a delete of an absent entry
     * writes a tombstone); called only for an order updated while at fraud-check.
     */
    private void forgetEarlyUpdates(final String orderId, final Instant now) {
        final List<Long> kept = new ArrayList<>();
        try (WindowStoreIterator<OrderUpdate> updates = keptUpdates(orderId, now)) {
            updates.forEachRemaining(update -> kept.add(update.key));
        }
        kept.forEach(at -> earlyUpdates.put(orderId, null, at));
    }

    /** When the first update kept for the order is, if one is. */
    private Optional<Instant> firstKeptUpdateAt(final String orderId, final Instant now) {
        try (WindowStoreIterator<OrderUpdate> updates = keptUpdates(orderId, now)) {
            return updates.hasNext() ? Optional.of(Instant.ofEpochMilli(updates.next().key)) : Optional.empty();
        }
    }

    private void forwardAnswer(final String orderId, final OrderStatus status, final OrderUpdate update, final UpdateOutcome outcome,
                               final List<String> changes, final String reasonCode, final String reason,
                               final Record<String, Input> cause, final Instant now) {
        final Order order = update.getOrder();
        final OrderStatusChange answer = StatusChanges.updateAnswer(orderId, order.getShopId(), order.getShopOrderRef(), status,
                update.getUpdateId(), outcome, changes, reasonCode, reason, SOURCE, now);
        context.forward(new Record<String, Output>(orderId, new Output.Status(answer), cause.timestamp()));
    }

    private void onEvent(final String orderId, final StoredOrder stored, final StockCommand command, final Record<String, Input> record,
                         final Instant now) {
        if (command.getType() == StockCommandType.ORDER_CLEARED && command.getCleared() != null) {
            onCleared(orderId, stored, command.getCleared(), record, now); // read on a partition another task owns
            return;
        }
        if (stored == null || stored.reservation() == null) {
            if (command.getType() == StockCommandType.LINE_OUTCOME && command.getCleared() != null) {
                sentUnstored.remove(orderId);
                if (command.getAttempt() == 1) {
                    onAnswerOfUnstoredOrder(orderId, stored, command, record, now);
                    return;
                }
                LOG.error("Order {} was sent unstored to SKU {} for attempt {}: only a first attempt is", orderId, command.getSku(),
                        command.getAttempt());
            }
            if (command.getHeld()) {
                forwardMessages(List.of(new StockMessage.ReleaseLine(orderId, command.getSku(), StockMessage.ANY_ATTEMPT)), null, record,
                        false);
            }
            LOG.warn("Ignoring {} for order {}, which stock-reservation does not know", command.getType(), orderId);
            return;
        }
        switch (command.getType()) {
            case LINE_OUTCOME -> handle(orderId, stored, record, now,
                    r -> r.onOutcome((StockMessage.LineOutcome) StockCommands.fromAvro(command), now));
            case RETRY_ORDER -> handle(orderId, stored, record, now, OrderReservation::onRetry);
            case CONSUME_LINE -> handle(orderId, stored, record, now,
                    r -> r.onShipped(command.getReference(), command.getSku(), command.getQuantity()));
            case ORDER_WITHDRAWN -> handle(orderId, stored, record, now, OrderReservation::onWithdrawn);
            default -> LOG.warn("Ignoring a {} addressed to order {}", command.getType(), orderId);
        }
    }

    private void handle(final String orderId, final StoredOrder stored, final Record<String, Input> record,
                        final Instant now, final Function<OrderReservation, OrderReservation.Step> event) {
        handle(orderId, stored, stored, record, now, event);
    }

    /**
     * Applies {@code event} to the order as {@code current} holds it, and stores it if it changed; {@code stored} is what
     * the store holds for it (the same, but for an order whose record starts with its SKU's answer).
     */
    private void handle(final String orderId, final StoredOrder stored, final StoredOrder current, final Record<String, Input> record,
                        final Instant now, final Function<OrderReservation, OrderReservation.Step> event) {
        final OrderReservation reservation = OrderReservation.restore(current.reservation());
        final OrderReservation.Step step = event.apply(reservation);
        final Optional<Instant> deferredUpdatesSince = reservation.takeDeferredUpdates();
        final boolean changed = current != stored || !reservation.snapshot().equals(current.reservation());
        final ClearedOrder cleared = changed || step.status().isPresent() ? clearedOrderOf(orderId, current) : null;
        if (changed) {
            save(orderId, stored, cleared, reservation, now);
        }
        forwardMessages(step.messages(), cleared, record, false);
        step.status().filter(change -> !change.announcedBySku()).ifPresent(change -> {
            forwardStatus(orderId, cleared, change, record, now);
            if (change.state() == OrderReservation.State.RESERVED) {
                forwardReserved(orderId, cleared, reservation, record, now);
            }
        });
        deferredUpdatesSince.ifPresent(since -> handleDeferredUpdates(orderId, since, record, now));
    }

    /**
     * The updates that waited for the answer that came, in the order they came: shipping-scheduler's if the order is
     * reserved now, answered here if not. One that makes the order ask its SKU again (new lines) leaves the rest waiting,
     * where they are kept, for that answer.
     */
    private void handleDeferredUpdates(final String orderId, final Instant since, final Record<String, Input> record, final Instant now) {
        final List<KeyValue<Long, OrderUpdate>> kept = new ArrayList<>();
        try (WindowStoreIterator<OrderUpdate> iterator = earlyUpdates.fetch(orderId, since.toEpochMilli(),
                now.plus(KEPT_AHEAD).toEpochMilli())) {
            iterator.forEachRemaining(kept::add);
        }
        for (final KeyValue<Long, OrderUpdate> update : kept) {
            final StoredOrder stored = orders.get(orderId);
            final OrderReservation reservation = OrderReservation.restore(stored.reservation());
            if (reservation.awaitsAnnouncement()) {
                reservation.deferUpdate(Instant.ofEpochMilli(update.key));
                save(orderId, stored, clearedOrderOf(orderId, stored), reservation, now);
                return;
            }
            onUpdated(orderId, stored, update.value, record, now);
        }
    }

    /**
     * Keeps the update for later, at a time of its own after the last one kept for the order (two updates processed in the
     * same millisecond would otherwise share one entry of the window store, and one would never be answered); returns it.
     */
    private Instant keep(final String orderId, final OrderUpdate update, final Instant now) {
        final long at = Math.max(now.toEpochMilli(), lastKeptUpdateAt(orderId, now) + 1);
        earlyUpdates.put(orderId, update, at);
        return Instant.ofEpochMilli(at);
    }

    /** The updates kept for the order, earliest first: within the settled retention, up to the ones kept ahead of now. */
    private WindowStoreIterator<OrderUpdate> keptUpdates(final String orderId, final Instant now) {
        return earlyUpdates.fetch(orderId, now.minus(settings.settledRetention()).toEpochMilli(), now.plus(KEPT_AHEAD).toEpochMilli());
    }

    /** When the last update kept for the order is, or {@code Long.MIN_VALUE / 2} when none is. */
    private long lastKeptUpdateAt(final String orderId, final Instant now) {
        try (WindowStoreIterator<OrderUpdate> latestFirst = earlyUpdates.backwardFetch(orderId,
                now.minus(settings.settledRetention()).toEpochMilli(), now.plus(KEPT_AHEAD).toEpochMilli())) {
            return latestFirst.hasNext() ? latestFirst.next().key : Long.MIN_VALUE / 2;
        }
    }

    /** Ends the waits that reached their shop's limit and forgets the orders settled longer ago than the retention. */
    private void handleDueOrders(final long wallClockMillis) {
        if (!indexChecked) {
            due.indexOnce(orders);
            indexChecked = true;
        }
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        for (final DueOrders.Entry entry : due.dueBefore(DueOrders.Kind.WAIT_ENDS, wallClockMillis)) {
            final StoredOrder stored = orders.get(entry.orderId());
            if (isStale(entry, stored)) {
                continue;
            }
            final Record<String, Input> tick = new Record<>(entry.orderId(), null, wallClockMillis);
            handle(entry.orderId(), stored, tick, now, reservation -> reservation.onTime(now));
        }
        final long settledBefore = now.minus(settings.settledRetention()).toEpochMilli();
        for (final DueOrders.Entry entry : due.dueBefore(DueOrders.Kind.SETTLED, settledBefore)) {
            final StoredOrder stored = orders.get(entry.orderId());
            if (!isStale(entry, stored)) {
                orders.delete(entry.orderId());
                if (hasLegacyClearedOrder(stored) && legacyClearedOrders.get(entry.orderId()) != null) {
                    legacyClearedOrders.delete(entry.orderId()); // only if there: a delete of an absent key writes a tombstone
                }
                due.update(entry.orderId(), stored, null);
            }
        }
    }

    /** An entry that no longer matches its order (the index is kept with the orders, so only after a bug): dropped. */
    private boolean isStale(final DueOrders.Entry entry, final StoredOrder stored) {
        if (DueOrders.of(stored).filter(entry.due()::equals).isPresent()) {
            return false;
        }
        LOG.warn("Dropping a due-time entry that does not match order {}", entry.orderId());
        due.remove(entry);
        return true;
    }

    /**
     * Stores the order with its cleared order inside; one an earlier version stored has its cleared order moved out of the
     * legacy store, which it was read from.
     */
    private void save(final String orderId, final StoredOrder before, final ClearedOrder cleared,
                      final OrderReservation reservation, final Instant now) {
        store(orderId, before, new StoredOrder(reservation.snapshot(), false, now.toEpochMilli(), cleared));
        if (cleared != null && hasLegacyClearedOrder(before)) {
            legacyClearedOrders.delete(orderId);
        }
    }

    /** The order's cleared order as the shop last updated it: inside it, or for an earlier version's, in the legacy store. */
    private ClearedOrder clearedOrderOf(final String orderId, final StoredOrder stored) {
        return stored.order() != null ? stored.order() : legacyClearedOrders.get(orderId);
    }

    /**
     * Whether the order was stored by a version that kept its cleared order in the legacy store: a reservation without an
     * embedded order. (This version stores every reservation with its order and writes nothing to the legacy store.)
     */
    private static boolean hasLegacyClearedOrder(final StoredOrder stored) {
        return stored != null && stored.reservation() != null && stored.order() == null;
    }

    private void store(final String orderId, final StoredOrder before, final StoredOrder after) {
        orders.put(orderId, after);
        due.update(orderId, before, after);
    }

    /**
     * Sends the messages to their SKUs; a request that asks its SKU to announce the order carries {@code cleared}'s order,
     * which that SKU's owner puts on orders.reserved, or, for an order not stored ({@code unstored}), the cleared order
     * itself, which the SKU's answer brings back.
     */
    private void forwardMessages(final List<StockMessage> messages, final ClearedOrder cleared, final Record<String, Input> cause,
                                 final boolean unstored) {
        for (final StockMessage message : messages) {
            final StockMessage.ToSku toSku = (StockMessage.ToSku) message;
            context.forward(new Record<String, Output>(toSku.sku(), new Output.ToSku(request(toSku, cleared, unstored)),
                    cause.timestamp()));
        }
    }

    /**
     * The message as its SKU reads it: a request that asks its SKU to announce the order carries {@code cleared}'s order, or,
     * for an order not stored ({@code unstored}), the cleared order itself.
     */
    static StockCommand request(final StockMessage.ToSku message, final ClearedOrder cleared, final boolean unstored) {
        final StockCommand command = StockCommands.toAvro(message);
        if (message instanceof StockMessage.ReserveLine reserve && reserve.announce()) {
            if (unstored) {
                command.setCleared(cleared);
            } else {
                command.setOrder(cleared.getOrder());
            }
        }
        return command;
    }

    private void forwardStatus(final String orderId, final ClearedOrder cleared, final OrderReservation.StatusChange change,
                               final Record<String, Input> cause, final Instant now) {
        final OrderStatus orderStatus = switch (change.state()) {
            case RESERVED -> OrderStatus.RESERVED;
            case BACKORDERED -> OrderStatus.BACKORDERED;
            case OUT_OF_STOCK -> OrderStatus.OUT_OF_STOCK;
            case CANCELLED -> OrderStatus.CANCELLED;
            default -> OrderStatus.UNKNOWN;
        };
        final OrderStatusChange status = StatusChanges.change(orderId, cleared.getOrder().getShopId(), cleared.getOrder().getShopOrderRef(),
                orderStatus, change.reasonCode(), change.reason(), SOURCE, now);
        context.forward(new Record<String, Output>(orderId, new Output.Status(status), cause.timestamp()));
    }

    private void forwardReserved(final String orderId, final ClearedOrder cleared, final OrderReservation reservation,
                                 final Record<String, Input> cause, final Instant now) {
        final List<ReservedLine> lines = new ArrayList<>();
        reservation.lines().forEach((sku, quantity) -> lines.add(new ReservedLine(sku, quantity, settings.warehouseId())));
        final ReservedOrder reserved = new ReservedOrder(cleared.getOrder(), lines, now);
        context.forward(new Record<String, Output>(orderId, new Output.Reserved(reserved), cause.timestamp()));
    }
}
