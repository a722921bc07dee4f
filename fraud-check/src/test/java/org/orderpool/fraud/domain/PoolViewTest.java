package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolViewTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final OrderFacts ORDER = new OrderFacts("o-4", "shop-a", "a@x.org", "a", "fp", "497010", "FR", "203.0.113.7", "FR",
            "FR", "fr|69003|12 rue des lilas", true, 4_500, "EUR");

    @Test
    void shouldCountInsideEachWindowAndNotOutside() {
        final List<Observation> byCard = List.of(
                new Observation("o-1", NOW - 30 * MINUTE, "shop-a", "fp", "497010", "a@x.org", "a", false),
                new Observation("o-2", NOW - 90 * MINUTE, "shop-b", "fp", "497010", "b@x.org", "b", true),
                new Observation("o-3", NOW - 25 * 60 * MINUTE, "shop-c", "fp", "497010", "c@x.org", "c", true),
                new Observation("o-4", NOW, "shop-a", "fp", "497010", "a@x.org", "a", false));

        assertThat(count(Signal.ORDERS_PER_CARD, PoolView.HOUR, byCard)).isEqualTo(2);
        assertThat(count(Signal.ORDERS_PER_CARD, PoolView.DAY, byCard)).as("o-3 is older than 24 h").isEqualTo(3);
        assertThat(count(Signal.DECLINES_PER_CARD, PoolView.DAY, byCard)).isEqualTo(1);
        assertThat(count(Signal.EMAILS_PER_CARD, PoolView.DAY, byCard)).isEqualTo(2);
        assertThat(count(Signal.SHOPS_PER_CARD, PoolView.DAY, byCard)).isEqualTo(2);
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

    private static int count(final Signal signal, final Duration window, final List<Observation> seen) {
        return PoolView.count(signal, window, NOW, seen, ORDER);
    }
}
