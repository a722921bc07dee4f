package org.orderpool.dashboard.shops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.WebhookEndpointState;

class ShopDeliveryPanelTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final ShopDeliveryPanel panel = new ShopDeliveryPanel();

    @Test
    void shouldPutDisabledThenFailingEndpointsThenShopsWithDeadLettersFirst() {
        panel.onState("a-shop", state("a-shop", WebhookEndpointState.ENABLED).build());
        panel.onState("b-shop", state("b-shop", WebhookEndpointState.FAILING).setFailingSince(NOW.minusSeconds(720)).build());
        panel.onState("c-shop", state("c-shop", WebhookEndpointState.DISABLED).setDisabledAt(NOW.minusSeconds(60)).build());
        panel.onState("d-shop", state("d-shop", WebhookEndpointState.ENABLED).setDeadLettered(3).build());
        panel.onState("e-shop", state("e-shop", WebhookEndpointState.FAILING).setFailingSince(NOW.minusSeconds(7_500)).build());

        assertThat(panel.rows(NOW)).extracting(ShopDeliveryPanel.Row::shopId)
                .containsExactly("c-shop", "e-shop", "b-shop", "d-shop", "a-shop");
        assertThat(panel.rows(NOW)).extracting(ShopDeliveryPanel.Row::attention).containsExactly(
                "endpoint disabled (410 Gone): re-enable with webhook-enabled-since", "failing for 2 h 5 min", "failing for 12 min",
                "3 given up (shop-sync.dlq)", null);
    }

    @Test
    void shouldShowTheLastDeliveryAndWhatWaits() {
        panel.onState("tea-house", state("tea-house", WebhookEndpointState.ENABLED).setLastAttemptAt(NOW.minusSeconds(42))
                .setLastAttemptOutcome("HTTP 204").setLastAttemptDelivered(true).setLastDeliveredAt(NOW.minusSeconds(42))
                .setQueuedWebhooks(2).setQueuedPlatformCalls(1).build());

        assertThat(panel.rows(NOW)).singleElement().satisfies(row -> {
            assertThat(row.lastDeliveredAt()).isEqualTo("2026-12-01T11:59:18Z");
            assertThat(row.lastDeliveryAgo()).isEqualTo(42L);
            assertThat(row.lastAttemptOutcome()).isEqualTo("HTTP 204");
            assertThat(row.queuedWebhooks()).isEqualTo(2);
            assertThat(row.queuedPlatformCalls()).isEqualTo(1);
            assertThat(row.attention()).isNull();
        });
    }

    @Test
    void shouldKeepOnlyEachShopsNewestStateAndForgetATombstonedShop() {
        panel.onState("tea-house", state("tea-house", WebhookEndpointState.FAILING).build());
        panel.onState("tea-house", state("tea-house", WebhookEndpointState.ENABLED).build());
        panel.onState("bike-corner", state("bike-corner", WebhookEndpointState.ENABLED).build());
        panel.onState("bike-corner", null);

        assertThat(panel.rows(NOW)).extracting(ShopDeliveryPanel.Row::shopId, ShopDeliveryPanel.Row::endpointState)
                .containsExactly(tuple("tea-house", "ENABLED"));
        assertThat(ShopDeliveryPanel.ago(NOW.minusSeconds(200_000), NOW)).isEqualTo("2 d 7 h");
    }

    private static ShopDeliveryState.Builder state(final String shopId, final WebhookEndpointState endpoint) {
        return ShopDeliveryState.newBuilder().setShopId(shopId).setEndpointState(endpoint).setUpdatedAt(NOW.minusSeconds(1));
    }
}
