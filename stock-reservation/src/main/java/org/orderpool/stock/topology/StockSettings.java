package org.orderpool.stock.topology;

import java.time.Duration;
import java.util.Map;
import org.orderpool.stock.domain.ShopStockPolicy;

/**
 * stock-reservation's settings. {@link #defaults()} is the one place for their default values;
 * configuration ({@code orderpool.stock}) changes only what it names.
 *
 * @param warehouseId        the pool's warehouse (one for now; the contract has room for several)
 * @param lowStockThreshold  at or below this many available units a SKU is LOW_STOCK
 * @param defaultPolicy      the policy of a shop without its own
 * @param shopPolicies       per-shop policies
 * @param settledRetention   how long a settled order (out of stock, cancelled, shipped) is remembered
 * @param movementRetention  how long a movement id is remembered, so a redelivery counts once
 * @param checkEvery         how often waiting orders are checked against their shop's limit
 */
public record StockSettings(String warehouseId, int lowStockThreshold, ShopStockPolicy defaultPolicy,
                            Map<String, ShopStockPolicy> shopPolicies, Duration settledRetention, Duration movementRetention,
                            Duration checkEvery) {

    /** Production's values: backorders wait up to 48 h, settled orders are remembered 7 days, movement ids 30 days. */
    public static StockSettings defaults() {
        return new StockSettings("pool-wh-1", 5, ShopStockPolicy.backorderFor(Duration.ofHours(48)), Map.of(),
                Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(30));
    }

    public ShopStockPolicy policyOf(final String shopId) {
        return shopPolicies.getOrDefault(shopId, defaultPolicy);
    }

}
