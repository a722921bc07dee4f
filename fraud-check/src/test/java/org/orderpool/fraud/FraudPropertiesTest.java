package org.orderpool.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderpool.fraud.topology.FraudSettings;

class FraudPropertiesTest {

    @Test
    void shouldMakeTheDefaultSettingsWhenNothingIsConfigured() {
        assertThat(new FraudProperties().toSettings()).isEqualTo(FraudSettings.defaults());
    }

    @Test
    void shouldLetAShopOverrideOnlyWhatItNamesAndTakeTheRestFromTheDefaultPolicy() {
        final FraudProperties properties = new FraudProperties();
        properties.getDefaultPolicy().setReviewTimeout(Duration.ofMinutes(10));
        final FraudProperties.Policy teaHouse = new FraudProperties.Policy();
        teaHouse.setReviewAt(60);
        properties.getShops().put("tea-house", teaHouse);

        final FraudSettings settings = properties.toSettings();

        final Duration tenMinutes = Duration.ofMinutes(10);
        assertThat(settings.policyOf("tea-house")).isEqualTo(new FraudSettings.ShopPolicy(60, 85, tenMinutes, false));
        assertThat(settings.policyOf("book-nook")).isEqualTo(new FraudSettings.ShopPolicy(50, 85, tenMinutes, false));
    }

    @Test
    void shouldRefuseAReviewThresholdAboveTheBlockThresholdNamingTheProperty() {
        final FraudProperties properties = new FraudProperties();
        final FraudProperties.Policy lax = new FraudProperties.Policy();
        lax.setBlockAt(40);
        properties.getShops().put("bike-corner", lax);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderpool.fraud.shops.bike-corner.review-at (50) must not be above "
                        + "orderpool.fraud.shops.bike-corner.block-at (40)");
    }

    @Test
    void shouldRefuseAReviewTimeoutThatIsNotPositiveNamingTheProperty() {
        final FraudProperties properties = new FraudProperties();
        properties.getDefaultPolicy().setReviewTimeout(Duration.ZERO);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.default-policy.review-timeout must be a positive duration");
    }
}
