package org.orderpool.shipping.topology;

import java.time.Duration;

/**
 * shipping-scheduler's settings; {@link #defaults()} is the one place their defaults are written
 * ({@code orderpool.shipping.*} in {@code shipping-scheduler.yml} sets only what differs).
 *
 * @param checkEvery        how often the clock is checked for cut-offs to close (wall-clock punctuation);
 *                          a manifest is issued at most this long after its cut-off, and sooner when a
 *                          command for that carrier arrives (due cut-offs close before it is handled)
 * @param settledRetention  how long an order is remembered after its parcels were manifested or withdrawn,
 *                          so a redelivered reserved order or a late cancellation is recognised; an order
 *                          whose parcels still wait for a cut-off is never forgotten
 * @param defaultUnitWeightGrams weight of a SKU missing from the catalogue (intake refuses those, so only
 *                          a catalogue change between intake and shipping can cause it)
 */
public record ShippingSettings(Duration checkEvery, Duration settledRetention, int defaultUnitWeightGrams) {

    public static ShippingSettings defaults() {
        return new ShippingSettings(Duration.ofSeconds(5), Duration.ofDays(7), 1_000);
    }
}
