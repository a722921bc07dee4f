package org.orderpool.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.orderpool.benchmarks.HoldoutFraudQualityBenchmark.Event;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Config;
import org.orderpool.benchmarks.HoldoutFraudTraffic.Traffic;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;

/** What the holdout benchmark feeds before the week, without running fraud-check. */
class HoldoutFraudQualityBenchmarkTest {

    private static final BoundTopics TOPICS = new BoundTopics(AvroSerdes.inMemory(), "");

    @Test
    void shouldFeedEarlierOrdersAndDisputesInThePoolsTimeOrderEachDisputeAfterItsOrder() {
        final Config config = Config.defaults().scaled(0.2);
        final Traffic traffic = HoldoutFraudTraffic.generateWithHistory(config, 7L);

        final List<Event> events = HoldoutFraudQualityBenchmark.beforeTheWeek(traffic, true);

        assertThat(traffic.disputes()).isNotEmpty();
        assertThat(events).hasSize(traffic.history().size() + traffic.disputes().size());
        assertThat(events).extracting(Event::at).isSorted().allSatisfy(at -> assertThat(at)
                .isBefore(config.weekStart()));
        final List<String> fed = events.stream().map(e -> e.order() != null ? e.order().getOrderId()
                : "dispute:" + e.dispute().getOrderId()).toList();
        for (final OrderDispute dispute : traffic.disputes()) {
            assertThat(fed.indexOf("dispute:" + dispute.getOrderId()))
                    .isGreaterThan(fed.indexOf(dispute.getOrderId()));
        }
        assertThat(HoldoutFraudQualityBenchmark.beforeTheWeek(traffic, false)).extracting(Event::dispute)
                .containsOnlyNulls().hasSize(traffic.history().size());
    }

    @Test
    void shouldFeedDisputesOnlyToATopologyThatReadsThem() {
        final StreamsBuilder ordersOnly = new StreamsBuilder();
        ordersOnly.stream(TOPICS.name(Topics.ORDERS_ACCEPTED), TOPICS.consumed(Topics.ORDERS_ACCEPTED));
        final StreamsBuilder both = new StreamsBuilder();
        both.stream(TOPICS.name(Topics.ORDERS_ACCEPTED), TOPICS.consumed(Topics.ORDERS_ACCEPTED));
        both.stream(TOPICS.name(Topics.FRAUD_DISPUTES), TOPICS.consumed(Topics.FRAUD_DISPUTES));

        final Topology withoutDisputes = ordersOnly.build();
        final Topology withDisputes = both.build();

        assertThat(HoldoutFraudQualityBenchmark.readsTopic(withoutDisputes, TOPICS.name(Topics.FRAUD_DISPUTES)))
                .isFalse();
        assertThat(HoldoutFraudQualityBenchmark.readsTopic(withDisputes, TOPICS.name(Topics.FRAUD_DISPUTES)))
                .isTrue();
    }
}
