package org.orderpool.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.topology.StockSettings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class StockPropertiesTest {

    @Test
    void shouldMakeTheDefaultSettingsWhenNothingIsConfigured() {
        assertThat(new StockProperties().toSettings()).isEqualTo(StockSettings.defaults());
    }

    @Test
    void shouldKeepEveryDefaultOutOfThePackagedProductionConfiguration() throws IOException {
        final Binder production = new Binder(ConfigurationPropertySources.from(documents().get(0)));

        assertThat(production.bind("orderpool.stock", Bindable.of(StockProperties.class)).isBound())
                .as("the defaults live in StockSettings.defaults() only").isFalse();
    }

    @Test
    void shouldChangeOnlyWhatTheLocalProfileNames() throws IOException {
        final List<PropertySource<?>> documents = documents();
        final Binder binder = new Binder(ConfigurationPropertySources.from(List.of(documents.get(1), documents.get(0))));
        final StockSettings local = binder.bind("orderpool.stock", Bindable.of(StockProperties.class)).get().toSettings();

        final StockSettings defaults = StockSettings.defaults();
        assertThat(local.checkEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(local.settledRetention()).isEqualTo(defaults.settledRetention());
        assertThat(local.policyOf("bike-corner")).isEqualTo(new ShopStockPolicy(ShopStockPolicy.Shortage.OUT_OF_STOCK,
                defaults.defaultPolicy().maxBackorderWait(), null));
        assertThat(local.policyOf("tea-house")).isEqualTo(ShopStockPolicy.backorderFor(Duration.ofMinutes(30)));
        assertThat(local.policyOf("book-nook")).isEqualTo(defaults.defaultPolicy());
    }

    @Test
    void shouldLetAShopOverrideOnlyWhatItNamesAndTakeTheRestFromTheDefaultPolicy() {
        final StockProperties properties = new StockProperties();
        properties.getDefaultPolicy().setMaxBackorderWait(Duration.ofHours(24));
        final StockProperties.Policy teaHouse = new StockProperties.Policy();
        teaHouse.setFairShareCap(0.5);
        properties.getShops().put("tea-house", teaHouse);

        final StockSettings settings = properties.toSettings();

        assertThat(settings.policyOf("tea-house"))
                .isEqualTo(ShopStockPolicy.backorderFor(Duration.ofHours(24)).withFairShareCap(0.5));
        assertThat(settings.policyOf("book-nook")).isEqualTo(ShopStockPolicy.backorderFor(Duration.ofHours(24)));
    }

    @Test
    void shouldRefuseAFairShareCapAboveOneNamingTheProperty() {
        final StockProperties properties = new StockProperties();
        final StockProperties.Policy greedy = new StockProperties.Policy();
        greedy.setFairShareCap(1.5);
        properties.getShops().put("bike-corner", greedy);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderpool.stock.shops.bike-corner.fair-share-cap must be above 0 and at most 1, was 1.5");
    }

    @Test
    void shouldRefuseACheckIntervalThatIsNotPositiveNamingTheProperty() {
        final StockProperties properties = new StockProperties();
        properties.setCheckEvery(Duration.ZERO);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.stock.check-every must be a positive duration");
    }

    @Test
    void shouldRefuseANegativeBackorderWaitNamingTheProperty() {
        final StockProperties properties = new StockProperties();
        properties.getDefaultPolicy().setMaxBackorderWait(Duration.ofHours(-1));

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.stock.default-policy.max-backorder-wait must not be negative");
    }

    /** The packaged stock-reservation.yml: production's document first, then the local profile's. */
    private static List<PropertySource<?>> documents() throws IOException {
        return new YamlPropertySourceLoader().load(StockReservationApplication.CONFIG_NAME,
                new ClassPathResource(StockReservationApplication.CONFIG_NAME + ".yml"));
    }
}
