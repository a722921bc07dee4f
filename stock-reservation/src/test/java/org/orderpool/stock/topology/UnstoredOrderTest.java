package org.orderpool.stock.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.StockMessage;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/**
 * An order with one SKU that the order's owner sent unstored to its SKU (exactly-once), and what reaches the owner before
 * the SKU's answer does. The order owners run alone here, so a request stays unanswered until the test answers it:
 * {@link StockReservationTopologyTest}'s whole topology answers every request before it takes the next input.
 */
class UnstoredOrderTest {

    private static final String APPLICATION_ID = "stock-reservation";
    private static final StockSettings SETTINGS = StockReservationTopologyTest.SETTINGS;

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClearedOrder> cleared;
    private TestInputTopic<String, OrderCancellation> cancellations;
    private TestInputTopic<String, OrderUpdate> updates;
    private TestInputTopic<String, StockCommand> answers;
    private TestOutputTopic<String, StockCommand> skuCommands;
    private TestOutputTopic<String, OrderStatusChange> status;
    private KeyValueStore<String, OrderProcessor.StoredOrder> orders;

    private void start(final String guarantee) {
        final StreamsBuilder builder = new StreamsBuilder();
        final StockReservationTopology topology = new StockReservationTopology(topics, SETTINGS);
        topology.addStores(builder);
        topology.orderOwner(builder, builder.stream(topics.name(Topics.ORDERS_CLEARED), topics.consumed(Topics.ORDERS_CLEARED)));
        final Map<String, Object> settings = new HashMap<>(DeadLetterSettings.forTopic(Topics.STOCK_RESERVATION_DLQ.name()));
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        driver = TopologyTests.driver(builder.build(), APPLICATION_ID, settings, Fixtures.T0);
        cleared = input(Topics.ORDERS_CLEARED);
        cancellations = input(Topics.ORDERS_CANCELLATIONS);
        updates = input(Topics.ORDERS_UPDATES);
        answers = input(Topics.STOCK_RESERVATION_ORDER_EVENTS);
        skuCommands = driver.createOutputTopic(topics.name(Topics.STOCK_RESERVATION_SKU_COMMANDS),
                topics.keySerde(Topics.STOCK_RESERVATION_SKU_COMMANDS).deserializer(),
                topics.valueSerde(Topics.STOCK_RESERVATION_SKU_COMMANDS).deserializer());
        status = driver.createOutputTopic(topics.name(Topics.ORDERS_STATUS), topics.keySerde(Topics.ORDERS_STATUS).deserializer(),
                topics.valueSerde(Topics.ORDERS_STATUS).deserializer());
        orders = driver.getKeyValueStore(StockReservationTopology.ORDER_STORE);
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }
    @Test
    void shouldSendAnOrderWithOneSkuUnstoredAndIgnoreItsClearedOrderReadAgainBeforeTheAnswerAfterACancellation() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();

        clear(order);
        assertThat(requests()).singleElement().satisfies(request -> assertThat(request.getCleared()).isEqualTo(Fixtures.cleared(order)));
        assertThat(orders.get("o-1")).as("stored when the answer comes").isNull();
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), Fixtures.T0);
        clear(order);

        assertThat(nothingSent()).as("no CANCELLED said and no second request: the cancellation waits for the answer").isTrue();
        answers.pipeInput("o-1", answer(order, 1, true), Fixtures.T0);
        assertThat(nothingSent()).as("announced by the SKU; the cancellation is shipping-scheduler's").isTrue();
        assertThat(orders.get("o-1").reservation().state()).isEqualTo(OrderReservation.State.RESERVED);
    }

    @Test
    void shouldKeepAnUpdateThatCameBeforeTheAnswerThroughTheClearedOrderReadAgainAndApplyItWhenTheUnitsWereNotHeld() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
        final Order order = Fixtures.order("o-1").line("SKU-A", 5).build();
        final Order fewer = Fixtures.order("o-1").line("SKU-A", 3).build();

        clear(order);
        requests();
        update(fewer);
        clear(order);
        assertThat(nothingSent()).as("the update is not taken for one that came while the order was at fraud-check").isTrue();
        answers.pipeInput("o-1", answer(order, 1, false), Fixtures.T0);

        assertThat(statuses()).extracting(s -> s.getStatus() + ":" + s.getReasonCode())
                .containsExactly("BACKORDERED:stock.backordered", "BACKORDERED:stock.update_applied");
        assertThat(orders.get("o-1").order().getOrder()).isEqualTo(fewer);
    }

    @Test
    void shouldRefuseAnUpdateThatCameAfterACancellationBeforeTheAnswerOnceTheCancellationEndedTheOrder() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
        final Order order = Fixtures.order("o-1").line("SKU-A", 5).build();
        final Order fewer = Fixtures.order("o-1").line("SKU-A", 3).build();

        clear(order);
        requests();
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), Fixtures.T0);
        update(fewer);
        answers.pipeInput("o-1", answer(order, 1, false), Fixtures.T0);

        assertThat(statuses()).extracting(s -> s.getStatus() + ":" + s.getReasonCode())
                .containsExactly("CANCELLED:stock.cancelled", "CANCELLED:stock.update_refused");
    }

    @Test
    void shouldGiveBackTheUnitsOfAnAnswerForAnUnstoredOrderOfAnotherAttemptThanTheFirst() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();

        answers.pipeInput("o-1", answer(order, 2, true), Fixtures.T0);

        assertThat(requests()).extracting(c -> c.getType() + ":" + c.getSku() + ":" + c.getAttempt())
                .as("no order sends a later attempt unstored: not stored, its units go back").containsExactly("RELEASE_LINE:SKU-A:-1");
        assertThat(orders.get("o-1")).isNull();
    }

    @Test
    void shouldStoreTheOrderWhenItIsClearedAtLeastOnce() {
        start(StreamsConfig.AT_LEAST_ONCE);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();

        clear(order);

        assertThat(requests()).singleElement().satisfies(request -> {
            assertThat(request.getOrder()).isEqualTo(order);
            assertThat(request.getCleared()).isNull();
        });
        assertThat(OrderReservation.restore(orders.get("o-1").reservation()).awaitsAnnouncement()).isTrue();
    }

    @Test
    void shouldStoreAnOrderWithSeveralSkusWhenItIsCleared() {
        start(StreamsConfig.EXACTLY_ONCE_V2);

        clear(Fixtures.order("o-1").line("SKU-A", 2).line("SKU-B", 1).build());

        assertThat(requests()).extracting(StockCommand::getCleared).containsExactly(null, null);
        assertThat(orders.get("o-1").reservation().state()).isEqualTo(OrderReservation.State.PENDING);
    }

    @Test
    void shouldForgetWhichOrdersItSentUnstoredWhenItsTaskIsInitialisedAgain() {
        // Kafka Streams revives a task whose transaction was aborted with the same processors, initialised again; here the
        // same owner runs in a second driver, its transaction lost with the first: the cleared order comes again
        final OrderProcessor owner = new OrderProcessor(SETTINGS);
        final List<OrderProcessor.Output> out = new ArrayList<>();
        final ClearedOrder order = Fixtures.cleared(Fixtures.order("o-1").line("SKU-A", 2).build());
        for (int start = 1; start <= 2; start++) {
            final StreamsBuilder builder = new StreamsBuilder();
            new StockReservationTopology(topics, SETTINGS).addStores(builder);
            builder.stream(topics.name(Topics.ORDERS_CLEARED), topics.consumed(Topics.ORDERS_CLEARED))
                    .mapValues(cleared -> (OrderProcessor.Input) new OrderProcessor.Input.Cleared(cleared))
                    .process(() -> new Processor<String, OrderProcessor.Input, String, OrderProcessor.Output>() {
                        @Override
                        public void init(final ProcessorContext<String, OrderProcessor.Output> context) {
                            owner.init(context);
                        }

                        @Override
                        public void process(final Record<String, OrderProcessor.Input> record) {
                            owner.process(record);
                        }
                    }, StockReservationTopology.ORDER_STORE, StockReservationTopology.LEGACY_CLEARED_STORE,
                            StockReservationTopology.DUE_STORE, StockReservationTopology.EARLY_UPDATE_STORE)
                    .foreach((orderId, output) -> out.add(output));
            driver = TopologyTests.driver(builder.build(), APPLICATION_ID, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                    StreamsConfig.EXACTLY_ONCE_V2), Fixtures.T0);
            input(Topics.ORDERS_CLEARED).pipeInput("o-1", order, Fixtures.T0);
            driver.close();
        }
        driver = null;

        assertThat(out).as("asked at each start").hasSize(2).allSatisfy(output -> assertThat(output)
                .isInstanceOf(OrderProcessor.Output.ToSku.class));
    }

    /** The answer of SKU-A to the order's unstored request: held (and then announced) or not. */
    private static StockCommand answer(final Order order, final int attempt, final boolean held) {
        final StockCommand answer = StockCommands.toAvro(new StockMessage.LineOutcome(order.getOrderId(), attempt, "SKU-A", held,
                held ? 3 : 0, held));
        answer.setCleared(Fixtures.cleared(order));
        return answer;
    }

    private void clear(final Order order) {
        cleared.pipeInput(order.getOrderId(), Fixtures.cleared(order), Fixtures.T0);
    }

    private void update(final Order order) {
        updates.pipeInput(order.getOrderId(), new OrderUpdate(OrderChanges.updateId(order), order, Fixtures.T0), Fixtures.T0);
    }

    /** The requests to SKUs since the last look. */
    private List<StockCommand> requests() {
        return skuCommands.readValuesToList();
    }

    /** The statuses since the last look. */
    private List<OrderStatusChange> statuses() {
        return status.readValuesToList();
    }

    /** Whether nothing was said or asked since the last look. */
    private boolean nothingSent() {
        return skuCommands.isEmpty() && status.isEmpty();
    }

    private <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return TopologyTests.input(driver, topics, topic);
    }
}
