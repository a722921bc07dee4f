package org.orderpool.fraud.domain;

import java.time.Duration;

/**
 * What the pool knows of one e-mail, card or shipping address over its long memory: when it was first
 * and last seen, how many orders it had and their usual total (a running mean in which each new order
 * weighs at least a twentieth, so it follows a customer who starts spending differently); for an e-mail,
 * also how the customer usually pays and ships ({@link Profile}; empty for a card or an address).
 */
public record History(long firstSeenAtMillis, long lastSeenAtMillis, int orders, long usualMinor, Profile profile) {

    public static final History NONE = new History(0, 0, 0, 0);
    private static final int MEAN_OF = 20;

    public History {
        profile = profile == null ? Profile.EMPTY : profile;
    }

    /** A history without a profile: a card's or an address's. */
    public History(final long firstSeenAtMillis, final long lastSeenAtMillis, final int orders, final long usualMinor) {
        this(firstSeenAtMillis, lastSeenAtMillis, orders, usualMinor, Profile.EMPTY);
    }

    /** Whether the pool has seen it before this order. */
    public boolean known() {
        return orders > 0;
    }

    /** How long ago it was first seen, at {@code nowMillis}; zero for one the pool has never seen. */
    public Duration ageAt(final long nowMillis) {
        return known() ? Duration.ofMillis(Math.max(0, nowMillis - firstSeenAtMillis)) : Duration.ZERO;
    }

    /** This history with one more order, at {@code atMillis} and of {@code totalMinor}. */
    public History with(final long atMillis, final long totalMinor) {
        if (!known()) {
            return new History(atMillis, atMillis, 1, totalMinor, profile);
        }
        final int weight = Math.min(orders, MEAN_OF - 1);
        final long usual = Math.round((usualMinor * (double) weight + totalMinor) / (weight + 1));
        return new History(Math.min(firstSeenAtMillis, atMillis), Math.max(lastSeenAtMillis, atMillis),
                orders == Integer.MAX_VALUE ? orders : orders + 1, usual, profile);
    }

    /** This customer's (e-mail's) history with {@code order} added, its profile included. */
    public History withOrder(final long atMillis, final OrderFacts order) {
        final History counted = with(atMillis, order.totalMinor());
        return new History(counted.firstSeenAtMillis, counted.lastSeenAtMillis, counted.orders, counted.usualMinor,
                profile.with(order));
    }
}
