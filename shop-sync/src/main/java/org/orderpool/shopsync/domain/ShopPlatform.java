package org.orderpool.shopsync.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * One shop as the storefront side of shop-sync sees it: its platform, the SKUs it sells with the item
 * each one is on its platform (a Shopify inventory item id, a WooCommerce product or variation id, or
 * for a webhooks-only shop its own id of the item), and how its stock figure is made: the pool's
 * available units, capped by the shop's fair-share cap where set, and whether it takes backorders.
 *
 * @param fairShareCap null for none; otherwise the share (above 0, at most 1) of a scarce SKU's available
 *                     units the shop is shown, as stock-reservation lets its orders hold at most that share
 * @param backorders   whether the shop sells on when the pool has none (WooCommerce: {@code onbackorder})
 */
public record ShopPlatform(String shopId, PlatformKind kind, Map<String, String> stockItems, Double fairShareCap,
                           boolean backorders) {

    public ShopPlatform {
        stockItems = stockItems == null ? Map.of() : Map.copyOf(new TreeMap<>(stockItems));
        if (fairShareCap != null && (fairShareCap <= 0 || fairShareCap > 1)) {
            throw new IllegalArgumentException("a fair-share cap is a share above 0 and at most 1, not " + fairShareCap);
        }
    }

    public static ShopPlatform webhooksOnly(final String shopId) {
        return new ShopPlatform(shopId, PlatformKind.WEBHOOKS_ONLY, Map.of(), null, false);
    }

    public boolean sells(final String sku) {
        return stockItems.containsKey(sku);
    }

    /**
     * The units the shop's storefront shows for a SKU of which the pool has {@code available}. On a scarce
     * SKU (at or below its low-stock threshold) a capped shop sees its share of what is left, at least one
     * unit while any is left: the most stock-reservation would let its orders hold. (stock-reservation also
     * counts what the shop's own orders hold already; stock.levels does not say, so the figure shown is on
     * the careful side.)
     */
    public int shown(final int available, final int lowStockThreshold) {
        if (available <= 0) {
            return 0;
        }
        if (fairShareCap == null || available > lowStockThreshold) {
            return available;
        }
        return Math.max(1, (int) Math.floor(fairShareCap * available));
    }
}
