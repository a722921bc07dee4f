package org.orderpool.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.RiskReason;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.testing.Fixtures;

class PipelineViewTest {

    private static final Instant NOW = Fixtures.T0;
    private final PipelineView view = new PipelineView();

    @Test
    void shouldCountStatusesPerMinuteAndKnowWhereEachOrderStands() {
        final Order first = Fixtures.order("o-1").build();
        final Order second = Fixtures.order("o-2").build();
        view.onStatus(at(first, OrderStatus.ACCEPTED, NOW.minusSeconds(120)));
        view.onStatus(at(first, OrderStatus.CLEARED, NOW.minusSeconds(60)));
        view.onStatus(at(first, OrderStatus.CLEARED, NOW.minusSeconds(60))); // read twice
        view.onStatus(at(second, OrderStatus.ACCEPTED, NOW));

        final Map<String, Object> overview = view.overview(NOW);

        assertThat(overview.get("ordersSeen")).isEqualTo(2);
        assertThat(overview.get("statusChanges")).isEqualTo(3L);
        assertThat(stages(overview)).containsEntry("CLEARED", 1).containsEntry("ACCEPTED", 1);
        @SuppressWarnings("unchecked")
        final Map<String, List<Integer>> series = (Map<String, List<Integer>>) ((Map<String, Object>) overview.get("perMinute")).get("series");
        assertThat(series.get("ACCEPTED")).endsWith(1, 0, 1);
        assertThat(series.get("CLEARED")).endsWith(0, 1, 0);
        assertThat(view.history("o-1")).hasValueSatisfying(h -> assertThat(h).extracting(m -> m.get("status"))
                .containsExactly("ACCEPTED", "CLEARED"));
    }

    @Test
    void shouldNeverTakeAnAnswerToAShopsUpdateForWhereTheOrderStands() {
        final Order order = Fixtures.order("o-1").build();
        view.onStatus(at(order, OrderStatus.ACCEPTED, NOW.minusSeconds(120)));
        view.onStatus(at(order, OrderStatus.SCHEDULED, NOW.minusSeconds(60)));
        // order-intake refuses an invalid later version: its answer repeats the status intake knew, ACCEPTED
        view.onStatus(StatusChanges.updateAnswer("o-1", order.getShopId(), order.getShopOrderRef(), OrderStatus.ACCEPTED, "u-1",
                UpdateOutcome.REFUSED, List.of(), "intake.update_invalid", "lines[0].quantity: must_be_positive", "order-intake", NOW));

        final Map<String, Object> overview = view.overview(NOW);

        assertThat(stages(overview)).containsEntry("SCHEDULED", 1);
        assertThat(stages(overview).getOrDefault("ACCEPTED", 0)).isZero();
        assertThat(overview.get("statusChanges")).isEqualTo(2L);
        assertThat(view.latestStatus("o-1")).hasValueSatisfying(latest -> assertThat(latest.getStatus()).isEqualTo(OrderStatus.SCHEDULED));
        assertThat(view.history("o-1")).hasValueSatisfying(h -> assertThat(h).extracting(m -> m.get("status"))
                .containsExactly("ACCEPTED", "SCHEDULED", "ACCEPTED"));
        assertThat(view.history("o-1")).hasValueSatisfying(h -> assertThat(h.get(2)).containsKey("update"));
    }

    @Test
    void shouldShowOrdersAwaitingPaymentAsTheFirstStageOfTheLifecycle() {
        final Order waiting = Fixtures.order("o-1").build();
        final Order released = Fixtures.order("o-2").build();
        view.onStatus(at(waiting, OrderStatus.AWAITING_PAYMENT, NOW.minusSeconds(60)));
        view.onStatus(at(released, OrderStatus.AWAITING_PAYMENT, NOW.minusSeconds(60)));
        view.onStatus(at(released, OrderStatus.ACCEPTED, NOW));

        final Map<String, Object> overview = view.overview(NOW);

        assertThat(stages(overview).keySet()).startsWith("AWAITING_PAYMENT", "ACCEPTED").doesNotContain("UNKNOWN", "SUBMITTED")
                .endsWith("MANIFESTED", "CANCELLED");
        assertThat(stages(overview)).containsEntry("AWAITING_PAYMENT", 1).containsEntry("ACCEPTED", 1);
        @SuppressWarnings("unchecked")
        final Map<String, List<Integer>> series = (Map<String, List<Integer>>) ((Map<String, Object>) overview.get("perMinute")).get("series");
        assertThat(series.get("AWAITING_PAYMENT")).endsWith(2, 0);
        assertThat(series.keySet()).first().isEqualTo("AWAITING_PAYMENT");
        assertThat(PipelineView.STAGES).as("every status of the contract has its stage")
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(OrderStatus.UNKNOWN, OrderStatus.SUBMITTED)));
    }

    @Test
    void shouldFindAnOrderByItsIdOrByTheShopsOwnReference() {
        view.onStatus(at(Fixtures.order("o-1").shop("tea-house").shopOrderRef("TH-1").build(), OrderStatus.ACCEPTED, NOW));
        view.onStatus(at(Fixtures.order("o-2").shop("bike-corner").shopOrderRef("1001").build(), OrderStatus.ACCEPTED, NOW));
        view.onStatus(at(Fixtures.order("o-3").shop("book-nook").shopOrderRef("1001").build(), OrderStatus.ACCEPTED, NOW));

        assertThat(view.findOrder("o-1")).contains("o-1");
        assertThat(view.findOrder(" TH-1 ")).contains("o-1");
        assertThat(view.findOrder("1001")).as("two shops used that reference").isEmpty();
        assertThat(view.findOrder("book-nook 1001")).contains("o-3");
        assertThat(view.findOrder("nope")).isEmpty();
    }

    @Test
    void shouldForgetTheShopReferencesOfTheOrdersWhoseHistoriesItEvicts() {
        final PipelineView small = new PipelineView(3);
        small.onStatus(at(order("o-a", "bike-corner", "1001"), OrderStatus.ACCEPTED, NOW));
        small.onStatus(at(order("o-b", "book-nook", "1001"), OrderStatus.ACCEPTED, NOW));
        for (int i = 1; i <= 10; i++) {
            final Order order = order("o-" + i, "tea-house", "TH-" + i);
            small.onStatus(at(order, OrderStatus.ACCEPTED, NOW));
            small.onStatus(at(order, OrderStatus.CLEARED, NOW));
        }

        assertThat(small.indexedOrderIds()).as("one indexed id per history kept").isEqualTo(3);
        assertThat(small.findOrder("TH-10")).contains("o-10");
        assertThat(small.findOrder("TH-8")).contains("o-8");
        assertThat(small.findOrder("TH-7")).isEmpty();
        assertThat(small.findOrder("1001")).isEmpty();
    }

    @Test
    void shouldEvictAnOrdersAssessmentAndIndexEntryWithItsHistory() {
        final PipelineView small = new PipelineView(3);
        for (int i = 1; i <= 10; i++) {
            final Order order = order("o-" + i, "tea-house", "TH-" + i);
            small.onAssessment(Fixtures.assessment("o-" + i, 55, FraudDecision.REVIEW));
            small.onStatus(at(order, OrderStatus.ACCEPTED, NOW));
            small.onStatus(at(order, OrderStatus.IN_REVIEW, NOW));
        }
        for (int i = 1; i <= 3; i++) {
            small.onAssessment(Fixtures.assessment("early-" + i, 10, FraudDecision.REVIEW)); // their statuses are still on the way
        }

        assertThat(small.overview(NOW).get("ordersSeen")).isEqualTo(3);
        assertThat(small.assessmentsHeld()).as("assessments of evicted orders go with them; early ones are kept").isEqualTo(6);
        assertThat(small.indexedOrderIds()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> queue = (List<Map<String, Object>>) small.overview(NOW).get("reviewQueue");
        assertThat(queue).extracting(item -> item.get("orderId")).containsExactlyInAnyOrder("o-8", "o-9", "o-10");
        assertThat(queue).allSatisfy(item -> assertThat(item.get("score")).isEqualTo(55));
    }

    @Test
    void shouldBuildTheSamePictureWhenTheSameRecordsAreReadAgain() {
        final PipelineView first = new PipelineView(3);
        final PipelineView restarted = new PipelineView(3);
        for (final PipelineView target : List.of(first, restarted)) {
            for (int i = 1; i <= 6; i++) {
                final Order order = order("o-" + i, "tea-house", "TH-" + i);
                target.onStatus(at(order, OrderStatus.ACCEPTED, NOW));
                target.onAssessment(Fixtures.assessment("o-" + i, 20 + i, FraudDecision.REVIEW));
                target.onStatus(at(order, i % 2 == 0 ? OrderStatus.IN_REVIEW : OrderStatus.CLEARED, NOW.plusSeconds(i)));
            }
            target.onStockLevel(Fixtures.stockLevel("SKU-TEA-01", 10, 2));
        }
        // the first console also read some records twice (a rebalance-free feed still re-reads after a reconnect)
        first.onStatus(at(order("o-6", "tea-house", "TH-6"), OrderStatus.IN_REVIEW, NOW.plusSeconds(6)));

        assertThat(restarted.overview(NOW.plusSeconds(60))).isEqualTo(first.overview(NOW.plusSeconds(60)));
    }

    @Test
    void shouldFindTheRemainingOrderOfASharedReferenceOnceTheOtherIsEvicted() {
        final PipelineView small = new PipelineView(2);
        small.onStatus(at(order("o-a", "bike-corner", "1001"), OrderStatus.ACCEPTED, NOW));
        small.onStatus(at(order("o-b", "book-nook", "1001"), OrderStatus.ACCEPTED, NOW));
        assertThat(small.findOrder("1001")).as("two shops used that reference").isEmpty();

        small.onStatus(at(order("o-c", "tea-house", "TH-1"), OrderStatus.ACCEPTED, NOW));

        assertThat(small.findOrder("1001")).contains("o-b");
        assertThat(small.indexedOrderIds()).isEqualTo(2);
    }

    @Test
    void shouldListOrdersInReviewWithTheirReasonsUntilDecided() {
        final Order order = Fixtures.order("o-1").build();
        view.onAssessment(org.orderpool.contracts.FraudAssessment.newBuilder(Fixtures.assessment("o-1", 55, FraudDecision.REVIEW))
                .setReasons(List.of(new RiskReason("card-across-shops", 30, "3 shops in 1 h", "The card was used in several shops")))
                .build());
        view.onStatus(at(order, OrderStatus.ACCEPTED, NOW));
        view.onStatus(at(order, OrderStatus.IN_REVIEW, NOW));

        assertThat(reviewQueue()).singleElement().satisfies(item -> {
            assertThat(item.get("orderId")).isEqualTo("o-1");
            assertThat(item.get("score")).isEqualTo(55);
            assertThat((List<?>) item.get("reasons")).singleElement().asString().contains("several shops").contains("+30");
        });
        assertThat(view.isInReview("o-1")).isTrue();

        view.onStatus(at(order, OrderStatus.CLEARED, NOW.plusSeconds(5)));
        assertThat(reviewQueue()).isEmpty();
        assertThat(view.isInReview("o-1")).isFalse();
    }

    @Test
    void shouldCountParcelsWaitingForTheNextCutOffUntilTheirManifest() {
        view.onCalendar(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"));
        final Order order = Fixtures.order("o-1").build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        parcel.setCutOffAt(Instant.parse("2026-11-20T14:00:00Z"));
        view.onParcel(parcel);

        assertThat(cutOff()).containsEntry("parcelsForNext", 1L).containsEntry("nextCutOff", "2026-11-20T14:00:00Z")
                .containsEntry("secondsLeft", 13_470L);

        view.onManifest(Fixtures.manifest("colis-express", parcel));
        assertThat(cutOff()).containsEntry("parcelsForNext", 0L);
        assertThat(view.manifest("colis-express-pool-wh-1-20261120T1400Z")).isPresent();

        final Parcel withdrawn = Fixtures.parcel(Fixtures.order("o-2").build(), "colis-express");
        view.onParcel(withdrawn);
        withdrawn.setState(ParcelState.WITHDRAWN);
        view.onParcel(withdrawn);
        assertThat(cutOff().get("parcelsForNext")).isEqualTo(0L);
    }

    private static Order order(final String orderId, final String shopId, final String shopOrderRef) {
        return Fixtures.order(orderId).shop(shopId).shopOrderRef(shopOrderRef).build();
    }

    private static OrderStatusChange at(final Order order, final OrderStatus status, final Instant when) {
        return OrderStatusChange.newBuilder(Fixtures.statusChange(order, status)).setOccurredAt(when).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Integer> stages(final Map<String, Object> overview) {
        return (Map<String, Integer>) overview.get("stages");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reviewQueue() {
        return (List<Map<String, Object>>) view.overview(NOW).get("reviewQueue");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cutOff() {
        return ((List<Map<String, Object>>) view.overview(NOW).get("cutOffs")).get(0);
    }
}
