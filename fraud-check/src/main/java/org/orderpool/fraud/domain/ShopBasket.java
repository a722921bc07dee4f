package org.orderpool.fraud.domain;

/**
 * A shop's usual basket: an exponentially weighted moving average of its order totals (each new order
 * weighs a tenth), and how many orders it is based on.
 */
public record ShopBasket(long usualMinor, int samples) {

    public static final ShopBasket NONE = new ShopBasket(0, 0);

    public ShopBasket with(final long totalMinor) {
        if (samples == 0) {
            return new ShopBasket(totalMinor, 1);
        }
        return new ShopBasket(Math.round(usualMinor * 0.9 + totalMinor * 0.1), samples == Integer.MAX_VALUE ? samples : samples + 1);
    }
}
