package org.orderpool.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRepeatARunFromItsSeed() {
        final OrderGenerator first = new OrderGenerator(42, SimulatedShop.demoShops());
        final OrderGenerator second = new OrderGenerator(42, SimulatedShop.demoShops());

        for (int i = 0; i < 50; i++) {
            assertThat(second.order(second.pickShop(), NOW)).isEqualTo(first.order(first.pickShop(), NOW));
        }
    }

    @Test
    void shouldSpreadTrafficByEachShopsShare() {
        final OrderGenerator generator = new OrderGenerator(1, SimulatedShop.demoShops());
        final Map<String, Integer> perShop = new HashMap<>();
        for (int i = 0; i < 11_000; i++) {
            perShop.merge(generator.pickShop().shopId(), 1, Integer::sum);
        }
        // shares 4:3:2:2 of 11
        assertThat(perShop.get("tea-house")).isBetween(3_700, 4_300);
        assertThat(perShop.get("book-nook")).isBetween(1_800, 2_200);
    }

    @Test
    void shouldMakeEachFraudBurstShareOneCard() {
        final OrderGenerator generator = new OrderGenerator(3, SimulatedShop.demoShops());
        for (int i = 0; i < 20; i++) {
            final List<SimOrder> burst = generator.fraudBurst(NOW);
            assertThat(burst).isNotEmpty().allSatisfy(order -> assertThat(order.kind()).startsWith("fraud:"));
            assertThat(burst.stream().map(order -> order.payment().fingerprint()).distinct()).hasSize(1);
        }
    }

    @Test
    void shouldRenderWebhooksWhoseTotalsAddUp() throws Exception {
        final OrderGenerator generator = new OrderGenerator(5, SimulatedShop.demoShops());
        final SimulatedShop shopify = SimulatedShop.demoShops().get(1);
        final SimOrder order = generator.order(shopify, NOW);

        final JsonNode pool = JSON.readTree(WebhookPayloads.poolJson(order));
        long lines = 0;
        for (final JsonNode line : pool.get("lines")) {
            lines += line.get("unitPrice").asLong() * line.get("quantity").asLong();
        }
        assertThat(pool.get("total").asLong()).isEqualTo(lines + pool.get("shippingCost").asLong());

        final JsonNode shopifyBody = JSON.readTree(WebhookPayloads.shopify(order));
        assertThat(shopifyBody.get("id").asText()).isEqualTo(order.shopOrderRef());
        assertThat(new java.math.BigDecimal(shopifyBody.get("total_price").asText()).movePointRight(2).longValueExact()).isEqualTo(order.totalCents());

        final JsonNode woo = JSON.readTree(WebhookPayloads.wooCommerce(order));
        assertThat(new java.math.BigDecimal(woo.get("total").asText()).movePointRight(2).longValueExact()).isEqualTo(order.totalCents());
        assertThat(woo.get("shipping_lines").get(0).get("method_id").asText()).isNotBlank();
    }
}
