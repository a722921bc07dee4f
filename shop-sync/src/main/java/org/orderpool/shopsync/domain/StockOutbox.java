package org.orderpool.shopsync.domain;

import java.time.Instant;

/**
 * The rules of the stock slots ({@link StockSlot}): a stock.levels record changes a slot's figure and,
 * for a shop on a platform, makes a push due (at once, or when a back-off or the platform's rate limit
 * ends); a push's result confirms the figure it carried, schedules a retry, or gives it up. Bursts
 * coalesce: the slot keeps one due time and one figure, the newest.
 */
public final class StockOutbox {

    private final RetrySchedule schedule;

    public StockOutbox(final RetrySchedule schedule) {
        this.schedule = schedule;
    }

    /** The slot after the pool's ledger of the SKU changed to {@code available}. */
    public StockSlot onLevel(final StockSlot before, final ShopPlatform shop, final String sku, final int available,
                             final int lowStockThreshold, final Instant levelAt, final Instant now) {
        final int shown = shop.shown(available, lowStockThreshold);
        final boolean pushes = shop.kind().callsPlatform();
        if (before == null) {
            return new StockSlot(shop.shopId(), sku, available, shown, levelAt, 1, 0, null, pushes ? now : null, 0, null);
        }
        if (shown == before.shown()) {
            return before.withLevel(available, shown, levelAt, before.version(), before.notBefore());
        }
        final Instant due = !pushes ? null : before.notBefore() != null ? before.notBefore() : now;
        return before.withLevel(available, shown, levelAt, before.version() + 1, due);
    }

    /** Whether a push of the slot may go now. */
    public boolean due(final StockSlot slot, final Instant now) {
        return slot.dirty() && slot.notBefore() != null && !slot.notBefore().isAfter(now);
    }

    /**
     * The slot after a push of its figure at {@code sentVersion} ended; {@code givenUp} says why the
     * figure was given up (for the dead letters), null when it was not.
     *
     * @param random a number in [0, 1) that picks the retry's jitter
     */
    public Decision afterResult(final StockSlot slot, final long sentVersion, final StockResult result, final Instant now,
                                final double random) {
        final long confirmed = Math.max(slot.confirmedVersion(), sentVersion);
        final Instant nextIfDirty = slot.version() > confirmed ? now : null;
        if (result.outcome() instanceof PlatformOutcome.Done) {
            return new Decision(slot.withPush(confirmed, result.platformQuantity(), nextIfDirty, 0, null), null);
        }
        if (result.outcome() instanceof PlatformOutcome.Throttled throttled) {
            final Integer known = result.platformQuantity() != null ? result.platformQuantity() : slot.platformQuantity();
            return new Decision(slot.withPush(slot.confirmedVersion(), known, now.plus(throttled.pause()), slot.attempts(),
                    slot.lastError()), null);
        }
        if (result.outcome() instanceof PlatformOutcome.Failed failed) {
            final int attempts = slot.attempts() + 1;
            return schedule.afterFailure(attempts, now, failed.retryAfter(), random)
                    .map(next -> new Decision(slot.withPush(slot.confirmedVersion(), result.platformQuantity(), next, attempts,
                            failed.error()), null))
                    .orElseGet(() -> new Decision(slot.withPush(confirmed, null, nextIfDirty, 0, failed.error()),
                            "gave up after " + attempts + " attempts; last: " + failed.error()));
        }
        final String reason = ((PlatformOutcome.Refused) result.outcome()).reason();
        return new Decision(slot.withPush(confirmed, null, nextIfDirty, 0, reason), "refused by the platform: " + reason);
    }

    public record Decision(StockSlot slot, String givenUp) {
    }
}
