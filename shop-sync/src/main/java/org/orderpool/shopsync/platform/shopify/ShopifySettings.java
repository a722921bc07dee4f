package org.orderpool.shopsync.platform.shopify;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One shop's Shopify connection: its GraphQL Admin API endpoint ({@code https://<store>/admin/api/<version>/graphql.json}),
 * the custom app's Admin API access token, the location the pool fulfils from, the names Shopify knows the
 * pool's carriers by, and the inventory item of each SKU the shop sells. Ids are Shopify global ids.
 */
public record ShopifySettings(String shopId, URI endpoint, String accessToken, String locationId, Map<String, String> carrierNames,
                              Map<String, String> inventoryItems) {

    /** The oldest API version shop-sync speaks: {@code changeFromQuantity} and {@code @idempotent} came with 2026-01. */
    public static final String OLDEST_VERSION = "2026-01";
    private static final Pattern VERSION = Pattern.compile("20\\d\\d-(01|04|07|10)");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,19}");

    public ShopifySettings {
        carrierNames = Map.copyOf(carrierNames);
        inventoryItems = Map.copyOf(inventoryItems);
    }

    /**
     * The GraphQL endpoint of a store.
     *
     * @param base  {@code https://<store domain>}, or a local fake's {@code http://127.0.0.1:<port>}
     * @param field the configuration property of the version, named in the error
     */
    public static URI endpoint(final URI base, final String apiVersion, final String field) {
        if (apiVersion == null || !VERSION.matcher(apiVersion).matches() || apiVersion.compareTo(OLDEST_VERSION) < 0) {
            throw new IllegalArgumentException(field + " must be a stable Shopify API version, " + OLDEST_VERSION
                    + " or later (YYYY-01, -04, -07 or -10), not '" + apiVersion + "'");
        }
        return base.resolve("/admin/api/" + apiVersion + "/graphql.json");
    }

    /**
     * A Shopify global id of the given type from either form a shop may copy from its admin: the number
     * ({@code 123}) or the global id ({@code gid://shopify/Location/123}).
     *
     * @return the global id, or null when the value is neither
     */
    public static String globalId(final String type, final String value) {
        if (value == null) {
            return null;
        }
        final String trimmed = value.strip();
        final String prefix = "gid://shopify/" + type + "/";
        final String number = trimmed.startsWith(prefix) ? trimmed.substring(prefix.length()) : trimmed;
        return NUMBER.matcher(number).matches() ? prefix + number : null;
    }
}
