package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOrdersTest {

    private static final String SLOT = "colis-express|pool-wh-1";
    private static final long FRIDAY = 1_795_701_600_000L;
    private static final long MONDAY = 1_795_960_800_000L;

    private final HeldOrders held = new HeldOrders();

    @Test
    void shouldFollowAnOrderFromItsBookingToItsManifest() {
        held.move("o-1", null, order(SlotProcessor.SlotOrderState.PENDING, FRIDAY));
        held.move("o-2", null, order(SlotProcessor.SlotOrderState.PENDING, FRIDAY));
        assertThat(held.at(SLOT, FRIDAY)).containsExactly("o-1", "o-2");

        held.move("o-1", order(SlotProcessor.SlotOrderState.PENDING, FRIDAY), order(SlotProcessor.SlotOrderState.PENDING, MONDAY));
        assertThat(held.at(SLOT, FRIDAY)).containsExactly("o-2");
        assertThat(held.at(SLOT, MONDAY)).containsExactly("o-1");

        held.move("o-2", order(SlotProcessor.SlotOrderState.PENDING, FRIDAY), order(SlotProcessor.SlotOrderState.MANIFESTED, FRIDAY));
        assertThat(held.at(SLOT, FRIDAY)).as("a manifested order holds nothing").isEmpty();
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheOrdersWaitingForTheirCarrierApartFromAnyCutOff() {
        held.move("o-1", null, order(SlotProcessor.SlotOrderState.PENDING, FRIDAY));
        held.move("o-1", order(SlotProcessor.SlotOrderState.PENDING, FRIDAY), order(SlotProcessor.SlotOrderState.WAITING, 0L));

        assertThat(held.at(SLOT, 0L)).containsExactly("o-1");
        assertThat(held.at(SLOT, FRIDAY)).isEmpty();
        assertThat(held.at("dhl|pool-wh-1", 0L)).as("another slot's").isEmpty();
    }

    @Test
    void shouldForgetAnEntryAndHoldNothingForAWithdrawnOrder() {
        held.move("o-1", null, order(SlotProcessor.SlotOrderState.PENDING, FRIDAY));
        held.forget("o-1", SLOT, FRIDAY);
        held.move("o-2", null, order(SlotProcessor.SlotOrderState.WITHDRAWN, FRIDAY));

        assertThat(held.at(SLOT, FRIDAY)).isEmpty();
        assertThat(held.size()).isZero();
    }

    private static SlotProcessor.SlotOrder order(final SlotProcessor.SlotOrderState state, final long cutOffAt) {
        return new SlotProcessor.SlotOrder(SLOT, "shop-a", "#1", cutOffAt, List.of("p-1"), state, null, 0L, null, List.of());
    }
}
