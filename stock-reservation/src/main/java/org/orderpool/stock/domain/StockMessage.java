package org.orderpool.stock.domain;

/**
 * The messages between the two owners of stock-reservation's state: each SKU's ledger (one task
 * owns a SKU, so no two reservations race for its last unit) and each order's reservation (one task
 * owns an order, and gathers its lines' outcomes). In the topology they travel over repartition topics,
 * keyed by SKU or by order id; in the property test, through a shuffled in-memory queue.
 */
public sealed interface StockMessage {

    /** Marks a message for a SKU's ledger. */
    sealed interface ToSku extends StockMessage {
        String sku();
    }

    /** Marks a message for an order's reservation. */
    sealed interface ToOrder extends StockMessage {
        String orderId();
    }

    /** Any attempt, for releases that must happen whatever attempt the hold belongs to. */
    int ANY_ATTEMPT = -1;

    /** Hold {@code quantity} units of {@code sku} for the order's attempt, if the ledger can. */
    record ReserveLine(String orderId, int attempt, String sku, int quantity, String shopId, Double fairShareCap) implements ToSku {
    }

    /** What the ledger did with a ReserveLine. */
    record LineOutcome(String orderId, int attempt, String sku, boolean held, int available) implements ToOrder {
    }

    /** Give back the order's units of {@code sku} held by {@code attempt} (or by any attempt). */
    record ReleaseLine(String orderId, String sku, int attempt) implements ToSku {
    }

    /** Queue the order, first come first served, until {@code quantity} units of {@code sku} can be held. */
    record WaitFor(String orderId, String sku, int quantity, String shopId, Double fairShareCap) implements ToSku {
    }

    /** Take the order out of the SKU's queue. */
    record StopWaiting(String orderId, String sku) implements ToSku {
    }

    /** Stock arrived for a SKU the order waits for: try the whole order again. */
    record RetryOrder(String orderId) implements ToOrder {
    }

    /** The order's units of {@code sku} left the warehouse with a manifest: on hand and reserved both go down. */
    record ConsumeLine(String orderId, String sku, int quantity) implements ToSku {
    }
}
