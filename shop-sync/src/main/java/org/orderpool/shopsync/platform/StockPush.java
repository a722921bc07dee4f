package org.orderpool.shopsync.platform;

import java.util.List;

/**
 * The quantities to set on one shop's platform, one item per SKU, in one call where the platform allows
 * (Shopify's {@code inventorySetQuantities}, WooCommerce's {@code products/batch}).
 */
public record StockPush(String shopId, List<StockItem> items) {

    public StockPush {
        items = List.copyOf(items);
    }

    /**
     * @param quantity         the figure the storefront is to show
     * @param platformQuantity what the platform holds as far as shop-sync knows, null when unknown
     * @param version          the slot's version of the figure: with the figures, it makes the call's idempotency key
     */
    public record StockItem(String sku, int quantity, Integer platformQuantity, long version) {
    }
}
