package org.orderpool.fraud.topology;

import java.time.Duration;
import java.util.Map;
import org.orderpool.fraud.domain.RiskRules;

/**
 * fraud-check's settings: the rules, and per shop its thresholds and what happens to a review nobody
 * decided in time.
 */
public record FraudSettings(RiskRules rules, ShopPolicy defaultPolicy, Map<String, ShopPolicy> shopPolicies, Duration checkEvery,
                            Duration decidedRetention) {

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

    public static FraudSettings defaults() {
        final RiskRules rules = RiskRules.defaults();
        return new FraudSettings(rules, new ShopPolicy(rules.reviewAt(), rules.blockAt(), Duration.ofHours(4), false), Map.of(),
                Duration.ofSeconds(30), Duration.ofDays(7));
    }
}
