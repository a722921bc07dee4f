package org.orderpool.fraud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.fraud.domain.RiskRules;
import org.orderpool.fraud.topology.FraudSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * fraud-check's settings under {@code orderpool.fraud}: how often held orders are checked, the pool's rules
 * ({@code rules}: weights, limits, windows, combinations; see {@link RuleProperties}), the review and block
 * thresholds and the review time limit and its verdict, by default and per shop. Only what is set here
 * changes anything: every default is {@link FraudSettings#defaults()} (the rules' are {@link RiskRules#defaults()}),
 * and a shop's entry overrides only the fields it names, the rest coming from {@code default-policy}.
 */
@ConfigurationProperties("orderpool.fraud")
public class FraudProperties {

    private static final String PREFIX = "orderpool.fraud.";

    private Policy defaultPolicy = new Policy();
    private Map<String, Policy> shops = new LinkedHashMap<>();
    private Duration checkEvery;
    private RuleProperties rules = new RuleProperties();

    /** The settings these properties make; throws naming the property if one is out of range. */
    public FraudSettings toSettings() {
        final FraudSettings defaults = FraudSettings.defaults();
        final RiskRules poolRules = rules.over(defaults.rules(), defaults.historyMemory(), PREFIX + "rules.");
        final FraudSettings.ShopPolicy fallback = defaultPolicy.over(defaults.defaultPolicy(), PREFIX + "default-policy.");
        final Map<String, FraudSettings.ShopPolicy> policies = new LinkedHashMap<>();
        shops.forEach((shopId, policy) -> policies.put(shopId, policy.over(fallback, PREFIX + "shops." + shopId + ".")));
        final Duration every = checkEvery == null ? defaults.checkEvery() : checkEvery;
        requirePositive(every, PREFIX + "check-every");
        final int disputed = poolRules.disputes().weight();
        final List<FraudSettings.ShopPolicy> all = new ArrayList<>(policies.values());
        all.add(fallback);
        for (final FraudSettings.ShopPolicy policy : all) {
            if (disputed >= policy.blockAt()) {
                throw new IllegalArgumentException(PREFIX + "rules." + RiskRules.DISPUTED_BEFORE + ".weight (" + disputed
                        + ") must be below every block-at (" + policy.blockAt() + "): a dispute sends an order to review, "
                        + "it never blocks it by itself");
            }
        }
        return new FraudSettings(poolRules.withThresholds(fallback.reviewAt(), fallback.blockAt()), fallback, policies, every,
                defaults.decidedRetention(), defaults.historyMemory(), defaults.disputedOrderMemory());
    }

    /** One shop's fraud policy; a field left unset takes the value of the policy it overrides. */
    public static class Policy {
        private Integer reviewAt;
        private Integer blockAt;
        private Duration reviewTimeout;
        private Boolean approveOnTimeout;

        FraudSettings.ShopPolicy over(final FraudSettings.ShopPolicy base, final String prefix) {
            final FraudSettings.ShopPolicy policy = new FraudSettings.ShopPolicy(
                    reviewAt == null ? base.reviewAt() : reviewAt, blockAt == null ? base.blockAt() : blockAt,
                    reviewTimeout == null ? base.reviewTimeout() : reviewTimeout,
                    approveOnTimeout == null ? base.approveOnTimeout() : approveOnTimeout);
            requireScore(policy.reviewAt(), prefix + "review-at");
            requireScore(policy.blockAt(), prefix + "block-at");
            if (policy.reviewAt() > policy.blockAt()) {
                throw new IllegalArgumentException(prefix + "review-at (" + policy.reviewAt() + ") must not be above "
                        + prefix + "block-at (" + policy.blockAt() + ")");
            }
            requirePositive(policy.reviewTimeout(), prefix + "review-timeout");
            return policy;
        }

        public Integer getReviewAt() {
            return reviewAt;
        }

        public void setReviewAt(final Integer reviewAt) {
            this.reviewAt = reviewAt;
        }

        public Integer getBlockAt() {
            return blockAt;
        }

        public void setBlockAt(final Integer blockAt) {
            this.blockAt = blockAt;
        }

        public Duration getReviewTimeout() {
            return reviewTimeout;
        }

        public void setReviewTimeout(final Duration reviewTimeout) {
            this.reviewTimeout = reviewTimeout;
        }

        public Boolean getApproveOnTimeout() {
            return approveOnTimeout;
        }

        public void setApproveOnTimeout(final Boolean approveOnTimeout) {
            this.approveOnTimeout = approveOnTimeout;
        }
    }

    private static void requireScore(final int score, final String property) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException(property + " must be a score from 0 to 100, was " + score);
        }
    }

    private static void requirePositive(final Duration duration, final String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }

    public Policy getDefaultPolicy() {
        return defaultPolicy;
    }

    public void setDefaultPolicy(final Policy defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    public Map<String, Policy> getShops() {
        return shops;
    }

    public void setShops(final Map<String, Policy> shops) {
        this.shops = shops;
    }

    public RuleProperties getRules() {
        return rules;
    }

    public void setRules(final RuleProperties rules) {
        this.rules = rules;
    }

    public Duration getCheckEvery() {
        return checkEvery;
    }

    public void setCheckEvery(final Duration checkEvery) {
        this.checkEvery = checkEvery;
    }
}
