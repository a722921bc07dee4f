package org.orderpool.shipping;

import java.time.Duration;
import org.orderpool.shipping.topology.ShippingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** shipping-scheduler's settings under {@code orderpool.shipping}; see {@link ShippingSettings} for their meaning. */
@ConfigurationProperties("orderpool.shipping")
public class ShippingProperties {

    private Duration checkEvery = ShippingSettings.defaults().checkEvery();
    private Duration settledRetention = ShippingSettings.defaults().settledRetention();
    private int defaultUnitWeightGrams = ShippingSettings.defaults().defaultUnitWeightGrams();

    public ShippingSettings toSettings() {
        return new ShippingSettings(checkEvery, settledRetention, defaultUnitWeightGrams);
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

    public int getDefaultUnitWeightGrams() {
        return defaultUnitWeightGrams;
    }

    public void setDefaultUnitWeightGrams(final int defaultUnitWeightGrams) {
        this.defaultUnitWeightGrams = defaultUnitWeightGrams;
    }
}
