package org.orderpool.shopsync.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.orderpool.shopsync.domain.DisabledEndpoint;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.OrderView.PendingWebhook;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.domain.WebhookSecret;
import org.orderpool.shopsync.webhook.WebhookRequest;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/**
 * The order owner against the wall clock: statuses in, outbox entries in the store, webhooks handed to
 * a fake sender at each punctuation, outcomes booked at the next, and nothing else sent or dead-lettered.
 */
class ShopSyncTopologyTest {

    private static final Instant T0 = Fixtures.T0;
    private static final String SHOP = "tea-house";
    private static final URI ENDPOINT = URI.create("https://tea-house.example/webhooks");
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret");
    private static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private static final ShopSyncSettings SETTINGS = new ShopSyncSettings(new RetrySchedule(STANDARD, 0.2), Duration.ofSeconds(30),
            Duration.ofDays(3), Duration.ofSeconds(1), 100, Duration.ofMinutes(1), new Retention(Duration.ofDays(30), Duration.ofDays(90)),
            Duration.ofMinutes(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final FakeSender sender = new FakeSender();
    private final Map<String, WebhookEndpoint> endpoints = new HashMap<>(Map.of(SHOP, new WebhookEndpoint(SHOP, ENDPOINT, SECRET, null)));
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderStatusChange> statuses;
    private TestInputTopic<String, OrderRejection> rejections;
    private TestInputTopic<String, Parcel> parcels;
    private TestInputTopic<String, ShipmentManifest> manifests;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant clock = T0;

    @BeforeEach
    void startDriver() {
        startDriver(SETTINGS);
    }

    private void startDriver(final ShopSyncSettings settings) {
        final ShopDocuments documents = new ShopDocuments(new TrackingUrls(Map.of("colis-express",
                "https://track.colis-express.example/{trackingReference}"), "tracking-urls"));
        driver = TopologyTests.driver(new ShopSyncTopology(topics, settings, documents, shop -> Optional.ofNullable(endpoints.get(shop)),
                sender, () -> 0.5).build(), "shop-sync-test", DeadLetterSettings.forTopic(Topics.SHOP_SYNC_DLQ.name()), T0);
        statuses = TopologyTests.input(driver, topics, Topics.ORDERS_STATUS);
        rejections = TopologyTests.input(driver, topics, Topics.ORDERS_REJECTED);
        parcels = TopologyTests.input(driver, topics, Topics.SHIPPING_PARCELS);
        manifests = TopologyTests.input(driver, topics, Topics.SHIPPING_MANIFESTS);
        deadLetters = driver.createOutputTopic(Topics.SHOP_SYNC_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldKeepAWebhookInTheOutboxUntilThePunctuationHandsItToTheSender() {
        status("o-1", OrderStatus.ACCEPTED);

        assertThat(view("o-1").outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:ACCEPTED");
        assertThat(view("o-1").status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(sender.requests).as("nothing leaves from process()").isEmpty();

        advance(Duration.ofSeconds(1));

        assertThat(sender.requests).singleElement().satisfies(request -> {
            assertThat(request.url()).isEqualTo(ENDPOINT);
            assertThat(request.webhookId()).isEqualTo("o-1:ACCEPTED");
            assertThat(request.timestampSeconds()).isEqualTo(clock.getEpochSecond());
            assertThat(request.signature()).isEqualTo(SECRET.sign(request.webhookId(), request.timestampSeconds(), request.body()));
            assertThat(json(request).get("type").asText()).isEqualTo("order.accepted");
        });
        assertThat(view("o-1").outbox()).as("booked in the same round: the fake answered at once").isEmpty();
        assertThat(keys(ShopSyncTopology.SCHEDULE_STORE)).noneMatch(key -> key.startsWith("due|"));

        advance(Duration.ofMinutes(10));
        assertThat(sender.requests).as("nothing sent twice").hasSize(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeliverAnOrdersWebhooksOneAtATimeInTheOrderOfItsHistory() {
        sender.hold = true;
        status("o-1", OrderStatus.ACCEPTED);
        status("o-1", OrderStatus.CLEARED);
        status("o-1", OrderStatus.RESERVED);

        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).as("the next waits while the first is in flight").containsExactly("o-1:ACCEPTED");

        sender.release(new DeliveryOutcome.Delivered(204));
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).containsExactly("o-1:ACCEPTED", "o-1:CLEARED");

        sender.hold = false;
        sender.release(new DeliveryOutcome.Delivered(200));
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).containsExactly("o-1:ACCEPTED", "o-1:CLEARED", "o-1:RESERVED");
        assertThat(view("o-1").outbox()).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeliverDifferentOrdersSideBySide() {
        sender.hold = true;
        status("o-1", OrderStatus.ACCEPTED);
        status("o-2", OrderStatus.ACCEPTED);

        advance(Duration.ofSeconds(1));

        assertThat(sender.webhookIds()).containsExactlyInAnyOrder("o-1:ACCEPTED", "o-2:ACCEPTED");
    }

    @Test
    void shouldRetryAFailedWebhookOnTheScheduleWithTheSameIdAndAFreshTimestampAndSignature() {
        sender.outcomes.add(new DeliveryOutcome.Failed("HTTP 500", null));
        status("o-1", OrderStatus.ACCEPTED);
        status("o-1", OrderStatus.CLEARED);

        advance(Duration.ofSeconds(1));
        assertThat(view("o-1").head()).get().satisfies(head -> {
            assertThat(head.attempts()).isEqualTo(1);
            assertThat(head.lastError()).isEqualTo("HTTP 500");
            assertThat(head.notBefore()).isEqualTo(clock.plusSeconds(5));
        });
        advance(Duration.ofSeconds(4));
        assertThat(sender.webhookIds()).as("not before the 5 s pause").containsExactly("o-1:ACCEPTED");

        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).containsExactly("o-1:ACCEPTED", "o-1:ACCEPTED");
        final WebhookRequest first = sender.requests.get(0);
        final WebhookRequest second = sender.requests.get(1);
        assertThat(second.timestampSeconds()).isEqualTo(first.timestampSeconds() + 5);
        assertThat(second.signature()).isNotEqualTo(first.signature());

        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).containsExactly("o-1:ACCEPTED", "o-1:ACCEPTED", "o-1:CLEARED");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldHonourRetryAfter() {
        sender.outcomes.add(new DeliveryOutcome.Failed("HTTP 429", Duration.ofSeconds(120)));
        status("o-1", OrderStatus.ACCEPTED);

        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(60));
        assertThat(sender.requests).hasSize(1);

        advance(Duration.ofSeconds(60));
        assertThat(sender.requests).hasSize(2);
    }

    @Test
    void shouldDeadLetterAWebhookThatFailedEveryAttemptWithTheEventAndTheErrorAndGoOnWithTheNext() throws Exception {
        sender.otherwise = new DeliveryOutcome.Failed("HTTP 503", null);
        status("o-1", OrderStatus.ACCEPTED);
        status("o-1", OrderStatus.CLEARED);

        for (final Duration pause : STANDARD) {
            advance(pause.plusSeconds(1));
        }

        assertThat(sender.webhookIds()).filteredOn("o-1:ACCEPTED"::equals).hasSize(8);
        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("o-1");
        final JsonNode event = JSON.readTree(dead.value());
        assertThat(event.get("type").asText()).isEqualTo("order.accepted");
        assertThat(event.get("data").get("orderId").asText()).isEqualTo("o-1");
        assertThat(header(dead, DeadLetters.WEBHOOK_ID)).isEqualTo("o-1:ACCEPTED");
        assertThat(header(dead, DeadLetters.SHOP_ID)).isEqualTo(SHOP);
        assertThat(header(dead, DeadLetters.URL)).isEqualTo(ENDPOINT.toString());
        assertThat(header(dead, DeadLetters.ATTEMPTS)).isEqualTo("8");
        assertThat(header(dead, DeadLetters.EXCEPTION)).isEqualTo("WebhookUndeliverable");
        assertThat(header(dead, DeadLetters.MESSAGE)).startsWith("gave up after 8 attempts").endsWith("last: HTTP 503");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(view("o-1").outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:CLEARED");
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).last().isEqualTo("o-1:CLEARED");
    }

    @Test
    void shouldDisableAnEndpointThatAnsweredGoneUntilOpsReEnableItAndThenDeliverWhatWaited() {
        status("o-1", OrderStatus.ACCEPTED);
        status("o-2", OrderStatus.ACCEPTED);
        sender.hold = true;
        advance(Duration.ofSeconds(1));
        sender.hold = false;
        sender.release(new DeliveryOutcome.Gone());
        advance(Duration.ofSeconds(1));

        final KeyValueStore<String, DisabledEndpoint> disabled = driver.getKeyValueStore(ShopSyncTopology.ENDPOINT_STORE);
        assertThat(disabled.get(SHOP).url()).isEqualTo(ENDPOINT.toString());
        status("o-1", OrderStatus.CLEARED);
        advance(Duration.ofHours(2));
        assertThat(sender.requests).as("nothing more to a gone endpoint").hasSize(2);
        assertThat(view("o-1").outbox()).extracting(PendingWebhook::webhookId).containsExactly("o-1:ACCEPTED", "o-1:CLEARED");
        assertThat(deadLetters.isEmpty()).as("kept for when it is back").isTrue();

        // ops set webhook-enabled-since (a restart with the new configuration)
        endpoints.put(SHOP, new WebhookEndpoint(SHOP, ENDPOINT, SECRET, clock));
        advance(Duration.ofMinutes(1));
        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds().subList(2, sender.requests.size()))
                .containsExactlyInAnyOrder("o-1:ACCEPTED", "o-2:ACCEPTED", "o-1:CLEARED");
        assertThat(view("o-1").outbox()).isEmpty();
    }

    @Test
    void shouldWaitForTheFieldLevelReasonsBeforeAnnouncingARejection() {
        status("o-r", OrderStatus.REJECTED);
        advance(Duration.ofSeconds(1));
        assertThat(sender.requests).isEmpty();

        rejections.pipeInput("o-r", OrderRejection.newBuilder(Fixtures.rejection("o-r")).setShopId(SHOP).setShopOrderRef("TH-o-r")
                .setErrors(List.of(new FieldError("customer.email", "invalid_email", "not an e-mail address"))).build(), clock);
        advance(Duration.ofSeconds(1));

        assertThat(sender.requests).singleElement().satisfies(request -> {
            final JsonNode event = json(request);
            assertThat(event.get("type").asText()).isEqualTo("order.rejected");
            assertThat(event.get("data").get("errors").get(0).get("field").asText()).isEqualTo("customer.email");
        });
    }

    @Test
    void shouldSendARejectionWithoutReasonsOnceItHasWaitedLongEnoughForThem() {
        status("o-r", OrderStatus.REJECTED);

        advance(Duration.ofSeconds(31));

        assertThat(sender.requests).singleElement().satisfies(request -> assertThat(json(request).get("data").get("errors")).isEmpty());
    }

    @Test
    void shouldAnnounceAScheduledOrderWithItsParcelAndAManifestedOneAsShippedWithItsManifest() {
        final Order order = Fixtures.order("o-s").shop(SHOP).shopOrderRef("TH-o-s").line("SKU-TEA-01", 2).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        status("o-s", OrderStatus.SCHEDULED);
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        advance(Duration.ofSeconds(1));
        status("o-s", OrderStatus.MANIFESTED);
        advance(Duration.ofSeconds(1));
        assertThat(sender.webhookIds()).as("shipped waits for its manifest").containsExactly("o-s:SCHEDULED");

        final ShipmentManifest manifest = Fixtures.manifest("colis-express", parcel);
        manifests.pipeInput(manifest.getManifestId(), manifest, clock);
        advance(Duration.ofSeconds(1));

        assertThat(sender.requests).hasSize(2);
        final JsonNode scheduled = json(sender.requests.get(0));
        assertThat(scheduled.get("type").asText()).isEqualTo("order.scheduled");
        assertThat(scheduled.get("data").get("parcels").get(0).get("trackingUrl").asText())
                .isEqualTo("https://track.colis-express.example/" + parcel.getTrackingReference());
        assertThat(scheduled.get("data").get("parcels").get(0).get("manifestId").isNull()).isTrue();
        final JsonNode shipped = json(sender.requests.get(1));
        assertThat(shipped.get("type").asText()).isEqualTo("order.shipped");
        assertThat(shipped.get("data").get("currentStatus").asText()).isEqualTo("MANIFESTED");
        assertThat(shipped.get("data").get("parcels").get(0).get("manifestId").asText()).isEqualTo(manifest.getManifestId());
        assertThat(shipped.get("data").get("parcels").get(0).get("trackingReference").asText()).isEqualTo(parcel.getTrackingReference());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldAnnounceAStatusChangeOnceHoweverOftenItArrives() {
        status("o-1", OrderStatus.ACCEPTED);
        status("o-1", OrderStatus.ACCEPTED);

        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));

        assertThat(sender.webhookIds()).containsExactly("o-1:ACCEPTED");
        assertThat(view("o-1").history()).hasSize(1);
    }

    @Test
    void shouldKeepTheViewButSendNothingForAShopWithoutWebhookEndpoint() {
        statuses.pipeInput("o-b", StatusChanges.change("o-b", "book-nook", "BN-1", OrderStatus.ACCEPTED, "intake.accepted", "ok", "test",
                clock), clock);

        advance(Duration.ofSeconds(1));

        assertThat(sender.requests).isEmpty();
        assertThat(view("o-b").status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(view("o-b").outbox()).isEmpty();
        assertThat(lookup(StoreKeys.ref("book-nook", "BN-1"))).isEqualTo("o-b");
    }

    @Test
    void shouldIgnoreARecordThatNamesAnotherShopThanTheOrders() {
        status("o-1", OrderStatus.ACCEPTED);
        statuses.pipeInput("o-1", StatusChanges.change("o-1", "book-nook", "BN-1", OrderStatus.CANCELLED, "x", "x", "test", clock), clock);

        assertThat(view("o-1").status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(view("o-1").shopId()).isEqualTo(SHOP);
    }

    @Test
    void shouldHandAtMostMaxPerTickWebhooksToTheSenderInOneRound() {
        driver.close();
        startDriver(new ShopSyncSettings(SETTINGS.retrySchedule(), SETTINGS.detailsWait(), SETTINGS.maxEventAge(), SETTINGS.sendEvery(), 2,
                SETTINGS.disabledRecheck(), SETTINGS.retention(), SETTINGS.forgetEvery()));
        status("o-1", OrderStatus.ACCEPTED);
        status("o-2", OrderStatus.ACCEPTED);
        status("o-3", OrderStatus.ACCEPTED);

        advance(Duration.ofSeconds(1));
        assertThat(sender.requests).hasSize(2);

        advance(Duration.ofSeconds(1));
        assertThat(sender.requests).hasSize(3);
    }

    @Test
    void shouldLeaveWebhooksInTheOutboxWhileEveryDeliverySlotIsBusy() {
        sender.hold = true;
        sender.slots = 1;
        status("o-1", OrderStatus.ACCEPTED);
        status("o-2", OrderStatus.ACCEPTED);

        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(sender.requests).hasSize(1);

        sender.release(new DeliveryOutcome.Delivered(200));
        advance(Duration.ofSeconds(1));
        assertThat(sender.requests).hasSize(2);
    }

    @Test
    void shouldForgetAnOrderItsRetentionAfterItsTerminalStatusWithEveryIndexEntry() {
        status("o-1", OrderStatus.ACCEPTED);
        status("o-1", OrderStatus.CANCELLED);
        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(view("o-1").outbox()).isEmpty();

        advance(Duration.ofDays(29));
        assertThat(view("o-1")).isNotNull();

        advance(Duration.ofDays(1).plusMinutes(2));
        assertThat(view("o-1")).isNull();
        assertThat(keys(ShopSyncTopology.LOOKUP_STORE)).isEmpty();
        assertThat(keys(ShopSyncTopology.SCHEDULE_STORE)).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterWhatAForgottenOrderStillHadToDeliver() {
        sender.outcomes.add(new DeliveryOutcome.Gone());
        status("o-1", OrderStatus.CANCELLED);
        advance(Duration.ofSeconds(1));

        advance(Duration.ofDays(30).plusMinutes(2));

        assertThat(view("o-1")).isNull();
        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetters.WEBHOOK_ID)).isEqualTo("o-1:CANCELLED");
        assertThat(header(dead, DeadLetters.MESSAGE)).contains("forgotten").contains("410");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldIndexEachOrderByShopReferenceAndByUpdateTimeForTheApi() {
        status("o-1", OrderStatus.ACCEPTED);
        final Instant accepted = clock;
        advance(Duration.ofSeconds(5));
        status("o-1", OrderStatus.CLEARED);

        assertThat(lookup(StoreKeys.ref(SHOP, "TH-o-1"))).isEqualTo("o-1");
        assertThat(lookup(StoreKeys.updated(SHOP, accepted, "o-1"))).as("moved to the new update time").isNull();
        assertThat(lookup(StoreKeys.updated(SHOP, clock, "o-1"))).isEqualTo("CLEARED");
    }

    @Test
    void shouldDeadLetterAnUndecodableRecordWithItsOriginalBytesAndGoOn() {
        final TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topics.ORDERS_STATUS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        raw.pipeInput("o-x".getBytes(StandardCharsets.UTF_8), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), clock);
        status("o-1", OrderStatus.ACCEPTED);

        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(view("o-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void shouldTellTheShopAnUnpaidOrderAwaitsPaymentThenThatItWasAcceptedOnceItsPaid() {
        status("o-unpaid", OrderStatus.AWAITING_PAYMENT);
        advance(Duration.ofSeconds(1));
        status("o-unpaid", OrderStatus.ACCEPTED);
        advance(Duration.ofSeconds(1));

        assertThat(sender.requests).extracting(request -> json(request).get("type").asText())
                .containsExactly("order.awaiting_payment", "order.accepted");
        assertThat(json(sender.requests.get(0)).get("data").get("currentStatus").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(json(sender.requests.get(1)).get("data").get("sequence").asInt()).isEqualTo(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldAnnounceAnAnswerToAnUpdateAsANoticeAndNeverRollTheOrdersStatusBack() {
        final Order order = Fixtures.order("o-u").shop(SHOP).shopOrderRef("TH-o-u").line("SKU-TEA-01", 2).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        status("o-u", OrderStatus.ACCEPTED);
        advance(Duration.ofSeconds(1));
        status("o-u", OrderStatus.SCHEDULED);
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        advance(Duration.ofSeconds(1));

        // order-intake refuses an invalid version: its answer repeats ACCEPTED and arrives after the order is SCHEDULED
        answer("o-u", "upd-1", OrderStatus.ACCEPTED, UpdateOutcome.REFUSED, "intake.update_invalid", "lines");
        answer("o-u", "upd-1", OrderStatus.ACCEPTED, UpdateOutcome.REFUSED, "intake.update_invalid", "lines"); // read twice
        final Instant answered = clock;
        for (int round = 0; round < 4; round++) {
            advance(Duration.ofSeconds(1)); // one webhook of an order per round
        }

        assertThat(view("o-u").status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(lookup(StoreKeys.updated(SHOP, answered, "o-u"))).as("the API's status filter").isEqualTo("SCHEDULED");
        assertThat(sender.requests).extracting(request -> json(request).get("type").asText())
                .containsExactly("order.accepted", "order.scheduled", "order.update_refused");
        final JsonNode notice = json(sender.requests.get(2));
        assertThat(notice.get("timestamp").asText()).isNotEmpty();
        assertThat(sender.requests.get(2).webhookId()).isEqualTo("o-u:update:upd-1:REFUSED");
        final JsonNode data = notice.get("data");
        assertThat(data.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(data.get("currentStatus").asText()).isEqualTo("SCHEDULED");
        assertThat(data.get("sequence").asInt()).isEqualTo(3);
        assertThat(data.get("reasonCode").asText()).isEqualTo("intake.update_invalid");
        assertThat(data.get("update").get("updateId").asText()).isEqualTo("upd-1");
        assertThat(data.get("update").get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(data.get("update").get("changes")).extracting(JsonNode::asText).containsExactly("lines");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldSendOneOrderShippedWhateverTheAnswersToUpdatesAndAReAnnouncedParcelWithANewAddress() {
        final Order order = Fixtures.order("o-a").shop(SHOP).shopOrderRef("TH-o-a").line("SKU-TEA-01", 2).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        status("o-a", OrderStatus.SCHEDULED);
        parcels.pipeInput(parcel.getParcelId(), parcel, clock);
        advance(Duration.ofSeconds(1));

        answer("o-a", "upd-1", OrderStatus.SCHEDULED, UpdateOutcome.APPLIED, "shipping.update_applied", "shippingAddress");
        final Parcel moved = Parcel.newBuilder(parcel).setRecipient(Address.newBuilder(parcel.getRecipient()).setLine1("2 New Street")
                .build()).build();
        parcels.pipeInput(moved.getParcelId(), moved, clock); // shipping-scheduler re-announces it: same cut-off, new address
        advance(Duration.ofSeconds(1));
        // an update taken at the cut-off, answered before the manifest is announced
        answer("o-a", "upd-2", OrderStatus.MANIFESTED, UpdateOutcome.REFUSED, "shipping.update_too_late", "shippingAddress");
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", moved);
        manifests.pipeInput(manifest.getManifestId(), manifest, clock);
        status("o-a", OrderStatus.MANIFESTED);
        advance(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        parcels.pipeInput(moved.getParcelId(), moved, clock); // read again after the manifest
        advance(Duration.ofMinutes(1));

        assertThat(sender.requests).extracting(request -> json(request).get("type").asText())
                .containsExactly("order.scheduled", "order.update_applied", "order.update_refused", "order.shipped");
        final JsonNode tooLate = json(sender.requests.get(2)).get("data");
        assertThat(tooLate.get("status").asText()).as("shop-sync's status when the answer came").isEqualTo("SCHEDULED");
        assertThat(tooLate.get("currentStatus").asText()).as("shop-sync's status when the notice left").isEqualTo("MANIFESTED");
        assertThat(json(sender.requests.get(3)).get("data").get("parcels")).singleElement().satisfies(shipped -> {
            assertThat(shipped.get("trackingReference").asText()).isEqualTo(parcel.getTrackingReference());
            assertThat(shipped.get("manifestId").asText()).isEqualTo(manifest.getManifestId());
        });
        assertThat(view("o-a").status()).isEqualTo(OrderStatus.MANIFESTED);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private void answer(final String orderId, final String updateId, final OrderStatus repeated, final UpdateOutcome outcome,
                        final String reasonCode, final String... changes) {
        statuses.pipeInput(orderId, StatusChanges.updateAnswer(orderId, SHOP, "TH-" + orderId, repeated, updateId, outcome,
                List.of(changes), reasonCode, "answered by the test", "test", clock), clock);
    }

    private void status(final String orderId, final OrderStatus status) {
        statuses.pipeInput(orderId, StatusChanges.change(orderId, SHOP, "TH-" + orderId, status, "test." + status.name().toLowerCase(),
                "set by the test", "test", clock), clock);
    }

    private void advance(final Duration duration) {
        clock = clock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    private OrderView view(final String orderId) {
        final KeyValueStore<String, OrderView> orders = driver.getKeyValueStore(ShopSyncTopology.ORDER_STORE);
        return orders.get(orderId);
    }

    private String lookup(final String key) {
        final KeyValueStore<String, String> store = driver.getKeyValueStore(ShopSyncTopology.LOOKUP_STORE);
        return store.get(key);
    }

    private List<String> keys(final String storeName) {
        final KeyValueStore<String, String> store = driver.getKeyValueStore(storeName);
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining((KeyValue<String, String> entry) -> keys.add(entry.key));
        }
        return keys;
    }

    private static JsonNode json(final WebhookRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (final Exception e) {
            throw new AssertionError("not JSON: " + request.body(), e);
        }
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
