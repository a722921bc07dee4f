package org.orderpool.shopsync.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a shop sells, and so what shop-sync does on its behalf besides webhooks and the API: on Shopify
 * and WooCommerce it also marks orders shipped with tracking, answers cancellations and orders the pool
 * cannot serve, and keeps the storefront's stock; a {@code webhooks-only} shop gets webhooks and the API.
 */
public enum PlatformKind {
    SHOPIFY("shopify"),
    WOOCOMMERCE("woocommerce"),
    WEBHOOKS_ONLY("webhooks-only");

    private final String configName;

    PlatformKind(final String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean callsPlatform() {
        return this != WEBHOOKS_ONLY;
    }

    /** Whether the platform is told this: only Shopify has fulfilment requests to accept. */
    public boolean isToldOf(final PlatformAction action) {
        return callsPlatform() && (action != PlatformAction.ACCEPT || this == SHOPIFY);
    }

    /**
     * The kind a shop's {@code platform} names; a shop that names none is {@code webhooks-only}.
     *
     * @param field the configuration property, named in the error
     */
    public static PlatformKind parse(final String value, final String field) {
        if (value == null || value.isBlank()) {
            return WEBHOOKS_ONLY;
        }
        final String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " must be one of "
                        + Arrays.stream(values()).map(PlatformKind::configName).collect(Collectors.joining(", "))
                        + ", not '" + value + "'"));
    }
}
