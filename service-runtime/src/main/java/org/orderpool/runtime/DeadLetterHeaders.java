package org.orderpool.runtime;

/**
 * The error headers of a dead letter, as Kafka Streams names them on the records its handlers dead-letter (KIP-1034; its
 * own constants are in an internal package). shop-sync gives its own dead letters the same names, so the ops console,
 * the chaos run's checker and ops tools read every service's alike.
 */
public final class DeadLetterHeaders {

    /** The exception's class name. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The exception's message: what went wrong, for a person. */
    public static final String MESSAGE = "__streams.errors.message";
    /** The topic the record was read from. */
    public static final String TOPIC = "__streams.errors.topic";

    private DeadLetterHeaders() {
    }
}
