package org.orderpool.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.orderpool.runtime.TransientFailures;
import org.orderpool.serde.SchemaRegistryClient;
import org.orderpool.serde.SchemaRegistryException;

/**
 * The registry as the run's own clients (shops, ops following the statuses) use it: a call that
 * fails because the registry is down is tried again every second, for at most {@link #PATIENCE}. Without
 * it, ops' status feed would die at the first schema it meets during an outage and leave held orders
 * undecided, which is the harness failing, not the pool.
 */
final class WaitingRegistry implements SchemaRegistryClient {

    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final SchemaRegistryClient registry;

    WaitingRegistry(final SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return waiting(() -> registry.register(subject, schema));
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        return waiting(() -> registry.idOf(subject, schema));
    }

    @Override
    public Schema schemaById(final int id) {
        return waiting(() -> registry.schemaById(id));
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return waiting(() -> registry.latest(subject));
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return waiting(() -> registry.isCompatible(subject, schema));
    }

    @Override
    public String describe() {
        return registry.describe();
    }

    private <T> T waiting(final Supplier<T> call) {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (final SchemaRegistryException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }
}
