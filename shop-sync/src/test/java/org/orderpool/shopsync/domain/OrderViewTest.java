package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.Problem;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;
import org.orderpool.shopsync.domain.OrderView.UpdateNotice;

class OrderViewTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static StatusEntry change(final String orderId, final OrderStatus status) {
        return new StatusEntry(orderId + ":" + status, status, "test." + status.name().toLowerCase(), "because " + status, "test", T0);
    }

    /** An answer to update {@code updateId}, repeating {@code repeated} as the order's status (the answering service's view). */
    static StatusEntry answer(final String orderId, final String updateId, final OrderStatus repeated, final UpdateOutcome outcome,
                              final String reasonCode, final String... changes) {
        return new StatusEntry(orderId + ":update:" + updateId + ":" + outcome, repeated, reasonCode, "because " + reasonCode, "test",
                T0, new UpdateNotice(updateId, outcome, List.of(changes)));
    }

    static ParcelInfo parcel(final String parcelId, final int count) {
        return new ParcelInfo(parcelId, "colis-express", "CX-HOME", "CE" + parcelId.hashCode(), T0.plusSeconds(3_600), null, false, count);
    }

    private final OrderView view = OrderView.start("o-1", "tea-house", "TH-1", T0);

    @Test
    void shouldMakeTheLatestChangeCurrentAndRememberWhenTheOrderEnded() {
        final OrderView reserved = view.withStatus(change("o-1", OrderStatus.ACCEPTED), T0).withStatus(change("o-1", OrderStatus.RESERVED),
                T0.plusSeconds(1));

        assertThat(reserved.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(reserved.terminalAt()).isNull();
        assertThat(reserved.sequenceOf("o-1:RESERVED")).isEqualTo(2);
        assertThat(reserved.knows("o-1:ACCEPTED")).isTrue();
        assertThat(reserved.updatedAt()).isEqualTo(T0.plusSeconds(1));

        final OrderView cancelled = reserved.withStatus(change("o-1", OrderStatus.CANCELLED), T0.plusSeconds(2));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.terminalAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void shouldKeepATerminalStatusCurrentWhenALateChangeArrivesAfterIt() {
        final OrderView late = view.withStatus(change("o-1", OrderStatus.CANCELLED), T0).withStatus(change("o-1", OrderStatus.SCHEDULED),
                T0.plusSeconds(1));

        assertThat(late.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(late.history()).extracting(StatusEntry::status).containsExactly(OrderStatus.CANCELLED, OrderStatus.SCHEDULED);
        assertThat(late.terminalAt()).isEqualTo(T0);
    }

    @Test
    void shouldKeepAParcelsManifestAndCutOffWhenAParcelRecordArrivesAfterTheManifest() {
        final ParcelInfo onManifest = new ParcelInfo("o-1-1", "colis-express", "CX-HOME", "CE1", T0.plusSeconds(7_200), "m-1", false, 0);
        final OrderView after = view.withParcel(onManifest, T0).withParcel(parcel("o-1-1", 1), T0.plusSeconds(1));

        assertThat(after.parcels()).singleElement().satisfies(parcel -> {
            assertThat(parcel.manifestId()).isEqualTo("m-1");
            assertThat(parcel.cutOffAt()).isEqualTo(T0.plusSeconds(7_200));
            assertThat(parcel.parcelCount()).isEqualTo(1);
            assertThat(parcel.withdrawn()).isFalse();
        });
    }

    @Test
    void shouldLeaveWithdrawnParcelsOutOfTheLiveOnes() {
        final ParcelInfo withdrawn = new ParcelInfo("o-1-2", "colis-express", "CX-HOME", "CE2", T0, null, true, 2);
        final OrderView after = view.withParcel(parcel("o-1-1", 2), T0).withParcel(withdrawn, T0);

        assertThat(after.liveParcels()).extracting(ParcelInfo::parcelId).containsExactly("o-1-1");
    }

    @Test
    void shouldKnowWhenTheDetailsOfEachKindOfEventHaveArrived() {
        assertThat(view.detailsComplete(OrderStatus.REJECTED)).isFalse();
        assertThat(view.withProblems(List.of(new Problem("lines[0].quantity", "must_be_positive", "at least 1")), T0)
                .detailsComplete(OrderStatus.REJECTED)).isTrue();

        final OrderView oneOfTwo = view.withParcel(parcel("o-1-1", 2), T0);
        assertThat(oneOfTwo.detailsComplete(OrderStatus.SCHEDULED)).isFalse();
        final OrderView both = oneOfTwo.withParcel(parcel("o-1-2", 2), T0);
        assertThat(both.detailsComplete(OrderStatus.SCHEDULED)).isTrue();
        assertThat(both.detailsComplete(OrderStatus.MANIFESTED)).as("no manifest yet").isFalse();
        final OrderView shipped = both.withParcel(new ParcelInfo("o-1-1", null, null, null, T0, "m-1", false, 0), T0)
                .withParcel(new ParcelInfo("o-1-2", null, null, null, T0, "m-1", false, 0), T0);
        assertThat(shipped.detailsComplete(OrderStatus.MANIFESTED)).isTrue();
        assertThat(view.detailsComplete(OrderStatus.ACCEPTED)).as("nothing to wait for").isTrue();
    }

    @Test
    void shouldKeepAnAnswerToAnUpdateAsANoticeThatNeverMovesTheOrdersStatus() {
        final OrderView scheduled = view.withStatus(change("o-1", OrderStatus.ACCEPTED), T0)
                .withStatus(change("o-1", OrderStatus.SCHEDULED), T0.plusSeconds(1));

        // order-intake's refusal of an invalid update repeats ACCEPTED, and may arrive after the order is SCHEDULED
        final OrderView refused = scheduled.withStatus(answer("o-1", "upd-1", OrderStatus.ACCEPTED, UpdateOutcome.REFUSED,
                "intake.update_invalid", "lines"), T0.plusSeconds(2));

        assertThat(refused.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(refused.terminalAt()).isNull();
        assertThat(refused.updatedAt()).as("the shop can see the notice").isEqualTo(T0.plusSeconds(2));
        assertThat(refused.sequenceOf("o-1:update:upd-1:REFUSED")).isEqualTo(3);
        assertThat(refused.entry("o-1:update:upd-1:REFUSED")).hasValueSatisfying(entry -> {
            assertThat(entry.answersUpdate()).isTrue();
            assertThat(entry.status()).as("the order's status as shop-sync knows it, not the one repeated")
                    .isEqualTo(OrderStatus.SCHEDULED);
            assertThat(entry.update()).isEqualTo(new UpdateNotice("upd-1", UpdateOutcome.REFUSED, List.of("lines")));
        });
    }

    @Test
    void shouldNeitherEndNorReviveAnOrderWithAnAnswerToAnUpdate() {
        final OrderView reserved = view.withStatus(change("o-1", OrderStatus.RESERVED), T0);
        final OrderView answered = reserved.withStatus(answer("o-1", "upd-2", OrderStatus.CANCELLED, UpdateOutcome.REFUSED,
                "shipping.update_order_cancelled", "shippingAddress"), T0.plusSeconds(1));
        assertThat(answered.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(answered.terminalAt()).as("a repeated terminal status ends nothing").isNull();

        final OrderView noStatusYet = view.withStatus(answer("o-1", "upd-3", OrderStatus.SCHEDULED, UpdateOutcome.APPLIED,
                "shipping.update_applied", "shippingAddress"), T0);
        assertThat(noStatusYet.status()).as("an answer read before any step of the lifecycle sets none").isNull();
        assertThat(noStatusYet.history()).singleElement().extracting(StatusEntry::status).isNull();
        assertThat(noStatusYet.detailsComplete(null)).as("a notice waits for no details").isTrue();
    }
}
