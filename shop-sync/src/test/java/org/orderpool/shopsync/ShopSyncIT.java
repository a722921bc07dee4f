package org.orderpool.shopsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.shopsync.webhook.StandardWebhooksReceiver;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/**
 * shop-sync as it runs: Spring application, real broker and registry, exactly-once, webhooks to a
 * Standard Webhooks receiver on loopback that verifies every signature itself, and the shop API over
 * HTTP. The tea house receives webhooks; the book nook only uses the API.
 */
@RealKafka
class ShopSyncIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String HOOK = "/hooks/tea-house";
    /** The tea house's demo secret of the local profile. */
    private static final String TEA_SECRET = "whsec_ZGVtby13ZWJob29rLXNlY3JldC10ZWEtaG91c2U=";
    private static final String TEA = "Bearer demo-token-tea-house";
    private static final String BOOK = "Bearer demo-token-book-nook";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StandardWebhooksReceiver receiver;
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        receiver = StandardWebhooksReceiver.start();
        service = ServiceUnderTest.start(ShopSyncApplication::builder, platform, KafkaTestClient.uniquePrefix("shopsync"), "shop-sync",
                "--server.port=0",
                "--orderpool.shop-sync.shops.tea-house.webhook-url=" + receiver.endpoint(HOOK, TEA_SECRET),
                // the standard schedule's shape in seconds: the test sees retries without waiting hours
                "--orderpool.shop-sync.webhooks.retry-schedule=0s,200ms,500ms,1s,2s,3s,5s,5s",
                "--orderpool.shop-sync.webhooks.jitter=0",
                "--orderpool.shop-sync.webhooks.send-every=100ms",
                "--orderpool.shop-sync.webhooks.details-wait=10s");
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
        receiver.close();
    }

    @Test
    void shouldBringOneOrdersWholeLifeToItsShopOnceEachInOrderThroughAnOutageAndARestart() throws Exception {
        final Order order = Fixtures.order("it-life").shop("tea-house").shopOrderRef("TH-IT-1").line("SKU-TEA-01", 2).build();
        status(order, OrderStatus.ACCEPTED);
        status(order, OrderStatus.CLEARED);
        status(order, OrderStatus.RESERVED);
        await("the first three statuses at the shop").atMost(TIMEOUT).until(() -> accepted("it-life").size() == 3);

        receiver.answer(HOOK, StandardWebhooksReceiver.Reply.status(503));
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        kafka.send(topic(Topics.SHIPPING_PARCELS), parcel.getParcelId(), parcel);
        status(order, OrderStatus.SCHEDULED);
        await("an attempt the shop's endpoint refused").atMost(TIMEOUT).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> "it-life:SCHEDULED".equals(d.webhookId()) && d.answered() == 503));

        service.restartWithEmptyState("state-after-restart");
        receiver.answer(HOOK, StandardWebhooksReceiver.Reply.ok());
        status(order, OrderStatus.MANIFESTED);
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", parcel);
        kafka.send(topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);

        await("the whole life at the shop").atMost(TIMEOUT).until(() -> accepted("it-life").size() >= 5);
        final List<StandardWebhooksReceiver.Delivery> delivered = accepted("it-life");
        assertThat(delivered).extracting(StandardWebhooksReceiver.Delivery::webhookId).containsExactly("it-life:ACCEPTED",
                "it-life:CLEARED", "it-life:RESERVED", "it-life:SCHEDULED", "it-life:MANIFESTED");
        assertThat(delivered).allSatisfy(delivery -> assertThat(delivery.verified()).isTrue());
        final List<JsonNode> events = delivered.stream().map(ShopSyncIT::json).toList();
        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly("order.accepted", "order.cleared",
                "order.reserved", "order.scheduled", "order.shipped");
        final JsonNode shipped = events.get(4).get("data");
        assertThat(shipped.get("shopOrderRef").asText()).isEqualTo("TH-IT-1");
        assertThat(shipped.get("parcels").get(0).get("trackingUrl").asText())
                .isEqualTo("https://track.colis-express.example/" + parcel.getTrackingReference());
        assertThat(shipped.get("parcels").get(0).get("manifestId").asText()).isEqualTo(manifest.getManifestId());
        assertThat(events.get(3).get("data").get("parcels").get(0).get("trackingReference").asText())
                .isEqualTo(parcel.getTrackingReference());
        assertThat(receiver.deliveries()).filteredOn(d -> "it-life:SCHEDULED".equals(d.webhookId()))
                .as("refused while down, then delivered once").anyMatch(d -> d.answered() == 503);
        assertThat(kafka.readRawToEnd(topic(Topics.SHOP_SYNC_DLQ).name())).as("nothing given up").isEmpty();
    }

    @Test
    void shouldShowAShopItsOwnOrdersOnlyAndOnlyWithItsOwnToken() throws Exception {
        final Instant start = Instant.now().minusSeconds(1);
        final Order tea = Fixtures.order("it-api-tea").shop("tea-house").shopOrderRef("TH-IT-API").line("SKU-TEA-01", 1).build();
        final Order book = Fixtures.order("it-api-book").shop("book-nook").shopOrderRef("BN-IT-API").line("SKU-TEA-01", 1).build();
        status(tea, OrderStatus.ACCEPTED);
        status(tea, OrderStatus.CLEARED);
        status(book, OrderStatus.ACCEPTED);

        await("the tea house's order in the API").atMost(TIMEOUT).until(() -> {
            final HttpResponse<String> response = get("/shops/tea-house/orders/TH-IT-API", TEA);
            return response.statusCode() == 200 && JSON.readTree(response.body()).get("status").asText().equals("CLEARED");
        });
        final JsonNode order = JSON.readTree(get("/shops/tea-house/orders/TH-IT-API", TEA).body());
        assertThat(order.get("orderId").asText()).isEqualTo("it-api-tea");
        assertThat(order.get("history")).extracting(entry -> entry.get("status").asText()).containsExactly("ACCEPTED", "CLEARED");

        assertThat(get("/shops/tea-house/orders/TH-IT-API", null).statusCode()).isEqualTo(401);
        assertThat(get("/shops/tea-house/orders/TH-IT-API", "Bearer not-the-token-at-all").statusCode()).isEqualTo(401);
        assertThat(get("/shops/tea-house/orders/TH-IT-API", BOOK).statusCode()).as("another shop's token").isEqualTo(401);
        assertThat(get("/shops/book-nook/orders/TH-IT-API", BOOK).statusCode()).as("another shop's order").isEqualTo(404);
        await("the book nook's order in the API").atMost(TIMEOUT).until(() -> get("/shops/book-nook/orders/BN-IT-API", BOOK)
                .statusCode() == 200);
        assertThat(get("/shops/tea-house/orders/BN-IT-API", TEA).statusCode()).isEqualTo(404);

        final JsonNode teaPage = JSON.readTree(get("/shops/tea-house/orders?updatedSince=" + start, TEA).body());
        assertThat(teaPage.get("orders")).extracting(o -> o.get("orderId").asText()).contains("it-api-tea").doesNotContain("it-api-book");
        final JsonNode bookPage = JSON.readTree(get("/shops/book-nook/orders?updatedSince=" + start, BOOK).body());
        assertThat(bookPage.get("orders")).extracting(o -> o.get("orderId").asText()).containsExactly("it-api-book");
        assertThat(get("/shops/book-nook/orders?updatedSince=" + start, TEA).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldTellTheShopOfAnAnswerToAnUpdateAsANoticeThatLeavesTheOrderWhereItIs() throws Exception {
        final Order order = Fixtures.order("it-upd").shop("tea-house").shopOrderRef("TH-IT-UPD").line("SKU-TEA-01", 1).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        status(order, OrderStatus.ACCEPTED);
        kafka.send(topic(Topics.SHIPPING_PARCELS), parcel.getParcelId(), parcel);
        status(order, OrderStatus.SCHEDULED);
        await("accepted and scheduled at the shop").atMost(TIMEOUT).until(() -> accepted("it-upd").size() == 2);

        // shipping-scheduler applies a new address (the parcel again, same cut-off); order-intake refuses an invalid
        // version, repeating ACCEPTED as it knew the order
        kafka.send(topic(Topics.ORDERS_STATUS), order.getOrderId(), StatusChanges.updateAnswer(order.getOrderId(), order.getShopId(),
                order.getShopOrderRef(), OrderStatus.SCHEDULED, "upd-it-1", UpdateOutcome.APPLIED, List.of("shippingAddress"),
                "shipping.update_applied", "new address written into the parcels", "shipping-scheduler", Instant.now()));
        final Parcel moved = Parcel.newBuilder(parcel).setRecipient(Address.newBuilder(parcel.getRecipient()).setLine1("2 New Street")
                .build()).build();
        kafka.send(topic(Topics.SHIPPING_PARCELS), moved.getParcelId(), moved);
        kafka.send(topic(Topics.ORDERS_STATUS), order.getOrderId(), StatusChanges.updateAnswer(order.getOrderId(), order.getShopId(),
                order.getShopOrderRef(), OrderStatus.ACCEPTED, "upd-it-2", UpdateOutcome.REFUSED, List.of("lines"),
                "intake.update_invalid", "unknown SKU", "order-intake", Instant.now()));

        await("both notices at the shop").atMost(TIMEOUT).until(() -> accepted("it-upd").size() >= 4);
        final List<StandardWebhooksReceiver.Delivery> delivered = accepted("it-upd");
        assertThat(delivered).extracting(StandardWebhooksReceiver.Delivery::webhookId).containsExactly("it-upd:ACCEPTED",
                "it-upd:SCHEDULED", "it-upd:update:upd-it-1:APPLIED", "it-upd:update:upd-it-2:REFUSED");
        assertThat(delivered).allSatisfy(delivery -> assertThat(delivery.verified()).isTrue());
        final JsonNode refused = json(delivered.get(3));
        assertThat(refused.get("type").asText()).isEqualTo("order.update_refused");
        assertThat(refused.get("data").get("currentStatus").asText()).isEqualTo("SCHEDULED");
        assertThat(refused.get("data").get("update").get("updateId").asText()).isEqualTo("upd-it-2");
        assertThat(json(delivered.get(2)).get("type").asText()).isEqualTo("order.update_applied");

        final JsonNode inApi = JSON.readTree(get("/shops/tea-house/orders/TH-IT-UPD", TEA).body());
        assertThat(inApi.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(inApi.get("history")).extracting(entry -> entry.path("update").path("outcome").asText(""))
                .containsExactly("", "", "APPLIED", "REFUSED");
        assertThat(inApi.get("parcels")).singleElement().satisfies(shipped ->
                assertThat(shipped.get("trackingReference").asText()).isEqualTo(parcel.getTrackingReference()));
    }

    private static void status(final Order order, final OrderStatus status) {
        kafka.send(topic(Topics.ORDERS_STATUS), order.getOrderId(), StatusChanges.change(order.getOrderId(), order.getShopId(),
                order.getShopOrderRef(), status, "it." + status.name().toLowerCase(), "set by ShopSyncIT", "test", Instant.now()));
    }

    private static List<StandardWebhooksReceiver.Delivery> accepted(final String orderId) {
        return receiver.accepted(HOOK).stream().filter(d -> d.webhookId().startsWith(orderId + ":")).toList();
    }

    private static HttpResponse<String> get(final String path, final String authorization) throws Exception {
        final String port = service.context().getEnvironment().getProperty("local.server.port");
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final StandardWebhooksReceiver.Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (final Exception e) {
            throw new AssertionError("not JSON: " + delivery.body(), e);
        }
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
