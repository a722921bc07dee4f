package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.shipping.domain.ReservedOrderUpdates.Answer;
import org.orderpool.shipping.domain.ReservedOrderUpdates.Where;

class ReservedOrderUpdatesTest {

    private static final Instant CUT_OFF = Instant.parse("2026-11-20T14:00:00Z");
    private static final List<String> ADDRESS = List.of(OrderChanges.SHIPPING_ADDRESS);

    @Test
    void shouldApplyANewAddressInTheSameCountryWhileTheParcelsWaitForTheirCutOff() {
        final Answer booked = ReservedOrderUpdates.decide(Where.BOOKED, ADDRESS, "FR", "FR", null, CUT_OFF, CUT_OFF.minusSeconds(1));
        final Answer waiting = ReservedOrderUpdates.decide(Where.WAITING, ADDRESS, "FR", "fr", null, null, CUT_OFF);

        assertThat(booked.applied()).isTrue();
        assertThat(booked.reasonCode()).isEqualTo(ReservedOrderUpdates.APPLIED);
        assertThat(booked.reason()).contains("before the cut-off of " + CUT_OFF);
        assertThat(waiting.applied()).as("a paused carrier's parcels have no cut-off yet").isTrue();
    }

    @Test
    void shouldRefuseAnAddressOnceTheParcelsLeftAndSayWhen() {
        final Answer late = ReservedOrderUpdates.decide(Where.MANIFESTED, ADDRESS, null, "FR", "m-1", CUT_OFF, CUT_OFF);

        assertThat(late.applied()).isFalse();
        assertThat(late.reasonCode()).isEqualTo(ReservedOrderUpdates.TOO_LATE);
        assertThat(late.reason()).contains("manifest m-1", "cut-off of " + CUT_OFF, "taken at " + CUT_OFF);
    }

    @Test
    void shouldRefuseLinesOrAShippingMethodAfterReservationAndTheAddressThatCameWithThem() {
        final Answer lines = ReservedOrderUpdates.decide(Where.BOOKED, List.of(OrderChanges.SHIPPING_ADDRESS, OrderChanges.LINES), "FR",
                "FR", null, CUT_OFF, CUT_OFF.minusSeconds(60));
        final Answer method = ReservedOrderUpdates.decide(Where.BOOKED, List.of(OrderChanges.SHIPPING_METHOD), "FR", "FR", null,
                CUT_OFF, CUT_OFF.minusSeconds(60));

        assertThat(lines.applied()).isFalse();
        assertThat(lines.reasonCode()).isEqualTo(ReservedOrderUpdates.NOT_ADDRESS);
        assertThat(lines.reason()).contains("lines cannot", "the new address is not applied either");
        assertThat(method.applied()).isFalse();
        assertThat(method.reason()).contains("shippingMethod cannot").doesNotContain("new address");
    }

    @Test
    void shouldRefuseAnotherCountryAndAnyUpdateOfACancelledOrder() {
        final Answer abroad = ReservedOrderUpdates.decide(Where.BOOKED, ADDRESS, "FR", "BE", null, CUT_OFF, CUT_OFF.minusSeconds(60));
        final Answer cancelled = ReservedOrderUpdates.decide(Where.WITHDRAWN, ADDRESS, null, "FR", null, CUT_OFF, CUT_OFF);

        assertThat(abroad.applied()).isFalse();
        assertThat(abroad.reasonCode()).isEqualTo(ReservedOrderUpdates.COUNTRY_CHANGED);
        assertThat(abroad.reason()).contains("BE", "FR");
        assertThat(cancelled.applied()).isFalse();
        assertThat(cancelled.reasonCode()).isEqualTo(ReservedOrderUpdates.ORDER_CANCELLED);
    }
}
