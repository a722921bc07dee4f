package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.intake.domain.IntakeState.Phase;
import org.orderpool.testing.Fixtures;

class IntakeLifecycleTest {

    private static final Instant NOW = Fixtures.T0.plusSeconds(5);
    private final OrderIntake intake = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01"),
            new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s3cret"))), IntakeRules.defaults()));

    @Test
    void shouldAcceptAPaidFirstVersionAndPassEveryLaterValidOneOnAsAnUpdateAnnouncingNothing() {
        final IntakeLifecycle.Step first = IntakeLifecycle.onDecision(null, decide(PaymentState.PAID, NOW), NOW);
        final Instant later = NOW.plusSeconds(9);
        final SubmittedOrder moved = submitted(PaymentState.PAID);
        moved.getShippingAddress().setLine1("3 place Bellecour");

        final IntakeLifecycle.Step update = IntakeLifecycle.onDecision(first.next(), intake.decide(key(moved), moved, later), later);
        final IntakeLifecycle.Step unpaid = IntakeLifecycle.onDecision(first.next(), decide(PaymentState.PENDING, later), later);

        assertThat(statuses(first)).containsExactly(OrderStatus.ACCEPTED);
        assertThat(first.next().phase()).isEqualTo(Phase.ACCEPTED);
        assertThat(update.next()).as("still ACCEPTED at intake").isNull();
        assertThat(update.announced()).singleElement().isInstanceOfSatisfying(IntakeDecision.Updated.class, updated -> {
            assertThat(updated.status()).as("no status: the services downstream answer").isNull();
            assertThat(updated.update().getOrder().getShippingAddress().getLine1()).isEqualTo("3 place Bellecour");
            assertThat(updated.update().getRequestedAt()).isEqualTo(later);
            assertThat(updated.update().getUpdateId()).isEqualTo(OrderChanges.updateId(updated.update().getOrder()));
        });
        assertThat(unpaid.announced()).as("a later unpaid version of a released order: the payment gate was passed")
                .singleElement().isInstanceOf(IntakeDecision.Updated.class);
    }

    @Test
    void shouldRefuseAnInvalidLaterVersionOfAnAcceptedOrderWithItsReasonsWithoutMovingTheOrder() {
        final SubmittedOrder broken = submitted(PaymentState.PAID);
        broken.getLines().get(0).setQuantity(0);

        final IntakeLifecycle.Step step = IntakeLifecycle.onDecision(IntakeState.of(Phase.ACCEPTED),
                intake.decide(key(broken), broken, NOW), NOW);

        assertThat(step.next()).isNull();
        assertThat(step.announced()).singleElement().isInstanceOfSatisfying(IntakeDecision.UpdateRefused.class, refused -> {
            assertThat(refused.status().getStatus()).as("the order's status at intake, repeated").isEqualTo(OrderStatus.ACCEPTED);
            assertThat(refused.status().getReasonCode()).isEqualTo(IntakeLifecycle.UPDATE_INVALID);
            assertThat(refused.status().getReason()).contains("lines[0].quantity: must_be_positive");
            assertThat(refused.status().getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
            assertThat(refused.status().getEventId()).as("no second ACCEPTED event")
                    .isNotEqualTo(StatusChanges.eventId(refused.orderId(), OrderStatus.ACCEPTED));
        });
    }

    @Test
    void shouldHoldAnUnpaidOrderUntilItsShopsPaymentTimeout() {
        final IntakeLifecycle.Step held = IntakeLifecycle.onDecision(null, decide(PaymentState.PENDING, NOW), NOW);

        assertThat(statuses(held)).containsExactly(OrderStatus.AWAITING_PAYMENT);
        assertThat(held.next()).isEqualTo(IntakeState.awaitingPayment(NOW.plus(ShopPolicy.DEFAULT_PAYMENT_TIMEOUT), "shop-a", "o-1"));
        assertThat(held.announced().get(0)).isInstanceOf(IntakeDecision.AwaitingPayment.class);
    }

    @Test
    void shouldReleaseAnOrderAwaitingPaymentWithItsPaidVersion() {
        final IntakeState held = IntakeLifecycle.onDecision(null, decide(PaymentState.PENDING, NOW), NOW).next();
        final Instant paidAt = NOW.plus(Duration.ofHours(2));
        final SubmittedOrder paid = submitted(PaymentState.PAID);
        paid.getCustomer().setFirstName("Camille-Anne");

        final IntakeLifecycle.Step released = IntakeLifecycle.onDecision(held, intake.decide(key(paid), paid, paidAt), paidAt);

        assertThat(statuses(released)).containsExactly(OrderStatus.ACCEPTED);
        assertThat(released.announced().get(0)).isInstanceOfSatisfying(IntakeDecision.Accepted.class, accepted -> {
            assertThat(accepted.order().getCustomer().getFirstName()).as("the paid version's content").isEqualTo("Camille-Anne");
            assertThat(accepted.order().getAcceptedAt()).isEqualTo(paidAt);
            assertThat(accepted.status().getReason()).contains("released from AWAITING_PAYMENT");
        });
        assertThat(released.next().phase()).isEqualTo(Phase.ACCEPTED);
        assertThat(released.cleared()).as("its due-time entry goes").isTrue();
    }

    @Test
    void shouldKeepAnOrderWaitingWhenAnotherUnpaidVersionComesAndKeepItsFirstDueTime() {
        final IntakeState held = IntakeLifecycle.onDecision(null, decide(PaymentState.PENDING, NOW), NOW).next();

        final IntakeLifecycle.Step again = IntakeLifecycle.onDecision(held, decide(PaymentState.PENDING, NOW.plusSeconds(60)),
                NOW.plusSeconds(60));

        assertThat(again.announced()).isEmpty();
        assertThat(again.next()).as("unchanged").isNull();
        assertThat(again.cleared()).isFalse();
    }

    @Test
    void shouldRejectAnOrderAwaitingPaymentWhoseLaterVersionIsInvalid() {
        final IntakeState held = IntakeLifecycle.onDecision(null, decide(PaymentState.PENDING, NOW), NOW).next();
        final SubmittedOrder broken = submitted(PaymentState.PAID);
        broken.getLines().get(0).setSku("SKU-GHOST");

        final IntakeLifecycle.Step step = IntakeLifecycle.onDecision(held, intake.decide(key(broken), broken, NOW), NOW);

        assertThat(statuses(step)).containsExactly(OrderStatus.REJECTED);
        assertThat(step.next().phase()).isEqualTo(Phase.REJECTED);
        assertThat(step.cleared()).isTrue();
    }

    @Test
    void shouldCancelAnOrderStillUnpaidWhenItsPaymentIsDueAndNotBefore() {
        final IntakeState held = IntakeState.awaitingPayment(NOW.plus(Duration.ofHours(72)), "shop-a", "o-1");

        final IntakeLifecycle.Step early = IntakeLifecycle.onPaymentDue("ord-1", held, NOW.plus(Duration.ofHours(71)));
        final IntakeLifecycle.Step due = IntakeLifecycle.onPaymentDue("ord-1", held, NOW.plus(Duration.ofHours(72)));

        assertThat(early.announced()).isEmpty();
        assertThat(early.cleared()).isFalse();
        assertThat(statuses(due)).containsExactly(OrderStatus.CANCELLED);
        assertThat(due.announced().get(0).status().getReasonCode()).isEqualTo(IntakeLifecycle.PAYMENT_TIMEOUT);
        assertThat(due.announced().get(0).status().getShopOrderRef()).isEqualTo("o-1");
        assertThat(due.next().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(due.cleared()).isTrue();
    }

    @Test
    void shouldDropADueEntryOfAnOrderThatMovedOnWithoutAnnouncingAnything() {
        final IntakeLifecycle.Step released = IntakeLifecycle.onPaymentDue("ord-1", IntakeState.of(Phase.ACCEPTED), NOW);
        final IntakeLifecycle.Step forgotten = IntakeLifecycle.onPaymentDue("ord-1", null, NOW);

        assertThat(released.announced()).isEmpty();
        assertThat(released.cleared()).isTrue();
        assertThat(forgotten.cleared()).isTrue();
    }

    @Test
    void shouldIgnoreAPaymentForAnOrderCancelledForItsTimeout() {
        final IntakeLifecycle.Step late = IntakeLifecycle.onDecision(IntakeState.of(Phase.CANCELLED), decide(PaymentState.PAID, NOW), NOW);

        assertThat(late.announced()).as("CANCELLED was announced; no second lifecycle").isEmpty();
        assertThat(late.next()).isNull();
    }

    @Test
    void shouldCancelAnOrderAwaitingPaymentAtOnceWhenItsShopCancels() {
        final IntakeState held = IntakeState.awaitingPayment(NOW.plus(Duration.ofHours(72)), "shop-a", "o-1");

        final IntakeLifecycle.Step step = IntakeLifecycle.onCancellation("ord-1", held, "customer", NOW);

        assertThat(statuses(step)).containsExactly(OrderStatus.CANCELLED);
        assertThat(step.announced().get(0).status().getReasonCode()).isEqualTo(IntakeLifecycle.CANCELLED_BY_SHOP);
        assertThat(step.announced().get(0).status().getReason()).contains("customer");
        assertThat(step.next().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(step.cleared()).isTrue();
    }

    @Test
    void shouldRememberACancellationThatCameFirstAndCancelTheOrderWhenItComes() {
        final IntakeLifecycle.Step remembered = IntakeLifecycle.onCancellation("ord-1", null, null, NOW);

        final IntakeLifecycle.Step arrived = IntakeLifecycle.onDecision(remembered.next(), decide(PaymentState.PAID, NOW), NOW);

        assertThat(remembered.announced()).as("no status for an order the pool never saw").isEmpty();
        assertThat(remembered.next().phase()).isEqualTo(Phase.CANCELLATION_FIRST);
        assertThat(statuses(arrived)).containsExactly(OrderStatus.CANCELLED);
        assertThat(arrived.next().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(IntakeLifecycle.onCancellation("ord-1", arrived.next(), null, NOW).announced()).isEmpty();
    }

    @Test
    void shouldLeaveTheCancellationOfAnAcceptedOrderDownstreamAndOfASettledOneAlone() {
        assertThat(IntakeLifecycle.onCancellation("ord-1", IntakeState.of(Phase.ACCEPTED), null, NOW).announced()).isEmpty();
        assertThat(IntakeLifecycle.onCancellation("ord-1", IntakeState.of(Phase.REJECTED), null, NOW).announced()).isEmpty();
        assertThat(IntakeLifecycle.onCancellation("ord-1", IntakeState.of(Phase.CANCELLED), null, NOW).next()).isNull();
    }

    @Test
    void shouldStoreAStateAsTextThatReadsBackTheSameAndReadTheStoresOlderWords() {
        final IntakeState held = IntakeState.awaitingPayment(NOW, "shop-a", "#1042 (web)");

        assertThat(IntakeState.decode(held.encode())).isEqualTo(held);
        assertThat(IntakeState.decode("ACCEPTED")).isEqualTo(IntakeState.of(Phase.ACCEPTED));
        assertThat(IntakeState.decode("REJECTED")).isEqualTo(IntakeState.of(Phase.REJECTED));
        assertThatThrownBy(() -> IntakeState.decode("MAYBE")).hasMessageContaining("'MAYBE' is no intake state");
    }

    private IntakeDecision decide(final PaymentState state, final Instant at) {
        final SubmittedOrder order = submitted(state);
        return intake.decide(key(order), order, at);
    }

    private static SubmittedOrder submitted(final PaymentState state) {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        order.setShopOrderRef("o-1");
        order.setPaymentState(state);
        return order;
    }

    private static ShopOrderKey key(final SubmittedOrder order) {
        return new ShopOrderKey(order.getShopId(), order.getShopOrderRef());
    }

    private static List<OrderStatus> statuses(final IntakeLifecycle.Step step) {
        return step.announced().stream().map(d -> d.status().getStatus()).toList();
    }
}
