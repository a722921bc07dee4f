package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orderpool.shopsync.domain.ShopDeliveryTotals.EndpointState;

class ShopDeliveryTotalsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldAddUpThePartitionsQueuesAndDeadLettersKeepingTheLatestOfEachPartition() {
        final ShopDeliveryTotals totals = ShopDeliveryTotals.none()
                .with(ShopDelivery.none("tea-house", 0, T0).queued(3, 1, T0))
                .with(ShopDelivery.none("tea-house", 1, T0).queued(2, 0, T0).deadLettered(T0))
                .with(ShopDelivery.none("tea-house", 0, T0).queued(1, 0, T0.plusSeconds(1)));

        assertThat(totals.partitions()).hasSize(2);
        assertThat(totals.summary()).satisfies(summary -> {
            assertThat(summary.queuedWebhooks()).isEqualTo(3);
            assertThat(summary.queuedCalls()).isZero();
            assertThat(summary.deadLettered()).isEqualTo(1);
            assertThat(summary.endpointState()).isEqualTo(EndpointState.ENABLED);
            assertThat(summary.updatedAt()).isEqualTo(T0.plusSeconds(1));
        });
    }

    @Test
    void shouldTakeTheLatestAttemptOfAnyPartition() {
        final ShopDelivery failedEarly = ShopDelivery.none("tea-house", 0, T0).attempted(new DeliveryOutcome.Failed("HTTP 503", null), T0);
        final ShopDelivery deliveredLater = ShopDelivery.none("tea-house", 1, T0)
                .attempted(new DeliveryOutcome.Delivered(200), T0.plusSeconds(5));

        assertThat(ShopDeliveryTotals.none().with(failedEarly).with(deliveredLater).summary()).satisfies(summary -> {
            assertThat(summary.endpointState()).isEqualTo(EndpointState.ENABLED);
            assertThat(summary.lastAttemptOutcome()).isEqualTo("HTTP 200");
            assertThat(summary.failingSince()).as("the failure is older than the delivery").isNull();
        });

        final ShopDelivery failedAgain = failedEarly.attempted(new DeliveryOutcome.Failed("ConnectException: refused", null),
                T0.plusSeconds(9));
        assertThat(ShopDeliveryTotals.none().with(deliveredLater).with(failedAgain).summary()).satisfies(summary -> {
            assertThat(summary.endpointState()).isEqualTo(EndpointState.FAILING);
            assertThat(summary.lastAttemptOutcome()).isEqualTo("ConnectException: refused");
            assertThat(summary.failingSince()).as("since the first failure after the last delivery").isEqualTo(T0.plusSeconds(9));
            assertThat(summary.lastDeliveredAt()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void shouldSayDisabledWhileAPartitionHoldsAGoneNewerThanTheLastDelivery() {
        final ShopDelivery gone = ShopDelivery.none("tea-house", 0, T0).attempted(new DeliveryOutcome.Gone(), T0.plusSeconds(1));
        final ShopDelivery other = ShopDelivery.none("tea-house", 1, T0).queued(4, 0, T0);

        assertThat(ShopDeliveryTotals.none().with(gone).with(other).summary()).satisfies(summary -> {
            assertThat(summary.endpointState()).isEqualTo(EndpointState.DISABLED);
            assertThat(summary.disabledAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(summary.lastAttemptOutcome()).isEqualTo("HTTP 410 Gone");
        });
        assertThat(ShopDeliveryTotals.none().with(gone.reEnabled(T0.plusSeconds(60))).with(other).summary().endpointState())
                .as("re-enabled by ops; its last attempt still failed").isEqualTo(EndpointState.FAILING);
    }
}
