package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.TaskId;
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
    void shouldRefuseToRunAPoolViewOnAPartOfThePoolsOrders() {
        FraudProcessor.requireThePoolsOneTask(new TaskId(0, 0));

        assertThatThrownBy(() -> FraudProcessor.requireThePoolsOneTask(new TaskId(0, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("partition 3 of orders.accepted")
                .hasMessageContaining("Upgrading a running pool");
    }

    @Test
    void shouldSayAReviewTimeLimitAsPeopleWriteIt() {
        assertThat(Readable.duration(Duration.ofHours(4))).isEqualTo("4 h");
        assertThat(Readable.duration(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Readable.duration(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
        assertThat(Readable.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    }

    @Test
    void shouldTakeTheCustomersAndTheBillingAddressesNamesAsTheCardholdersEachOnce() {
        final Order order = Fixtures.order("o-1").line("SKU-TEA-01", 1).build();
        final Order billedElsewhere = Order.newBuilder(order).setBillingAddress(Fixtures.address("  Jo   SMITH ", "FR")).build();

        assertThat(FraudProcessor.holderNames(order)).as("billing copied from shipping, same name").containsExactly("camille martin");
        assertThat(FraudProcessor.holderNames(billedElsewhere)).containsExactly("camille martin", "jo smith");
    }

    @Test
    void shouldKeepAHistoryEntryPerUtcDay() {
        final Instant day = Instant.parse("2026-11-20T00:00:00Z");

        assertThat(FraudProcessor.dayOf(day.plusSeconds(86_399).toEpochMilli())).isEqualTo(day.toEpochMilli());
        assertThat(FraudProcessor.dayOf(day.toEpochMilli())).isEqualTo(day.toEpochMilli());
    }

    private static Order acceptedAt(final Instant at) {
        return Order.newBuilder(Fixtures.order("o-1").line("SKU-TEA-01", 1).build()).setAcceptedAt(at).build();
    }
}
