package org.orderpool.shopsync.topology;

import org.orderpool.shopsync.domain.ShopDelivery;

/** What the order owner sends on: dead letters for shop-sync.dlq, and its partition's delivery state of a shop. */
sealed interface OwnerOutput {

    /** The record's value as shop-sync.dlq stores it; the key and headers travel on the record. */
    record DeadLetter(byte[] value) implements OwnerOutput {
    }

    record Delivery(ShopDelivery state) implements OwnerOutput {
    }
}
