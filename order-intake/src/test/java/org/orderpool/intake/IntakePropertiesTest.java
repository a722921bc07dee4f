package org.orderpool.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopPolicy;

class IntakePropertiesTest {

    @Test
    void shouldReadASecretFromAMountedFileAndNeverPrintIt(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("tea-house"), "s3cr3t-from-file\n");
        final IntakeProperties.ShopSettings settings = new IntakeProperties.ShopSettings();
        settings.setName("The Tea House");
        settings.setSecretFile(dir.resolve("tea-house"));
        final IntakeProperties properties = new IntakeProperties();
        properties.setShops(Map.of("tea-house", settings));

        final Shop shop = properties.toShops().get(0);

        assertThat(shop.webhookSecret()).isEqualTo("s3cr3t-from-file");
        assertThat(shop.toString()).doesNotContain("s3cr3t").contains("tea-house");
        assertThat(settings.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldRefuseAMaximumOrderAgeThatWouldOutliveTheDeduplicationOfTheOrder() {
        final IntakeProperties properties = new IntakeProperties();
        assertThat(properties.intakeRules().maxOrderAge()).isEqualTo(Duration.ofDays(6));

        properties.setMaxOrderAge(Duration.ofDays(30));
        assertThatThrownBy(properties::intakeRules).hasMessageContaining("orderpool.intake.max-order-age (PT720H)")
                .hasMessageContaining("orderpool.intake.dedup-retention (PT168H)");

        properties.setDedupRetention(Duration.ofDays(31));
        assertThat(properties.intakeRules().maxOrderAge()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldRefuseAShopWithoutASecret() {
        final IntakeProperties properties = new IntakeProperties();
        properties.setShops(Map.of("no-secret", new IntakeProperties.ShopSettings()));

        assertThatThrownBy(properties::toShops).hasMessageContaining("shop 'no-secret' has no webhook secret");
    }

    @Test
    void shouldGiveAShopThePolicyDefaultsExceptWhatItSets() {
        final IntakeProperties.ShopSettings tea = new IntakeProperties.ShopSettings();
        tea.setSecret("s");
        final IntakeProperties.ShopSettings bikes = new IntakeProperties.ShopSettings();
        bikes.setSecret("s");
        bikes.setAcceptAuthorized(true);
        bikes.setPaymentTimeout(Duration.ofHours(24));
        final IntakeProperties properties = new IntakeProperties();
        properties.setShops(new LinkedHashMap<>(Map.of("tea-house", tea)));
        properties.getShops().put("bike-corner", bikes);

        assertThat(properties.toShops()).extracting(Shop::policy)
                .containsExactly(ShopPolicy.defaults(), new ShopPolicy(true, Duration.ofHours(24)));
    }

    @Test
    void shouldRefuseAPaymentTimeoutThatWouldOutliveTheOrdersMemory() {
        final IntakeProperties.ShopSettings slow = new IntakeProperties.ShopSettings();
        slow.setSecret("s");
        slow.setPaymentTimeout(Duration.ofDays(10));
        final IntakeProperties properties = new IntakeProperties();
        properties.setShops(Map.of("slow-shop", slow));

        assertThatThrownBy(properties::toShops).hasMessageContaining("orderpool.intake.shops.slow-shop.payment-timeout (PT240H)")
                .hasMessageContaining("orderpool.intake.dedup-retention (PT168H)");
        slow.setPaymentTimeout(Duration.ZERO);
        assertThatThrownBy(properties::toShops).hasMessageContaining("orderpool.intake.shops.slow-shop: a shop's payment-timeout"
                + " must be positive");
    }

    @Test
    void shouldBindTheLocalProfilesDemoShopsWithTheirOwnShippingNames() throws Exception {
        final IntakeProperties properties = localProfile();

        final Map<String, Shop> shops = new LinkedHashMap<>();
        properties.toShops().forEach(shop -> shops.put(shop.shopId(), shop));

        assertThat(shops).containsKeys("tea-house", "ceramics-studio", "bike-corner", "book-nook");
        assertThat(shops.get("tea-house").policy().shippingNames().resolve(SalesChannel.POOL_JSON, "Colissimo domicile", null))
                .contains(ShippingMethod.STANDARD);
        assertThat(shops.get("tea-house").policy().shippingNames().resolve(SalesChannel.POOL_JSON, "Point relais", null))
                .contains(ShippingMethod.PICKUP_POINT);
        assertThat(shops.get("ceramics-studio").policy().shippingNames().resolve(SalesChannel.SHOPIFY, "express_24h", "Express 24h"))
                .contains(ShippingMethod.EXPRESS);
        assertThat(shops.get("ceramics-studio").policy().shippingNames().defaultMethod()).isEqualTo(ShippingMethod.STANDARD);
        assertThat(shops.get("bike-corner").policy().shippingNames().resolve(SalesChannel.WOOCOMMERCE, "flat_rate", "Express 24h"))
                .contains(ShippingMethod.EXPRESS);
        assertThat(shops.get("bike-corner").policy().shippingNames().resolve(SalesChannel.WOOCOMMERCE, "free_shipping", "Free shipping"))
                .contains(ShippingMethod.STANDARD);
    }

    @Test
    void shouldRefuseAShippingNameUnderAMethodThePoolDoesNotHaveNamingTheProperty() {
        final IntakeProperties.ShopSettings shop = new IntakeProperties.ShopSettings();
        shop.setSecret("s");
        shop.setShippingNames(Map.of("drone", List.of("Drone 1h")));
        final IntakeProperties properties = new IntakeProperties();
        properties.setShops(Map.of("sky-shop", shop));

        assertThatThrownBy(properties::toShops).hasMessageContaining("orderpool.intake.shops.sky-shop.shipping-names.drone: 'drone'");
    }

    private static IntakeProperties localProfile() throws Exception {
        final List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("order-intake.yml",
                new ClassPathResource("order-intake.yml"));
        final StandardEnvironment environment = new StandardEnvironment();
        documents.stream().filter(document -> document.getName().contains("document #1"))
                .forEach(document -> environment.getPropertySources().addFirst(document));
        return Binder.get(environment).bind("orderpool.intake", IntakeProperties.class).get();
    }
}
