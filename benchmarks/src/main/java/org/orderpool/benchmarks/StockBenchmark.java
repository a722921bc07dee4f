package org.orderpool.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.stock.StockReservationApplication;
import org.orderpool.testing.Fixtures;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reservations per second: for each scenario (single-line or 3-line orders; every order on one hot SKU,
 * or SKUs spread over the catalogue) starts stock-reservation (exactly-once v2) on fresh topics,
 * stocks every SKU plentifully, writes {@code orders} cleared orders as fast as the producer can, and
 * times until the last one is on orders.reserved. With {@code postgres=on}, the same orders are then reserved
 * in a PostgreSQL ledger on the same machine ({@link PostgresLedger}), what a user would pick instead, and both
 * figures are printed side by side. Both first reserve {@code warmup} orders of the same scenario, untimed, so neither
 * figure holds JIT compilation, stock-reservation's first rebalance or PostgreSQL's first connections ({@code warmup=0}
 * times from a cold start, as before 2026-12-03). Arguments: {@code orders=N warmup=N postgres=on|off}.
 */
public final class StockBenchmark {

    private StockBenchmark() {
    }

    private record Scenario(String name, int lines, boolean hot) {
    }

    /** What a warm-up order's id starts with, after the run's prefix. */
    private static final String WARMUP = "warmup-";

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("orders", "5000", "warmup", "1000", "postgres", "off"));
        final int orders = options.integer("orders");
        final int warmup = options.integer("warmup");
        final boolean postgres = options.text("postgres").equals("on");
        final Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stock-benchmark");
        final List<String> results = new ArrayList<>();
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
            int run = 0;
            for (final Scenario scenario : List.of(new Scenario("1 line, spread SKUs", 1, false), new Scenario("1 line, one hot SKU", 1, true),
                    new Scenario("3 lines, spread SKUs", 3, false), new Scenario("3 lines, one hot SKU in each", 3, true))) {
                final String prefix = "bench" + (++run) + ".";
                final List<List<String>> warmupLines = orderLines(scenario, warmup, 7);
                final List<List<String>> lines = orderLines(scenario, orders, 42);
                final double perSecond = measure(broker, registry, work, prefix, scenario, warmupLines, lines);
                String reference = "";
                if (postgres) {
                    try (PostgresLedger ledger = PostgresLedger.start(work.resolve("postgres-" + run))) {
                        ledger.stock(PoolCatalogue.fromClasspath().skus().stream().toList(), 10_000_000);
                        ledger.reserve(prefix + WARMUP, warmupLines);
                        final double postgresPerSecond = ledger.reserve(prefix, lines);
                        reference = String.format("   PostgreSQL %8.0f orders/s (stock-reservation %3.0f %% of it)", postgresPerSecond,
                                100 * perSecond / postgresPerSecond);
                    }
                }
                results.add(String.format("  %-30s %8.0f orders/s   %8.0f line reservations/s%s", scenario.name(), perSecond,
                        perSecond * scenario.lines(), reference));
            }
        }
        System.out.printf("%nstock-reservation benchmark: %d cleared orders per scenario after %d untimed, exactly-once v2, %d cores%s%n",
                orders, warmup, Runtime.getRuntime().availableProcessors(), postgres ? "; PostgreSQL 15, default settings, "
                        + PostgresLedger.CLIENTS + " clients, one transaction per order" : "");
        results.forEach(System.out::println);
    }

    /** The SKUs of each order of a scenario, one unit each: the hot SKU first in a hot scenario, the rest drawn from the catalogue. */
    private static List<List<String>> orderLines(final Scenario scenario, final int orders, final long seed) {
        final List<String> skus = new ArrayList<>(PoolCatalogue.fromClasspath().skus());
        final Random random = new Random(seed);
        final List<List<String>> all = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            final List<String> chosen = new ArrayList<>();
            if (scenario.hot()) {
                chosen.add("SKU-TEA-01");
            }
            while (chosen.size() < scenario.lines()) {
                final String sku = skus.get(random.nextInt(skus.size()));
                if (!chosen.contains(sku)) {
                    chosen.add(sku);
                }
            }
            all.add(List.copyOf(chosen));
        }
        return all;
    }

    private static double measure(final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry, final Path work,
                                  final String prefix, final Scenario scenario, final List<List<String>> warmupLines,
                                  final List<List<String>> lines) throws Exception {
        final int orders = lines.size();
        final List<Topic<?, ?>> topics = Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList();
        new ContractDeployer(broker.bootstrapServers(), new CachingSchemaRegistryClient(
                new ConfluentRegistryHttpClient(registry.confluentApiUrl())), (short) 1).deploy(topics);
        final BoundTopics bound = new BoundTopics(AvroSerdes.forRegistryUrl(registry.confluentApiUrl(), true), prefix);
        final List<String> skus = new ArrayList<>(PoolCatalogue.fromClasspath().skus());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
             ConfigurableApplicationContext app = StockReservationApplication.builder().profiles("local").run(
                     "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                     "--orderpool.schema-registry.url=" + registry.confluentApiUrl(),
                     "--orderpool.topics.prefix=" + prefix,
                     "--spring.kafka.streams.application-id=" + prefix + "stock-reservation",
                     "--spring.kafka.streams.state-dir=" + work.resolve(prefix + "state"),
                     "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            for (final String sku : skus) {
                BenchmarkKafka.send(producer, bound, Topics.STOCK_MOVEMENTS, sku, StockMovement.newBuilder(Fixtures.receipt(sku, 10_000_000))
                        .setMovementId(prefix + sku).build());
            }
            try (ReservedCounter reserved = new ReservedCounter(broker, bound.name(Topics.ORDERS_RESERVED))) {
                sendOrders(producer, bound, prefix + WARMUP, warmupLines);
                final int warmed = reserved.awaitTotal(warmupLines.size(), Duration.ofMinutes(5));
                if (warmed < warmupLines.size()) {
                    throw new IllegalStateException(scenario.name() + ": only " + warmed + " of " + warmupLines.size()
                            + " warm-up orders were reserved");
                }
                final long started = System.nanoTime();
                sendOrders(producer, bound, prefix, lines);
                final int timed = reserved.awaitTotal(warmupLines.size() + orders, Duration.ofMinutes(10)) - warmupLines.size();
                final double seconds = (System.nanoTime() - started) / 1e9;
                if (timed < orders) {
                    throw new IllegalStateException(scenario.name() + ": only " + timed + " of " + orders + " orders were reserved");
                }
                return orders / seconds;
            }
        }
    }

    private static void sendOrders(final KafkaProducer<byte[], byte[]> producer, final BoundTopics bound, final String idPrefix,
                                   final List<List<String>> lines) {
        for (int i = 0; i < lines.size(); i++) {
            final Fixtures.OrderBuilder order = Fixtures.order(idPrefix + "o-" + i);
            lines.get(i).forEach(sku -> order.line(sku, 1));
            final ClearedOrder cleared = Fixtures.cleared(order.build());
            BenchmarkKafka.sendCleared(producer, bound, cleared);
        }
        producer.flush();
    }

    /**
     * Counts what is committed on a topic, from its beginning, with its partitions assigned (no group to join, so no
     * rebalance inside the timed span).
     */
    private static final class ReservedCounter implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private int seen;

        ReservedCounter(final EmbeddedKafkaBroker broker, final String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        }

        /** Polls until {@code total} records were seen in all, or the timeout; returns how many were. */
        int awaitTotal(final int total, final Duration timeout) {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (seen < total && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(50)).count();
            }
            return seen;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
