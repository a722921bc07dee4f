package org.orderpool.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.actions.ConsoleRecords;

/** Publishes an operator's verdict on {@code fraud.review-decisions}; returns once the broker has it. */
public final class ReviewDecisions {

    private final ConsoleRecords records;
    private final BoundTopics topics;

    public ReviewDecisions(final ConsoleRecords records, final BoundTopics topics) {
        this.records = records;
        this.topics = topics;
    }

    /** @param operator the logged-in user deciding, never a name the request chose */
    public ReviewDecision publish(final String orderId, final ReviewVerdict verdict, final String operator, final String comment) {
        final ReviewDecision decision = ReviewDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setOrderId(orderId)
                .setVerdict(verdict).setOperator(operator).setComment(comment).setDecidedAt(Instant.now()).build();
        records.write(List.of(ConsoleRecords.record(topics, Topics.FRAUD_REVIEW_DECISIONS, orderId, decision)));
        return decision;
    }
}
