package org.orderpool.intake.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-check-write step of order-intake: a submission whose order id was already decided within
 * the retention window is a retry and produces nothing; otherwise the decision is recorded in the
 * deduplication store (changelogged, so it survives restarts) and forwarded, keyed by order id.
 */
final class IntakeProcessor implements Processor<ShopOrderKey, SubmittedOrder, String, IntakeDecision> {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeProcessor.class);

    private final OrderIntake intake;
    private final Function<String, Optional<String>> shopOfTopic;
    private final Duration retention;
    private ProcessorContext<String, IntakeDecision> context;
    private WindowStore<String, String> decided;

    IntakeProcessor(final OrderIntake intake, final Function<String, Optional<String>> shopOfTopic, final Duration retention) {
        this.intake = intake;
        this.shopOfTopic = shopOfTopic;
        this.retention = retention;
    }

    @Override
    public void init(final ProcessorContext<String, IntakeDecision> context) {
        this.context = context;
        this.decided = context.getStateStore(OrderIntakeTopology.DEDUP_STORE);
    }

    @Override
    public void process(final Record<ShopOrderKey, SubmittedOrder> record) {
        final SubmittedOrder submitted = record.value();
        if (submitted == null) {
            return; // a tombstone on the intake topic carries no order
        }
        // On a shop's own intake topic the topic names the shop; on the shared topic the order does.
        final Optional<String> topicShop = context.recordMetadata().flatMap(metadata -> shopOfTopic.apply(metadata.topic()));
        final String orderId = OrderIds.forShopOrder(topicShop.orElse(submitted.getShopId()), submitted.getShopOrderRef());
        final long timestamp = record.timestamp();
        try (WindowStoreIterator<String> earlier = decided.fetch(orderId, Instant.ofEpochMilli(timestamp).minus(retention),
                Instant.ofEpochMilli(timestamp).plus(retention))) {
            if (earlier.hasNext()) {
                LOG.debug("Order {} was already decided ({}); ignoring the retry", orderId, earlier.next().value);
                return;
            }
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final IntakeDecision decision = topicShop.isPresent()
                ? intake.decideFromShopTopic(topicShop.get(), record.key(), submitted, now)
                : intake.decide(record.key(), submitted, now);
        decided.put(orderId, decision instanceof IntakeDecision.Accepted ? "ACCEPTED" : "REJECTED", timestamp);
        context.forward(record.withKey(orderId).withValue(decision));
    }

    /** Whether an order id was decided within the window, for the gateway's duplicate check. */
    static boolean wasDecided(final org.apache.kafka.streams.state.ReadOnlyWindowStore<String, String> store, final String orderId,
                              final Instant now, final Duration retention) {
        try (WindowStoreIterator<String> found = store.fetch(orderId, now.minus(retention), now.plus(retention))) {
            return found.hasNext();
        }
    }
}
