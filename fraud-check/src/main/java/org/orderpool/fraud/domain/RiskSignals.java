package org.orderpool.fraud.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the whole pool has seen around an order at {@code atMillis} (pool time), across all shops: the
 * count of each count rule (this order included), the shop's usual basket, and the long history of the
 * order's e-mail (the customer), card and shipping address before this order. A single shop sees too few
 * orders to notice a card being tested from shop to shop; the pool sees them all.
 *
 * @param counts   each count rule's count, by rule id
 * @param disputes the disputes the pool recorded under the order's card, e-mail and shipping address (within the
 *                 dispute rule's window), whatever their kind and reason: the rule decides which count
 */
public record RiskSignals(long atMillis, Map<String, Integer> counts, long shopUsualBasketMinor, int shopBasketSamples,
                          History email, History card, History address, List<DisputeMark> disputes) {

    public RiskSignals {
        counts = Map.copyOf(counts);
        disputes = List.copyOf(disputes);
    }

    /** Signals without disputes. */
    public RiskSignals(final long atMillis, final Map<String, Integer> counts, final long shopUsualBasketMinor,
                       final int shopBasketSamples, final History email, final History card, final History address) {
        this(atMillis, counts, shopUsualBasketMinor, shopBasketSamples, email, card, address, List.of());
    }

    /** A count rule's count; 0 for a rule the pool view did not count. */
    public int count(final String ruleId) {
        return counts.getOrDefault(ruleId, 0);
    }

    /** Signals of an order the pool has never seen anything like: nothing counted, nothing known. */
    public static RiskSignals firstOrder(final long atMillis, final long shopUsualBasketMinor, final int shopBasketSamples) {
        return new RiskSignals(atMillis, Map.of(), shopUsualBasketMinor, shopBasketSamples, History.NONE, History.NONE, History.NONE);
    }

    /** These signals with one count set, for tests and tools. */
    public RiskSignals withCount(final String ruleId, final int count) {
        final Map<String, Integer> changed = new HashMap<>(counts);
        changed.put(ruleId, count);
        return new RiskSignals(atMillis, changed, shopUsualBasketMinor, shopBasketSamples, email, card, address, disputes);
    }

    public RiskSignals withHistories(final History email, final History card, final History address) {
        return new RiskSignals(atMillis, counts, shopUsualBasketMinor, shopBasketSamples, email, card, address, disputes);
    }

    /** These signals with the disputes recorded under the order's identities. */
    public RiskSignals withDisputes(final List<DisputeMark> found) {
        return new RiskSignals(atMillis, counts, shopUsualBasketMinor, shopBasketSamples, email, card, address, found);
    }

    /** Whether the customer (the e-mail) is new to the pool: never seen before this order. */
    public boolean firstSeenCustomer() {
        return !email.known();
    }

    /** Whether the shop's usual basket is based on enough orders to weigh an amount against it. */
    public boolean shopBasketKnown(final RiskRules rules) {
        return shopBasketSamples >= rules.shopBasket().minSamples() && shopUsualBasketMinor > 0;
    }
}
