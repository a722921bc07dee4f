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

    /**
     * Hold {@code quantity} units of {@code sku} for the order's attempt, if the ledger can. {@code announce}: the order
     * has this one SKU, so once the units are held it is reserved, and the SKU's owner announces it (one hop sooner than
     * its order's owner would).
     */
    record ReserveLine(String orderId, int attempt, String sku, int quantity, String shopId, Double fairShareCap,
                       boolean announce) implements ToSku {

        /** A request whose order has more SKUs, so its order's owner announces it. */
        public ReserveLine(final String orderId, final int attempt, final String sku, final int quantity, final String shopId,
                           final Double fairShareCap) {
            this(orderId, attempt, sku, quantity, shopId, fairShareCap, false);
        }
    }

    /**
     * What the ledger did with a ReserveLine. {@code announced}: the SKU's owner announced the order RESERVED (it asked
     * for that, and this answer is the first that holds the units for that attempt).
     */
    record LineOutcome(String orderId, int attempt, String sku, boolean held, int available, boolean announced) implements ToOrder {

        /** An answer that announced nothing. */
        public LineOutcome(final String orderId, final int attempt, final String sku, final boolean held, final int available) {
            this(orderId, attempt, sku, held, available, false);
        }
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
