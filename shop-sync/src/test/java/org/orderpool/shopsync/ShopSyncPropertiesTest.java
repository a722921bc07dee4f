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
        assertThat(local.tokens().authorises("tea-house", "Bearer demo-token-tea-house")).isTrue();
        assertThat(local.tokens().authorises("ceramics-studio", "Bearer demo-token-ceramics-studio")).isTrue();
        assertThat(local.tokens().authorises("bike-corner", "Bearer demo-token-bike-corner")).isTrue();
        assertThat(local.tokens().authorises("book-nook", "Bearer demo-token-book-nook")).isTrue();
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
        assertThat(properties.tokens().authorises("tea-house", "Bearer a-long-enough-token-1234")).isTrue();
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
    void shouldRefuseToStartWithoutASettingTheYamlShouldHaveGiven() {
        final ShopSyncProperties properties = load(null);
        properties.getWebhooks().setRetrySchedule(null);

        assertThatThrownBy(properties::toSettings).hasMessageContaining("orderpool.shop-sync.webhooks.retry-schedule");
    }
}
