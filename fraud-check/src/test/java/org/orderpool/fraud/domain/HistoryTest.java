package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void shouldBeNewUntilThePoolHasSeenIt() {
        assertThat(History.NONE.known()).isFalse();
        assertThat(History.NONE.ageAt(NOW)).isZero();
    }

    @Test
    void shouldKnowWhenItWasFirstSeenAndTheUsualAmount() {
        final History history = History.NONE.with(NOW - 10 * DAY, 4_000).with(NOW - 3 * DAY, 6_000);

        assertThat(history.known()).isTrue();
        assertThat(history.orders()).isEqualTo(2);
        assertThat(history.ageAt(NOW)).isEqualTo(Duration.ofDays(10));
        assertThat(history.lastSeenAtMillis()).isEqualTo(NOW - 3 * DAY);
        assertThat(history.usualMinor()).as("the mean of the first orders").isEqualTo(5_000);
    }

    @Test
    void shouldKeepTheEarliestSightingWhenAnOlderOrderArrivesLate() {
        final History history = History.NONE.with(NOW, 4_000).with(NOW - DAY, 4_000);

        assertThat(history.firstSeenAtMillis()).isEqualTo(NOW - DAY);
        assertThat(history.lastSeenAtMillis()).isEqualTo(NOW);
    }

    @Test
    void shouldFollowACustomerWhoStartsSpendingDifferently() {
        History history = History.NONE;
        for (int i = 0; i < 100; i++) {
            history = history.with(NOW - (100 - i) * DAY, 2_000);
        }
        for (int i = 0; i < 20; i++) {
            history = history.with(NOW, 20_000);
        }

        assertThat(history.usualMinor()).as("each new order weighs a twentieth").isGreaterThan(12_000);
    }
}
