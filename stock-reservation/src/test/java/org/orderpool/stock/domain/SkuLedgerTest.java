package org.orderpool.stock.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.stock.domain.StockMessage.ConsumeLine;
import org.orderpool.stock.domain.StockMessage.LineOutcome;
import org.orderpool.stock.domain.StockMessage.ReleaseLine;
import org.orderpool.stock.domain.StockMessage.ReserveLine;
import org.orderpool.stock.domain.StockMessage.RetryOrder;
import org.orderpool.stock.domain.StockMessage.WaitFor;

class SkuLedgerTest {

    private final HoldBook holdBook = HoldBook.inMemory();
    private final SkuLedger ledger = new SkuLedger("SKU-1", 2, holdBook);

    @Test
    void shouldHoldUnitsWhileTheyAreAvailable() {
        ledger.applyMovement(5);

        assertThat(reserve("o-1", 3)).isTrue();
        assertThat(reserve("o-2", 3)).as("only 2 left").isFalse();
        assertThat(reserve("o-3", 2)).isTrue();
        assertThat(ledger.onHand()).isEqualTo(5);
        assertThat(ledger.reserved()).isEqualTo(5);
        assertThat(ledger.available()).isZero();
        assertThat(ledger.band()).isEqualTo(SkuLedger.Band.OUT_OF_STOCK);
    }

    @Test
    void shouldGiveTheLastUnitToTheFirstOrderOnly() {
        ledger.applyMovement(1);

        assertThat(reserve("shop-a-order", 1)).isTrue();
        assertThat(reserve("shop-b-order", 1)).isFalse();
        assertThat(ledger.holds()).containsOnlyKeys("shop-a-order");
    }

    @Test
    void shouldAnnounceAnOrderThatAskedForItOnlyWithTheAnswerThatFirstHoldsItsUnitsForThatAttempt() {
        ledger.applyMovement(3);

        assertThat(ledger.handle(new ReserveLine("o-1", 1, "SKU-1", 2, "shop-a", null, true)))
                .containsExactly(new LineOutcome("o-1", 1, "SKU-1", true, 1, true));
        assertThat(ledger.handle(new ReserveLine("o-1", 1, "SKU-1", 2, "shop-a", null, true))).as("redelivered: answered, not announced")
                .containsExactly(new LineOutcome("o-1", 1, "SKU-1", true, 1, false));
        assertThat(ledger.handle(new ReserveLine("o-1", 2, "SKU-1", 2, "shop-a", null, true))).as("a new attempt keeping the hold")
                .containsExactly(new LineOutcome("o-1", 2, "SKU-1", true, 1, true));
        assertThat(ledger.handle(new ReserveLine("o-2", 1, "SKU-1", 2, "shop-a", null, true))).as("not held: nothing to announce")
                .containsExactly(new LineOutcome("o-2", 1, "SKU-1", false, 1, false));
        assertThat(ledger.handle(new ReserveLine("o-3", 1, "SKU-1", 1, "shop-a", null))).as("not asked")
                .containsExactly(new LineOutcome("o-3", 1, "SKU-1", true, 0, false));
    }

    @Test
    void shouldReplaceTheHoldOfAnEarlierAttemptWhenAnUpdatedOrderAsksForAnotherQuantity() {
        ledger.applyMovement(5);
        ledger.handle(new ReserveLine("o-1", 1, "SKU-1", 2, "shop-a", null));

        final List<StockMessage> more = ledger.handle(new ReserveLine("o-1", 2, "SKU-1", 4, "shop-a", null));
        final List<StockMessage> tooMany = ledger.handle(new ReserveLine("o-1", 3, "SKU-1", 6, "shop-a", null));

        assertThat(more).containsExactly(new LineOutcome("o-1", 2, "SKU-1", true, 1));
        assertThat(tooMany).as("the earlier hold gave way: nothing is held for o-1 now")
                .containsExactly(new LineOutcome("o-1", 3, "SKU-1", false, 5));
        assertThat(ledger.reserved()).isZero();
        assertThat(ledger.holds()).isEmpty();
    }

    @Test
    void shouldWaitForTheNewQuantityOfAWaitingOrderTheShopUpdatedAndKeepItsPlace() {
        ledger.applyMovement(1);
        ledger.handle(new WaitFor("o-1", "SKU-1", 2, "shop-a", null));
        ledger.handle(new WaitFor("o-2", "SKU-1", 1, "shop-a", null));

        // o-1's shop raised the quantity: its new attempt is short and it waits again, for 3 now
        assertThat(ledger.handle(new ReserveLine("o-1", 2, "SKU-1", 3, "shop-a", null)))
                .containsExactly(new LineOutcome("o-1", 2, "SKU-1", false, 1));
        ledger.handle(new WaitFor("o-1", "SKU-1", 3, "shop-a", null));
        final List<StockMessage> twoMore = ledger.applyMovement(1).messages();

        assertThat(ledger.waiting()).as("o-1 keeps its place, at its new quantity").containsExactly(
                java.util.Map.entry("o-1", 3), java.util.Map.entry("o-2", 1));
        assertThat(twoMore).as("2 available: not enough for o-1's 3, and o-2 is behind it").isEmpty();
        assertThat(ledger.applyMovement(1).messages()).containsExactly(new RetryOrder("o-1"));
    }

    @Test
    void shouldNotHoldTwiceForARepeatedRequest() {
        ledger.applyMovement(5);
        reserve("o-1", 2);

        assertThat(reserve("o-1", 2)).isTrue();
        assertThat(ledger.reserved()).isEqualTo(2);
    }

    @Test
    void shouldComeBackAsItWasFromASnapshot() {
        ledger.applyMovement(5);
        reserve("o-1", 2);
        ledger.handle(new WaitFor("o-2", "SKU-1", 9, "shop-b", 0.5));

        final SkuLedger restored = SkuLedger.restore(ledger.snapshot(), holdBook);

        assertThat(restored.snapshot()).isEqualTo(ledger.snapshot());
        assertThat(restored.reserved()).isEqualTo(2);
        assertThat(restored.waiting()).containsEntry("o-2", 9);
    }

    @Test
    void shouldNeverLetDamageTakeReservedUnits() {
        ledger.applyMovement(5);
        reserve("o-1", 4);

        final SkuLedger.MovementResult damage = ledger.applyMovement(-3);

        assertThat(ledger.onHand()).isEqualTo(4);
        assertThat(ledger.reserved()).isEqualTo(4);
        assertThat(damage.discrepancy()).as("units ops must resolve").isEqualTo(2);
    }

    @Test
    void shouldReleaseOnlyTheHoldOfTheNamedAttempt() {
        ledger.applyMovement(5);
        ledger.handle(new ReserveLine("o-1", 2, "SKU-1", 2, "shop-a", null));

        ledger.handle(new ReleaseLine("o-1", "SKU-1", 1));
        assertThat(ledger.reserved()).as("a late release of attempt 1 leaves attempt 2's hold").isEqualTo(2);

        ledger.handle(new ReleaseLine("o-1", "SKU-1", StockMessage.ANY_ATTEMPT));
        assertThat(ledger.reserved()).isZero();
    }

    @Test
    void shouldBookOutUnitsThatLeftWithAManifestOnce() {
        ledger.applyMovement(5);
        reserve("o-1", 2);

        ledger.handle(new ConsumeLine("o-1", "SKU-1", 2));
        ledger.handle(new ConsumeLine("o-1", "SKU-1", 2));

        assertThat(ledger.onHand()).isEqualTo(3);
        assertThat(ledger.reserved()).isZero();
    }

    @Test
    void shouldServeWaitingOrdersFirstComeFirstServed() {
        ledger.applyMovement(1);
        ledger.handle(new WaitFor("early", "SKU-1", 3, "shop-a", null));
        ledger.handle(new WaitFor("later", "SKU-1", 1, "shop-b", null));

        assertThat(reserve("newcomer", 1)).as("the queue is ahead of a newcomer").isFalse();
        final List<StockMessage> retries = ledger.applyMovement(2).messages();

        assertThat(retries).containsExactly(new RetryOrder("early"));
        assertThat(reserve("later", 1)).as("the first in line needs all 3 units").isFalse();
        assertThat(ledger.handle(new ReserveLine("early", 2, "SKU-1", 3, "shop-a", null)))
                .containsExactly(new LineOutcome("early", 2, "SKU-1", true, 0));
        assertThat(ledger.waiting()).containsOnlyKeys("later");
    }

    @Test
    void shouldCapOneShopsShareOfAScarceSku() {
        ledger.applyMovement(2);

        assertThat(ledger.handle(new ReserveLine("a-1", 1, "SKU-1", 1, "shop-a", 0.5)).get(0)).extracting("held").isEqualTo(true);
        assertThat(ledger.handle(new ReserveLine("a-2", 1, "SKU-1", 1, "shop-a", 0.5)).get(0)).extracting("held")
                .as("shop-a already holds half of the scarce units").isEqualTo(false);
        assertThat(ledger.handle(new ReserveLine("b-1", 1, "SKU-1", 1, "shop-b", 0.5)).get(0)).extracting("held").isEqualTo(true);
    }

    @Test
    void shouldNotCapAnySharesWhileStockIsPlentiful() {
        ledger.applyMovement(50);

        assertThat(ledger.handle(new ReserveLine("a-1", 1, "SKU-1", 40, "shop-a", 0.5)).get(0)).extracting("held").isEqualTo(true);
    }

    private boolean reserve(final String orderId, final int quantity) {
        return ((LineOutcome) ledger.handle(new ReserveLine(orderId, 1, "SKU-1", quantity, "shop-a", null)).get(0)).held();
    }
}
