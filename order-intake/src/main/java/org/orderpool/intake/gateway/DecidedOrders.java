package org.orderpool.intake.gateway;

/** Whether order-intake has already decided an order, as far as this instance can tell. */
@FunctionalInterface
public interface DecidedOrders {

    boolean wasDecided(String orderId);

    DecidedOrders NONE = orderId -> false;
}
