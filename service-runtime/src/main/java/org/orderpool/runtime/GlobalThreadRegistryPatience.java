package org.orderpool.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.orderpool.serde.SchemaRegistryClient;
import org.orderpool.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Kafka Streams' global thread wait for a registry that is down instead of failing. A stream
 * thread that fails on a registry outage is replaced and reads its record again (ThreadFailureBudget,
 * without limit); the global thread cannot be replaced, so its failure shuts the whole client down:
 * a service restarted while the registry is out would die while restoring its global tables, and a
 * running one would die at the first new schema id on a global table. On the global thread, a call
 * that fails for the registry's reasons (unreachable, 5xx: TransientFailures) is tried again, with a
 * pause growing to {@link #MAX_PAUSE}, for as long as the outage lasts; the service neither stops nor
 * dead-letters. Every other thread (stream threads, the gateway's request threads) fails at once, as
 * before, so a request is answered and a stream thread is replaced. Sits under the cache, so a schema
 * already known never waits.
 */
public final class GlobalThreadRegistryPatience implements SchemaRegistryClient {

    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(GlobalThreadRegistryPatience.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    private final SchemaRegistryClient registry;

    public GlobalThreadRegistryPatience(final SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return patiently(() -> registry.register(subject, schema));
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        return patiently(() -> registry.idOf(subject, schema));
    }

    @Override
    public Schema schemaById(final int id) {
        return patiently(() -> registry.schemaById(id));
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return patiently(() -> registry.latest(subject));
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return patiently(() -> registry.isCompatible(subject, schema));
    }

    @Override
    public String describe() {
        return registry.describe();
    }

    /** The thread Kafka Streams restores and updates global tables on (ThreadFailureBudget names it the same way). */
    static boolean isGlobalThread(final String threadName) {
        return threadName.endsWith("GlobalStreamThread");
    }

    private <T> T patiently(final Supplier<T> call) {
        if (!isGlobalThread(Thread.currentThread().getName())) {
            return call.get();
        }
        final long started = System.nanoTime();
        long lastLogged = started - LOG_EVERY.toNanos();
        Duration pause = Duration.ofMillis(250);
        while (true) {
            try {
                return call.get();
            } catch (final SchemaRegistryException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                if (System.nanoTime() - lastLogged >= LOG_EVERY.toNanos()) {
                    LOG.warn("The global thread waits for {} (down for {} s so far: {})", registry.describe(),
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), e.getMessage());
                    lastLogged = System.nanoTime();
                }
                LockSupport.parkNanos(pause.toNanos());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
