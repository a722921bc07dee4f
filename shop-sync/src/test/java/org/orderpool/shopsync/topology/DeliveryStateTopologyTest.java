package org.orderpool.shopsync.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.WebhookEndpointState;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.domain.WebhookSecret;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/** shop-sync.delivery-state: per shop, what waits, what was given up, and how the endpoint answered last. */
class DeliveryStateTopologyTest {

    private static final Instant T0 = Fixtures.T0;
    private static final String TEA = "tea-house";
    private static final String BIKES = "bike-corner";
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret");
    private static final ShopSyncSettings SETTINGS = new ShopSyncSettings(new RetrySchedule(List.of(Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2), Duration.ofSeconds(30), Duration.ofDays(3), Duration.ofSeconds(1), 100,
            Duration.ofMinutes(1), new Retention(Duration.ofDays(30), Duration.ofDays(90)), Duration.ofMinutes(1));

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final FakeSender sender = new FakeSender();
    private final Map<String, WebhookEndpoint> endpoints = new HashMap<>(Map.of(
            TEA, new WebhookEndpoint(TEA, URI.create("https://tea-house.example/webhooks"), SECRET, null),
            BIKES, new WebhookEndpoint(BIKES, URI.create("https://bike-corner.example/webhooks"), SECRET, null)));
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderStatusChange> statuses;
    private TestOutputTopic<String, ShopDeliveryState> states;
    private Instant clock = T0;

    @BeforeEach
    void startDriver() {
        final ShopDocuments documents = new ShopDocuments(new TrackingUrls(Map.of(), "tracking-urls"));
        driver = TopologyTests.driver(new ShopSyncTopology(topics, SETTINGS, documents, shop -> Optional.ofNullable(endpoints.get(shop)),
                sender, () -> 0.5).build(), "shop-sync-test", DeadLetterSettings.forTopic(Topics.SHOP_SYNC_DLQ.name()), T0);
        statuses = TopologyTests.input(driver, topics, Topics.ORDERS_STATUS);
        states = TopologyTests.output(driver, topics, Topics.SHOP_SYNC_DELIVERY_STATE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldPublishEachShopsQueuedWebhooksAndThenItsLastDelivery() {
        sender.hold = true;
        status("o-1", TEA, OrderStatus.ACCEPTED);
        status("o-2", TEA, OrderStatus.ACCEPTED);
        status("o-3", BIKES, OrderStatus.ACCEPTED);
        advance(Duration.ofSeconds(1));

        final Map<String, ShopDeliveryState> queued = latest();
        assertThat(queued).containsOnlyKeys(TEA, BIKES);
        assertThat(queued.get(TEA)).satisfies(state -> {
            assertThat(state.getQueuedWebhooks()).isEqualTo(2);
            assertThat(state.getEndpointState()).isEqualTo(WebhookEndpointState.ENABLED);
            assertThat(state.getLastAttemptAt()).as("no attempt has ended yet").isNull();
            assertThat(state.getDeadLettered()).isZero();
        });
        assertThat(queued.get(BIKES).getQueuedWebhooks()).isEqualTo(1);

        final Instant answeredAt = clock.plusSeconds(1);
        sender.release(new DeliveryOutcome.Delivered(204));
        advance(Duration.ofSeconds(1));

        assertThat(latest().get(TEA)).satisfies(state -> {
            assertThat(state.getQueuedWebhooks()).isZero();
            assertThat(state.getLastAttemptAt()).isEqualTo(answeredAt);
            assertThat(state.getLastAttemptOutcome()).isEqualTo("HTTP 204");
            assertThat(state.getLastAttemptDelivered()).isTrue();
            assertThat(state.getLastDeliveredAt()).isEqualTo(answeredAt);
            assertThat(state.getEndpointState()).isEqualTo(WebhookEndpointState.ENABLED);
        });
        advance(Duration.ofMinutes(1));
        assertThat(states.isEmpty()).as("nothing changed, nothing published").isTrue();
    }

    @Test
    void shouldSayAnEndpointIsFailingSinceItsFirstFailureAndDisabledAfterGone() {
        sender.outcomes.add(new DeliveryOutcome.Failed("HTTP 503", null));
        sender.outcomes.add(new DeliveryOutcome.Gone());
        status("o-1", TEA, OrderStatus.ACCEPTED);
        final Instant firstFailure = clock.plusSeconds(1);
        advance(Duration.ofSeconds(1));

        assertThat(latest().get(TEA)).satisfies(state -> {
            assertThat(state.getEndpointState()).isEqualTo(WebhookEndpointState.FAILING);
            assertThat(state.getFailingSince()).isEqualTo(firstFailure);
            assertThat(state.getLastAttemptOutcome()).isEqualTo("HTTP 503");
            assertThat(state.getLastDeliveredAt()).isNull();
            assertThat(state.getQueuedWebhooks()).as("waiting for its retry").isEqualTo(1);
        });

        advance(Duration.ofSeconds(6));
        assertThat(latest().get(TEA)).satisfies(state -> {
            assertThat(state.getEndpointState()).isEqualTo(WebhookEndpointState.DISABLED);
            assertThat(state.getDisabledAt()).isEqualTo(clock);
            assertThat(state.getFailingSince()).isEqualTo(firstFailure);
            assertThat(state.getQueuedWebhooks()).as("kept until ops re-enable the endpoint").isEqualTo(1);
        });
    }

    @Test
    void shouldCountWhatWentToTheDeadLettersAndNoLongerWaits() {
        status("o-1", TEA, OrderStatus.ACCEPTED);
        endpoints.remove(TEA); // the shop's endpoint is removed from the configuration while its webhook waits
        advance(Duration.ofSeconds(1));

        assertThat(latest().get(TEA)).satisfies(state -> {
            assertThat(state.getDeadLettered()).isEqualTo(1);
            assertThat(state.getQueuedWebhooks()).isZero();
        });
    }

    private Map<String, ShopDeliveryState> latest() {
        final Map<String, ShopDeliveryState> latest = states.readKeyValuesToMap();
        assertThat(states.isEmpty()).isTrue();
        return latest;
    }

    private void status(final String orderId, final String shopId, final OrderStatus status) {
        statuses.pipeInput(orderId, StatusChanges.change(orderId, shopId, "REF-" + orderId, status, "test." + status.name().toLowerCase(),
                "set by the test", "test", clock), clock);
    }

    private void advance(final Duration duration) {
        clock = clock.plus(duration);
        driver.advanceWallClockTime(duration);
    }
}
