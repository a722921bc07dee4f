package org.orderpool.shopsync;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.ShopTokens;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.domain.WebhookSecret;
import org.orderpool.shopsync.platform.PlatformConnector;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.topology.PlatformSettings;
import org.orderpool.shopsync.topology.ShopSyncSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shop-sync's settings under {@code orderpool.shop-sync}. Every value lives in {@code shop-sync.yml},
 * which says what it means; a value missing there is refused at start, naming the property.
 */
@ConfigurationProperties(ShopSyncProperties.PREFIX)
public class ShopSyncProperties {

    static final String PREFIX = "orderpool.shop-sync";
    private static final int SHORTEST_TOKEN = 16;

    private final Webhooks webhooks = new Webhooks();
    private final RetentionSettings retention = new RetentionSettings();
    private final Api api = new Api();
    private final Platforms platforms = new Platforms();
    private Map<String, String> trackingUrls = new LinkedHashMap<>();
    private Map<String, Shop> shops = new LinkedHashMap<>();

    public ShopSyncSettings toSettings() {
        return new ShopSyncSettings(new RetrySchedule(required(webhooks.retrySchedule, "webhooks.retry-schedule"),
                required(webhooks.jitter, "webhooks.jitter")), required(webhooks.detailsWait, "webhooks.details-wait"),
                required(webhooks.maxEventAge, "webhooks.max-event-age"), required(webhooks.sendEvery, "webhooks.send-every"),
                required(webhooks.maxPerTick, "webhooks.max-per-tick"),
                required(webhooks.disabledRecheck, "webhooks.disabled-recheck"),
                new Retention(required(retention.afterTerminal, "retention.after-terminal"),
                        required(retention.idle, "retention.idle")),
                required(retention.checkEvery, "retention.check-every"));
    }

    /** Each shop that receives webhooks, with its URL and secret (from {@code webhook-secret} or {@code webhook-secret-file}). */
    public Map<String, WebhookEndpoint> endpoints() {
        final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        shops.forEach((shopId, shop) -> {
            if (shop.webhookUrl == null || shop.webhookUrl.isBlank()) {
                return;
            }
            final String field = PREFIX + ".shops." + shopId;
            final URI url = URI.create(shop.webhookUrl.strip());
            if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(field + ".webhook-url must be an absolute http(s) URL, not '"
                        + shop.webhookUrl + "'");
            }
            final String secret = secret(shop.webhookSecret, shop.webhookSecretFile, field + ".webhook-secret");
            if (secret == null) {
                throw new IllegalArgumentException(field + " has a webhook-url but neither webhook-secret nor webhook-secret-file");
            }
            endpoints.put(shopId, new WebhookEndpoint(shopId, url, WebhookSecret.parse(secret, field + ".webhook-secret"),
                    shop.webhookEnabledSince));
        });
        return endpoints;
    }

    /** The shop API's tokens (from {@code api-token} or {@code api-token-file}); a shop without one cannot use the API. */
    public ShopTokens tokens() {
        final Map<String, String> tokens = new LinkedHashMap<>();
        shops.forEach((shopId, shop) -> {
            final String field = PREFIX + ".shops." + shopId + ".api-token";
            final String token = secret(shop.apiToken, shop.apiTokenFile, field);
            if (token == null) {
                return;
            }
            if (token.length() < SHORTEST_TOKEN) {
                throw new IllegalArgumentException(field + " is too short: at least " + SHORTEST_TOKEN + " characters");
            }
            tokens.put(shopId, token);
        });
        return new ShopTokens(tokens);
    }

    public TrackingUrls trackingUrls() {
        return new TrackingUrls(trackingUrls, PREFIX + ".tracking-urls");
    }

    public Duration webhookTimeout() {
        return required(webhooks.timeout, "webhooks.timeout");
    }

    public int deliverySlots() {
        return required(webhooks.deliverySlots, "webhooks.delivery-slots");
    }

    public int pageSize() {
        return required(api.pageSize, "api.page-size");
    }

    public int maxPageSize() {
        return required(api.maxPageSize, "api.max-page-size");
    }

    public Duration peerTimeout() {
        return required(api.peerTimeout, "api.peer-timeout");
    }

    /** A secret given inline or as a file (a mounted secret; surrounding white space ignored); null when neither. */
    static String secret(final String inline, final Path file, final String field) {
        if (inline != null && !inline.isBlank() && file != null) {
            throw new IllegalArgumentException(field + " and " + field + "-file are both set: give one");
        }
        if (file == null) {
            return inline == null || inline.isBlank() ? null : inline.strip();
        }
        try {
            final String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(field + "-file " + file + " is empty");
            }
            return value;
        } catch (final IOException e) {
            throw new IllegalArgumentException(field + "-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static <T> T required(final T value, final String property) {
        if (value == null) {
            throw new IllegalArgumentException(PREFIX + "." + property + " is not set (shop-sync.yml sets it)");
        }
        return value;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }

    public RetentionSettings getRetention() {
        return retention;
    }

    /** Each shop's platform: kind, stock map, fair-share cap, backorders (a shop not configured is webhooks-only). */
    public ShopPlatforms shopPlatforms() {
        return PlatformConfiguration.shopPlatforms(shops);
    }

    /**
     * A connector for each shop on Shopify or WooCommerce, with its credentials read (files in production;
     * inline values only where {@code platforms.inline-credentials} allows them, as in the local profile).
     */
    public Map<String, PlatformConnector> connectors(final PlatformHttp http, final TrackingUrls urls, final LongSupplier clockMillis) {
        return PlatformConfiguration.connectors(shops, required(platforms.inlineCredentials, "platforms.inline-credentials"), http,
                urls, clockMillis);
    }

    public PlatformSettings platformSettings() {
        return new PlatformSettings(new RetrySchedule(required(platforms.retrySchedule, "platforms.retry-schedule"),
                required(webhooks.jitter, "webhooks.jitter")), required(platforms.maxPerTick, "platforms.max-per-tick"),
                required(platforms.stockBatchSize, "platforms.stock-batch-size"));
    }

    public Duration platformTimeout() {
        return required(platforms.timeout, "platforms.timeout");
    }

    public int callSlots() {
        return required(platforms.callSlots, "platforms.call-slots");
    }

    public Platforms getPlatforms() {
        return platforms;
    }

    public Api getApi() {
        return api;
    }

    public Map<String, String> getTrackingUrls() {
        return trackingUrls;
    }

    public void setTrackingUrls(final Map<String, String> trackingUrls) {
        this.trackingUrls = trackingUrls;
    }

    public Map<String, Shop> getShops() {
        return shops;
    }

    public void setShops(final Map<String, Shop> shops) {
        this.shops = shops;
    }

    /** How webhooks are delivered. */
    public static class Webhooks {
        private Duration timeout;
        private List<Duration> retrySchedule;
        private Double jitter;
        private Duration sendEvery;
        private Integer maxPerTick;
        private Integer deliverySlots;
        private Duration detailsWait;
        private Duration maxEventAge;
        private Duration disabledRecheck;

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(final Duration timeout) {
            this.timeout = timeout;
        }

        public List<Duration> getRetrySchedule() {
            return retrySchedule;
        }

        public void setRetrySchedule(final List<Duration> retrySchedule) {
            this.retrySchedule = retrySchedule;
        }

        public Double getJitter() {
            return jitter;
        }

        public void setJitter(final Double jitter) {
            this.jitter = jitter;
        }

        public Duration getSendEvery() {
            return sendEvery;
        }

        public void setSendEvery(final Duration sendEvery) {
            this.sendEvery = sendEvery;
        }

        public Integer getMaxPerTick() {
            return maxPerTick;
        }

        public void setMaxPerTick(final Integer maxPerTick) {
            this.maxPerTick = maxPerTick;
        }

        public Integer getDeliverySlots() {
            return deliverySlots;
        }

        public void setDeliverySlots(final Integer deliverySlots) {
            this.deliverySlots = deliverySlots;
        }

        public Duration getDetailsWait() {
            return detailsWait;
        }

        public void setDetailsWait(final Duration detailsWait) {
            this.detailsWait = detailsWait;
        }

        public Duration getMaxEventAge() {
            return maxEventAge;
        }

        public void setMaxEventAge(final Duration maxEventAge) {
            this.maxEventAge = maxEventAge;
        }

        public Duration getDisabledRecheck() {
            return disabledRecheck;
        }

        public void setDisabledRecheck(final Duration disabledRecheck) {
            this.disabledRecheck = disabledRecheck;
        }
    }

    /** How long orders are remembered. */
    public static class RetentionSettings {
        private Duration afterTerminal;
        private Duration idle;
        private Duration checkEvery;

        public Duration getAfterTerminal() {
            return afterTerminal;
        }

        public void setAfterTerminal(final Duration afterTerminal) {
            this.afterTerminal = afterTerminal;
        }

        public Duration getIdle() {
            return idle;
        }

        public void setIdle(final Duration idle) {
            this.idle = idle;
        }

        public Duration getCheckEvery() {
            return checkEvery;
        }

        public void setCheckEvery(final Duration checkEvery) {
            this.checkEvery = checkEvery;
        }
    }

    /** The shop API. */
    public static class Api {
        private Integer pageSize;
        private Integer maxPageSize;
        private Duration peerTimeout;

        public Integer getPageSize() {
            return pageSize;
        }

        public void setPageSize(final Integer pageSize) {
            this.pageSize = pageSize;
        }

        public Integer getMaxPageSize() {
            return maxPageSize;
        }

        public void setMaxPageSize(final Integer maxPageSize) {
            this.maxPageSize = maxPageSize;
        }

        public Duration getPeerTimeout() {
            return peerTimeout;
        }

        public void setPeerTimeout(final Duration peerTimeout) {
            this.peerTimeout = peerTimeout;
        }
    }

    /** How shops' platforms are called. */
    public static class Platforms {
        private Duration timeout;
        private Integer callSlots;
        private List<Duration> retrySchedule;
        private Integer maxPerTick;
        private Integer stockBatchSize;
        private Boolean inlineCredentials;

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(final Duration timeout) {
            this.timeout = timeout;
        }

        public Integer getCallSlots() {
            return callSlots;
        }

        public void setCallSlots(final Integer callSlots) {
            this.callSlots = callSlots;
        }

        public List<Duration> getRetrySchedule() {
            return retrySchedule;
        }

        public void setRetrySchedule(final List<Duration> retrySchedule) {
            this.retrySchedule = retrySchedule;
        }

        public Integer getMaxPerTick() {
            return maxPerTick;
        }

        public void setMaxPerTick(final Integer maxPerTick) {
            this.maxPerTick = maxPerTick;
        }

        public Integer getStockBatchSize() {
            return stockBatchSize;
        }

        public void setStockBatchSize(final Integer stockBatchSize) {
            this.stockBatchSize = stockBatchSize;
        }

        public Boolean getInlineCredentials() {
            return inlineCredentials;
        }

        public void setInlineCredentials(final Boolean inlineCredentials) {
            this.inlineCredentials = inlineCredentials;
        }
    }

    /** One shop: where its webhooks go, how they are signed, its API token, and its platform. */
    public static class Shop {
        private String platform;
        private final ShopifyShop shopify = new ShopifyShop();
        private final WooCommerceShop woocommerce = new WooCommerceShop();
        private Map<String, String> carrierNames = new LinkedHashMap<>();
        private final ShopStock stock = new ShopStock();
        private String webhookUrl;
        private String webhookSecret;
        private Path webhookSecretFile;
        private Instant webhookEnabledSince;
        private String apiToken;
        private Path apiTokenFile;

        public String getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(final String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(final String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        public Path getWebhookSecretFile() {
            return webhookSecretFile;
        }

        public void setWebhookSecretFile(final Path webhookSecretFile) {
            this.webhookSecretFile = webhookSecretFile;
        }

        public Instant getWebhookEnabledSince() {
            return webhookEnabledSince;
        }

        public void setWebhookEnabledSince(final Instant webhookEnabledSince) {
            this.webhookEnabledSince = webhookEnabledSince;
        }

        public String getApiToken() {
            return apiToken;
        }

        public void setApiToken(final String apiToken) {
            this.apiToken = apiToken;
        }

        public Path getApiTokenFile() {
            return apiTokenFile;
        }

        public void setApiTokenFile(final Path apiTokenFile) {
            this.apiTokenFile = apiTokenFile;
        }

        public String getPlatform() {
            return platform;
        }

        public void setPlatform(final String platform) {
            this.platform = platform;
        }

        public ShopifyShop getShopify() {
            return shopify;
        }

        public WooCommerceShop getWoocommerce() {
            return woocommerce;
        }

        public Map<String, String> getCarrierNames() {
            return carrierNames;
        }

        public void setCarrierNames(final Map<String, String> carrierNames) {
            this.carrierNames = carrierNames;
        }

        public ShopStock getStock() {
            return stock;
        }
    }

    /** A shop's Shopify store: where, which API version, the custom app's token, the pool's location. */
    public static class ShopifyShop {
        private String storeDomain;
        private URI baseUrl;
        private String apiVersion;
        private String accessToken;
        private Path accessTokenFile;
        private String locationId;

        public String getStoreDomain() {
            return storeDomain;
        }

        public void setStoreDomain(final String storeDomain) {
            this.storeDomain = storeDomain;
        }

        public URI getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(final URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getApiVersion() {
            return apiVersion;
        }

        public void setApiVersion(final String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(final String accessToken) {
            this.accessToken = accessToken;
        }

        public Path getAccessTokenFile() {
            return accessTokenFile;
        }

        public void setAccessTokenFile(final Path accessTokenFile) {
            this.accessTokenFile = accessTokenFile;
        }

        public String getLocationId() {
            return locationId;
        }

        public void setLocationId(final String locationId) {
            this.locationId = locationId;
        }

        boolean isEmpty() {
            return storeDomain == null && baseUrl == null && apiVersion == null && accessToken == null && accessTokenFile == null
                    && locationId == null;
        }
    }

    /** A shop's WooCommerce site and its REST API key. */
    public static class WooCommerceShop {
        private URI siteUrl;
        private String consumerKey;
        private Path consumerKeyFile;
        private String consumerSecret;
        private Path consumerSecretFile;

        public URI getSiteUrl() {
            return siteUrl;
        }

        public void setSiteUrl(final URI siteUrl) {
            this.siteUrl = siteUrl;
        }

        public String getConsumerKey() {
            return consumerKey;
        }

        public void setConsumerKey(final String consumerKey) {
            this.consumerKey = consumerKey;
        }

        public Path getConsumerKeyFile() {
            return consumerKeyFile;
        }

        public void setConsumerKeyFile(final Path consumerKeyFile) {
            this.consumerKeyFile = consumerKeyFile;
        }

        public String getConsumerSecret() {
            return consumerSecret;
        }

        public void setConsumerSecret(final String consumerSecret) {
            this.consumerSecret = consumerSecret;
        }

        public Path getConsumerSecretFile() {
            return consumerSecretFile;
        }

        public void setConsumerSecretFile(final Path consumerSecretFile) {
            this.consumerSecretFile = consumerSecretFile;
        }

        boolean isEmpty() {
            return siteUrl == null && consumerKey == null && consumerKeyFile == null && consumerSecret == null
                    && consumerSecretFile == null;
        }
    }

    /** The SKUs a shop sells, each with its item on the shop's platform, and how its figure is made. */
    public static class ShopStock {
        private Map<String, String> items = new LinkedHashMap<>();
        private Double fairShareCap;
        private boolean backorders;

        public Map<String, String> getItems() {
            return items;
        }

        public void setItems(final Map<String, String> items) {
            this.items = items;
        }

        public Double getFairShareCap() {
            return fairShareCap;
        }

        public void setFairShareCap(final Double fairShareCap) {
            this.fairShareCap = fairShareCap;
        }

        public boolean isBackorders() {
            return backorders;
        }

        public void setBackorders(final boolean backorders) {
            this.backorders = backorders;
        }
    }
}
