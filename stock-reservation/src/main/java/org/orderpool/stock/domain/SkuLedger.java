package org.orderpool.stock.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock of one SKU in the pooled warehouse, and everything that may change it. One owner per SKU
 * (one Kafka Streams task), so its rules need no locks:
 *
 * <ul>
 *   <li>{@code 0 <= reserved <= onHand} after every operation, so {@code available = onHand - reserved >= 0};</li>
 *   <li>{@code reserved} is the sum of the holds, one per order;</li>
 *   <li>orders that wait for this SKU are served first come, first served: a newcomer may only take
 *       units that the queue ahead of it does not need;</li>
 *   <li>a warehouse count that would take away reserved units takes away only the unreserved ones and
 *       reports the rest as a discrepancy for ops.</li>
 * </ul>
 */
public final class SkuLedger {

    /** Availability band of the SKU. */
    public enum Band { IN_STOCK, LOW_STOCK, OUT_OF_STOCK }


    /** An order waiting for units of this SKU. */
    private record Waiter(String shopId, int quantity, Double fairShareCap) {
    }

    /** What a movement did. */
    public record MovementResult(int discrepancy, List<StockMessage> messages) {
    }

    /**
     * The ledger's own state, to keep in a state store and restore; the holds are in the {@link HoldBook}.
     * {@code levelUnpublished} is the publisher's: the figures changed since stock.levels last said them (false in a
     * snapshot the ledger takes, and in one stored before the field existed).
     */
    public record Snapshot(String sku, int lowStockThreshold, int onHand, int reserved, Map<String, Integer> heldByShop,
                           List<WaitingOrder> waiting, boolean levelUnpublished) {

        public Snapshot withLevelUnpublished(final boolean unpublished) {
            return new Snapshot(sku, lowStockThreshold, onHand, reserved, heldByShop, waiting, unpublished);
        }
    }

    /** An order in the queue, in a snapshot. */
    public record WaitingOrder(String orderId, String shopId, int quantity, Double fairShareCap) {
    }

    private final String sku;
    private final int lowStockThreshold;
    private int onHand;
    private int reserved;
    private final HoldBook holds;
    private final Map<String, Integer> heldByShop = new LinkedHashMap<>();
    private final LinkedHashMap<String, Waiter> waiting = new LinkedHashMap<>();

    public SkuLedger(final String sku, final int lowStockThreshold, final HoldBook holds) {
        this.sku = sku;
        this.lowStockThreshold = lowStockThreshold;
        this.holds = holds;
    }

    /** A ledger keeping its holds in memory. */
    public SkuLedger(final String sku, final int lowStockThreshold) {
        this(sku, lowStockThreshold, HoldBook.inMemory());
    }

    public static SkuLedger restore(final Snapshot snapshot, final HoldBook holds) {
        final SkuLedger ledger = new SkuLedger(snapshot.sku(), snapshot.lowStockThreshold(), holds);
        ledger.onHand = snapshot.onHand();
        ledger.reserved = snapshot.reserved();
        ledger.heldByShop.putAll(snapshot.heldByShop());
        snapshot.waiting().forEach(w -> ledger.waiting.put(w.orderId(), new Waiter(w.shopId(), w.quantity(), w.fairShareCap())));
        return ledger;
    }

    public Snapshot snapshot() {
        final List<WaitingOrder> queue = new ArrayList<>();
        waiting.forEach((orderId, w) -> queue.add(new WaitingOrder(orderId, w.shopId(), w.quantity(), w.fairShareCap())));
        return new Snapshot(sku, lowStockThreshold, onHand, reserved, new LinkedHashMap<>(heldByShop), queue, false);
    }

    public String sku() {
        return sku;
    }

    public int lowStockThreshold() {
        return lowStockThreshold;
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public int available() {
        return onHand - reserved;
    }

    public Band band() {
        return available() <= 0 ? Band.OUT_OF_STOCK : available() <= lowStockThreshold ? Band.LOW_STOCK : Band.IN_STOCK;
    }

    /** Units held per order (reads the whole hold book: for tests and ops). */
    public Map<String, Integer> holds() {
        final Map<String, Integer> view = new LinkedHashMap<>();
        holds.all().forEach((orderId, hold) -> view.put(orderId, hold.quantity()));
        return Collections.unmodifiableMap(view);
    }

    /** Orders waiting for this SKU, first come first. */
    public Map<String, Integer> waiting() {
        final Map<String, Integer> view = new LinkedHashMap<>();
        waiting.forEach((orderId, waiter) -> view.put(orderId, waiter.quantity()));
        return Collections.unmodifiableMap(view);
    }

    /**
     * A receipt, return, damage or count adjustment from the warehouse (the caller makes sure a
     * redelivered movement is applied once). Units that arrive may let waiting orders through: each
     * one that now fits, in queue order, is told to retry.
     */
    public MovementResult applyMovement(final int delta) {
        int discrepancy = 0;
        if (delta >= 0) {
            onHand += delta;
        } else {
            final int removable = Math.min(-delta, available());
            onHand -= removable;
            discrepancy = -delta - removable;
        }
        return new MovementResult(discrepancy, delta > 0 ? retriesForWaitingOrders() : List.of());
    }

    /** Handles a message addressed to this SKU; returns the messages it causes. */
    public List<StockMessage> handle(final StockMessage.ToSku message) {
        if (message instanceof StockMessage.ReserveLine reserve) {
            return List.of(reserve(reserve));
        }
        if (message instanceof StockMessage.ReleaseLine release) {
            return release(release);
        }
        if (message instanceof StockMessage.WaitFor wait) {
            // An order already in the queue keeps its place but waits for what it needs now: the shop may have changed the
            // quantity. (Kept at the old quantity, a waiter that fits by its old figure would be told to retry, fail by its new
            // one and wait again, without end.)
            waiting.put(wait.orderId(), new Waiter(wait.shopId(), wait.quantity(), wait.fairShareCap()));
            // Stock may have come between the failed attempt and this message: if so, tell this order only.
            return retriesForWaitingOrders().stream()
                    .filter(retry -> ((StockMessage.RetryOrder) retry).orderId().equals(wait.orderId())).toList();
        }
        if (message instanceof StockMessage.StopWaiting stop) {
            return waiting.remove(stop.orderId()) == null ? List.of() : retriesForWaitingOrders();
        }
        consume((StockMessage.ConsumeLine) message);
        return List.of();
    }

    private StockMessage.LineOutcome reserve(final StockMessage.ReserveLine request) {
        HoldBook.Hold existing = holds.get(request.orderId()).orElse(null);
        if (existing != null && request.attempt() > existing.attempt() && request.quantity() != existing.quantity()) {
            // The shop updated the order's quantity of this SKU: the hold of the earlier attempt gives way to a new one.
            holds.remove(request.orderId());
            unhold(existing.shopId(), existing.quantity());
            existing = null;
        }
        if (existing != null) {
            // the same attempt again is a redelivery: answered, never announced twice
            final boolean newAttempt = request.attempt() > existing.attempt();
            if (newAttempt) {
                holds.put(request.orderId(), new HoldBook.Hold(existing.shopId(), existing.quantity(), request.attempt()));
            }
            return new StockMessage.LineOutcome(request.orderId(), request.attempt(), sku, true, available(),
                    request.announce() && newAttempt);
        }
        final boolean fits = request.quantity() <= available() - demandAheadOf(request.orderId());
        if (!fits || !withinFairShare(request.shopId(), request.quantity(), request.fairShareCap())) {
            return new StockMessage.LineOutcome(request.orderId(), request.attempt(), sku, false, available(), false);
        }
        holds.put(request.orderId(), new HoldBook.Hold(request.shopId(), request.quantity(), request.attempt()));
        reserved += request.quantity();
        heldByShop.merge(request.shopId(), request.quantity(), Integer::sum);
        waiting.remove(request.orderId());
        return new StockMessage.LineOutcome(request.orderId(), request.attempt(), sku, true, available(), request.announce());
    }

    private List<StockMessage> release(final StockMessage.ReleaseLine release) {
        final HoldBook.Hold hold = holds.get(release.orderId()).orElse(null);
        if (hold == null || (release.attempt() != StockMessage.ANY_ATTEMPT && hold.attempt() != release.attempt())) {
            return List.of();
        }
        holds.remove(release.orderId());
        unhold(hold.shopId(), hold.quantity());
        return retriesForWaitingOrders();
    }

    private void consume(final StockMessage.ConsumeLine consume) {
        final HoldBook.Hold hold = holds.get(consume.orderId()).orElse(null);
        if (hold == null) {
            return; // already consumed, or never held: nothing of this order is reserved here
        }
        final int leaving = Math.min(hold.quantity(), consume.quantity());
        onHand -= leaving;
        unhold(hold.shopId(), leaving);
        if (leaving == hold.quantity()) {
            holds.remove(consume.orderId());
        } else {
            holds.put(consume.orderId(), new HoldBook.Hold(hold.shopId(), hold.quantity() - leaving, hold.attempt()));
        }
    }

    private void unhold(final String shopId, final int quantity) {
        reserved -= quantity;
        heldByShop.computeIfPresent(shopId, (shop, held) -> held == quantity ? null : held - quantity);
    }

    /**
     * Units the queue ahead of this order needs (all of the queue for an order not in it). Waiters
     * that their shop's fair share keeps out do not count: they cannot take units now.
     */
    private int demandAheadOf(final String orderId) {
        int ahead = 0;
        for (final Map.Entry<String, Waiter> entry : waiting.entrySet()) {
            if (entry.getKey().equals(orderId)) {
                return ahead;
            }
            final Waiter waiter = entry.getValue();
            if (withinFairShare(waiter.shopId(), waiter.quantity(), waiter.fairShareCap())) {
                ahead += waiter.quantity();
            }
        }
        return ahead;
    }

    /** On a scarce SKU, one shop's orders may hold at most {@code cap} of what is left (and at least one unit). */
    private boolean withinFairShare(final String shopId, final int quantity, final Double cap) {
        if (cap == null || available() > lowStockThreshold) {
            return true;
        }
        final int shopHeld = heldByShop.getOrDefault(shopId, 0);
        final int allowed = Math.max(1, (int) Math.floor(cap * (available() + shopHeld)));
        return shopHeld + quantity <= allowed;
    }

    /** The waiting orders that would get their units now, strictly in queue order. */
    private List<StockMessage> retriesForWaitingOrders() {
        final List<StockMessage> retries = new ArrayList<>();
        int needed = 0;
        for (final Map.Entry<String, Waiter> entry : waiting.entrySet()) {
            final Waiter waiter = entry.getValue();
            if (!withinFairShare(waiter.shopId(), waiter.quantity(), waiter.fairShareCap())) {
                continue;
            }
            needed += waiter.quantity();
            if (needed > available()) {
                break;
            }
            retries.add(new StockMessage.RetryOrder(entry.getKey()));
        }
        return retries;
    }
}
