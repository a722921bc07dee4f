package org.orderpool.shopsync.domain;

import java.time.Instant;

/**
 * One SKU of one shop: the pool's available units and the figure the shop is shown (after its
 * fair-share cap), and, for a shop on a platform, whether the platform has that figure yet.
 * {@code version} grows each time the figure changes; the platform has confirmed {@code confirmedVersion}.
 * While {@code version > confirmedVersion} the slot is dirty and a push is due at {@code notBefore}:
 * however many changes arrive meanwhile, the next push carries the newest figure, and at most one push
 * per slot is under way at a time, so the platform never gets an older figure after a newer one.
 *
 * @param levelAt          when the pool's ledger last changed (stock.levels' updatedAt)
 * @param platformQuantity what the platform holds as far as shop-sync knows (null: unknown, read it first)
 * @param notBefore        when the next push may go; null when none is due
 */
public record StockSlot(String shopId, String sku, int available, int shown, Instant levelAt, long version,
                        long confirmedVersion, Integer platformQuantity, Instant notBefore, int attempts, String lastError) {

    public boolean dirty() {
        return version > confirmedVersion;
    }

    StockSlot withLevel(final int newAvailable, final int newShown, final Instant newLevelAt, final long newVersion,
                        final Instant due) {
        return new StockSlot(shopId, sku, newAvailable, newShown, newLevelAt, newVersion, confirmedVersion, platformQuantity,
                due, attempts, lastError);
    }

    StockSlot withPush(final long confirmed, final Integer quantity, final Instant due, final int attemptsMade,
                       final String error) {
        return new StockSlot(shopId, sku, available, shown, levelAt, version, confirmed, quantity, due, attemptsMade, error);
    }
}
