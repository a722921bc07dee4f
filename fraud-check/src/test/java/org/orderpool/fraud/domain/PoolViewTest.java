package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoolViewTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;

    @Test
    void shouldCountInsideEachWindowAndNotOutside() {
        final List<Observation> byCard = List.of(
                new Observation("o-1", NOW - 30 * MINUTE, "shop-a", "fp", "a@x.org", false),
                new Observation("o-2", NOW - 90 * MINUTE, "shop-b", "fp", "b@x.org", true),
                new Observation("o-3", NOW - 25 * 60 * MINUTE, "shop-c", "fp", "c@x.org", true),
                new Observation("o-4", NOW, "shop-a", "fp", "a@x.org", false));

        final RiskSignals signals = PoolView.signals(NOW, byCard, List.of(), List.of(), List.of(), ShopBasket.NONE, false);

        assertThat(signals.ordersPerCardLastHour()).isEqualTo(2);
        assertThat(signals.ordersPerCardLastDay()).as("o-3 is older than 24 h").isEqualTo(3);
        assertThat(signals.declinesPerCardLastDay()).isEqualTo(1);
        assertThat(signals.distinctEmailsPerCardLastDay()).isEqualTo(2);
        assertThat(signals.distinctShopsPerCardLastDay()).isEqualTo(2);
    }

    @Test
    void shouldLearnAShopsUsualBasket() {
        ShopBasket basket = ShopBasket.NONE;
        for (int i = 0; i < 30; i++) {
            basket = basket.with(4_000);
        }
        basket = basket.with(14_000);

        assertThat(basket.samples()).isEqualTo(31);
        assertThat(basket.usualMinor()).isEqualTo(5_000);
    }
}
