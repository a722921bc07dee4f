package org.orderpool.intake.topology;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.intake.domain.CancellationReasons;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.IntakeLifecycle;
import org.orderpool.intake.domain.IntakeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-check-write step of order-intake, in the task that owns the order id (its input is
 * repartitioned by order id): what intake remembers of the order (its {@link IntakeState}, the latest
 * entry of the deduplication store) and the version just decided give the next state and what is
 * announced ({@link IntakeLifecycle}). A retry, or a later version of a settled order, produces nothing.
 * The store is changelogged, so it survives restarts, and its window runs on the pool's wall clock, never
 * on a timestamp a shop chose, so a record stamped days back is still recognised.
 *
 * <p>Orders awaiting payment are also in a due-time index ({@link PaymentDueIndex}); a wall-clock
 * punctuation every {@code checkEvery} visits only the ones whose payment is due and cancels them.
 */
final class DecideOnceProcessor implements Processor<String, LifecycleInput, String, IntakeDecision> {

    private static final Logger LOG = LoggerFactory.getLogger(DecideOnceProcessor.class);
    /** At most this many due orders per punctuation, so one round stays short; the rest wait for the next. */
    static final int MAX_DUE_PER_ROUND = 1_000;

    private final Duration retention;
    private final Duration checkEvery;
    private ProcessorContext<String, IntakeDecision> context;
    private WindowStore<String, String> decided;
    private PaymentDueIndex due;

    DecideOnceProcessor(final Duration retention, final Duration checkEvery) {
        this.retention = retention;
        this.checkEvery = checkEvery;
    }

    @Override
    public void init(final ProcessorContext<String, IntakeDecision> context) {
        this.context = context;
        this.decided = context.getStateStore(OrderIntakeTopology.DEDUP_STORE);
        final KeyValueStore<String, String> dueStore = context.getStateStore(OrderIntakeTopology.PAYMENT_DUE_STORE);
        this.due = new PaymentDueIndex(dueStore);
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::cancelUnpaid);
    }

    @Override
    public void process(final Record<String, LifecycleInput> record) {
        final String orderId = record.key();
        if (orderId == null || record.value() == null) {
            LOG.warn("Ignoring a record without an order id or a value on the way to order-intake's lifecycle step");
            return; // only orders.cancellations can carry one: its writers key by order id
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final IntakeState current = stateOf(decided, orderId, now, retention);
        final IntakeLifecycle.Step step;
        if (record.value() instanceof LifecycleInput.Decided decided) {
            step = IntakeLifecycle.onDecision(current, decided.decision(), now);
            if (step.announced().isEmpty()) {
                LOG.debug("Order {} is {} at intake; a {} version changes nothing", orderId,
                        current == null ? "new" : current.phase(), decided.decision().getClass().getSimpleName());
            }
        } else {
            final LifecycleInput.CancellationRequested cancellation = (LifecycleInput.CancellationRequested) record.value();
            final String reason = CancellationReasons.safe(cancellation.cancellation().getReason());
            step = IntakeLifecycle.onCancellation(orderId, current, reason, now);
            if (current == null) {
                LOG.info("Cancellation of order {}, which intake has not seen: remembered, so the order is cancelled should it"
                        + " come", orderId);
            }
        }
        apply(orderId, current, step, now);
    }

    private void cancelUnpaid(final long wallClock) {
        final Instant now = Instant.ofEpochMilli(wallClock);
        for (final PaymentDueIndex.Entry entry : due.dueBy(now, MAX_DUE_PER_ROUND)) {
            final IntakeState current = stateOf(decided, entry.orderId(), now, retention);
            final IntakeLifecycle.Step step = IntakeLifecycle.onPaymentDue(entry.orderId(), current, now);
            if (step.cleared()) {
                due.remove(entry.orderId(), entry.dueAt());
            }
            apply(entry.orderId(), current, step, now);
        }
    }

    private void apply(final String orderId, final IntakeState current, final IntakeLifecycle.Step step, final Instant now) {
        if (step.next() != null) {
            decided.put(orderId, step.next().encode(), now.toEpochMilli());
            if (step.next().phase() == IntakeState.Phase.AWAITING_PAYMENT) {
                due.add(orderId, step.next().payBy());
            }
        }
        if (step.cleared() && current != null && current.phase() == IntakeState.Phase.AWAITING_PAYMENT) {
            due.remove(orderId, current.payBy());
        }
        step.announced().forEach(decision -> context.forward(new Record<>(orderId, decision, now.toEpochMilli())));
    }

    /** What intake remembers of an order id within the window (its latest entry), or null when nothing. */
    static IntakeState stateOf(final ReadOnlyWindowStore<String, String> store, final String orderId, final Instant now,
                               final Duration retention) {
        String latest = null;
        try (WindowStoreIterator<String> entries = store.fetch(orderId, now.minus(retention), now.plus(retention))) {
            while (entries.hasNext()) {
                latest = entries.next().value;
            }
        }
        return latest == null ? null : IntakeState.decode(latest);
    }
}
