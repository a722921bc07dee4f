package org.orderpool.dashboard;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.actions.ActionRejected;
import org.orderpool.dashboard.actions.ConsoleActions.Effect;
import org.orderpool.dashboard.actions.ConsoleRecords;

/** An operator's verdict on an order held for review, for {@code fraud.review-decisions}; the decision id is the action id. */
public final class ReviewDecisions {

    private final BoundTopics topics;
    private final PipelineView view;
    private final Clock clock;

    public ReviewDecisions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        this.topics = topics;
        this.view = view;
        this.clock = clock;
    }

    /** @param operator the logged-in user deciding, never a name the request chose */
    public Effect decide(final String actionId, final String orderId, final String verdictText, final String operator, final String comment) {
        final ReviewVerdict verdict;
        try {
            verdict = verdictText == null ? ReviewVerdict.UNKNOWN : ReviewVerdict.valueOf(verdictText);
        } catch (final IllegalArgumentException e) {
            throw ActionRejected.invalid("verdict", "invalid", "verdict must be APPROVE or BLOCK");
        }
        if (verdict == ReviewVerdict.UNKNOWN) {
            throw ActionRejected.invalid("verdict", "required", "verdict must be APPROVE or BLOCK");
        }
        if (!view.isInReview(orderId)) {
            throw ActionRejected.conflict("not_in_review", "order " + orderId + " is not waiting for a review decision");
        }
        final ReviewDecision decision = ReviewDecision.newBuilder().setDecisionId(actionId).setOrderId(orderId).setVerdict(verdict)
                .setOperator(operator).setComment(blankToNull(comment)).setDecidedAt(clock.instant()).build();
        return new Effect(OpsActionType.REVIEW_DECISION, orderId, Topics.FRAUD_REVIEW_DECISIONS.name(),
                verdict.name().toLowerCase(Locale.ROOT) + " order " + orderId + " held for review", decision.getComment(),
                "{\"status\": \"IN_REVIEW\"}", decision.toString(),
                List.of(ConsoleRecords.record(topics, Topics.FRAUD_REVIEW_DECISIONS, orderId, decision)),
                Map.of("decisionId", actionId, "orderId", orderId, "verdict", verdict.name(), "operator", operator));
    }

    static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
