package org.orderpool.dashboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.RecordingConsoleRecords;
import org.orderpool.dashboard.ReviewDecisions;
import org.orderpool.serde.AvroSerdes;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class ConsoleActionsTest {

    static final Instant NOW = Instant.parse("2026-12-02T14:55:00Z");
    static final Authentication OPS = new UsernamePasswordAuthenticationToken("ops", null, AuthorityUtils.createAuthorityList("ROLE_OPERATOR"));
    static final Authentication VIEWER = new UsernamePasswordAuthenticationToken("viewer", null,
            AuthorityUtils.createAuthorityList("ROLE_VIEWER"));

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final RecordingConsoleRecords records = new RecordingConsoleRecords();
    private final PipelineView view = new PipelineView();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ConsoleActions actions = new ConsoleActions(records, topics, view::audited, clock);
    private final ReviewDecisions reviews = new ReviewDecisions(topics, view, clock);

    @Test
    void shouldWriteTheActionAndItsAuditRecordInOneTransaction() {
        holdForReview("o-1");

        final ConsoleActions.Outcome outcome = actions.perform("act-00000001", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", "known buyer"));

        assertThat(outcome.repeated()).isFalse();
        assertThat(records.transactions()).singleElement().satisfies(tx -> assertThat(tx).extracting(r -> r.topic())
                .containsExactly("fraud.review-decisions", "ops.audit"));
        assertThat(records.values(topics, Topics.FRAUD_REVIEW_DECISIONS)).singleElement().satisfies(d -> {
            assertThat(d.getDecisionId()).isEqualTo("act-00000001");
            assertThat(d.getOperator()).isEqualTo("ops");
        });
        final OpsAuditRecord audit = records.values(topics, Topics.OPS_AUDIT).get(0);
        assertThat(audit.getActionId()).isEqualTo("act-00000001");
        assertThat(audit.getActor()).isEqualTo("ops");
        assertThat(audit.getAction()).isEqualTo(OpsActionType.REVIEW_DECISION);
        assertThat(audit.getTarget()).isEqualTo("o-1");
        assertThat(audit.getTopic()).isEqualTo("fraud.review-decisions");
        assertThat(audit.getReason()).isEqualTo("known buyer");
        assertThat(audit.getAfter()).contains("APPROVE");
        assertThat(audit.getOccurredAt()).isEqualTo(NOW);
    }

    @Test
    void shouldDoAnActionOnceWhenItsRequestComesTwice() {
        holdForReview("o-1");
        actions.perform("act-00000001", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", null));

        final ConsoleActions.Outcome again = actions.perform("act-00000001", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", null));

        assertThat(again.repeated()).isTrue();
        assertThat(again.answer()).containsEntry("decisionId", "act-00000001");
        assertThat(records.transactions()).hasSize(1);
    }

    @Test
    void shouldNotRepeatAnActionTheAuditTrailHoldsAfterARestart() {
        holdForReview("o-1");
        actions.perform("act-00000001", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", null));
        records.values(topics, Topics.OPS_AUDIT).forEach(view::onAudit); // what the restarted console reads back
        final ConsoleActions restarted = new ConsoleActions(records, topics, view::audited, clock);

        assertThat(restarted.perform("act-00000001", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", null)).repeated()).isTrue();
        assertThat(records.transactions()).hasSize(1);
        assertThat(view.overview(NOW).get("audit")).asList().singleElement().asString().contains("actor=ops").contains("REVIEW_DECISION");
    }

    @Test
    void shouldRefuseAViewerAndAnInvalidRequestWritingNothing() {
        holdForReview("o-1");
        assertThatThrownBy(() -> actions.perform("act-00000001", VIEWER, id -> reviews.decide(id, "o-1", "APPROVE", "viewer", null)))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> actions.perform("act-00000002", OPS, id -> reviews.decide(id, "o-1", "MAYBE", "ops", null)))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("field=verdict"));
        assertThatThrownBy(() -> actions.perform("x", OPS, id -> reviews.decide(id, "o-1", "APPROVE", "ops", null)))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("field=actionId"));
        assertThatThrownBy(() -> actions.perform("act-00000003", OPS, id -> reviews.decide(id, "o-2", "APPROVE", "ops", null)))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(records.transactions()).isEmpty();
    }

    private void holdForReview(final String orderId) {
        view.onStatus(OrderStatusChange.newBuilder().setEventId(orderId + ":IN_REVIEW").setOrderId(orderId).setShopId("tea-house")
                .setShopOrderRef("TH-" + orderId).setStatus(OrderStatus.IN_REVIEW).setSource("fraud-check").setOccurredAt(NOW).build());
    }
}
