package org.orderpool.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;

/** Publishes an operator's verdict on {@code fraud.review-decisions}; returns once the broker has it (acks=all). */
public final class ReviewDecisions implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final BoundTopics topics;
    private final Duration timeout;

    public ReviewDecisions(final KafkaProducer<byte[], byte[]> producer, final BoundTopics topics, final Duration timeout) {
        this.producer = producer;
        this.topics = topics;
        this.timeout = timeout;
    }

    public ReviewDecision publish(final String orderId, final ReviewVerdict verdict, final String operator, final String comment) {
        final ReviewDecision decision = ReviewDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setOrderId(orderId)
                .setVerdict(verdict).setOperator(operator).setComment(comment).setDecidedAt(Instant.now()).build();
        final String topic = topics.name(Topics.FRAUD_REVIEW_DECISIONS);
        try {
            producer.send(new ProducerRecord<>(topic, topics.keySerde(Topics.FRAUD_REVIEW_DECISIONS).serializer().serialize(topic, orderId),
                    topics.valueSerde(Topics.FRAUD_REVIEW_DECISIONS).serializer().serialize(topic, decision))).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the decision", e);
        } catch (final Exception e) {
            throw new IllegalStateException("the decision could not be published: " + e.getMessage(), e);
        }
        return decision;
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
