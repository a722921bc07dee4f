package org.orderpool.shopsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.shopsync.domain.PlatformKind;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.shopify.ShopifySettings;
import org.orderpool.shopsync.platform.woocommerce.WooCommerceSettings;
import org.orderpool.shopsync.topology.ShopSyncSettings;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** shop-sync.yml as the service reads it, and the errors a wrong shop configuration gets at start. */
class ShopSyncPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopSyncProperties.class)
    static class PropertiesOnly {
    }

    private static ShopSyncProperties load(final String profile, final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PropertiesOnly.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=" + ShopSyncApplication.CONFIG_NAME, "spring.main.banner-mode=off")
                .profiles(profile == null ? new String[0] : new String[] {profile}).run(all.toArray(String[]::new))) {
            return context.getBean(ShopSyncProperties.class);
        }
    }

    @Test
    void shouldReadTheStandardWebhooksScheduleAndTheRetentionFromTheYaml() {
        final ShopSyncSettings settings = load(null).toSettings();

        assertThat(settings.retrySchedule().delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(settings.retention().afterTerminal()).isEqualTo(Duration.ofDays(30));
        assertThat(load(null).webhookTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(load(null).trackingUrls().urlFor("colis-express", "CE1")).contains("https://track.colis-express.example/CE1");
        assertThat(load(null).endpoints()).as("production has no shops in the image").isEmpty();
    }

    @Test
    void shouldGiveTheFourDemoShopsTheirDemoTokensAndWebhooksOnlyWhenAUrlIsGiven() {
        final ShopSyncProperties local = load("local");
        assertThat(local.tokens().shopOf("demo-token-tea-house")).contains("tea-house");
        assertThat(local.tokens().shopOf("demo-token-ceramics-studio")).contains("ceramics-studio");
        assertThat(local.tokens().shopOf("demo-token-bike-corner")).contains("bike-corner");
        assertThat(local.tokens().shopOf("demo-token-book-nook")).contains("book-nook");
        assertThat(local.endpoints()).isEmpty();

        assertThat(load("local", "--SHOP_WEBHOOK_URL=http://localhost:9999/hooks").endpoints())
                .containsOnlyKeys("tea-house", "ceramics-studio", "bike-corner", "book-nook");
    }

    @Test
    void shouldReadSecretsAndTokensFromFiles() throws Exception {
        final Path dir = Files.createDirectories(Path.of("target", "test-work", "secrets-" + System.nanoTime()));
        final Path secret = Files.writeString(dir.resolve("webhook"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", StandardCharsets.UTF_8);
        final Path token = Files.writeString(dir.resolve("api"), "a-long-enough-token-1234\n", StandardCharsets.UTF_8);

        final ShopSyncProperties properties = load(null, "--orderpool.shop-sync.shops.tea-house.webhook-url=https://tea.example/hooks",
                "--orderpool.shop-sync.shops.tea-house.webhook-secret-file=" + secret, "--orderpool.shop-sync.shops.tea-house.api-token-file="
                        + token);

        assertThat(properties.endpoints().get("tea-house").url()).hasToString("https://tea.example/hooks");
        assertThat(properties.tokens().shopOf("a-long-enough-token-1234")).contains("tea-house");
    }

    @Test
    void shouldRefuseAWrongShopConfigurationNamingTheProperty() {
        final String shop = "--orderpool.shop-sync.shops.tea-house.";
        assertThatThrownBy(() -> load(null, shop + "webhook-url=https://tea.example/hooks").endpoints())
                .hasMessageContaining("orderpool.shop-sync.shops.tea-house").hasMessageContaining("webhook-secret");
        assertThatThrownBy(() -> load(null, shop + "webhook-url=tea.example/hooks", shop + "webhook-secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .endpoints()).hasMessageContaining("orderpool.shop-sync.shops.tea-house.webhook-url");
        assertThatThrownBy(() -> load(null, shop + "webhook-url=https://tea.example/hooks", shop + "webhook-secret=plain-secret").endpoints())
                .hasMessageContaining("orderpool.shop-sync.shops.tea-house.webhook-secret").hasMessageContaining("whsec_");
        assertThatThrownBy(() -> load(null, shop + "api-token=short").tokens())
                .hasMessageContaining("orderpool.shop-sync.shops.tea-house.api-token").hasMessageContaining("too short");
        assertThatThrownBy(() -> load(null, shop + "api-token=a-long-enough-token-1234", shop + "api-token-file=/nowhere").tokens())
                .hasMessageContaining("both set");
        assertThatThrownBy(() -> load(null, shop + "api-token-file=target/no-such-file").tokens())
                .hasMessageContaining("api-token-file").hasMessageContaining("cannot be read");
    }

    @Test
    void shouldReadEachShopsPlatformWithItsCredentialsFromFiles() throws Exception {
        final Path dir = Files.createDirectories(Path.of("target", "test-work", "platform-secrets-" + System.nanoTime()));
        final Path token = Files.writeString(dir.resolve("shopify"), "shpat_from_a_file\n", StandardCharsets.UTF_8);
        final Path key = Files.writeString(dir.resolve("key"), "ck_from_a_file", StandardCharsets.UTF_8);
        final Path secret = Files.writeString(dir.resolve("secret"), "cs_from_a_file", StandardCharsets.UTF_8);
        final String ceramics = "--orderpool.shop-sync.shops.ceramics-studio.";
        final String bikes = "--orderpool.shop-sync.shops.bike-corner.";

        final ShopSyncProperties properties = load(null, ceramics + "platform=shopify",
                ceramics + "shopify.store-domain=ceramics-studio.myshopify.com", ceramics + "shopify.api-version=2026-10",
                ceramics + "shopify.access-token-file=" + token, ceramics + "shopify.location-id=7001",
                ceramics + "stock.items.SKU-MUG=501", ceramics + "carrier-names.colis-express=Colissimo",
                bikes + "platform=woocommerce", bikes + "woocommerce.site-url=https://bike-corner.example",
                bikes + "woocommerce.consumer-key-file=" + key, bikes + "woocommerce.consumer-secret-file=" + secret,
                bikes + "stock.items.SKU-TYRE=40/43", bikes + "stock.fair-share-cap=0.5", bikes + "stock.backorders=true");

        final ShopSyncProperties.Shop shop = properties.getShops().get("ceramics-studio");
        final ShopifySettings shopify = PlatformConfiguration.shopify("ceramics-studio", shop,
                properties.shopPlatforms().shop("ceramics-studio"), false);
        assertThat(shopify.endpoint()).hasToString("https://ceramics-studio.myshopify.com/admin/api/2026-10/graphql.json");
        assertThat(shopify.accessToken()).isEqualTo("shpat_from_a_file");
        assertThat(shopify.locationId()).isEqualTo("gid://shopify/Location/7001");
        assertThat(shopify.inventoryItems()).containsEntry("SKU-MUG", "gid://shopify/InventoryItem/501");
        assertThat(shopify.carrierNames()).containsEntry("colis-express", "Colissimo");
        final WooCommerceSettings woo = PlatformConfiguration.woocommerce("bike-corner", properties.getShops().get("bike-corner"),
                properties.shopPlatforms().shop("bike-corner"), false);
        assertThat(woo.consumerKey()).isEqualTo("ck_from_a_file");
        assertThat(woo.items().get("SKU-TYRE")).isEqualTo(new WooCommerceSettings.Item(40, 43L));
        assertThat(woo.backorders()).isTrue();
        assertThat(properties.shopPlatforms().shop("bike-corner").fairShareCap()).isEqualTo(0.5);
        assertThat(properties.shopPlatforms().sellersOf("SKU-TYRE")).extracting(ShopPlatform::shopId).containsExactly("bike-corner");
        assertThat(properties.connectors(new PlatformHttp(Duration.ofSeconds(1)), properties.trackingUrls(), System::currentTimeMillis))
                .containsOnlyKeys("ceramics-studio", "bike-corner");
        assertThat(properties.shopPlatforms().shop("tea-house").kind()).as("a shop without platform").isEqualTo(PlatformKind.WEBHOOKS_ONLY);
    }

    @Test
    void shouldReadThePlatformCallSettingsFromTheYamlAndAllowInlineCredentialsOnlyInTheLocalProfile() {
        final ShopSyncProperties production = load(null);
        assertThat(production.platformSettings().retrySchedule().delays()).hasSize(8);
        assertThat(production.platformSettings().stockBatchSize()).isEqualTo(50);
        assertThat(production.callSlots()).isEqualTo(8);
        final String shop = "--orderpool.shop-sync.shops.bike-corner.";
        final String[] inline = {shop + "platform=woocommerce", shop + "woocommerce.site-url=http://127.0.0.1:9", shop
                + "woocommerce.consumer-key=ck_inline", shop + "woocommerce.consumer-secret=cs_inline"};

        assertThatThrownBy(() -> load(null, inline).connectors(new PlatformHttp(Duration.ofSeconds(1)), TrackingUrls.none(), () -> 0))
                .hasMessageContaining("orderpool.shop-sync.shops.bike-corner.woocommerce.consumer-key is given inline")
                .hasMessageContaining("consumer-key-file");
        assertThat(load("local", inline).connectors(new PlatformHttp(Duration.ofSeconds(1)), TrackingUrls.none(), () -> 0))
                .containsOnlyKeys("bike-corner");
    }

    @Test
    void shouldRefuseAWrongPlatformConfigurationNamingTheProperty() {
        final String shop = "--orderpool.shop-sync.shops.ceramics-studio.";
        final String[] shopify = {shop + "platform=shopify", shop + "shopify.store-domain=ceramics-studio.myshopify.com",
                shop + "shopify.api-version=2026-10", shop + "shopify.access-token=shpat_x", shop + "shopify.location-id=7001"};

        assertThatThrownBy(() -> load("local", shop + "platform=magento").shopPlatforms())
                .hasMessageContaining("orderpool.shop-sync.shops.ceramics-studio.platform must be one of shopify, woocommerce, webhooks-only");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "shopify.api-version=2025-10")))
                .hasMessageContaining("shops.ceramics-studio.shopify.api-version").hasMessageContaining("2026-01 or later");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "shopify.store-domain=ceramics.example")))
                .hasMessageContaining("shops.ceramics-studio.shopify.store-domain").hasMessageContaining("myshopify.com");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "shopify.location-id=warehouse")))
                .hasMessageContaining("shops.ceramics-studio.shopify.location-id");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "stock.items.SKU-MUG=mug")))
                .hasMessageContaining("shops.ceramics-studio.stock.items.SKU-MUG").hasMessageContaining("inventory item id");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "shopify.base-url=http://shop.example")))
                .hasMessageContaining("shops.ceramics-studio.shopify.base-url must be https");
        assertThatThrownBy(() -> connectors(with(shopify, shop + "stock.fair-share-cap=1.5")))
                .hasMessageContaining("shops.ceramics-studio.stock.fair-share-cap must be above 0 and at most 1, was 1.5");
        assertThatThrownBy(() -> load("local", shop + "woocommerce.site-url=https://x.example").shopPlatforms())
                .hasMessageContaining("shops.ceramics-studio.woocommerce is set but the shop's platform is webhooks-only");
        assertThatThrownBy(() -> connectors(new String[] {shop + "platform=woocommerce", shop + "woocommerce.site-url=https://x.example",
                shop + "woocommerce.consumer-key=ck", shop + "woocommerce.consumer-secret=cs", shop + "stock.items.SKU-MUG=40/x"}))
                .hasMessageContaining("shops.ceramics-studio.stock.items.SKU-MUG must be a WooCommerce product id");
    }

    private static String[] with(final String[] base, final String more) {
        final List<String> all = new ArrayList<>(List.of(base));
        all.add(more);
        return all.toArray(String[]::new);
    }

    private static Object connectors(final String[] args) {
        return load("local", args).connectors(new PlatformHttp(Duration.ofSeconds(1)), TrackingUrls.none(), () -> 0);
    }

    @Test
    void shouldRefuseToStartWithoutASettingTheYamlShouldHaveGiven() {
        final ShopSyncProperties properties = load(null);
        properties.getWebhooks().setRetrySchedule(null);

        assertThatThrownBy(properties::toSettings).hasMessageContaining("orderpool.shop-sync.webhooks.retry-schedule");
    }
}
