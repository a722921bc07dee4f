package org.orderpool.stock;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.topology.StockSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** stock-reservation's settings under {@code orderpool.stock}; see {@link StockSettings} for their meaning. */
@ConfigurationProperties("orderpool.stock")
public class StockProperties {

    private String warehouseId = "pool-wh-1";
    private int lowStockThreshold = 5;
    private Policy defaultPolicy = new Policy();
    private Map<String, Policy> shops = new LinkedHashMap<>();
    private Duration settledRetention = Duration.ofDays(7);
    private Duration movementRetention = Duration.ofDays(30);
    private Duration checkEvery = Duration.ofSeconds(30);

    public StockSettings toSettings() {
        final Map<String, ShopStockPolicy> policies = new LinkedHashMap<>();
        shops.forEach((shopId, policy) -> policies.put(shopId, policy.toPolicy()));
        return new StockSettings(warehouseId, lowStockThreshold, defaultPolicy.toPolicy(), policies, settledRetention,
                movementRetention, checkEvery);
    }

    /** One shop's stock policy. */
    public static class Policy {
        private ShopStockPolicy.Shortage onShortage = ShopStockPolicy.Shortage.BACKORDER;
        private Duration maxBackorderWait = Duration.ofHours(48);
        /** Largest share (0 to 1) of a scarce SKU one shop may hold; unset for none (the default). */
        private Double fairShareCap;

        ShopStockPolicy toPolicy() {
            final ShopStockPolicy policy = new ShopStockPolicy(onShortage, maxBackorderWait, null);
            return fairShareCap == null ? policy : policy.withFairShareCap(fairShareCap);
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

    public String getWarehouseId() {
        return warehouseId;
    }

    public void setWarehouseId(final String warehouseId) {
        this.warehouseId = warehouseId;
    }

    public int getLowStockThreshold() {
        return lowStockThreshold;
    }

    public void setLowStockThreshold(final int lowStockThreshold) {
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
