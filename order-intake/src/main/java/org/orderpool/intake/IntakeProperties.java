package org.orderpool.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.intake.domain.IntakeRules;
import org.orderpool.intake.domain.ShippingNames;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopPolicy;
import org.orderpool.intake.gateway.IntakeGateway;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * order-intake's settings under {@code orderpool.intake}. Shops are keyed by shop id; each has a
 * display name and its webhook secret, given inline (the local profile's demo shops) or, in
 * production, as {@code secret-file} pointing at a mounted secret, or through the environment.
 */
@ConfigurationProperties("orderpool.intake")
public class IntakeProperties {

    private Map<String, ShopSettings> shops = new LinkedHashMap<>();
    /** How long a decided order id is remembered, so a retry within it has no effect. */
    private Duration dedupRetention = Duration.ofDays(7);
    private int maxBodyBytes = 256 * 1024;
    /** How far a signed X-Pool-Timestamp may be from the pool's clock. */
    private Duration signedTimestampTolerance = Duration.ofMinutes(5);
    /**
     * How long after it was triggered (X-Shopify-Triggered-At, or the signed body's last change) a Shopify or WooCommerce
     * delivery is still taken; older ones are refused as replays. The order's own age plays no part.
     */
    private Duration platformReplayWindow = Duration.ofHours(48);
    /** How long the gateway waits for the broker's acknowledgement before answering 503. */
    private Duration ackTimeout = Duration.ofSeconds(10);
    /** How long before its arrival an order may have been placed (its placedAt); older ones are rejected as too_old. */
    private Duration maxOrderAge = IntakeRules.DEFAULT_MAX_ORDER_AGE;
    /** How long a client may take to send a whole request body before the gateway answers 408. */
    private Duration bodyReadTimeout = IntakeGateway.Settings.DEFAULT_BODY_READ_TIMEOUT;

    /**
     * The intake rules with this configuration's maximum order age, refused when an order that old could
     * outlive its own deduplication: an honest retry of it would then be taken as a new order.
     */
    public IntakeRules intakeRules() {
        final IntakeRules rules = IntakeRules.defaults().withMaxOrderAge(maxOrderAge);
        if (maxOrderAge.plus(rules.maxClockSkew()).compareTo(dedupRetention) >= 0) {
            throw new IllegalStateException("orderpool.intake.max-order-age (" + maxOrderAge + ") plus the allowed clock skew ("
                    + rules.maxClockSkew() + ") must be shorter than orderpool.intake.dedup-retention (" + dedupRetention
                    + "), or a retry of an order that old would no longer be recognised and would become a second order");
        }
        return rules;
    }

    /**
     * The shops, refused when one's payment timeout is not shorter than the deduplication retention: intake would
     * forget an order while it still waits for its payment, and it would never be released nor cancelled.
     */
    public List<Shop> toShops() {
        final List<Shop> all = shops.entrySet().stream().map(entry -> entry.getValue().toShop(entry.getKey())).toList();
        for (final Shop shop : all) {
            if (shop.policy().paymentTimeout().compareTo(dedupRetention) >= 0) {
                throw new IllegalStateException("orderpool.intake.shops." + shop.shopId() + ".payment-timeout ("
                        + shop.policy().paymentTimeout() + ") must be shorter than orderpool.intake.dedup-retention ("
                        + dedupRetention + "), or an order waiting for its payment would be forgotten before it is paid or cancelled");
            }
        }
        return all;
    }

    public Map<String, ShopSettings> getShops() {
        return shops;
    }

    public void setShops(final Map<String, ShopSettings> shops) {
        this.shops = shops;
    }

    public Duration getDedupRetention() {
        return dedupRetention;
    }

    public void setDedupRetention(final Duration dedupRetention) {
        this.dedupRetention = dedupRetention;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(final int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Duration getSignedTimestampTolerance() {
        return signedTimestampTolerance;
    }

    public void setSignedTimestampTolerance(final Duration signedTimestampTolerance) {
        this.signedTimestampTolerance = signedTimestampTolerance;
    }

    public Duration getPlatformReplayWindow() {
        return platformReplayWindow;
    }

    public void setPlatformReplayWindow(final Duration platformReplayWindow) {
        this.platformReplayWindow = platformReplayWindow;
    }

    public Duration getMaxOrderAge() {
        return maxOrderAge;
    }

    public void setMaxOrderAge(final Duration maxOrderAge) {
        this.maxOrderAge = maxOrderAge;
    }

    public Duration getBodyReadTimeout() {
        return bodyReadTimeout;
    }

    public void setBodyReadTimeout(final Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    public Duration getAckTimeout() {
        return ackTimeout;
    }

    public void setAckTimeout(final Duration ackTimeout) {
        this.ackTimeout = ackTimeout;
    }

    /**
     * One shop's settings. Its policy ({@code accept-authorized}, {@code payment-timeout}) defaults to
     * {@link ShopPolicy#defaults()}; a shop sets only what differs.
     */
    public static class ShopSettings {
        private String name;
        private String secret;
        private Path secretFile;
        /** Whether an order whose payment is only authorised counts as paid (Shopify's {@code authorized}). */
        private Boolean acceptAuthorized;
        /** How long an unpaid order waits in AWAITING_PAYMENT before it is cancelled. */
        private Duration paymentTimeout;
        /** The shop's own names of its shipping rates (codes and titles), under the pool's method each stands for. */
        private Map<String, List<String>> shippingNames = new LinkedHashMap<>();
        /** The pool's method of an order whose code and title name none of the shop's; unset: such orders are refused. */
        private String defaultShippingMethod;

        Shop toShop(final String shopId) {
            final String resolved = secretFile != null ? readSecret(shopId) : secret;
            if (resolved == null || resolved.isBlank()) {
                throw new IllegalStateException("shop '" + shopId + "' has no webhook secret: set orderpool.intake.shops."
                        + shopId + ".secret or .secret-file");
            }
            final ShopPolicy defaults = ShopPolicy.defaults();
            final ShopPolicy policy;
            try {
                policy = new ShopPolicy(acceptAuthorized != null ? acceptAuthorized : defaults.acceptAuthorized(),
                        paymentTimeout != null ? paymentTimeout : defaults.paymentTimeout(), shippingNames(shopId));
            } catch (final IllegalArgumentException e) {
                throw new IllegalStateException("orderpool.intake.shops." + shopId + ": " + e.getMessage(), e);
            }
            return new Shop(shopId, name == null ? shopId : name, resolved.strip(), policy);
        }

        private ShippingNames shippingNames(final String shopId) {
            final Map<ShippingMethod, List<String>> byMethod = new LinkedHashMap<>();
            shippingNames.forEach((method, names) -> byMethod.put(method(shopId, "shipping-names." + method, method), names));
            return new ShippingNames(byMethod, defaultShippingMethod == null || defaultShippingMethod.isBlank() ? null
                    : method(shopId, "default-shipping-method", defaultShippingMethod));
        }

        private static ShippingMethod method(final String shopId, final String property, final String name) {
            final ShippingMethod method = ShippingNames.poolMethod(name);
            if (method == null) {
                throw new IllegalStateException("orderpool.intake.shops." + shopId + "." + property + ": '" + name
                        + "' is none of the pool's shipping methods (STANDARD, EXPRESS, PICKUP_POINT)");
            }
            return method;
        }

        public Map<String, List<String>> getShippingNames() {
            return shippingNames;
        }

        public void setShippingNames(final Map<String, List<String>> shippingNames) {
            this.shippingNames = shippingNames;
        }

        public String getDefaultShippingMethod() {
            return defaultShippingMethod;
        }

        public void setDefaultShippingMethod(final String defaultShippingMethod) {
            this.defaultShippingMethod = defaultShippingMethod;
        }

        public Boolean getAcceptAuthorized() {
            return acceptAuthorized;
        }

        public void setAcceptAuthorized(final Boolean acceptAuthorized) {
            this.acceptAuthorized = acceptAuthorized;
        }

        public Duration getPaymentTimeout() {
            return paymentTimeout;
        }

        public void setPaymentTimeout(final Duration paymentTimeout) {
            this.paymentTimeout = paymentTimeout;
        }

        private String readSecret(final String shopId) {
            try {
                return Files.readString(secretFile, StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read the secret file of shop '" + shopId + "'", e);
            }
        }

        public String getName() {
            return name;
        }

        public void setName(final String name) {
            this.name = name;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(final String secret) {
            this.secret = secret;
        }

        public Path getSecretFile() {
            return secretFile;
        }

        public void setSecretFile(final Path secretFile) {
            this.secretFile = secretFile;
        }

        @Override
        public String toString() {
            return "ShopSettings[" + name + ", secret=***]";
        }
    }
}
