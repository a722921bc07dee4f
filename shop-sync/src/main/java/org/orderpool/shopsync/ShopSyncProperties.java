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
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopTokens;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.domain.WebhookSecret;
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
    private static String secret(final String inline, final Path file, final String field) {
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

    private static <T> T required(final T value, final String property) {
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

    /** One shop: where its webhooks go, how they are signed, and its API token. */
    public static class Shop {
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
    }
}
