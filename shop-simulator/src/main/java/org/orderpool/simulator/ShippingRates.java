package org.orderpool.simulator;

import java.util.Map;

/**
 * What each simulated platform calls the pool's shipping methods, as real shops name their rates: the
 * names order-intake's local profile maps for the demo shops (its {@code shipping-names}). A Kafka-native
 * shop uses the pool's own names.
 */
public final class ShippingRates {

    /** A rate as the platform sends it: its code (Shopify's code, WooCommerce's method id) and its title. */
    public record Rate(String code, String title) {
    }

    private static final Map<SimulatedShop.Platform, Map<String, Rate>> RATES = Map.of(
            SimulatedShop.Platform.POOL_JSON, Map.of(
                    "STANDARD", new Rate("Colissimo domicile", null),
                    "EXPRESS", new Rate("Express 24h", null),
                    "PICKUP_POINT", new Rate("Point relais", null)),
            SimulatedShop.Platform.SHOPIFY, Map.of(
                    "STANDARD", new Rate("standard_shipping", "Standard"),
                    "EXPRESS", new Rate("express_24h", "Express 24h"),
                    "PICKUP_POINT", new Rate("pickup_point_relay", "Point relais")),
            SimulatedShop.Platform.WOOCOMMERCE, Map.of(
                    "STANDARD", new Rate("flat_rate", "Livraison standard"),
                    "EXPRESS", new Rate("flat_rate", "Express 24h"),
                    "PICKUP_POINT", new Rate("local_pickup", "Point relais")));

    private ShippingRates() {
    }

    /** The rate a shop of this platform sends for one of the pool's methods (the method itself when it has no name of its own). */
    public static Rate of(final SimulatedShop.Platform platform, final String poolMethod) {
        return RATES.getOrDefault(platform, Map.of()).getOrDefault(poolMethod, new Rate(poolMethod, null));
    }
}
