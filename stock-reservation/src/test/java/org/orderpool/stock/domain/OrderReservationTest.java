package org.orderpool.stock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.stock.domain.OrderReservation.State;
import org.orderpool.stock.domain.StockMessage.LineOutcome;
import org.orderpool.stock.domain.StockMessage.ReleaseLine;
import org.orderpool.stock.domain.StockMessage.ReserveLine;
import org.orderpool.stock.domain.StockMessage.WaitFor;

class OrderReservationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Map<String, Integer> TWO_LINES = new LinkedHashMap<>(Map.of("SKU-A", 1, "SKU-B", 2));

    @Test
    void shouldAskEverySkuForItsUnits() {
        final List<StockMessage> out = new ArrayList<>();

        OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), out);

        assertThat(out).containsExactlyInAnyOrder(new ReserveLine("o-1", 1, "SKU-A", 1, "shop-a", null),
                new ReserveLine("o-1", 1, "SKU-B", 2, "shop-a", null));
    }

    @Test
    void shouldBeReservedOnlyWhenEveryLineIsHeld() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), new ArrayList<>());

        assertThat(order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0).status()).isEmpty();
        final OrderReservation.Step last = order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", true, 0), T0);

        assertThat(order.state()).isEqualTo(State.RESERVED);
        assertThat(last.status()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.RESERVED));
    }

    @Test
    void shouldGiveBackHeldLinesWhenOneIsShortAndGiveUpIfTheShopSaysSo() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);

        final OrderReservation.Step step = order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 1), T0);

        assertThat(step.messages()).contains(new ReleaseLine("o-1", "SKU-A", 1));
        assertThat(order.state()).isEqualTo(State.OUT_OF_STOCK);
        assertThat(step.status()).hasValueSatisfying(s -> assertThat(s.reason()).contains("SKU-B"));
    }

    @Test
    void shouldWaitForTheShortSkuThenTryTheWholeOrderAgain() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES,
                ShopStockPolicy.backorderFor(Duration.ofHours(24)), new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);

        final OrderReservation.Step shortage = order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 0), T0);
        assertThat(order.state()).isEqualTo(State.BACKORDERED);
        assertThat(shortage.messages()).contains(new ReleaseLine("o-1", "SKU-A", 1), new WaitFor("o-1", "SKU-B", 2, "shop-a", null));

        final OrderReservation.Step retry = order.onRetry();
        assertThat(retry.messages()).containsExactlyInAnyOrder(new ReserveLine("o-1", 2, "SKU-A", 1, "shop-a", null),
                new ReserveLine("o-1", 2, "SKU-B", 2, "shop-a", null));
        order.onOutcome(new LineOutcome("o-1", 2, "SKU-A", true, 3), T0.plusSeconds(60));
        order.onOutcome(new LineOutcome("o-1", 2, "SKU-B", true, 0), T0.plusSeconds(60));
        assertThat(order.state()).isEqualTo(State.RESERVED);
    }

    @Test
    void shouldGiveUpWaitingAfterTheShopsLimit() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", Map.of("SKU-B", 1),
                ShopStockPolicy.backorderFor(Duration.ofHours(24)), new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 0), T0);

        assertThat(order.onTime(T0.plus(Duration.ofHours(23))).status()).isEmpty();
        final OrderReservation.Step expired = order.onTime(T0.plus(Duration.ofHours(25)));

        assertThat(order.state()).isEqualTo(State.OUT_OF_STOCK);
        assertThat(expired.status()).hasValueSatisfying(s -> assertThat(s.reasonCode()).isEqualTo("stock.backorder_expired"));
        assertThat(expired.messages()).contains(new StockMessage.StopWaiting("o-1", "SKU-B"));
    }

    @Test
    void shouldGiveBackUnitsHeldForAnOrderThatNoLongerNeedsThem() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), new ArrayList<>());
        order.onCancel();

        final OrderReservation.Step late = order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 3), T0);

        assertThat(late.messages()).containsExactly(new ReleaseLine("o-1", "SKU-A", 1));
    }

    @Test
    void shouldLeaveACancelledReservedOrderToShippingAndReleaseWhenItsParcelsAreWithdrawn() {
        final OrderReservation order = reserved();

        assertThat(order.onCancel().messages()).as("shipping-scheduler decides once an order is reserved").isEmpty();
        assertThat(order.state()).isEqualTo(State.RESERVED);

        final OrderReservation.Step withdrawn = order.onWithdrawn();
        assertThat(withdrawn.messages()).contains(new ReleaseLine("o-1", "SKU-A", StockMessage.ANY_ATTEMPT),
                new ReleaseLine("o-1", "SKU-B", StockMessage.ANY_ATTEMPT));
        assertThat(withdrawn.status()).as("shipping-scheduler announces the cancellation").isEmpty();
        assertThat(order.state()).isEqualTo(State.WITHDRAWN);
        assertThat(order.onWithdrawn().messages()).as("a second parcel of the same order").isEmpty();

        final OrderReservation shipped = reserved();
        shipped.onShipped("manifest-1/parcel-1", "SKU-A", 1);
        assertThat(shipped.onCancel().messages()).isEmpty();
        assertThat(shipped.onWithdrawn().messages()).isEmpty();
        assertThat(shipped.state()).isEqualTo(State.SHIPPED);
    }

    @Test
    void shouldReleaseEverythingWhenCancelledWhileWaitingForStock() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.backorderFor(Duration.ofHours(24)),
                new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 3), T0);
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 0), T0);
        assertThat(order.state()).isEqualTo(State.BACKORDERED);

        final OrderReservation.Step cancelled = order.onCancel();

        assertThat(cancelled.messages()).contains(new ReleaseLine("o-1", "SKU-A", StockMessage.ANY_ATTEMPT),
                new StockMessage.StopWaiting("o-1", "SKU-B"));
        assertThat(cancelled.status()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.CANCELLED));
    }

    @Test
    void shouldBookOutEachShippedParcelOnce() {
        final OrderReservation order = reserved();

        assertThat(order.onShipped("m-1/p-1", "SKU-A", 1).messages()).containsExactly(new StockMessage.ConsumeLine("o-1", "SKU-A", 1));
        assertThat(order.onShipped("m-1/p-1", "SKU-A", 1).messages()).as("the same manifest read again").isEmpty();
        assertThat(order.onShipped("m-1/p-2", "SKU-B", 2).messages()).containsExactly(new StockMessage.ConsumeLine("o-1", "SKU-B", 2));
        assertThat(OrderReservation.restore(order.snapshot()).onShipped("m-1/p-2", "SKU-B", 2).messages())
                .as("remembered across a restore").isEmpty();
    }

    @Test
    void shouldSendNoStopWaitingForAnOrderThatNeverWaited() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.backorderFor(Duration.ofHours(24)),
                new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);
        final OrderReservation.Step reserved = order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", true, 0), T0);
        assertThat(reserved.status()).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.RESERVED));
        assertThat(reserved.messages()).as("reserved at the first attempt: no SKU has it in its queue").isEmpty();
        assertThat(order.onWithdrawn().messages()).containsExactlyInAnyOrder(new ReleaseLine("o-1", "SKU-A", StockMessage.ANY_ATTEMPT),
                new ReleaseLine("o-1", "SKU-B", StockMessage.ANY_ATTEMPT));

        final OrderReservation shortAtOnce = OrderReservation.start("o-2", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        shortAtOnce.onOutcome(new LineOutcome("o-2", 1, "SKU-A", true, 4), T0);
        assertThat(shortAtOnce.onOutcome(new LineOutcome("o-2", 1, "SKU-B", false, 0), T0).messages())
                .as("out of stock at once: the held line goes back, nothing to stop waiting for")
                .containsExactly(new ReleaseLine("o-2", "SKU-A", 1));

        final OrderReservation cancelled = OrderReservation.start("o-3", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        assertThat(cancelled.onCancel().messages()).containsExactlyInAnyOrder(new ReleaseLine("o-3", "SKU-A", StockMessage.ANY_ATTEMPT),
                new ReleaseLine("o-3", "SKU-B", StockMessage.ANY_ATTEMPT));
    }

    @Test
    void shouldStopWaitingAtEverySkuOnceAnOrderHasWaitedEvenAfterARestore() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.backorderFor(Duration.ofHours(24)),
                new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 0), T0);
        final OrderReservation restored = OrderReservation.restore(order.snapshot());
        restored.onRetry();
        restored.onOutcome(new LineOutcome("o-1", 2, "SKU-A", true, 4), T0.plusSeconds(60));

        final OrderReservation.Step reserved = restored.onOutcome(new LineOutcome("o-1", 2, "SKU-B", true, 0), T0.plusSeconds(60));

        assertThat(reserved.messages()).containsExactlyInAnyOrder(new StockMessage.StopWaiting("o-1", "SKU-A"),
                new StockMessage.StopWaiting("o-1", "SKU-B"));
    }

    @Test
    void shouldIgnoreARepeatedOutcomeOfAReservedOrder() {
        final OrderReservation order = reserved();

        assertThat(order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 3), T0).messages()).isEmpty();
    }

    private static OrderReservation reserved() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", true, 0), T0);
        return order;
    }

    @Test
    void shouldReplaceTheLinesOfAnOrderNotYetReservedGivingBackWhatTheOldLinesHeldAndAskingAgain() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);

        final OrderReservation.Step step = order.onReplaced(Map.of("SKU-C", 3)).orElseThrow();

        assertThat(step.messages()).as("the order never waited: no STOP_WAITING").containsExactlyInAnyOrder(
                new ReleaseLine("o-1", "SKU-A", 1), new ReleaseLine("o-1", "SKU-B", 1),
                new ReserveLine("o-1", 2, "SKU-C", 3, "shop-a", null, true));
        assertThat(step.status()).isEmpty();
        assertThat(order.lines()).containsExactly(Map.entry("SKU-C", 3));
        assertThat(order.onOutcome(new LineOutcome("o-1", 1, "SKU-B", true, 0), T0).messages())
                .as("a late answer of the old attempt gives its units back").containsExactly(new ReleaseLine("o-1", "SKU-B", 1));
        assertThat(order.onOutcome(new LineOutcome("o-1", 2, "SKU-C", true, 0), T0).status())
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.RESERVED));
    }

    @Test
    void shouldAskTheOneSkuOfAnOrderToAnnounceItAndSayNothingMoreWhenItDid() {
        final List<StockMessage> out = new ArrayList<>();
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", Map.of("SKU-A", 2), ShopStockPolicy.outOfStockAtOnce(), out);

        assertThat(out).containsExactly(new ReserveLine("o-1", 1, "SKU-A", 2, "shop-a", null, true));
        assertThat(order.awaitsAnnouncement()).isTrue();
        final OrderReservation.Step reserved = order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 3, true), T0);

        assertThat(order.state()).isEqualTo(State.RESERVED);
        assertThat(reserved.status()).hasValueSatisfying(s -> assertThat(s.announcedBySku()).as("said by the SKU's owner").isTrue());
        assertThat(order.awaitsAnnouncement()).isFalse();
        final List<StockMessage> twoSkus = new ArrayList<>();
        OrderReservation.start("o-2", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(), twoSkus);
        assertThat(twoSkus).as("an order of two SKUs is its owner's to announce")
                .allSatisfy(m -> assertThat(((ReserveLine) m).announce()).isFalse());
    }

    @Test
    void shouldKeepACancellationWhileItsSkuMayBeAnnouncingItAndLeaveItToShippingIfItWasReserved() {
        final OrderReservation held = OrderReservation.start("o-1", "shop-a", Map.of("SKU-A", 2), ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        assertThat(held.onCancel()).as("nothing said, nothing released yet").isEqualTo(OrderReservation.Step.nothing());
        assertThat(held.state()).isEqualTo(State.PENDING);
        final OrderReservation.Step reserved = held.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 3, true), T0);
        assertThat(held.state()).as("announced reserved: shipping-scheduler withdraws it").isEqualTo(State.RESERVED);
        assertThat(reserved.messages()).isEmpty();

        final OrderReservation shortOne = OrderReservation.start("o-2", "shop-a", Map.of("SKU-A", 2),
                ShopStockPolicy.backorderFor(Duration.ofHours(24)), new ArrayList<>());
        shortOne.onCancel();
        final OrderReservation.Step cancelled = shortOne.onOutcome(new LineOutcome("o-2", 1, "SKU-A", false, 1), T0);
        assertThat(cancelled.status()).as("not held: cancelled here, never backordered")
                .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.CANCELLED));
        assertThat(shortOne.state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void shouldKeepUpdatesWhileItsSkuMayBeAnnouncingItAndGiveThemBackOnceTheAnswerIsIn() {
        final OrderReservation order = OrderReservation.start("o-1", "shop-a", Map.of("SKU-A", 2), ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        assertThatThrownBy(() -> order.onReplaced(Map.of("SKU-B", 1))).as("replacing now could contradict the announcement")
                .isInstanceOf(IllegalStateException.class);
        order.deferUpdate(T0);
        order.deferUpdate(T0.plusSeconds(1));
        assertThat(order.takeDeferredUpdates()).as("still awaiting").isEmpty();

        order.onOutcome(new LineOutcome("o-1", 1, "SKU-A", false, 1), T0.plusSeconds(2));

        assertThat(order.takeDeferredUpdates()).as("since the first").contains(T0);
        assertThat(order.takeDeferredUpdates()).as("once").isEmpty();
        final OrderReservation restored = OrderReservation.restore(order.snapshot());
        assertThat(restored.snapshot()).isEqualTo(order.snapshot());
    }

    @Test
    void shouldReplaceABackorderedOrderWithoutRestartingItsWaitAndNeverAReservedOrEndedOne() {
        final OrderReservation waiting = OrderReservation.start("o-1", "shop-a", TWO_LINES,
                ShopStockPolicy.backorderFor(Duration.ofHours(24)), new ArrayList<>());
        waiting.onOutcome(new LineOutcome("o-1", 1, "SKU-A", true, 4), T0);
        waiting.onOutcome(new LineOutcome("o-1", 1, "SKU-B", false, 1), T0);
        final Instant endsAt = waiting.waitEndsAt().orElseThrow();

        final OrderReservation.Step step = waiting.onReplaced(Map.of("SKU-B", 1)).orElseThrow();
        final OrderReservation.Step shortAgain = waiting.onOutcome(new LineOutcome("o-1", 2, "SKU-B", false, 0), T0.plusSeconds(60));

        assertThat(step.messages()).as("SKU-B is still needed: asked for again, its wait replaced by the new request")
                .containsExactlyInAnyOrder(new ReleaseLine("o-1", "SKU-A", 1), new StockMessage.StopWaiting("o-1", "SKU-A"),
                        new ReserveLine("o-1", 2, "SKU-B", 1, "shop-a", null, true));
        assertThat(shortAgain.status()).as("still waiting: BACKORDERED was announced").isEmpty();
        assertThat(waiting.waitEndsAt()).contains(endsAt);
        assertThat(reserved().onReplaced(Map.of("SKU-C", 1))).as("reserved: shipping-scheduler's to answer").isEmpty();
        final OrderReservation cancelled = OrderReservation.start("o-2", "shop-a", TWO_LINES, ShopStockPolicy.outOfStockAtOnce(),
                new ArrayList<>());
        cancelled.onCancel();
        assertThat(cancelled.onReplaced(Map.of("SKU-C", 1))).isEmpty();
        assertThat(cancelled.lines()).isEqualTo(TWO_LINES);
    }
}
