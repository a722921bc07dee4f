package org.orderpool.fraud.topology;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.orderpool.fraud.domain.PoolView;
import org.orderpool.fraud.domain.RiskRules;

/**
 * fraud-check's settings: the rules, per shop its thresholds and what happens to a review nobody decided
 * in time, and how long the pool remembers what it decided and whom it has seen. {@link #defaults()} is
 * the one place for their default values; configuration ({@code orderpool.fraud}) changes only what it names.
 *
 * @param checkEvery       how often held orders are checked for a review that waited too long (wall clock)
 * @param decidedRetention how long an assessed order id is remembered, so the same order again is not assessed twice
 * @param historyMemory    how long an e-mail (a customer), a card or a shipping address stays known to the pool after
 *                         it was last seen: the "first seen" lookups look back this far, and the history store keeps
 *                         its entries this long and a day (it keeps one entry per key and day)
 * @param disputedOrderMemory how long the identities of an assessed order are kept for a dispute of it to find: card
 *                         schemes allow a dispute up to 120 days after the payment; a dispute of an order older than
 *                         this is logged and counted, and changes nothing
 */
public record FraudSettings(RiskRules rules, ShopPolicy defaultPolicy, Map<String, ShopPolicy> shopPolicies, Duration checkEvery,
                            Duration decidedRetention, Duration historyMemory, Duration disputedOrderMemory) {

    /** A shop's review and block thresholds, how long a review may wait, and the verdict when it waited too long. */
    public record ShopPolicy(int reviewAt, int blockAt, Duration reviewTimeout, boolean approveOnTimeout) {
    }

    public ShopPolicy policyOf(final String shopId) {
        return shopPolicies.getOrDefault(shopId, defaultPolicy);
    }

    public RiskRules rulesOf(final String shopId) {
        final ShopPolicy policy = policyOf(shopId);
        return rules.withThresholds(policy.reviewAt(), policy.blockAt());
    }

    /** How long the history store keeps an entry: the memory, and the day an entry covers. */
    public Duration historyRetention() {
        return historyMemory.plus(Duration.ofDays(1));
    }

    /**
     * How long an assessed order is kept: for a dispute to find its identities, to know the order was assessed, and for the
     * count rules' day ({@link PoolView#MEMORY}), whichever is longest.
     */
    public Duration assessedOrderMemory() {
        return Stream.of(disputedOrderMemory, decidedRetention, PoolView.MEMORY).max(Duration::compareTo).orElseThrow();
    }

    /** How long the pool keeps the disputes it recorded: as long as the dispute rule looks back. */
    public Duration disputeRetention() {
        return rules.disputes().window();
    }

    /**
     * Production's values. A customer stays known for 366 days, so that one who orders once a year on the
     * same date is still known the next time (365 days would miss one who orders later in the day).
     */
    public static FraudSettings defaults() {
        final RiskRules rules = RiskRules.defaults();
        return new FraudSettings(rules, new ShopPolicy(rules.reviewAt(), rules.blockAt(), Duration.ofHours(4), false), Map.of(),
                Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofDays(366), Duration.ofDays(120));
    }
}
