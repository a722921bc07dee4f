package org.orderpool.stock.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The two kinds of owners of stock-reservation's state exchanging messages the way the topology will:
 * every message is in flight until delivered, and deliveries happen in any order the random source
 * picks, interleaved with new orders, cancellations, restocks and manifests.
 */
final class StockPool {

    final Map<String, SkuLedger> ledgers = new LinkedHashMap<>();
    private final Map<String, HoldBook> holdBooks = new HashMap<>();
    final Map<String, OrderReservation> orders = new LinkedHashMap<>();
    final Map<String, List<OrderReservation.State>> announced = new HashMap<>();
    final Map<String, Integer> booked = new HashMap<>();
    private final List<StockMessage> inFlight = new ArrayList<>();
    /** Updates an order keeps while its one SKU may be announcing it, as the topology keeps them in its update store. */
    private final Map<String, List<Map<String, Integer>>> deferredUpdates = new HashMap<>();
    /** Orders the shop cancelled: shipping-scheduler reads the cancellations too, and withdraws one it sees reserved. */
    private final java.util.Set<String> cancelled = new java.util.HashSet<>();
    private final java.util.Set<String> seenMovements = new java.util.HashSet<>();
    private final Random random;
    Instant now = Instant.parse("2026-11-20T08:00:00Z");

    StockPool(final Random random, final List<String> skus, final int lowStockThreshold) {
        this.random = random;
        skus.forEach(sku -> {
            holdBooks.put(sku, HoldBook.inMemory());
            ledgers.put(sku, new SkuLedger(sku, lowStockThreshold, holdBooks.get(sku)));
        });
    }

    void cleared(final String orderId, final String shopId, final Map<String, Integer> lines, final ShopStockPolicy policy) {
        orders.put(orderId, OrderReservation.start(orderId, shopId, lines, policy, inFlight));
    }

    void cancel(final String orderId) {
        cancelled.add(orderId);
        apply(orderId, orders.get(orderId).onCancel());
    }

    /** shipping-scheduler withdrew the order's parcels: the shop cancelled a reserved order in time. */
    void withdraw(final String orderId) {
        apply(orderId, orders.get(orderId).onWithdrawn());
    }

    /** The shop updated the order's lines: replaced before it is reserved, nothing once it is. */
    void update(final String orderId, final Map<String, Integer> lines) {
        final OrderReservation order = orders.get(orderId);
        if (order.awaitsAnnouncement()) {
            deferredUpdates.computeIfAbsent(orderId, id -> new ArrayList<>()).add(lines);
            order.deferUpdate(now);
            return;
        }
        order.onReplaced(lines).ifPresent(step -> apply(orderId, step));
    }

    void manifest(final String orderId) {
        final OrderReservation order = orders.get(orderId);
        order.lines().forEach((sku, quantity) -> apply(orderId, order.onShipped("manifest-1/" + orderId + "-1", sku, quantity)));
    }

    /** A warehouse movement; a redelivered movement id is applied once, as the topology's movement store does. */
    void movement(final String sku, final String movementId, final int delta) {
        if (!seenMovements.add(movementId)) {
            return;
        }
        final SkuLedger.MovementResult result = ledgers.get(sku).applyMovement(delta);
        booked.merge(sku, delta + result.discrepancy(), Integer::sum);
        inFlight.addAll(result.messages());
    }

    void passTime(final java.time.Duration duration) {
        now = now.plus(duration);
        orders.forEach((orderId, order) -> apply(orderId, order.onTime(now)));
    }

    boolean deliverOne() {
        if (inFlight.isEmpty()) {
            return false;
        }
        final StockMessage message = inFlight.remove(random.nextInt(inFlight.size()));
        if (message instanceof StockMessage.ToSku sent) {
            // now and then a SKU owner that does not announce (at least once, or of an earlier version): the order's owner does
            final StockMessage.ToSku toSku = sent instanceof StockMessage.ReserveLine r && r.announce() && random.nextInt(4) == 0
                    ? new StockMessage.ReserveLine(r.orderId(), r.attempt(), r.sku(), r.quantity(), r.shopId(), r.fairShareCap(), false)
                    : sent;
            // every step goes through a snapshot, as the topology keeps the ledger in a state store
            final SkuLedger ledger = SkuLedger.restore(ledgers.get(toSku.sku()).snapshot(), holdBooks.get(toSku.sku()));
            ledgers.put(toSku.sku(), ledger);
            final List<StockMessage> answers = ledger.handle(toSku);
            answers.stream().filter(m -> m instanceof StockMessage.LineOutcome o && o.announced())
                    .forEach(m -> announce(((StockMessage.LineOutcome) m).orderId(), OrderReservation.State.RESERVED));
            inFlight.addAll(answers);
        } else if (message instanceof StockMessage.LineOutcome outcome) {
            final OrderReservation order = OrderReservation.restore(orders.get(outcome.orderId()).snapshot());
            orders.put(outcome.orderId(), order);
            apply(outcome.orderId(), order.onOutcome(outcome, now));
            if (order.takeDeferredUpdates().isPresent()) {
                deferredUpdates.remove(outcome.orderId()).forEach(lines -> update(outcome.orderId(), lines));
            }
            if (order.state() == OrderReservation.State.RESERVED && cancelled.contains(outcome.orderId()) && random.nextBoolean()) {
                withdraw(outcome.orderId()); // cancelled while its SKU announced it: shipping-scheduler withdraws it
            }
        } else if (message instanceof StockMessage.RetryOrder retry) {
            apply(retry.orderId(), orders.get(retry.orderId()).onRetry());
        }
        return true;
    }

    void drain() {
        int guard = 0;
        while (deliverOne()) {
            if (++guard > 1_000_000) {
                throw new AssertionError("messages keep coming: the protocol does not settle");
            }
        }
    }

    boolean isQuiet() {
        return inFlight.isEmpty();
    }

    private void apply(final String orderId, final OrderReservation.Step step) {
        inFlight.addAll(step.messages());
        step.status().filter(change -> !change.announcedBySku()).ifPresent(change -> announce(orderId, change.state()));
    }

    private void announce(final String orderId, final OrderReservation.State state) {
        announced.computeIfAbsent(orderId, id -> new ArrayList<>()).add(state);
    }
}
