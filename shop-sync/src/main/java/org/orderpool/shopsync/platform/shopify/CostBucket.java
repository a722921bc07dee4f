package org.orderpool.shopsync.platform.shopify;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * shop-sync's picture of one shop's Shopify cost bucket (the GraphQL Admin API's leaky bucket: up to
 * {@code maximumAvailable} points, refilled at {@code restoreRate} points a second, each query costing
 * its requested cost up front). Every answer's {@code extensions.cost.throttleStatus} corrects the
 * picture; between answers it refills at the last restore rate, and each call this instance starts takes
 * its estimated cost out at once, so parallel calls to one shop do not all run into THROTTLED. A 429
 * closes the bucket for its {@code Retry-After}. Until the first answer the bucket is taken to be open.
 */
final class CostBucket {

    private final LongSupplier clockMillis;
    private double available = Double.NaN;
    private double maximum;
    private double restoreRate;
    private long observedAt;
    private long closedUntil;

    CostBucket(final LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** How long to wait before a call of this cost may go; zero when it may go now (and its cost is then taken). */
    synchronized Duration take(final double cost) {
        final long now = clockMillis.getAsLong();
        if (now < closedUntil) {
            return Duration.ofMillis(closedUntil - now);
        }
        if (Double.isNaN(available)) {
            return Duration.ZERO;
        }
        refill(now);
        final double needed = Math.min(cost, maximum);
        if (available >= needed) {
            available -= needed;
            return Duration.ZERO;
        }
        return restoreRate <= 0 ? Duration.ofSeconds(1)
                : Duration.ofMillis((long) Math.ceil((needed - available) / restoreRate * 1000));
    }

    /** How long a call of this cost must wait, as the bucket stands now (nothing taken). */
    synchronized Duration pauseFor(final double cost) {
        final long now = clockMillis.getAsLong();
        if (now < closedUntil) {
            return Duration.ofMillis(closedUntil - now);
        }
        if (Double.isNaN(available) || restoreRate <= 0) {
            return Duration.ofSeconds(1);
        }
        refill(now);
        final double needed = Math.min(cost, maximum);
        return available >= needed ? Duration.ZERO : Duration.ofMillis((long) Math.ceil((needed - available) / restoreRate * 1000));
    }

    /** What an answer said of the bucket. */
    synchronized void observe(final double maximumAvailable, final double currentlyAvailable, final double restorePerSecond) {
        maximum = maximumAvailable;
        available = currentlyAvailable;
        restoreRate = restorePerSecond;
        observedAt = clockMillis.getAsLong();
    }

    synchronized void closeFor(final Duration pause) {
        closedUntil = Math.max(closedUntil, clockMillis.getAsLong() + pause.toMillis());
    }

    private void refill(final long now) {
        if (now > observedAt) {
            available = Math.min(maximum, available + restoreRate * (now - observedAt) / 1000.0);
            observedAt = now;
        }
    }
}
