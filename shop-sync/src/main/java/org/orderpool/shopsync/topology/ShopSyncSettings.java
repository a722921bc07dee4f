package org.orderpool.shopsync.topology;

import java.time.Duration;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;

/**
 * How shop-sync's topology behaves (orderpool.shop-sync.* in shop-sync.yml, where each value is explained).
 *
 * @param sendEvery       how often the stream thread hands due webhooks to the sender and books the outcomes
 * @param maxPerTick      at most this many due webhooks are looked at per round: bounded work on the stream thread
 * @param disabledRecheck how long a webhook for a disabled endpoint waits before it is looked at again
 * @param forgetEvery     how often orders past their retention are removed
 */
public record ShopSyncSettings(RetrySchedule retrySchedule, Duration detailsWait, Duration maxEventAge, Duration sendEvery,
                               int maxPerTick, Duration disabledRecheck, Retention retention, Duration forgetEvery) {

    public ShopSyncSettings {
        if (maxPerTick < 1) {
            throw new IllegalArgumentException("max-per-tick must be at least 1, not " + maxPerTick);
        }
    }
}
