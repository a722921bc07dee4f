package org.orderpool.stock.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a SKU ledger keeps its holds, one per order. The ledger's own state stays small (totals,
 * per-shop totals, the queue), so that reserving a unit of a SKU with thousands of live reservations
 * rewrites one small entry and adds one hold, instead of rewriting all of them. The topology keeps
 * holds in a state store; tests keep them in memory.
 */
public interface HoldBook {

    /** Units held for one order by one attempt of its reservation. */
    record Hold(String shopId, int quantity, int attempt) {
    }

    Optional<Hold> get(String orderId);

    void put(String orderId, Hold hold);

    void remove(String orderId);

    /** Every hold, by order id, in reservation order where the book knows it; for tests and ops, not the hot path. */
    Map<String, Hold> all();

    /** A book in memory. */
    static HoldBook inMemory() {
        final Map<String, Hold> holds = new LinkedHashMap<>();
        return new HoldBook() {
            @Override
            public Optional<Hold> get(final String orderId) {
                return Optional.ofNullable(holds.get(orderId));
            }

            @Override
            public void put(final String orderId, final Hold hold) {
                holds.put(orderId, hold);
            }

            @Override
            public void remove(final String orderId) {
                holds.remove(orderId);
            }

            @Override
            public Map<String, Hold> all() {
                return Map.copyOf(holds);
            }
        };
    }
}
