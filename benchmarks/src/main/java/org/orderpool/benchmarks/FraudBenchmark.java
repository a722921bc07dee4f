package org.orderpool.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.testing.Fixtures;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * fraud-check alone, the pipeline's slowest stage (see PipelineBenchmark): accepted orders, each from a
 * buyer of its own, written as fast as a producer can, timed until the last one is on orders.cleared.
 * One run per setting of {@code threads} (Kafka Streams threads of the service).
 *
 * <pre>./mvnw -q -pl benchmarks exec:java@fraud -Dexec.args="orders=10000 threads=1,2"</pre>
 */
public final class FraudBenchmark {

    private FraudBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("orders", "10000", "threads", "1,2"));
        final int orders = options.integer("orders");
        final Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "fraud-benchmark");
        final List<String> results = new ArrayList<>();
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
            for (final String threads : options.text("threads").split(",")) {
                final double perSecond = measure(broker, registry, work, Integer.parseInt(threads.strip()), orders);
                results.add(String.format("  %s stream thread(s): %8.0f orders/s accepted to cleared", threads.strip(), perSecond));
            }
        }
        System.out.printf("%nfraud-check benchmark: %d accepted orders per run, exactly-once v2, %d cores%n", orders,
                Runtime.getRuntime().availableProcessors());
        results.forEach(System.out::println);
    }

    private static double measure(final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry, final Path work, final int threads,
                                  final int orders) throws Exception {
        final String prefix = "fraud" + threads + ".";
        new ContractDeployer(broker.bootstrapServers(), new CachingSchemaRegistryClient(new ConfluentRegistryHttpClient(
                registry.confluentApiUrl())), (short) 1).deploy(Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList());
        final BoundTopics bound = new BoundTopics(AvroSerdes.forRegistryUrl(registry.confluentApiUrl(), true), prefix);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
             ConfigurableApplicationContext app = FraudCheckApplication.builder().profiles("local").run(
                     "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                     "--orderpool.schema-registry.url=" + registry.confluentApiUrl(),
                     "--orderpool.topics.prefix=" + prefix,
                     "--spring.kafka.streams.application-id=" + prefix + "fraud-check",
                     "--spring.kafka.streams.state-dir=" + work.resolve(prefix + "state"),
                     "--spring.kafka.streams.properties.num.stream.threads=" + threads,
                     "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            final long started = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                final String ref = prefix + "o-" + i;
                final Order order = Order.newBuilder(Fixtures.order(ref).shop("tea-house").distinctBuyer(ref).line("SKU-TEA-01", 1).build())
                        .setPlacedAt(Instant.now()).setAcceptedAt(Instant.now()).build();
                BenchmarkKafka.send(producer, bound, Topics.ORDERS_ACCEPTED, order.getOrderId(), order);
            }
            producer.flush();
            final int cleared = BenchmarkKafka.countUntil(broker, bound.name(Topics.ORDERS_CLEARED), orders, Duration.ofMinutes(10));
            final double seconds = (System.nanoTime() - started) / 1e9;
            if (cleared < orders) {
                throw new IllegalStateException(threads + " thread(s): only " + cleared + " of " + orders + " orders were cleared");
            }
            return orders / seconds;
        }
    }
}
