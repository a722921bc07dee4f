package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.fraud.domain.Readable;
import org.orderpool.testing.Fixtures;

class FraudProcessorTest {

    private static final Instant NOW = Fixtures.T0;

    @Test
    void shouldRunOnTheTimeOrderIntakeAcceptedTheOrder() {
        final Order order = acceptedAt(NOW.minus(Duration.ofHours(3)));

        assertThat(FraudProcessor.poolTime(order, NOW.toEpochMilli())).isEqualTo(order.getAcceptedAt().toEpochMilli());
    }

    @Test
    void shouldNeverRunAheadOfItsOwnClock() {
        final Order order = acceptedAt(NOW.plus(Duration.ofDays(2)));

        assertThat(FraudProcessor.poolTime(order, NOW.toEpochMilli())).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void shouldSayAReviewTimeLimitAsPeopleWriteIt() {
        assertThat(Readable.duration(Duration.ofHours(4))).isEqualTo("4 h");
        assertThat(Readable.duration(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Readable.duration(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
        assertThat(Readable.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    }

    private static Order acceptedAt(final Instant at) {
        return Order.newBuilder(Fixtures.order("o-1").line("SKU-TEA-01", 1).build()).setAcceptedAt(at).build();
    }
}
