package org.orderpool.shipping;

import java.time.Duration;
import org.orderpool.shipping.topology.ShippingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shipping-scheduler's settings under {@code orderpool.shipping}; see {@link ShippingSettings} for their
 * meaning. Only what is set here changes anything: every default is {@link ShippingSettings#defaults()}.
 */
@ConfigurationProperties("orderpool.shipping")
public class ShippingProperties {

    private static final String PREFIX = "orderpool.shipping.";

    private Duration checkEvery;
    private Duration settledRetention;
    private Integer defaultUnitWeightGrams;

    /** The settings these properties make; throws naming the property if one is out of range. */
    public ShippingSettings toSettings() {
        final ShippingSettings defaults = ShippingSettings.defaults();
        final ShippingSettings settings = new ShippingSettings(checkEvery == null ? defaults.checkEvery() : checkEvery,
                settledRetention == null ? defaults.settledRetention() : settledRetention,
                defaultUnitWeightGrams == null ? defaults.defaultUnitWeightGrams() : defaultUnitWeightGrams);
        requirePositive(settings.checkEvery(), PREFIX + "check-every");
        requirePositive(settings.settledRetention(), PREFIX + "settled-retention");
        if (settings.defaultUnitWeightGrams() <= 0) {
            throw new IllegalArgumentException(PREFIX + "default-unit-weight-grams must be positive, was "
                    + settings.defaultUnitWeightGrams());
        }
        return settings;
    }

    private static void requirePositive(final Duration duration, final String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + duration);
        }
    }

    public Duration getCheckEvery() {
        return checkEvery;
    }

    public void setCheckEvery(final Duration checkEvery) {
        this.checkEvery = checkEvery;
    }

    public Duration getSettledRetention() {
        return settledRetention;
    }

    public void setSettledRetention(final Duration settledRetention) {
        this.settledRetention = settledRetention;
    }

    public Integer getDefaultUnitWeightGrams() {
        return defaultUnitWeightGrams;
    }

    public void setDefaultUnitWeightGrams(final Integer defaultUnitWeightGrams) {
        this.defaultUnitWeightGrams = defaultUnitWeightGrams;
    }
}
