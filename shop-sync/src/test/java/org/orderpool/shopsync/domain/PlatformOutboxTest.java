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
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.PendingCall;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

class PlatformOutboxTest {

    private static final double NO_JITTER = 0.5;
    private final PlatformOutbox outbox = new PlatformOutbox(new RetrySchedule(RetryScheduleTest.STANDARD, 0.2), Duration.ofSeconds(30),
            Duration.ofDays(3));

    private OrderView statuses(final OrderView start, final OrderStatus... statuses) {
        OrderView view = start;
        for (final OrderStatus status : statuses) {
            final StatusEntry entry = change("o-1", status);
            final OrderStatus before = view.status();
            view = outbox.enqueue(before, view.withStatus(entry, T0), entry, T0);
        }
        return view;
    }

    private static OrderView withManifestedParcel() {
        return OrderView.start("o-1", "ceramics-studio", "4501", T0).withParcel(new ParcelInfo("o-1-1", "colis-express", "CX-HOME",
                "CX1", T0, "m-1", false, 1), T0);
    }

    @Test
    void shouldAskShopifyToAcceptWhenTheStockIsReservedAndOneCallForTheStatusThatEndsTheOrder() {
        final OrderView view = statuses(withManifestedParcel(), OrderStatus.ACCEPTED, OrderStatus.RESERVED, OrderStatus.SCHEDULED,
                OrderStatus.MANIFESTED);

        assertThat(view.calls()).extracting(PendingCall::action).containsExactly(PlatformAction.ACCEPT, PlatformAction.SHIP);
        assertThat(view.calls().get(1)).satisfies(call -> {
            assertThat(call.callId()).isEqualTo("o-1:MANIFESTED");
            assertThat(call.notBefore()).isEqualTo(T0);
        });
    }

    @Test
    void shouldAskWooCommerceNothingWhenTheStockIsReservedItHasNoRequestToAccept() {
        OrderView view = withManifestedParcel();
        for (final OrderStatus status : List.of(OrderStatus.ACCEPTED, OrderStatus.RESERVED, OrderStatus.MANIFESTED)) {
            final StatusEntry entry = change("o-1", status);
            view = outbox.enqueue(view.status(), view.withStatus(entry, T0), entry, T0, PlatformKind.WOOCOMMERCE::isToldOf);
        }

        assertThat(view.calls()).extracting(PendingCall::action).containsExactly(PlatformAction.SHIP);
    }

    @Test
    void shouldAskThePlatformNothingWhileAnOrderAwaitsPaymentAndCancelItWhenThePaymentNeverCame() {
        final OrderView start = OrderView.start("o-1", "ceramics-studio", "4501", T0);

        assertThat(statuses(start, OrderStatus.AWAITING_PAYMENT).calls()).isEmpty();
        assertThat(statuses(start, OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED).calls()).extracting(PendingCall::action)
                .containsExactly(PlatformAction.CANCEL);
    }

    @Test
    void shouldAskNothingForACancellationThatCameAfterTheOrderShipped() {
        final OrderView view = statuses(withManifestedParcel(), OrderStatus.MANIFESTED, OrderStatus.CANCELLED);

        assertThat(view.calls()).extracting(PendingCall::action).containsExactly(PlatformAction.SHIP);
    }

    @Test
    void shouldTellThePlatformOfACancellationAndOfAnOrderThePoolCannotServe() {
        final OrderView start = OrderView.start("o-1", "ceramics-studio", "4501", T0);

        assertThat(statuses(start, OrderStatus.ACCEPTED, OrderStatus.CANCELLED).calls()).extracting(PendingCall::action)
                .containsExactly(PlatformAction.CANCEL);
        assertThat(statuses(start, OrderStatus.BACKORDERED, OrderStatus.OUT_OF_STOCK).calls()).extracting(PendingCall::action)
                .containsExactly(PlatformAction.UNSERVED);
        assertThat(statuses(start, OrderStatus.REJECTED).calls()).extracting(PendingCall::action).containsExactly(PlatformAction.UNSERVED);
    }

    @Test
    void shouldLetAShipmentWaitForItsManifestAndGoOnceItArrives() {
        final OrderView start = OrderView.start("o-1", "ceramics-studio", "4501", T0).withParcel(new ParcelInfo("o-1-1", "colis-express",
                "CX-HOME", "CX1", T0, null, false, 1), T0);
        final OrderView waiting = statuses(start, OrderStatus.MANIFESTED);
        assertThat(waiting.firstCall().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(30));

        final OrderView arrived = outbox.detailsArrived(waiting.withParcel(new ParcelInfo("o-1-1", null, null, null, null, "m-1", false, 0),
                T0.plusSeconds(2)), T0.plusSeconds(2));

        assertThat(arrived.firstCall().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void shouldRetryAFailureWaitAThrottleAndGiveUpARefusal() {
        final OrderView view = statuses(withManifestedParcel(), OrderStatus.MANIFESTED);

        final OrderView failed = outbox.afterOutcome(view, "o-1:MANIFESTED", new PlatformOutcome.Failed("HTTP 502", null), T0, NO_JITTER)
                .view();
        final OrderView throttled = outbox.afterOutcome(failed, "o-1:MANIFESTED", new PlatformOutcome.Throttled(Duration.ofSeconds(2),
                "bucket"), T0.plusSeconds(5), NO_JITTER).view();
        final PlatformOutbox.Decision refused = outbox.afterOutcome(throttled, "o-1:MANIFESTED", new PlatformOutcome.Refused(
                "HTTP 403 from Shopify"), T0.plusSeconds(7), NO_JITTER);

        assertThat(failed.firstCall().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(5));
        assertThat(throttled.firstCall().orElseThrow().attempts()).as("a throttle uses no attempt").isEqualTo(1);
        assertThat(throttled.firstCall().orElseThrow().notBefore()).isEqualTo(T0.plusSeconds(7));
        assertThat(refused.view().calls()).isEmpty();
        assertThat(refused.givenUp().reason()).contains("HTTP 403 from Shopify");
        assertThat(outbox.afterOutcome(view, "o-1:SOMETHING-ELSE", new PlatformOutcome.Done("x"), T0, NO_JITTER).view()).isEqualTo(view);
    }

    @Test
    void shouldNotCallThePlatformForAChangeThatReachesShopSyncDaysAfterItHappened() {
        final StatusEntry old = change("o-1", OrderStatus.CANCELLED);
        final OrderView view = OrderView.start("o-1", "ceramics-studio", "4501", T0).withStatus(old, T0.plus(Duration.ofDays(4)));

        assertThat(outbox.enqueue(null, view, old, T0.plus(Duration.ofDays(4))).calls()).isEmpty();
    }

    @Test
    void shouldAskThePlatformNothingForAnAnswerToAnUpdateWhateverStatusItRepeats() {
        OrderView view = statuses(withManifestedParcel(), OrderStatus.ACCEPTED, OrderStatus.RESERVED);
        assertThat(view.calls()).extracting(PendingCall::action).containsExactly(PlatformAction.ACCEPT);
        for (final StatusEntry answer : List.of(
                answer("o-1", "upd-1", OrderStatus.RESERVED, UpdateOutcome.APPLIED, "stock.update_applied", "lines"),
                answer("o-1", "upd-2", OrderStatus.CANCELLED, UpdateOutcome.REFUSED, "shipping.update_order_cancelled", "lines"),
                answer("o-1", "upd-3", OrderStatus.MANIFESTED, UpdateOutcome.REFUSED, "shipping.update_too_late",
                        "shippingAddress"))) {
            final OrderStatus before = view.status();
            final OrderView after = view.withStatus(answer, T0);
            view = outbox.enqueue(before, after, after.entry(answer.eventId()).orElseThrow(), T0);
        }

        assertThat(view.calls()).as("no second accept, no cancellation, no shipment").extracting(PendingCall::action)
                .containsExactly(PlatformAction.ACCEPT);
    }
}
