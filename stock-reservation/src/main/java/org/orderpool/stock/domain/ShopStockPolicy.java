package org.orderpool.stock.domain;

import java.time.Duration;

/**
 * What a shop wants when stock is short, and how much of a scarce SKU it may take.
 *
 * @param onShortage     BACKORDER: wait for stock, first come first served, up to {@code maxBackorderWait};
 *                       OUT_OF_STOCK: give up at once
 * @param fairShareCap   null for no cap; otherwise the largest share (0 to 1) of a scarce SKU's
 *                       available units that this shop's orders may hold (off by default)
 */
public record ShopStockPolicy(Shortage onShortage, Duration maxBackorderWait, Double fairShareCap) {

    /** What happens to an order that cannot be fully reserved. */
    public enum Shortage { BACKORDER, OUT_OF_STOCK }

    public static ShopStockPolicy backorderFor(final Duration maxWait) {
        return new ShopStockPolicy(Shortage.BACKORDER, maxWait, null);
    }

    public static ShopStockPolicy outOfStockAtOnce() {
        return new ShopStockPolicy(Shortage.OUT_OF_STOCK, Duration.ZERO, null);
    }

    public ShopStockPolicy withFairShareCap(final double cap) {
        if (cap <= 0 || cap > 1) {
            throw new IllegalArgumentException("a fair-share cap is a share of the available units, above 0 and at most 1");
        }
        return new ShopStockPolicy(onShortage, maxBackorderWait, cap);
    }
}
