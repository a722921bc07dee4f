package org.orderpool.intake.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The shops of the pool, by id. */
public final class ShopDirectory {

    private final Map<String, Shop> shops;

    public ShopDirectory(final Collection<Shop> shops) {
        this.shops = shops.stream().collect(Collectors.toUnmodifiableMap(Shop::shopId, Function.identity()));
    }

    public Optional<Shop> find(final String shopId) {
        return Optional.ofNullable(shopId == null ? null : shops.get(shopId));
    }

    public boolean isMember(final String shopId) {
        return find(shopId).isPresent();
    }

    /** The shop's policy; a shop the pool does not know (its order is rejected anyway) has the defaults. */
    public ShopPolicy policyOf(final String shopId) {
        return find(shopId).map(Shop::policy).orElseGet(ShopPolicy::defaults);
    }
}
