package org.orderpool.shopsync.domain;

import java.time.Instant;

/**
 * How the webhooks and platform calls of one shop stand in one partition of the order owner (each task owns some
 * of every shop's orders): what waits, what was given up, and how the last attempt to reach the shop's endpoint
 * ended. {@link ShopDeliveryTotals} adds up a shop's partitions. Immutable; every change returns a new value.
 *
 * @param queuedWebhooks webhooks in this partition's outboxes, waiting for a first attempt or a retry
 * @param queuedCalls    platform calls (Shopify, WooCommerce) waiting likewise
 * @param deadLettered   webhooks and order calls of the shop this partition gave up on (written to shop-sync.dlq)
 * @param failingSince   the first failed attempt after the last delivery; null while the endpoint delivers
 * @param disabledAt     when the endpoint answered 410 Gone; null while it is not disabled
 */
public record ShopDelivery(String shopId, int partition, int queuedWebhooks, int queuedCalls, long deadLettered,
                           Instant lastAttemptAt, String lastAttemptOutcome, boolean lastAttemptDelivered, Instant lastDeliveredAt,
                           Instant failingSince, Instant disabledAt, Instant updatedAt) {

    public static ShopDelivery none(final String shopId, final int partition, final Instant now) {
        return new ShopDelivery(shopId, partition, 0, 0, 0, null, null, false, null, null, null, now);
    }

    /** The queues after an order's outboxes grew or shrank by these many (never below zero). */
    public ShopDelivery queued(final int webhooksDelta, final int callsDelta, final Instant now) {
        return new ShopDelivery(shopId, partition, Math.max(0, queuedWebhooks + webhooksDelta), Math.max(0, queuedCalls + callsDelta),
                deadLettered, lastAttemptAt, lastAttemptOutcome, lastAttemptDelivered, lastDeliveredAt, failingSince, disabledAt, now);
    }

    /** After an attempt to deliver a webhook to the shop's endpoint ended. */
    public ShopDelivery attempted(final DeliveryOutcome outcome, final Instant now) {
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            return new ShopDelivery(shopId, partition, queuedWebhooks, queuedCalls, deadLettered, now, "HTTP " + delivered.status(),
                    true, now, null, null, now);
        }
        final Instant since = failingSince == null ? now : failingSince;
        if (outcome instanceof DeliveryOutcome.Failed failed) {
            return new ShopDelivery(shopId, partition, queuedWebhooks, queuedCalls, deadLettered, now, failed.error(), false,
                    lastDeliveredAt, since, disabledAt, now);
        }
        return new ShopDelivery(shopId, partition, queuedWebhooks, queuedCalls, deadLettered, now, "HTTP 410 Gone", false,
                lastDeliveredAt, since, now, now);
    }

    /** After a webhook or call of the shop went to shop-sync.dlq. */
    public ShopDelivery deadLettered(final Instant now) {
        return new ShopDelivery(shopId, partition, queuedWebhooks, queuedCalls, deadLettered + 1, lastAttemptAt, lastAttemptOutcome,
                lastAttemptDelivered, lastDeliveredAt, failingSince, disabledAt, now);
    }

    /** After ops re-enabled an endpoint that answered 410 Gone (a later {@code webhook-enabled-since}, or another URL). */
    public ShopDelivery reEnabled(final Instant now) {
        return disabledAt == null ? this : new ShopDelivery(shopId, partition, queuedWebhooks, queuedCalls, deadLettered, lastAttemptAt,
                lastAttemptOutcome, lastAttemptDelivered, lastDeliveredAt, failingSince, null, now);
    }
}
