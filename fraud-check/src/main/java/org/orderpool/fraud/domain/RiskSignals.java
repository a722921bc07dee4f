package org.orderpool.fraud.domain;

/**
 * What the whole pool has seen around an order, counted by the topology in sliding windows across all
 * shops (this order included): a single shop sees too few orders to notice a card being tested from
 * shop to shop; the pool sees them all.
 */
public record RiskSignals(int ordersPerCardLastHour, int ordersPerCardLastDay, int declinesPerCardLastDay,
                          int ordersPerEmailLastHour, int ordersPerIpLastHour, int ordersPerShippingAddressLastDay,
                          int distinctCardsPerEmailLastDay, int distinctEmailsPerCardLastDay, int distinctShopsPerCardLastDay,
                          long shopUsualBasketMinor, int shopBasketSamples, boolean firstSeenCustomer) {

    /** Signals of an order the pool has never seen anything like: only the order itself counted. */
    public static RiskSignals firstOrder(final long shopUsualBasketMinor, final int shopBasketSamples) {
        return new RiskSignals(1, 1, 0, 1, 1, 1, 1, 1, 1, shopUsualBasketMinor, shopBasketSamples, true);
    }
}
