package org.orderpool.simulator;

/** What a simulated shop's platform tells the pool about one order, in the order it happens. */
public enum PlatformEvent {
    /** The order is placed and paid at checkout (a card). */
    CREATED_PAID,
    /** The order is placed before it is paid (bank transfer, cash on delivery, a pending card payment). */
    CREATED_UNPAID,
    /** The payment of an order placed unpaid came in. */
    PAID,
    /** The shop cancelled the order. */
    CANCELLED
}
