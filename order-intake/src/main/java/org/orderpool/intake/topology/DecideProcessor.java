package org.orderpool.intake.topology;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderIntake;

/**
 * Decides each submitted record on the order its key names, at the pool's time: the decision is keyed
 * by that order id and stamped with the arrival wall clock, never with the record timestamp the shop
 * chose. It remembers nothing; {@link DecideOnceProcessor} keeps only the first decision per order id.
 * A record without a key names no order and is thrown out to the dead-letter topic with its bytes.
 */
final class DecideProcessor implements Processor<ShopOrderKey, SubmittedOrder, String, DecideProcessor.Routed> {

    private final OrderIntake intake;
    private final Function<String, Optional<String>> shopOfTopic;
    private ProcessorContext<String, Routed> context;

    DecideProcessor(final OrderIntake intake, final Function<String, Optional<String>> shopOfTopic) {
        this.intake = intake;
        this.shopOfTopic = shopOfTopic;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<ShopOrderKey, SubmittedOrder> record) {
        final SubmittedOrder submitted = record.value();
        if (submitted == null) {
            return; // a tombstone on the intake topic carries no order
        }
        final Optional<RecordMetadata> metadata = context.recordMetadata();
        if (record.key() == null) {
            throw new UnkeyedRecordException(metadata.map(RecordMetadata::topic).orElse("?"),
                    metadata.map(RecordMetadata::partition).orElse(-1), metadata.map(RecordMetadata::offset).orElse(-1L));
        }
        // On a shop's own intake topic the topic names the shop; on the shared topic the key does.
        final Optional<String> topicShop = metadata.flatMap(m -> shopOfTopic.apply(m.topic()));
        final long now = context.currentSystemTimeMs();
        final IntakeDecision decision = topicShop.isPresent()
                ? intake.decideFromShopTopic(topicShop.get(), record.key(), submitted, Instant.ofEpochMilli(now))
                : intake.decide(record.key(), submitted, Instant.ofEpochMilli(now));
        final boolean onItsOwnersTask = context.taskId().partition() == OrderIds.partitionOf(decision.orderId());
        context.forward(record.withKey(decision.orderId()).withValue(new Routed(decision, onItsOwnersTask)).withTimestamp(now));
    }

    /**
     * A decision, and whether the task that decided it is the one that owns its order id (the record came on the
     * partition its order id hashes to, as the gateway writes it): then it goes on to the order's lifecycle in this
     * task, without the repartition's write and transaction.
     */
    record Routed(IntakeDecision decision, boolean onItsOwnersTask) {
    }

    /** A record on an intake topic without a key: it names no order, so no order may be answered for it. */
    static final class UnkeyedRecordException extends IllegalArgumentException {
        UnkeyedRecordException(final String topic, final int partition, final long offset) {
            super("record " + topic + "-" + partition + "@" + offset + " has no key: a submitted order is keyed by its shop and"
                    + " shop order ref, which name the order; it is dead-lettered, no order is answered for it");
        }
    }
}
