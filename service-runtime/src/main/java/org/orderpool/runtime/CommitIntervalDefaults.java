package org.orderpool.runtime;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The commit interval a Kafka Streams client gets when its configuration names none, by its processing guarantee: the one
 * place for it (a service's or a deployment's own {@code commit.interval.ms} wins).
 *
 * <p>Under exactly-once a record is seen downstream only when its writer commits, so each transaction on an order's way
 * costs up to one interval: {@link #EXACTLY_ONCE_MILLIS}, where 20 ms was too short on two cores (a thread spent half its
 * time committing) and 100 ms, Kafka Streams' own default, doubled the p99 at 500 orders/s. At least once a record is
 * seen when its producer sends it (after {@code linger.ms}, Streams' 100 ms), and every commit flushes the producer, so a
 * short interval only costs: {@link #AT_LEAST_ONCE_MILLIS} (Kafka Streams' own default there is 30 s, which would redeliver
 * up to 30 s of records after a crash). Measured in docs/performance.md, "the commit interval at 500 orders/s".
 */
public final class CommitIntervalDefaults {

    public static final int EXACTLY_ONCE_MILLIS = 30;
    public static final int AT_LEAST_ONCE_MILLIS = 100;

    private CommitIntervalDefaults() {
    }

    /** Adds the commit interval for the guarantee {@code streamsConfig} names, unless it names an interval. */
    public static Properties applyTo(final Properties streamsConfig) {
        final Object guarantee = streamsConfig.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        streamsConfig.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.AT_LEAST_ONCE.equals(String.valueOf(guarantee))
                ? AT_LEAST_ONCE_MILLIS : EXACTLY_ONCE_MILLIS);
        return streamsConfig;
    }
}
