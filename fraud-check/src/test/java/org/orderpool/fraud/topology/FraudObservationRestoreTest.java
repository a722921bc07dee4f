package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.ObservationIndex;
import org.orderpool.fraud.domain.PoolView;
import org.orderpool.fraud.domain.Trait;
import org.orderpool.runtime.CompactFields;
import org.orderpool.testing.Fixtures;

/**
 * The count rules' index as the pool's task builds it when it starts: from the assessed orders, and from the store of
 * observations before 2026-12-08. The stores are the service's own, RocksDB window stores in a test driver's task.
 */
class FraudObservationRestoreTest {

    private static final long NOW = Fixtures.T0.toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final Set<Trait> ALL = EnumSet.allOf(Trait.class);

    @Test
    void shouldIndexTheLastDayOfTheAssessedOrdersAndWhatTheStoreBefore20261208StillHolds() {
        final ObservationIndex index = restoredAfter((assessed, before) -> {
            before.put("o-before", seen("o-before", NOW - 20 * MINUTE, "shop-a"), NOW - 20 * MINUTE);
            assessed.put("o-identities", new AssessedOrder("shop-e", "fp_hot", "e@example.org", "fr|1", null), NOW - 30 * MINUTE);
            assessed.put("o-after", AssessedOrder.of(seen("o-after", NOW - 10 * MINUTE, "shop-b")), NOW - 10 * MINUTE);
            final long monthAgo = NOW - Duration.ofDays(30).toMillis();
            assessed.put("o-month", AssessedOrder.of(seen("o-month", monthAgo, "shop-d")), monthAgo);
        });

        assertThat(index.size()).as("the day's two orders; neither the month-old one nor the one kept without its observation")
                .isEqualTo(2);
        assertThat(index.recallAndRemember(seen("o-now", NOW, "shop-c")).get(Trait.CARD)).extracting(Observation::orderId)
                .containsExactly("o-after", "o-before", "o-now");
    }

    @Test
    void shouldRememberTheDayBeforeTheLatestAssessedOrderNotBeforeTheClockAfterAnOutage() {
        final long outage = Duration.ofDays(3).toMillis();
        final ObservationIndex index = restoredAfter((assessed, before) -> {
            assessed.put("o-last", AssessedOrder.of(seen("o-last", NOW - outage, "shop-a")), NOW - outage);
            assessed.put("o-earlier", AssessedOrder.of(seen("o-earlier", NOW - outage - MINUTE, "shop-b")), NOW - outage - MINUTE);
        });

        assertThat(index.size()).as("a backlog accepted during the outage is counted against the day before it").isEqualTo(2);
    }

    /** The index {@link FraudProcessor#restoreObservations} builds from the two stores once {@code fill} has written them. */
    private static ObservationIndex restoredAfter(
            final BiConsumer<WindowStore<String, AssessedOrder>, WindowStore<String, Observation>> fill) {
        final ObservationIndex[] restored = new ObservationIndex[1];
        final StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(FraudCheckTopology.ASSESSED_ORDER_STORE, FraudSettings.defaults().assessedOrderMemory(), false,
                Serdes.serdeFrom(FraudObservationRestoreTest::asWrittenThen, FraudStateSerdes.assessedOrders().deserializer())));
        builder.addStateStore(store(FraudCheckTopology.LEGACY_OBSERVATION_STORE, PoolView.MEMORY, true, FraudStateSerdes.observations()));
        builder.stream("steps", Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            private WindowStore<String, AssessedOrder> assessed;
            private WindowStore<String, Observation> before;

            @Override
            public void init(final ProcessorContext<Void, Void> context) {
                assessed = context.getStateStore(FraudCheckTopology.ASSESSED_ORDER_STORE);
                before = context.getStateStore(FraudCheckTopology.LEGACY_OBSERVATION_STORE);
            }

            @Override
            public void process(final Record<String, String> step) {
                if (step.value().equals("fill")) {
                    fill.accept(assessed, before);
                } else {
                    restored[0] = FraudProcessor.restoreObservations(ALL, assessed, before);
                }
            }
        }, FraudCheckTopology.ASSESSED_ORDER_STORE, FraudCheckTopology.LEGACY_OBSERVATION_STORE);
        final Properties config = new Properties();
        config.put("application.id", "fraud-observation-restore-test");
        config.put("bootstrap.servers", "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "test-work", "ttd-" + System.nanoTime()).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            final var steps = driver.createInputTopic("steps", new StringSerializer(), new StringSerializer());
            steps.pipeInput("pool", "fill", NOW);
            steps.pipeInput("pool", "restore", NOW);
        }
        return restored[0];
    }

    /** An assessed order as fraud-check writes it, or (without its observation) as it wrote its identities before 2026-12-08. */
    private static byte[] asWrittenThen(final String topic, final AssessedOrder order) {
        if (order.observation() != null) {
            return FraudStateSerdes.assessedOrders().serializer().serialize(topic, order);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FraudStateSerdes.IDENTITIES_FORMAT);
            for (final String field : List.of(order.shopId(), order.card(), order.email(), order.address())) {
                CompactFields.text(out, field);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Observation seen(final String orderId, final long at, final String shopId) {
        return new Observation(orderId, at, shopId, "fp_hot", "497010", orderId + "@example.org", List.of("jo smith"), false,
                "203.0.113.9", "fr|69003|" + orderId);
    }

    private static <V> StoreBuilder<WindowStore<String, V>> store(final String name,
            final Duration retention, final boolean duplicates, final Serde<V> values) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), duplicates),
                Serdes.String(), values);
    }
}
