package org.orderpool.fraud;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderpool.fraud.domain.RiskRules;
import org.orderpool.fraud.topology.FraudSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * fraud-check's settings under {@code orderpool.fraud}: the review and block thresholds and the review
 * time limit and its verdict, by default and per shop. The rules' weights and limits are
 * {@link RiskRules#defaults()}.
 */
@ConfigurationProperties("orderpool.fraud")
public class FraudProperties {

    private Policy defaultPolicy = new Policy();
    private Map<String, Policy> shops = new LinkedHashMap<>();
    private Duration checkEvery = Duration.ofSeconds(30);

    public FraudSettings toSettings() {
        final Map<String, FraudSettings.ShopPolicy> policies = new LinkedHashMap<>();
        shops.forEach((shopId, policy) -> policies.put(shopId, policy.toPolicy()));
        return new FraudSettings(RiskRules.defaults(), defaultPolicy.toPolicy(), policies, checkEvery, Duration.ofDays(7));
    }

    /** One shop's fraud policy. */
    public static class Policy {
        private int reviewAt = RiskRules.defaults().reviewAt();
        private int blockAt = RiskRules.defaults().blockAt();
        private Duration reviewTimeout = Duration.ofHours(4);
        private boolean approveOnTimeout;

        FraudSettings.ShopPolicy toPolicy() {
            return new FraudSettings.ShopPolicy(reviewAt, blockAt, reviewTimeout, approveOnTimeout);
        }

        public int getReviewAt() {
            return reviewAt;
        }

        public void setReviewAt(final int reviewAt) {
            this.reviewAt = reviewAt;
        }

        public int getBlockAt() {
            return blockAt;
        }

        public void setBlockAt(final int blockAt) {
            this.blockAt = blockAt;
        }

        public Duration getReviewTimeout() {
            return reviewTimeout;
        }

        public void setReviewTimeout(final Duration reviewTimeout) {
            this.reviewTimeout = reviewTimeout;
        }

        public boolean isApproveOnTimeout() {
            return approveOnTimeout;
        }

        public void setApproveOnTimeout(final boolean approveOnTimeout) {
            this.approveOnTimeout = approveOnTimeout;
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

    public Duration getCheckEvery() {
        return checkEvery;
    }

    public void setCheckEvery(final Duration checkEvery) {
        this.checkEvery = checkEvery;
    }
}
