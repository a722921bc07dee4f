package org.orderpool.simulator;

import java.util.List;

/**
 * One simulated shop: how it reaches the pool, its secret for signing the webhooks it sends, the
 * {@code whsec_} secret it verifies the pool's status webhooks with, its share of the simulated traffic,
 * and what it sells.
 */
public record SimulatedShop(String shopId, Platform platform, String secret, String webhookSecret, int trafficShare, List<String> skus,
                            int maxUnitsPerLine) {

    /** How a shop reaches the pool. */
    public enum Platform { POOL_JSON, SHOPIFY, WOOCOMMERCE, KAFKA }

    /**
     * The demo shops of the local stack: their secrets are order-intake's local-profile demo secrets, their
     * {@code whsec_} secrets shop-sync's (README, "In the local stack"); public demo values.
     */
    public static List<SimulatedShop> demoShops() {
        return List.of(
                new SimulatedShop("tea-house", Platform.POOL_JSON, "demo-secret-tea-house",
                        "whsec_ZGVtby13ZWJob29rLXNlY3JldC10ZWEtaG91c2U=", 4,
                        List.of("SKU-TEA-01", "SKU-TEA-02", "SKU-TEA-03", "SKU-MUG-01", "SKU-MUG-02", "SKU-POT-01"), 3),
                new SimulatedShop("ceramics-studio", Platform.SHOPIFY, "demo-secret-ceramics-studio",
                        "whsec_ZGVtby13ZWJob29rLXNlY3JldC1jZXJhbWljcy1zdHVkaW8=", 3,
                        List.of("SKU-BOWL-01", "SKU-PLATE-01", "SKU-MUG-01", "SKU-MUG-02", "SKU-CANDLE-01", "SKU-RUG-01"), 2),
                new SimulatedShop("bike-corner", Platform.WOOCOMMERCE, "demo-secret-bike-corner",
                        "whsec_ZGVtby13ZWJob29rLXNlY3JldC1iaWtlLWNvcm5lcg==", 2,
                        List.of("SKU-BIKE-LIGHT-01", "SKU-BIKE-BELL-01", "SKU-BIKE-BAG-01", "SKU-BIKE-TUBE-01", "SKU-CHAIR-01"), 2),
                new SimulatedShop("book-nook", Platform.KAFKA, "demo-secret-book-nook",
                        "whsec_ZGVtby13ZWJob29rLXNlY3JldC1ib29rLW5vb2s=", 2,
                        List.of("SKU-BOOK-01", "SKU-BOOK-02", "SKU-PRINT-01", "SKU-PRINT-02", "SKU-SOAP-01"), 2));
    }
}
