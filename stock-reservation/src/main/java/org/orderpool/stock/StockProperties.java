package org.orderpool.stock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.topology.StockSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * stock-reservation's settings under {@code orderpool.stock}; see {@link StockSettings} for their meaning.
 * Only what is set here changes anything: every default is {@link StockSettings#defaults()}, and a shop's
 * entry overrides only the fields it names, the rest coming from {@code default-policy}.
 */
@ConfigurationProperties("orderpool.stock")
public class StockProperties {

    private static final String PREFIX = "orderpool.stock.";

    private String warehouseId;
    private Integer lowStockThreshold;
    private Policy defaultPolicy = new Policy();
    private Map<String, Policy> shops = new LinkedHashMap<>();
    private Duration settledRetention;
    private Duration movementRetention;
    private Duration checkEvery;

    /** The settings these properties make; throws naming the property if one is out of range. */
    public StockSettings toSettings() {
        final StockSettings defaults = StockSettings.defaults();
        final String warehouse = warehouseId == null ? defaults.warehouseId() : warehouseId;
        if (warehouse.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "warehouse-id must not be blank");
        }
        final int threshold = lowStockThreshold == null ? defaults.lowStockThreshold() : lowStockThreshold;
        if (threshold < 0) {
            throw new IllegalArgumentException(PREFIX + "low-stock-threshold must not be negative, was " + threshold);
        }
        final ShopStockPolicy fallback = defaultPolicy.over(defaults.defaultPolicy(), PREFIX + "default-policy.");
        final Map<String, ShopStockPolicy> policies = new LinkedHashMap<>();
        shops.forEach((shopId, policy) -> policies.put(shopId, policy.over(fallback, PREFIX + "shops." + shopId + ".")));
        return new StockSettings(warehouse, threshold, fallback, policies,
                positive(settledRetention, defaults.settledRetention(), PREFIX + "settled-retention"),
                positive(movementRetention, defaults.movementRetention(), PREFIX + "movement-retention"),
                positive(checkEvery, defaults.checkEvery(), PREFIX + "check-every"));
    }

    /** One shop's stock policy; a field left unset takes the value of the policy it overrides. */
    public static class Policy {
        private ShopStockPolicy.Shortage onShortage;
        private Duration maxBackorderWait;
        /** Largest share (0 to 1) of a scarce SKU one shop may hold. */
        private Double fairShareCap;

        ShopStockPolicy over(final ShopStockPolicy base, final String prefix) {
            final Duration wait = maxBackorderWait == null ? base.maxBackorderWait() : maxBackorderWait;
            if (wait.isNegative()) {
                throw new IllegalArgumentException(prefix + "max-backorder-wait must not be negative, was " + wait);
            }
            final ShopStockPolicy.Shortage shortage = onShortage == null ? base.onShortage() : onShortage;
            final ShopStockPolicy policy = new ShopStockPolicy(shortage, wait, null);
            final Double cap = fairShareCap == null ? base.fairShareCap() : fairShareCap;
            if (cap == null) {
                return policy;
            }
            try {
                return policy.withFairShareCap(cap);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "fair-share-cap must be above 0 and at most 1, was " + cap, e);
            }
        }

        public ShopStockPolicy.Shortage getOnShortage() {
            return onShortage;
        }

        public void setOnShortage(final ShopStockPolicy.Shortage onShortage) {
            this.onShortage = onShortage;
        }

        public Duration getMaxBackorderWait() {
            return maxBackorderWait;
        }

        public void setMaxBackorderWait(final Duration maxBackorderWait) {
            this.maxBackorderWait = maxBackorderWait;
        }

        public Double getFairShareCap() {
            return fairShareCap;
        }

        public void setFairShareCap(final Double fairShareCap) {
            this.fairShareCap = fairShareCap;
        }
    }

    private static Duration positive(final Duration configured, final Duration fallback, final String property) {
        final Duration duration = configured == null ? fallback : configured;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
        return duration;
    }

    public String getWarehouseId() {
        return warehouseId;
    }

    public void setWarehouseId(final String warehouseId) {
        this.warehouseId = warehouseId;
    }

    public Integer getLowStockThreshold() {
        return lowStockThreshold;
    }

    public void setLowStockThreshold(final Integer lowStockThreshold) {
        this.lowStockThreshold = lowStockThreshold;
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

    public Duration getSettledRetention() {
        return settledRetention;
    }

    public void setSettledRetention(final Duration settledRetention) {
        this.settledRetention = settledRetention;
    }

    public Duration getMovementRetention() {
        return movementRetention;
    }

    public void setMovementRetention(final Duration movementRetention) {
        this.movementRetention = movementRetention;
    }

    public Duration getCheckEvery() {
        return checkEvery;
    }

    public void setCheckEvery(final Duration checkEvery) {
        this.checkEvery = checkEvery;
    }
}
