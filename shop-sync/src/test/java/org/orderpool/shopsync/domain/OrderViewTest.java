package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.Problem;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

class OrderViewTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static StatusEntry change(final String orderId, final OrderStatus status) {
        return new StatusEntry(orderId + ":" + status, status, "test." + status.name().toLowerCase(), "because " + status, "test", T0);
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
}
