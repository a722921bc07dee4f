package org.orderpool.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.runtime.TransientFailures;

/**
 * How the run's shops, warehouse and ops write to the pool: through a {@link ContractProducer}, and,
 * as any client of a registry that can be down must, trying a send again while the infrastructure
 * fails under it (the registry unreachable when a subject is first used, the cluster past its
 * delivery timeout), for at most {@link #PATIENCE}. The report counts the sends that had to wait.
 */
final class ShopProducer implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final ContractProducer producer;
    private final AtomicInteger waited = new AtomicInteger();

    ShopProducer(final String bootstrapServers, final BoundTopics topics) {
        this.producer = new ContractProducer(bootstrapServers, topics);
    }

    <K, V> void send(final Topic<K, V> topic, final K key, final V value) {
        send(topic, key, value, null);
    }

    <K, V> void send(final Topic<K, V> topic, final K key, final V value, final Instant timestamp) {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean counted = false;
        while (true) {
            try {
                producer.send(topic, key, value, timestamp);
                return;
            } catch (final IllegalStateException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!counted) {
                    waited.incrementAndGet();
                    counted = true;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** How many sends had to wait for the infrastructure. */
    int sendsThatWaited() {
        return waited.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
