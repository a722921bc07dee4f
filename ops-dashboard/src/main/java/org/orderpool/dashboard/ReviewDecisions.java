package org.orderpool.dashboard;

import java.time.Instant;
import java.util.UUID;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;

/** Publishes an operator's verdict on {@code fraud.review-decisions}; returns once the broker has it (acks=all). */
public final class ReviewDecisions implements AutoCloseable {

    private final ContractProducer producer;

    public ReviewDecisions(final ContractProducer producer) {
        this.producer = producer;
    }

    public ReviewDecision publish(final String orderId, final ReviewVerdict verdict, final String operator, final String comment) {
        final ReviewDecision decision = ReviewDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setOrderId(orderId)
                .setVerdict(verdict).setOperator(operator).setComment(comment).setDecidedAt(Instant.now()).build();
        producer.send(Topics.FRAUD_REVIEW_DECISIONS, orderId, decision);
        return decision;
    }

    @Override
    public void close() {
        producer.close();
    }
}
