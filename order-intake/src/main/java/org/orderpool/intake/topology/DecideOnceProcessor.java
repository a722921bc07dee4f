package org.orderpool.intake.topology;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.intake.domain.IntakeDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-check-write step of order-intake, in the task that owns the order id (its input is
 * repartitioned by order id): a decision for an order id already decided within the retention window
 * is a retry and produces nothing; otherwise it is recorded in the deduplication store (changelogged,
 * so it survives restarts) and forwarded. The window runs on the pool's wall clock, never on a
 * timestamp a shop chose, so a record stamped days back is still recognised.
 */
final class DecideOnceProcessor implements Processor<String, IntakeDecision, String, IntakeDecision> {

    private static final Logger LOG = LoggerFactory.getLogger(DecideOnceProcessor.class);

    private final Duration retention;
    private ProcessorContext<String, IntakeDecision> context;
    private WindowStore<String, String> decided;

    DecideOnceProcessor(final Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(final ProcessorContext<String, IntakeDecision> context) {
        this.context = context;
        this.decided = context.getStateStore(OrderIntakeTopology.DEDUP_STORE);
    }

    @Override
    public void process(final Record<String, IntakeDecision> record) {
        final String orderId = record.key();
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        try (WindowStoreIterator<String> earlier = decided.fetch(orderId, now.minus(retention), now.plus(retention))) {
            if (earlier.hasNext()) {
                LOG.debug("Order {} was already decided ({}); ignoring the retry", orderId, earlier.next().value);
                return;
            }
        }
        final String outcome = record.value() instanceof IntakeDecision.Accepted ? "ACCEPTED" : "REJECTED";
        decided.put(orderId, outcome, now.toEpochMilli());
        context.forward(record);
    }

    /** Whether an order id was decided within the window, for the gateway's duplicate check. */
    static boolean wasDecided(final ReadOnlyWindowStore<String, String> store, final String orderId, final Instant now,
                              final Duration retention) {
        try (WindowStoreIterator<String> found = store.fetch(orderId, now.minus(retention), now.plus(retention))) {
            return found.hasNext();
        }
    }
}
