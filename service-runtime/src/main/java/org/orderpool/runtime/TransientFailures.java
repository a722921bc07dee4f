package org.orderpool.runtime;

import org.apache.kafka.common.errors.RetriableException;
import org.orderpool.serde.SchemaRegistryException;

/**
 * Tells a failure of the infrastructure (the schema registry unreachable or answering 5xx, a
 * retriable Kafka error) from a failure of the record itself. Only the latter is the record's fault
 * and goes to the dead-letter topic; the former must not cost the record its place in the flow.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(final Throwable failure) {
        return Causes.anyMatch(failure, cause -> cause instanceof SchemaRegistryException registry
                && (registry.httpStatus() < 0 || registry.httpStatus() >= 500) || cause instanceof RetriableException);
    }
}
