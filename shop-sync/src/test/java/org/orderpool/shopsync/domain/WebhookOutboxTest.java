package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderpool.shopsync.domain.OrderViewTest.T0;
import static org.orderpool.shopsync.domain.OrderViewTest.answer;
import static org.orderpool.shopsync.domain.OrderViewTest.change;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.shopsync.domain.OrderView.PendingWebhook;
import org.orderpool.shopsync.domain.OrderView.Problem;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

class WebhookOutboxTest {

    private static final double NO_JITTER = 0.5;
    private final WebhookOutbox outbox = new WebhookOutbox(new RetrySchedule(RetryScheduleTest.STANDARD, 0.2), Duration.ofSeconds(30),
            Duration.ofDays(3));

    private OrderView statuses(final OrderStatus... statuses) {
        OrderView view = OrderView.start("o-1", "tea-house", "TH-1", T0);
        for (final OrderStatus status : statuses) {
            final StatusEntry entry = change("o-1", status);
            view = outbox.enqueue(view.withStatus(entry, T0), entry, T0);
        }
        return view;
    }

    @Test
    void shouldQueueOneWebhookPerStatusChangeInTheOrderOfTheHistoryDueAtOnce() {
        final OrderView view = statuses(OrderStatus.ACCEPTED, OrderStatus.CLEARED);

        assertThat(view.outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:ACCEPTED", "o-1:CLEARED");
        assertThat(view.head()).get().satisfies(head -> {
            assertThat(head.notBefore()).isEqualTo(T0);
            assertThat(head.attempts()).isZero();
        });
    }

    @Test
    void shouldLetAFirstAttemptWaitForDetailsThatTravelOnOtherTopicsAndGoOnceTheyArrive() {
        final OrderView rejected = statuses(OrderStatus.REJECTED);
        assertThat(rejected.head().orElseThrow().notBefore()).as("waits for the field-level reasons").isEqualTo(T0.plusSeconds(30));

        final OrderView withReasons = outbox.detailsArrived(rejected.withProblems(List.of(new Problem("email", "invalid", "not an e-mail")),
                T0.plusSeconds(1)), T0.plusSeconds(1));
        assertThat(withReasons.head().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void shouldNotAnnounceAChangeThatReachesShopSyncDaysAfterItHappened() {
        final StatusEntry old = change("o-1", OrderStatus.ACCEPTED);
        final OrderView view = OrderView.start("o-1", "tea-house", "TH-1", T0.plus(Duration.ofDays(4))).withStatus(old,
                T0.plus(Duration.ofDays(4)));

        assertThat(outbox.enqueue(view, old, T0.plus(Duration.ofDays(4))).outbox()).isEmpty();
    }

    @Test
    void shouldRemoveADeliveredWebhookSoTheNextOneOfTheOrderIsFirst() {
        final WebhookOutbox.Decision decision = outbox.afterOutcome(statuses(OrderStatus.ACCEPTED, OrderStatus.CLEARED), "o-1:ACCEPTED",
                new DeliveryOutcome.Delivered(200), T0.plusSeconds(1), NO_JITTER);

        assertThat(decision.view().outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:CLEARED");
        assertThat(decision.givenUp()).isNull();
        assertThat(decision.disableEndpoint()).isFalse();
    }

    @Test
    void shouldSendTheNextWebhookAtOnceWhenItsDetailsArrivedWhileItWaitedBehindTheFirst() {
        final OrderView queued = statuses(OrderStatus.ACCEPTED, OrderStatus.REJECTED);
        final OrderView withReasons = outbox.detailsArrived(queued.withProblems(List.of(new Problem("email", "invalid", "not an e-mail")),
                T0.plusSeconds(1)), T0.plusSeconds(1));

        final WebhookOutbox.Decision decision = outbox.afterOutcome(withReasons, "o-1:ACCEPTED", new DeliveryOutcome.Delivered(200),
                T0.plusSeconds(2), NO_JITTER);

        assertThat(decision.view().head()).get().satisfies(head -> {
            assertThat(head.webhookId()).isEqualTo("o-1:REJECTED");
            assertThat(head.notBefore()).as("not the details wait of 30 s").isEqualTo(T0.plusSeconds(2));
        });
    }

    @Test
    void shouldScheduleAFailedWebhookAgainAndKeepTheOnesBehindItWaiting() {
        final WebhookOutbox.Decision decision = outbox.afterOutcome(statuses(OrderStatus.ACCEPTED, OrderStatus.CLEARED), "o-1:ACCEPTED",
                new DeliveryOutcome.Failed("HTTP 500", null), T0.plusSeconds(1), NO_JITTER);

        assertThat(decision.view().outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:ACCEPTED", "o-1:CLEARED");
        assertThat(decision.view().head()).get().satisfies(head -> {
            assertThat(head.attempts()).isEqualTo(1);
            assertThat(head.notBefore()).isEqualTo(T0.plusSeconds(6));
            assertThat(head.lastError()).isEqualTo("HTTP 500");
        });
    }

    @Test
    void shouldGiveUpAWebhookAfterItsEighthFailedAttemptAndMoveOnToTheNext() {
        OrderView view = statuses(OrderStatus.ACCEPTED, OrderStatus.CLEARED);
        WebhookOutbox.Decision decision = null;
        for (int attempt = 1; attempt <= 8; attempt++) {
            decision = outbox.afterOutcome(view, "o-1:ACCEPTED", new DeliveryOutcome.Failed("HTTP 503", null), T0.plusSeconds(attempt),
                    NO_JITTER);
            view = decision.view();
            if (attempt < 8) {
                assertThat(decision.givenUp()).isNull();
            }
        }

        assertThat(decision.givenUp()).isNotNull();
        assertThat(decision.givenUp().webhook().webhookId()).isEqualTo("o-1:ACCEPTED");
        assertThat(decision.givenUp().webhook().attempts()).isEqualTo(8);
        assertThat(decision.givenUp().reason()).startsWith("gave up after 8 attempts").endsWith("last: HTTP 503");
        assertThat(view.outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:CLEARED");
    }

    @Test
    void shouldKeepTheWebhookAnEndpointAnsweredGoneToAndAskToDisableTheEndpoint() {
        final WebhookOutbox.Decision decision = outbox.afterOutcome(statuses(OrderStatus.ACCEPTED), "o-1:ACCEPTED",
                new DeliveryOutcome.Gone(), T0.plusSeconds(1), NO_JITTER);

        assertThat(decision.disableEndpoint()).isTrue();
        assertThat(decision.givenUp()).isNull();
        assertThat(decision.view().outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:ACCEPTED");
    }

    @Test
    void shouldIgnoreTheOutcomeOfAnAttemptForAWebhookThatIsNoLongerFirst() {
        final OrderView view = statuses(OrderStatus.ACCEPTED, OrderStatus.CLEARED);

        final WebhookOutbox.Decision decision = outbox.afterOutcome(view, "o-1:CLEARED", new DeliveryOutcome.Delivered(200), T0, NO_JITTER);

        assertThat(decision.view()).isEqualTo(view);
    }

    @Test
    void shouldQueueANoticeBehindTheOrdersEarlierWebhooksWithoutWaitingForDetailsOfTheStatusItRepeats() {
        final OrderView manifested = statuses(OrderStatus.MANIFESTED);
        final StatusEntry tooLate = answer("o-1", "upd-1", OrderStatus.MANIFESTED, UpdateOutcome.REFUSED, "shipping.update_too_late",
                "shippingAddress");
        final OrderView after = manifested.withStatus(tooLate, T0);

        final OrderView queued = outbox.enqueue(after, after.entry(tooLate.eventId()).orElseThrow(), T0);

        assertThat(queued.outbox()).extracting(PendingWebhook::webhookId)
                .containsExactly("o-1:MANIFESTED", "o-1:update:upd-1:REFUSED");
        assertThat(queued.outbox().get(1).notBefore()).as("a notice has no details on other topics").isEqualTo(T0);
    }
}
