package org.orderpool.shopsync;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.orderpool.shopsync.ShopSyncProperties.Shop;
import org.orderpool.shopsync.domain.PlatformKind;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.PlatformConnector;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.shopify.ShopifyConnector;
import org.orderpool.shopsync.platform.shopify.ShopifySettings;
import org.orderpool.shopsync.platform.woocommerce.WooCommerceConnector;
import org.orderpool.shopsync.platform.woocommerce.WooCommerceSettings;

/**
 * Reads and checks each shop's platform configuration ({@code orderpool.shop-sync.shops.<id>.platform},
 * {@code .shopify}, {@code .woocommerce}, {@code .carrier-names}, {@code .stock}); every error names the
 * property. Platform credentials come from files (mounted secrets); inline values are refused unless
 * {@code platforms.inline-credentials} allows them (the local profile, with demo values).
 */
final class PlatformConfiguration {

    private static final String PREFIX = ShopSyncProperties.PREFIX + ".shops.";
    private static final Pattern MYSHOPIFY = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    private PlatformConfiguration() {
    }

    static ShopPlatforms shopPlatforms(final Map<String, Shop> shops) {
        final List<ShopPlatform> platforms = new ArrayList<>();
        shops.forEach((shopId, shop) -> platforms.add(shopPlatform(shopId, shop)));
        return new ShopPlatforms(platforms);
    }

    private static ShopPlatform shopPlatform(final String shopId, final Shop shop) {
        final String field = PREFIX + shopId;
        final PlatformKind kind = PlatformKind.parse(shop.getPlatform(), field + ".platform");
        if (kind != PlatformKind.SHOPIFY && !shop.getShopify().isEmpty()) {
            throw new IllegalArgumentException(field + ".shopify is set but the shop's platform is " + kind.configName());
        }
        if (kind != PlatformKind.WOOCOMMERCE && !shop.getWoocommerce().isEmpty()) {
            throw new IllegalArgumentException(field + ".woocommerce is set but the shop's platform is " + kind.configName());
        }
        final Map<String, String> items = new LinkedHashMap<>();
        shop.getStock().getItems().forEach((sku, item) -> {
            final String itemField = field + ".stock.items." + sku;
            if (sku == null || sku.isBlank()) {
                throw new IllegalArgumentException(field + ".stock.items has an empty SKU");
            }
            if (kind == PlatformKind.SHOPIFY && ShopifySettings.globalId("InventoryItem", item) == null) {
                throw new IllegalArgumentException(itemField + " must be a Shopify inventory item id (123 or "
                        + "gid://shopify/InventoryItem/123), not '" + item + "'");
            }
            if (kind == PlatformKind.WOOCOMMERCE) {
                WooCommerceSettings.Item.parse(item, itemField);
            }
            items.put(sku, item == null ? "" : item.strip());
        });
        final Double cap = shop.getStock().getFairShareCap();
        if (cap != null && (cap <= 0 || cap > 1)) {
            throw new IllegalArgumentException(field + ".stock.fair-share-cap must be above 0 and at most 1, was " + cap);
        }
        return new ShopPlatform(shopId, kind, items, cap, shop.getStock().isBackorders());
    }

    static Map<String, PlatformConnector> connectors(final Map<String, Shop> shops, final boolean inlineAllowed, final PlatformHttp http,
                                                      final TrackingUrls urls, final LongSupplier clockMillis) {
        final Map<String, PlatformConnector> connectors = new LinkedHashMap<>();
        shops.forEach((shopId, shop) -> {
            final ShopPlatform platform = shopPlatform(shopId, shop);
            if (platform.kind() == PlatformKind.SHOPIFY) {
                connectors.put(shopId, new ShopifyConnector(shopify(shopId, shop, platform, inlineAllowed), http, clockMillis));
            } else if (platform.kind() == PlatformKind.WOOCOMMERCE) {
                connectors.put(shopId, new WooCommerceConnector(woocommerce(shopId, shop, platform, inlineAllowed), http, urls));
            }
        });
        return connectors;
    }

    static ShopifySettings shopify(final String shopId, final Shop shop, final ShopPlatform platform, final boolean inlineAllowed) {
        final String field = PREFIX + shopId + ".shopify";
        final ShopSyncProperties.ShopifyShop settings = shop.getShopify();
        final URI base;
        if (settings.getBaseUrl() != null) {
            base = checkedBase(settings.getBaseUrl(), field + ".base-url");
        } else {
            final String domain = settings.getStoreDomain() == null ? "" : settings.getStoreDomain().strip().toLowerCase(Locale.ROOT);
            if (!MYSHOPIFY.matcher(domain).matches()) {
                throw new IllegalArgumentException(field + ".store-domain must be the store's <name>.myshopify.com domain (the Admin API"
                        + " answers there only), not '" + settings.getStoreDomain() + "'");
            }
            base = URI.create("https://" + domain);
        }
        final URI endpoint = ShopifySettings.endpoint(base, settings.getApiVersion(), field + ".api-version");
        final String token = credential(settings.getAccessToken(), settings.getAccessTokenFile(), field + ".access-token", inlineAllowed);
        final String location = ShopifySettings.globalId("Location", settings.getLocationId());
        if (location == null) {
            throw new IllegalArgumentException(field + ".location-id must be the id of the location the pool fulfils from (123 or "
                    + "gid://shopify/Location/123), not '" + settings.getLocationId() + "'");
        }
        final Map<String, String> items = new LinkedHashMap<>();
        platform.stockItems().forEach((sku, item) -> items.put(sku, ShopifySettings.globalId("InventoryItem", item)));
        return new ShopifySettings(shopId, endpoint, token, location, carrierNames(shopId, shop), items);
    }

    static WooCommerceSettings woocommerce(final String shopId, final Shop shop, final ShopPlatform platform,
                                           final boolean inlineAllowed) {
        final String field = PREFIX + shopId + ".woocommerce";
        final ShopSyncProperties.WooCommerceShop settings = shop.getWoocommerce();
        if (settings.getSiteUrl() == null) {
            throw new IllegalArgumentException(field + ".site-url is not set (the shop's WordPress site, https://...)");
        }
        final URI site = checkedBase(settings.getSiteUrl(), field + ".site-url");
        final String key = credential(settings.getConsumerKey(), settings.getConsumerKeyFile(), field + ".consumer-key", inlineAllowed);
        final String secret = credential(settings.getConsumerSecret(), settings.getConsumerSecretFile(), field + ".consumer-secret",
                inlineAllowed);
        final Map<String, WooCommerceSettings.Item> items = new LinkedHashMap<>();
        platform.stockItems().forEach((sku, item) -> items.put(sku, WooCommerceSettings.Item.parse(item, PREFIX + shopId
                + ".stock.items." + sku)));
        return new WooCommerceSettings(shopId, site, key, secret, carrierNames(shopId, shop), items, platform.backorders());
    }

    private static Map<String, String> carrierNames(final String shopId, final Shop shop) {
        final Map<String, String> names = new LinkedHashMap<>();
        shop.getCarrierNames().forEach((carrier, name) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PREFIX + shopId + ".carrier-names." + carrier + " is empty");
            }
            names.put(carrier, name.strip());
        });
        return names;
    }

    /**
     * A platform's base URL: HTTPS, since the credentials travel in headers (WooCommerce accepts its
     * consumer key over Basic auth on HTTPS only); plain HTTP only to this machine (a local fake).
     */
    private static URI checkedBase(final URI url, final String field) {
        if (!url.isAbsolute() || url.getHost() == null || url.getRawPath() != null && url.getRawPath().length() > 1
                || url.getQuery() != null) {
            throw new IllegalArgumentException(field + " must be a site's root URL such as https://shop.example, not '" + url + "'");
        }
        if ("https".equals(url.getScheme())) {
            return url;
        }
        if ("http".equals(url.getScheme()) && loopback(url.getHost())) {
            return url;
        }
        throw new IllegalArgumentException(field + " must be https (plain http only to this machine, for a local fake), not '" + url
                + "'");
    }

    private static boolean loopback(final String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            return Pattern.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]", host)
                    && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (final UnknownHostException e) {
            return false;
        }
    }

    private static String credential(final String inline, final Path file, final String field, final boolean inlineAllowed) {
        if (inline != null && !inline.isBlank() && !inlineAllowed) {
            throw new IllegalArgumentException(field + " is given inline: in production give " + field + "-file (a mounted secret);"
                    + " inline values are for the local profile (platforms.inline-credentials)");
        }
        final String value = ShopSyncProperties.secret(inline, file, field);
        if (value == null) {
            throw new IllegalArgumentException(field + "-file is not set");
        }
        return value;
    }
}
