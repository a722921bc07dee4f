package org.orderpool.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 * figures are printed side by side. Arguments: {@code orders=N postgres=on|off}.
 */
public final class StockBenchmark {

    private StockBenchmark() {
    }

    private record Scenario(String name, int lines, boolean hot) {
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("orders", "5000", "postgres", "off"));
        final int orders = options.integer("orders");
        final boolean postgres = options.text("postgres").equals("on");
        final Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stock-benchmark");
        final List<String> results = new ArrayList<>();
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
            int run = 0;
            for (final Scenario scenario : List.of(new Scenario("1 line, spread SKUs", 1, false), new Scenario("1 line, one hot SKU", 1, true),
                    new Scenario("3 lines, spread SKUs", 3, false), new Scenario("3 lines, one hot SKU in each", 3, true))) {
                final String prefix = "bench" + (++run) + ".";
                final List<List<String>> lines = orderLines(scenario, orders);
                final double perSecond = measure(broker, registry, work, prefix, scenario, lines);
                String reference = "";
                if (postgres) {
                    try (PostgresLedger ledger = PostgresLedger.start(work.resolve("postgres-" + run))) {
                        ledger.stock(PoolCatalogue.fromClasspath().skus().stream().toList(), 10_000_000);
                        final double postgresPerSecond = ledger.reserve(prefix, lines);
                        reference = String.format("   PostgreSQL %8.0f orders/s (stock-reservation %3.0f %% of it)", postgresPerSecond,
                                100 * perSecond / postgresPerSecond);
                    }
                }
                results.add(String.format("  %-30s %8.0f orders/s   %8.0f line reservations/s%s", scenario.name(), perSecond,
                        perSecond * scenario.lines(), reference));
            }
        }
        System.out.printf("%nstock-reservation benchmark: %d cleared orders per scenario, exactly-once v2, %d cores%s%n", orders,
                Runtime.getRuntime().availableProcessors(), postgres ? "; PostgreSQL 15, default settings, "
                        + PostgresLedger.CLIENTS + " clients, one transaction per order" : "");
        results.forEach(System.out::println);
    }

    /** The SKUs of each order of a scenario, one unit each: the hot SKU first in a hot scenario, the rest drawn from the catalogue. */
    private static List<List<String>> orderLines(final Scenario scenario, final int orders) {
        final List<String> skus = new ArrayList<>(PoolCatalogue.fromClasspath().skus());
        final Random random = new Random(42);
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
                                  final String prefix, final Scenario scenario, final List<List<String>> lines) throws Exception {
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
            final long started = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                final Fixtures.OrderBuilder order = Fixtures.order(prefix + "o-" + i);
                lines.get(i).forEach(sku -> order.line(sku, 1));
                final ClearedOrder cleared = Fixtures.cleared(order.build());
                BenchmarkKafka.send(producer, bound, Topics.ORDERS_CLEARED, cleared.getOrder().getOrderId(), cleared);
            }
            producer.flush();
            final int reserved = BenchmarkKafka.countUntil(broker, bound.name(Topics.ORDERS_RESERVED), orders, Duration.ofMinutes(10));
            final double seconds = (System.nanoTime() - started) / 1e9;
            if (reserved < orders) {
                throw new IllegalStateException(scenario.name() + ": only " + reserved + " of " + orders + " orders were reserved");
            }
            return orders / seconds;
        }
    }
}
