package org.orderpool.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The service's health as its Kafka Streams instance sees it: UP while running or rebalancing, DOWN
 * when not started, stopping, stopped or failed; with the state, the live stream threads and, once the
 * thread-failure budget stopped the client, why.
 */
public final class KafkaStreamsHealth implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;
    private final ThreadFailureBudget threadFailureBudget;

    public KafkaStreamsHealth(final StreamsBuilderFactoryBean streams, final ThreadFailureBudget threadFailureBudget) {
        this.streams = streams;
        this.threadFailureBudget = threadFailureBudget;
    }

    @Override
    public Health health() {
        final KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        final KafkaStreams.State state = kafkaStreams.state();
        final Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        health.withDetail("state", state.name()).withDetail("streamThreads", kafkaStreams.metadataForLocalThreads().size());
        threadFailureBudget.shutdownReason().ifPresent(reason -> health.withDetail("shutdownReason", reason));
        return health.build();
    }
}
