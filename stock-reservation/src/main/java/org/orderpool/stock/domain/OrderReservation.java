package org.orderpool.stock.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One order's reservation across the SKUs it needs: all lines or none. It asks each SKU's ledger to
 * hold its units, gathers the answers, and when one line cannot be held gives back the lines that
 * were (compensation) and applies the shop's policy: wait in each short SKU's queue, or give up.
 * Answers that belong to an earlier attempt, or arrive after the order was settled, give their units
 * back, so no unit stays held for an order that does not need it.
 */
public final class OrderReservation {

    /** Where the order stands, as stock-reservation sees it. */
    public enum State {
        PENDING, RESERVED, BACKORDERED, OUT_OF_STOCK, CANCELLED, SHIPPED,
        /** Reserved, then its parcels were withdrawn (cancelled in time, or undeliverable): shipping-scheduler ended it. */
        WITHDRAWN;

        /** Whether an order in this state needs nothing more from stock-reservation. */
        public boolean isSettled() {
            return this == OUT_OF_STOCK || this == CANCELLED || this == SHIPPED || this == WITHDRAWN;
        }

        /** Whether the order was reserved: from then on shipping-scheduler holds it and answers its updates. */
        public boolean wasReserved() {
            return this == RESERVED || this == SHIPPED || this == WITHDRAWN;
        }
    }

    /**
     * A status change to announce on orders.status. {@code announcedBySku}: the SKU's owner announced it already (an
     * order with one SKU), so the order's owner announces nothing.
     */
    public record StatusChange(String orderId, State state, String reasonCode, String reason, boolean announcedBySku) {

        public StatusChange(final String orderId, final State state, final String reasonCode, final String reason) {
            this(orderId, state, reasonCode, reason, false);
        }
    }

    /** What handling one event produced. */
    public record Step(List<StockMessage> messages, Optional<StatusChange> status) {
        static Step of(final List<StockMessage> messages) {
            return new Step(messages, Optional.empty());
        }

        /** No message and no status. */
        public static Step nothing() {
            return new Step(List.of(), Optional.empty());
        }
    }

    private final String orderId;
    private final String shopId;
    private Map<String, Integer> lines;
    private final ShopStockPolicy policy;
    private State state = State.PENDING;
    private int attempt;
    private final Map<String, Boolean> outcomes = new LinkedHashMap<>();
    private Instant backorderedSince;
    private final java.util.LinkedHashSet<String> shipped = new java.util.LinkedHashSet<>();
    /** The current attempt asked the order's one SKU to announce it when held ({@link #awaitsAnnouncement()}). */
    private boolean skuAnnounces;
    private boolean cancelDeferred;
    private Instant updateDeferredSince;

    /**
     * The whole state of a reservation, to keep in a state store and restore. The last three fields are false or null in a
     * snapshot stored before they existed (such an attempt asked its SKUs for no announcement).
     */
    public record Snapshot(String orderId, String shopId, List<Line> lines, ShopStockPolicy policy, State state, int attempt,
                           Map<String, Boolean> outcomes, Instant backorderedSince, List<String> shipped, boolean skuAnnounces,
                           boolean cancelDeferred, Instant updateDeferredSince) {

        /** See {@link OrderReservation#waitEndsAt()}. */
        public Optional<Instant> waitEndsAt() {
            return OrderReservation.waitEndsAt(state, backorderedSince, policy);
        }
    }

    /** Units of one SKU the order needs. */
    public record Line(String sku, int quantity) {
    }

    public static OrderReservation restore(final Snapshot snapshot) {
        final Map<String, Integer> lines = new LinkedHashMap<>();
        snapshot.lines().forEach(line -> lines.put(line.sku(), line.quantity()));
        final OrderReservation reservation = new OrderReservation(snapshot.orderId(), snapshot.shopId(), lines, snapshot.policy());
        reservation.state = snapshot.state();
        reservation.attempt = snapshot.attempt();
        reservation.outcomes.putAll(snapshot.outcomes());
        reservation.backorderedSince = snapshot.backorderedSince();
        reservation.shipped.addAll(snapshot.shipped());
        reservation.skuAnnounces = snapshot.skuAnnounces();
        reservation.cancelDeferred = snapshot.cancelDeferred();
        reservation.updateDeferredSince = snapshot.updateDeferredSince();
        return reservation;
    }

    public Snapshot snapshot() {
        final List<Line> lineList = new ArrayList<>();
        lines.forEach((sku, quantity) -> lineList.add(new Line(sku, quantity)));
        return new Snapshot(orderId, shopId, lineList, policy, state, attempt, new LinkedHashMap<>(outcomes), backorderedSince,
                new ArrayList<>(shipped), skuAnnounces, cancelDeferred, updateDeferredSince);
    }

    private OrderReservation(final String orderId, final String shopId, final Map<String, Integer> lines, final ShopStockPolicy policy) {
        this.orderId = orderId;
        this.shopId = shopId;
        this.lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        this.policy = policy;
    }

    /**
     * A cleared order starts its first attempt. {@code lines} holds the units per SKU (an order's lines
     * for the same SKU added up).
     */
    public static OrderReservation start(final String orderId, final String shopId, final Map<String, Integer> lines,
                                         final ShopStockPolicy policy, final List<StockMessage> out) {
        final OrderReservation reservation = new OrderReservation(orderId, shopId, lines, policy);
        out.addAll(reservation.nextAttempt());
        return reservation;
    }

    public String orderId() {
        return orderId;
    }

    public State state() {
        return state;
    }

    public Map<String, Integer> lines() {
        return lines;
    }

    public String shopId() {
        return shopId;
    }

    /**
     * Whether the order's one SKU may be announcing it RESERVED right now: the attempt that asked it to is out, unanswered.
     * Until its answer comes the order's owner cannot tell whether the order is reserved, so a cancellation or an update
     * waits for it ({@link #onCancel()}, {@link #deferUpdate}): if the units were held, the order is reserved and
     * shipping-scheduler, which reads both too, decides them; if not, they are handled then, as before any answer.
     */
    public boolean awaitsAnnouncement() {
        return state == State.PENDING && skuAnnounces;
    }

    /**
     * Keeps the shop's updates of the order until its SKU's answer is in ({@link #awaitsAnnouncement()}); the caller keeps
     * the updates themselves, and this, since when.
     */
    public void deferUpdate(final Instant now) {
        if (!awaitsAnnouncement()) {
            throw new IllegalStateException("order " + orderId + " awaits no announcement: its update is handled at once");
        }
        if (updateDeferredSince == null) {
            updateDeferredSince = now;
        }
    }

    /**
     * Since when updates waited for the answer that has now come: present once, then the caller handles the updates that
     * came since, in order.
     */
    public Optional<Instant> takeDeferredUpdates() {
        if (updateDeferredSince == null || awaitsAnnouncement()) {
            return Optional.empty();
        }
        final Instant since = updateDeferredSince;
        updateDeferredSince = null;
        return Optional.of(since);
    }

    public Step onOutcome(final StockMessage.LineOutcome outcome, final Instant now) {
        final boolean current = outcome.attempt() == attempt && state == State.PENDING;
        if (!current && outcome.announced()) {
            // Cannot happen while orders.cleared carries each order once: while an announcing attempt is out nothing moves the
            // order on (its owner keeps a cancellation or an update for the answer, and ignores the same cleared order read
            // again, as far as it knows since its task started), and a SKU announces only under exactly-once, where a
            // request is answered once. Its units stay with it, since the shops were told it is reserved.
            return Step.nothing();
        }
        if (!current) {
            final boolean stillNeeded = outcome.attempt() == attempt && state == State.RESERVED;
            return outcome.held() && !stillNeeded
                    ? Step.of(List.of(new StockMessage.ReleaseLine(orderId, outcome.sku(), outcome.attempt())))
                    : Step.nothing();
        }
        outcomes.put(outcome.sku(), outcome.held());
        if (outcomes.size() < lines.size()) {
            return Step.nothing();
        }
        final boolean deferredCancel = cancelDeferred;
        cancelDeferred = false;
        final boolean allHeld = outcomes.values().stream().allMatch(Boolean::booleanValue);
        final boolean announcedBySku = skuAnnounces && outcome.announced();
        if (allHeld && (announcedBySku || !deferredCancel)) {
            // announced: a cancellation that waited for this answer is shipping-scheduler's now, as for any reserved order
            state = State.RESERVED;
            return new Step(stopWaiting(new ArrayList<>()), Optional.of(new StatusChange(orderId, State.RESERVED, "stock.reserved",
                    reservedReason(lines.size(), attempt), announcedBySku)));
        }
        if (deferredCancel) {
            return cancel();
        }
        return shortage(now);
    }

    /** The reason of a RESERVED status: the one place for its text, whichever owner announces it. */
    public static String reservedReason(final int skus, final int attempt) {
        return "all " + skus + " SKU(s) reserved" + (attempt > 1 ? " after waiting for stock" : "");
    }

    public Step onRetry() {
        if (state != State.BACKORDERED) {
            return Step.nothing();
        }
        state = State.PENDING;
        return Step.of(nextAttempt());
    }

    /**
     * The shop cancels. Before the order is reserved, stock-reservation decides: the order ends here.
     * Once it is reserved, its parcels belong to shipping-scheduler, which alone knows whether the
     * cut-off has passed: the units stay held until it withdraws the parcels ({@link #onWithdrawn()}) or
     * they leave on a manifest ({@link #onShipped}).
     */
    public Step onCancel() {
        if (state != State.PENDING && state != State.BACKORDERED) {
            return Step.nothing(); // reserved (shipping-scheduler decides), shipped or already settled
        }
        if (awaitsAnnouncement()) {
            cancelDeferred = true; // its SKU may be announcing it reserved: decided when the answer comes
            return Step.nothing();
        }
        return cancel();
    }

    /**
     * The shop cancelled before the order was cleared: it ends here, as started, its first requests never sent (so no SKU
     * is announcing it and nothing waits).
     */
    public Step cancelBeforeAsking() {
        skuAnnounces = false;
        return onCancel();
    }

    private Step cancel() {
        state = State.CANCELLED;
        return new Step(releaseEverything(), Optional.of(new StatusChange(orderId, State.CANCELLED, "stock.cancelled",
                "cancelled by the shop; reserved units released")));
    }

    /**
     * shipping-scheduler withdrew the order's parcels (the shop cancelled before the cut-off, or no
     * carrier can deliver it): the units go back. shipping-scheduler announces the cancellation.
     */
    public Step onWithdrawn() {
        if (state != State.RESERVED) {
            return Step.nothing(); // a further parcel of the same order, or redelivered
        }
        state = State.WITHDRAWN;
        return Step.of(releaseEverything());
    }

    /**
     * The shop updated the order before it was reserved: the units it needs now replace the ones it needed. What was
     * held or awaited for SKUs it no longer needs is given back, and a new attempt asks for the new lines (answers of the
     * old attempt then give their units back, as any late answer does). A backordered order keeps the time it started
     * waiting, so an update never lengthens the wait the shop allows. Once the order is reserved (or ended) nothing
     * changes here: returns empty.
     */
    public Optional<Step> onReplaced(final Map<String, Integer> newLines) {
        if (state != State.PENDING && state != State.BACKORDERED) {
            return Optional.empty();
        }
        if (awaitsAnnouncement()) {
            throw new IllegalStateException("order " + orderId + " awaits its SKU's answer: defer the update (deferUpdate)");
        }
        // Only the SKUs the order no longer needs are given back; a SKU it still needs is asked for again, and its ledger
        // replaces a hold of an earlier attempt whose quantity differs. Each message holds in any delivery order.
        final List<StockMessage> messages = new ArrayList<>();
        lines.keySet().stream().filter(sku -> !newLines.containsKey(sku)).forEach(sku -> {
            messages.add(new StockMessage.ReleaseLine(orderId, sku, attempt));
            if (everWaited()) {
                messages.add(new StockMessage.StopWaiting(orderId, sku));
            }
        });
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(newLines));
        state = State.PENDING;
        messages.addAll(nextAttempt());
        return Optional.of(Step.of(messages));
    }

    /**
     * Units of the order left with a manifest: they are booked out of the ledger. {@code reference}
     * names the manifest and parcel, so a manifest read twice books its units out once. From the first
     * shipped parcel on, a cancellation comes too late.
     */
    public Step onShipped(final String reference, final String sku, final int quantity) {
        if ((state != State.RESERVED && state != State.SHIPPED) || !shipped.add(reference + "/" + sku)) {
            return Step.nothing();
        }
        state = State.SHIPPED;
        return Step.of(List.of(new StockMessage.ConsumeLine(orderId, sku, quantity)));
    }

    /** Whether the order needs nothing more from stock-reservation. */
    public boolean isSettled() {
        return state.isSettled();
    }

    /** When a backordered order's wait reaches the shop's limit; empty when the order is not waiting. */
    public Optional<Instant> waitEndsAt() {
        return waitEndsAt(state, backorderedSince, policy);
    }

    private static Optional<Instant> waitEndsAt(final State state, final Instant backorderedSince,
                                                final ShopStockPolicy policy) {
        return state == State.BACKORDERED ? Optional.of(backorderedSince.plus(policy.maxBackorderWait()))
                : Optional.empty();
    }

    /** Ends a wait that has gone on longer than the shop allows. */
    public Step onTime(final Instant now) {
        if (waitEndsAt().filter(now::isAfter).isEmpty()) {
            return Step.nothing();
        }
        state = State.OUT_OF_STOCK;
        return new Step(releaseEverything(), Optional.of(new StatusChange(orderId, State.OUT_OF_STOCK, "stock.backorder_expired",
                "waited " + policy.maxBackorderWait().toHours() + " h for stock, the shop's limit")));
    }

    private Step shortage(final Instant now) {
        final List<StockMessage> messages = new ArrayList<>();
        final List<String> shortSkus = new ArrayList<>();
        outcomes.forEach((sku, held) -> {
            if (held) {
                messages.add(new StockMessage.ReleaseLine(orderId, sku, attempt));
            } else {
                shortSkus.add(sku);
            }
        });
        final boolean mayWait = policy.onShortage() == ShopStockPolicy.Shortage.BACKORDER
                && (backorderedSince == null || !now.isAfter(backorderedSince.plus(policy.maxBackorderWait())));
        if (!mayWait) {
            state = State.OUT_OF_STOCK;
            stopWaiting(messages);
            return new Step(messages, Optional.of(new StatusChange(orderId, State.OUT_OF_STOCK, "stock.short",
                    "not enough stock of " + String.join(", ", shortSkus))));
        }
        shortSkus.forEach(sku -> messages.add(new StockMessage.WaitFor(orderId, sku, lines.get(sku), shopId, policy.fairShareCap())));
        state = State.BACKORDERED;
        if (backorderedSince != null) {
            return Step.of(messages); // still waiting: no new status
        }
        backorderedSince = now;
        return new Step(messages, Optional.of(new StatusChange(orderId, State.BACKORDERED, "stock.backordered",
                "waiting for stock of " + String.join(", ", shortSkus))));
    }

    /**
     * The next attempt's requests. An order with one SKU is reserved once that SKU holds its units, so the SKU's owner is
     * asked to announce it: RESERVED one hop sooner, without the answer's round trip through the order's owner.
     */
    private List<StockMessage> nextAttempt() {
        attempt++;
        outcomes.clear();
        skuAnnounces = lines.size() == 1;
        final List<StockMessage> requests = new ArrayList<>();
        lines.forEach((sku, quantity) -> requests.add(new StockMessage.ReserveLine(orderId, attempt, sku, quantity, shopId,
                policy.fairShareCap(), skuAnnounces)));
        return requests;
    }

    private List<StockMessage> releaseEverything() {
        final List<StockMessage> messages = new ArrayList<>();
        lines.keySet().forEach(sku -> {
            messages.add(new StockMessage.ReleaseLine(orderId, sku, StockMessage.ANY_ATTEMPT));
            if (everWaited()) {
                messages.add(new StockMessage.StopWaiting(orderId, sku));
            }
        });
        return messages;
    }

    /**
     * Adds a STOP_WAITING for each of the order's SKUs, if the order ever waited. An order that never waited sent no
     * WAIT_FOR, so no SKU has it in its queue: a STOP_WAITING would change nothing and cost a write on the internal topic
     * and the SKU's changelog. (WAIT_FOR is sent only when the order becomes backordered, which sets
     * {@code backorderedSince}, kept in the snapshot and never cleared.)
     */
    private List<StockMessage> stopWaiting(final List<StockMessage> messages) {
        if (everWaited()) {
            lines.keySet().forEach(sku -> messages.add(new StockMessage.StopWaiting(orderId, sku)));
        }
        return messages;
    }

    private boolean everWaited() {
        return backorderedSince != null;
    }
}
