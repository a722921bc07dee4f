package org.orderpool.shopsync.topology;

import org.orderpool.shopsync.domain.RetrySchedule;

/**
 * How shop-sync calls shops' platforms (orderpool.shop-sync.platforms.* in shop-sync.yml, where each
 * value is explained).
 *
 * @param maxPerTick     at most this many due order calls, and as many due stock slots, are looked at per round
 * @param stockBatchSize at most this many SKUs of one shop go in one stock call
 */
public record PlatformSettings(RetrySchedule retrySchedule, int maxPerTick, int stockBatchSize) {

    /** WooCommerce's batch endpoints take at most 100 objects a request. */
    public static final int LARGEST_BATCH = 100;

    public PlatformSettings {
        if (maxPerTick < 1) {
            throw new IllegalArgumentException("platforms.max-per-tick must be at least 1, not " + maxPerTick);
        }
        if (stockBatchSize < 1 || stockBatchSize > LARGEST_BATCH) {
            throw new IllegalArgumentException("platforms.stock-batch-size must be from 1 to " + LARGEST_BATCH + ", not " + stockBatchSize);
        }
    }
}
