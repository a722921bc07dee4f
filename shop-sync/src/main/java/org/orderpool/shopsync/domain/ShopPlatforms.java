package org.orderpool.shopsync.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configured shop's {@link ShopPlatform}, and which shops sell each SKU. A shop not configured is webhooks-only. */
public final class ShopPlatforms {

    private final Map<String, ShopPlatform> byShop;
    private final Map<String, List<ShopPlatform>> bySku;

    public ShopPlatforms(final Collection<ShopPlatform> shops) {
        final Map<String, ShopPlatform> shopsById = new LinkedHashMap<>();
        final Map<String, List<ShopPlatform>> sellers = new HashMap<>();
        for (final ShopPlatform shop : shops) {
            shopsById.put(shop.shopId(), shop);
            shop.stockItems().keySet().forEach(sku -> sellers.computeIfAbsent(sku, s -> new ArrayList<>()).add(shop));
        }
        this.byShop = Map.copyOf(shopsById);
        final Map<String, List<ShopPlatform>> frozen = new HashMap<>();
        sellers.forEach((sku, list) -> frozen.put(sku, List.copyOf(list)));
        this.bySku = Map.copyOf(frozen);
    }

    public static ShopPlatforms none() {
        return new ShopPlatforms(List.of());
    }

    public ShopPlatform shop(final String shopId) {
        final ShopPlatform shop = shopId == null ? null : byShop.get(shopId);
        return shop != null ? shop : ShopPlatform.webhooksOnly(shopId);
    }

    public boolean callsPlatform(final String shopId) {
        return shop(shopId).kind().callsPlatform();
    }

    /** The shops that sell a SKU (have it in their stock map). */
    public List<ShopPlatform> sellersOf(final String sku) {
        return bySku.getOrDefault(sku, List.of());
    }

    public Collection<ShopPlatform> all() {
        return byShop.values();
    }
}
