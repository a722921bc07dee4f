package org.orderpool.shopsync.domain;

/**
 * How setting one SKU's quantity on a shop's platform ended, and the quantity the platform holds now as
 * far as the call saw it ({@code null} when unknown: after a failure, or where the platform does not
 * say). The next push compares with it (Shopify's {@code changeFromQuantity}) or reads afresh when null.
 */
public record StockResult(PlatformOutcome outcome, Integer platformQuantity) {

    public static StockResult done(final String detail, final int quantity) {
        return new StockResult(new PlatformOutcome.Done(detail), quantity);
    }

    public static StockResult unknown(final PlatformOutcome outcome) {
        return new StockResult(outcome, null);
    }
}
