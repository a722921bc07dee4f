package org.orderpool.intake.gateway;

/**
 * What a platform's delivery is about, read from its topic header ({@code X-Shopify-Topic},
 * {@code X-WC-Webhook-Topic}) and, for an order's update, from the status its body carries. Every topic
 * is posted to the same URL, so the gateway routes on this, never on the body's shape alone.
 */
enum Delivery {
    /** A new order ({@code orders/create}, {@code order.created}, the pool's own format, or a delivery naming no topic). */
    ORDER_CREATED,
    /** A later version of an order ({@code orders/updated}, {@code orders/paid}, {@code order.updated}): it may be paid. */
    ORDER_CHANGED,
    /** The shop cancelled the order, refunded it before shipping, or deleted it. */
    CANCELLATION,
    /** A payment dispute (chargeback or inquiry) on an order ({@code disputes/create}, {@code disputes/update}). */
    DISPUTE,
    /** A topic the pool does not use ({@code orders/fulfilled}, {@code order.restored}, ...): answered 200, nothing stored. */
    IGNORED
}
