package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.fraud.domain.UpdateAtFraudCheck.Action;
import org.orderpool.fraud.domain.UpdateAtFraudCheck.Held;
import org.orderpool.fraud.domain.UpdateAtFraudCheck.Standing;

class UpdateAtFraudCheckTest {

    private static final List<String> ADDRESS = List.of("shippingAddress");

    @Test
    void shouldRefuseAnUpdateOfABlockedOrderHoldOneInReviewAndLeaveTheRestToStockReservation() {
        assertThat(UpdateAtFraudCheck.actionFor(Standing.BLOCKED, ADDRESS)).isEqualTo(Action.REFUSE);
        assertThat(UpdateAtFraudCheck.actionFor(Standing.IN_REVIEW, ADDRESS)).isEqualTo(Action.HOLD);
        assertThat(UpdateAtFraudCheck.actionFor(Standing.CLEARED, ADDRESS)).isEqualTo(Action.NONE);
    }

    @Test
    void shouldKeepAnUpdateThatCameBeforeTheOrderWasAssessed() {
        assertThat(UpdateAtFraudCheck.actionFor(Standing.NOT_ASSESSED_YET, List.of())).isEqualTo(Action.WAIT);
    }

    @Test
    void shouldAnswerNoUpdateThatChangesNothingFulfilmentSees() {
        for (final Standing standing : List.of(Standing.CLEARED, Standing.IN_REVIEW, Standing.BLOCKED)) {
            assertThat(UpdateAtFraudCheck.actionFor(standing, List.of())).as(standing.name()).isEqualTo(Action.NONE);
        }
    }

    @Test
    void shouldHoldAnUpdateOnceAndAtMostTheLatestOnes() {
        List<Held> held = UpdateAtFraudCheck.hold(null, new Held("upd-1", ADDRESS));
        held = UpdateAtFraudCheck.hold(held, new Held("upd-1", ADDRESS));
        assertThat(held).extracting(Held::updateId).containsExactly("upd-1");

        for (int i = 2; i <= UpdateAtFraudCheck.MAX_HELD + 1; i++) {
            held = UpdateAtFraudCheck.hold(held, new Held("upd-" + i, ADDRESS));
        }

        assertThat(held).hasSize(UpdateAtFraudCheck.MAX_HELD);
        assertThat(held.get(0).updateId()).isEqualTo("upd-2");
        assertThat(held.get(held.size() - 1).updateId()).isEqualTo("upd-" + (UpdateAtFraudCheck.MAX_HELD + 1));
    }

    @Test
    void shouldTellTheShopWhyAndWhatItAskedFor() {
        assertThat(UpdateAtFraudCheck.refusalReason(List.of("shippingAddress", "lines"), true))
                .contains("blocked by fraud-check", "after the review", "shippingAddress, lines");
    }
}
