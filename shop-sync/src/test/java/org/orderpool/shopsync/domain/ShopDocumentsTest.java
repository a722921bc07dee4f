package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderpool.shopsync.domain.OrderViewTest.T0;
import static org.orderpool.shopsync.domain.OrderViewTest.answer;
import static org.orderpool.shopsync.domain.OrderViewTest.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.Problem;

class ShopDocumentsTest {

    private final ShopDocuments documents = new ShopDocuments(new TrackingUrls(Map.of("colis-express",
            "https://track.colis-express.example/{trackingReference}"), "tracking-urls"));

    private static JsonNode json(final Object document) throws Exception {
        return new ObjectMapper().readTree(ShopJson.write(document));
    }

    private static OrderView shipped() {
        return OrderView.start("o-1", "tea-house", "TH-1", T0)
                .withStatus(change("o-1", OrderStatus.SCHEDULED), T0)
                .withParcel(new ParcelInfo("o-1-1", "colis-express", "CX-HOME", "CE123", T0.plusSeconds(3_600), "m-1", false, 1), T0)
                .withParcel(new ParcelInfo("o-1-2", "colis-express", "CX-HOME", "CE124", T0, null, true, 2), T0)
                .withStatus(change("o-1", OrderStatus.MANIFESTED), T0);
    }

    @Test
    void shouldAnnounceAManifestedOrderAsShippedWithItsParcelsTrackingUrlsAndManifest() throws Exception {
        final JsonNode event = json(documents.event(shipped(), "o-1:MANIFESTED"));

        assertThat(event.get("type").asText()).isEqualTo("order.shipped");
        assertThat(event.get("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
        final JsonNode data = event.get("data");
        assertThat(data.get("orderId").asText()).isEqualTo("o-1");
        assertThat(data.get("shopOrderRef").asText()).isEqualTo("TH-1");
        assertThat(data.get("status").asText()).isEqualTo("MANIFESTED");
        assertThat(data.get("reasonCode").asText()).isEqualTo("test.manifested");
        assertThat(data.get("occurredAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(data.get("parcels")).hasSize(1).first().satisfies(parcel -> {
            assertThat(parcel.get("parcelId").asText()).isEqualTo("o-1-1");
            assertThat(parcel.get("carrier").asText()).isEqualTo("colis-express");
            assertThat(parcel.get("service").asText()).isEqualTo("CX-HOME");
            assertThat(parcel.get("trackingReference").asText()).isEqualTo("CE123");
            assertThat(parcel.get("trackingUrl").asText()).isEqualTo("https://track.colis-express.example/CE123");
            assertThat(parcel.get("cutOffAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
            assertThat(parcel.get("manifestId").asText()).isEqualTo("m-1");
        });
        assertThat(data.has("errors")).as("only rejections carry errors").isFalse();
    }

    @Test
    void shouldSayInAnOlderEventWhatTheOrdersCurrentStatusIsAndWhereTheEventStandsInItsHistory() throws Exception {
        final JsonNode data = json(documents.event(shipped(), "o-1:SCHEDULED")).get("data");

        assertThat(data.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(data.get("currentStatus").asText()).isEqualTo("MANIFESTED");
        assertThat(data.get("sequence").asInt()).isEqualTo(1);
    }

    @Test
    void shouldGiveARejectionItsFieldLevelReasons() throws Exception {
        final OrderView rejected = OrderView.start("o-2", "tea-house", "TH-2", T0).withStatus(change("o-2", OrderStatus.REJECTED), T0)
                .withProblems(List.of(new Problem("lines[0].quantity", "must_be_positive", "quantity must be at least 1")), T0);

        final JsonNode event = json(documents.event(rejected, "o-2:REJECTED"));

        assertThat(event.get("type").asText()).isEqualTo("order.rejected");
        assertThat(event.get("data").get("errors")).hasSize(1).first().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("lines[0].quantity");
            assertThat(error.get("code").asText()).isEqualTo("must_be_positive");
            assertThat(error.get("message").asText()).isEqualTo("quantity must be at least 1");
        });
    }

    @Test
    void shouldNameEveryOtherStatusOrderDotItsNameInLowerCase() {
        assertThat(StatusRules.webhookType(OrderStatus.OUT_OF_STOCK)).isEqualTo("order.out_of_stock");
        assertThat(StatusRules.webhookType(OrderStatus.IN_REVIEW)).isEqualTo("order.in_review");
        assertThat(StatusRules.webhookType(OrderStatus.CANCELLED)).isEqualTo("order.cancelled");
    }

    @Test
    void shouldDescribeTheOrderForTheApiWithHistoryAndLiveParcels() throws Exception {
        final JsonNode order = json(documents.order(shipped()));

        assertThat(order.get("orderId").asText()).isEqualTo("o-1");
        assertThat(order.get("status").asText()).isEqualTo("MANIFESTED");
        assertThat(order.get("history")).extracting(entry -> entry.get("status").asText()).containsExactly("SCHEDULED", "MANIFESTED");
        assertThat(order.get("parcels")).extracting(parcel -> parcel.get("parcelId").asText()).containsExactly("o-1-1");
        assertThat(order.has("outbox")).as("delivery bookkeeping is not the shop's business").isFalse();
    }

    @Test
    void shouldAnnounceAnAnswerToAnUpdateAsANoticeWithTheOrdersOwnCurrentStatus() throws Exception {
        final OrderView scheduled = OrderView.start("o-1", "tea-house", "TH-1", T0)
                .withStatus(change("o-1", OrderStatus.SCHEDULED), T0)
                .withParcel(new ParcelInfo("o-1-1", "colis-express", "CX-HOME", "CE123", T0.plusSeconds(3_600), null, false, 1), T0);
        final OrderView answered = scheduled
                .withStatus(answer("o-1", "upd-1", OrderStatus.SCHEDULED, UpdateOutcome.APPLIED, "shipping.update_applied",
                        "shippingAddress"), T0)
                .withStatus(answer("o-1", "upd-2", OrderStatus.ACCEPTED, UpdateOutcome.REFUSED, "intake.update_invalid", "lines"), T0);

        final JsonNode applied = json(documents.event(answered, "o-1:update:upd-1:APPLIED"));
        assertThat(applied.get("type").asText()).isEqualTo("order.update_applied");
        assertThat(applied.get("data").get("update").get("updateId").asText()).isEqualTo("upd-1");
        assertThat(applied.get("data").get("update").get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(applied.get("data").get("update").get("changes")).extracting(JsonNode::asText).containsExactly("shippingAddress");
        assertThat(applied.get("data").get("parcels")).as("the parcels as they now go").hasSize(1);

        final JsonNode refused = json(documents.event(answered, "o-1:update:upd-2:REFUSED"));
        assertThat(refused.get("type").asText()).isEqualTo("order.update_refused");
        final JsonNode data = refused.get("data");
        assertThat(data.get("status").asText()).as("not order-intake's repeated ACCEPTED").isEqualTo("SCHEDULED");
        assertThat(data.get("currentStatus").asText()).isEqualTo("SCHEDULED");
        assertThat(data.get("sequence").asInt()).isEqualTo(3);
        assertThat(data.get("reasonCode").asText()).isEqualTo("intake.update_invalid");
        assertThat(data.get("reason").asText()).isEqualTo("because intake.update_invalid");
        assertThat(data.get("update").get("changes")).extracting(JsonNode::asText).containsExactly("lines");

        assertThat(json(documents.event(answered, "o-1:SCHEDULED")).get("data").has("update")).as("only notices carry it").isFalse();
    }

    @Test
    void shouldListAnAnswerToAnUpdateInTheApisHistoryAsANoticeAndNeverAsTheOrdersStatus() throws Exception {
        final OrderView answered = OrderView.start("o-1", "tea-house", "TH-1", T0)
                .withStatus(change("o-1", OrderStatus.SCHEDULED), T0)
                .withStatus(answer("o-1", "upd-2", OrderStatus.ACCEPTED, UpdateOutcome.REFUSED, "intake.update_invalid", "lines"), T0);

        final JsonNode order = json(documents.order(answered));

        assertThat(order.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(order.get("history")).hasSize(2);
        assertThat(order.get("history").get(0).has("update")).as("a lifecycle step").isFalse();
        final JsonNode notice = order.get("history").get(1);
        assertThat(notice.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(notice.get("reasonCode").asText()).isEqualTo("intake.update_invalid");
        assertThat(notice.get("update").get("updateId").asText()).isEqualTo("upd-2");
        assertThat(notice.get("update").get("outcome").asText()).isEqualTo("REFUSED");
    }
}
