package org.orderpool.fraud.domain;

/**
 * An order the pool assessed, as it is kept for the disputed-order memory (120 days): the identities a later dispute of it
 * is recorded under, and its observation, which the count rules read while it is within {@link PoolView#MEMORY}. One
 * record per order serves both, so an order costs one write where it cost two (its observation in a store of its own).
 *
 * @param observation the order as the count rules saw it; null for an order assessed before 2026-12-08, which kept its
 *                    identities alone (its observation was in the store of its own, and has aged out of the pool's memory)
 */
public record AssessedOrder(String shopId, String card, String email, String address, Observation observation) {

    /** The order as the pool assessed it: its identities are its observation's. */
    public static AssessedOrder of(final Observation observation) {
        return new AssessedOrder(observation.shopId(), Trait.CARD.of(observation), Trait.EMAIL.of(observation),
                Trait.ADDRESS.of(observation), observation);
    }

    /** The identities a dispute of the order is recorded under. */
    public OrderIdentities identities() {
        return new OrderIdentities(shopId, card, email, address);
    }
}
