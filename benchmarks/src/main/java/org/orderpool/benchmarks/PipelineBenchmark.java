package org.orderpool.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.FraudCheckApplication;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.ClassPath;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.shipping.CarrierCalendarPublisher;
import org.orderpool.shipping.ShippingSchedulerApplication;
import org.orderpool.stock.StockReservationApplication;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.StatusFollower;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline's speed on this machine: order-intake, fraud-check, stock-reservation and
 * shipping-scheduler (in this JVM, as the embedded stack runs them) on one real broker, fed Kafka-native
 * submissions. For each processing guarantee it measures sustained orders per second to SCHEDULED (the
 * last step before the cut-off, which is a clock event) and the broker writes per second that took
 * (every topic, internal ones included), then latency from submission to each status at a steady rate.
 * In the same run, on the same broker, Kafka's own {@code ProducerPerformance} gives the broker's limit
 * for records of an order's size. Writes a Markdown report and an SVG chart.
 *
 * <p>{@code rounds=} (2 by default) runs every guarantee that many times, each run on fresh topics and services, and reports
 * the last round: the first run in a cold JVM compiles the broker's, the registry's and the services' code while it is
 * measured, and ran at a third to a half of the speed of the same guarantee run later (2026-12-07), so a single round compared
 * the guarantees by their order. The earlier rounds' figures are listed at the end of the report.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java@pipeline -Dexec.args="orders=20000 rate=500 latency-orders=15000"</pre>
 *
 * <p>{@code commit-interval-ms=} sets every service's commit interval (blank, the default: each service's own: service-runtime's default for the guarantee, or its YAML).
 * {@code streams-properties=} sets Kafka Streams properties: {@code name=value} on every service,
 * {@code service/name=value} on that service only (comma-separated). {@code submissions=by-order-id} (the default) writes each submission on the partition its order id hashes to, as the
 * gateway does; {@code submissions=by-key} where its key hashes to, as a Kafka-native shop's producer does by default.
 */
public final class PipelineBenchmark {

    private static final List<OrderStatus> STAGES = List.of(OrderStatus.ACCEPTED, OrderStatus.CLEARED, OrderStatus.RESERVED,
            OrderStatus.SCHEDULED);

    private record Latencies(Map<OrderStatus, long[]> millis) {
        long percentile(final OrderStatus status, final double p) {
            final long[] sorted = millis.get(status);
            return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }

    /** {@code perSecond}: orders per second through each stage during the burst, from the first send to the last order's status. */
    private record Result(String guarantee, int round, Map<OrderStatus, Double> perSecond, double writesPerSecond, double writesPerOrder,
                          Map<String, Double> writesPerOrderByTopic, Latencies latencies, int rate,
                          Map<String, StreamThreadTime.Shares> threadTime) {

        /** Writes per order to the stores' changelog topics. */
        double changelogWritesPerOrder() {
            return writesPerOrderByTopic.entrySet().stream().filter(e -> e.getKey().endsWith("-changelog")).mapToDouble(Map.Entry::getValue)
                    .sum();
        }
    }

    private PipelineBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("orders", "20000", "rate", "500", "latency-orders", "15000",
                "guarantees", "exactly_once_v2,at_least_once", "rounds", "2", "commit-interval-ms", "", "streams-properties", "", "report-dir", "target",
                "submissions", "by-order-id"));
        final Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "pipeline-benchmark");
        final List<Result> earlierRounds = new ArrayList<>();
        final List<Result> results = new ArrayList<>();
        final double limit;
        final int recordSize;
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
            recordSize = averageOrderSize(registry);
            final int rounds = options.integer("rounds");
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
            }
            for (int round = 1; round <= rounds; round++) {
                final List<Result> target = round < rounds ? earlierRounds : results;
                for (final String guarantee : options.text("guarantees").split(",")) {
                    target.add(run(broker, registry, work, guarantee.strip(), round, options));
                }
            }
            limit = producerPerformance(broker, recordSize);
        }
        final Path reportDir = Files.createDirectories(Path.of(options.text("report-dir")));
        final String report = report(results, earlierRounds, limit, recordSize, options);
        Files.writeString(reportDir.resolve("pipeline-benchmark.md"), report);
        Files.writeString(reportDir.resolve("pipeline-latency.svg"), chart(results));
        System.out.println(report);
        System.out.println("Report: " + reportDir.resolve("pipeline-benchmark.md").toAbsolutePath());
    }

    private static Result run(final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry, final Path work, final String guarantee,
                              final int round, final BenchmarkOptions options) throws Exception {
        final String prefix = "bench-" + round + "-" + guarantee.replace('_', '-') + ".";
        final List<Topic<?, ?>> contract = Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList();
        new ContractDeployer(broker.bootstrapServers(), new CachingSchemaRegistryClient(new ConfluentRegistryHttpClient(
                registry.confluentApiUrl())), (short) 1).deploy(contract);
        final BoundTopics topics = new BoundTopics(AvroSerdes.forRegistryUrl(registry.confluentApiUrl(), true), prefix);
        try (ContractProducer producer = new ContractProducer(broker.bootstrapServers(), topics)) {
            for (final String sku : PoolCatalogue.fromClasspath().skus()) {
                producer.send(Topics.STOCK_MOVEMENTS, sku, Fixtures.receipt(sku, 10_000_000));
            }
        }
        CarrierCalendarPublisher.publish(broker.bootstrapServers(), topics, CarrierCalendarPublisher.defaultCalendars(Instant.now()));

        final List<ConfigurableApplicationContext> services = new ArrayList<>();
        final List<String> common = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--orderpool.schema-registry.url=" + registry.confluentApiUrl(), "--orderpool.topics.prefix=" + prefix,
                "--spring.kafka.streams.properties.processing.guarantee=" + guarantee, "--logging.level.root=WARN"));
        if (!options.text("commit-interval-ms").isBlank()) {
            common.add("--spring.kafka.streams.properties.commit.interval.ms=" + options.text("commit-interval-ms"));
        }
        final List<String> tuning = Arrays.stream(options.text("streams-properties").split(",")).map(String::strip)
                .filter(p -> !p.isBlank()).toList();
        final Map<String, Supplier<SpringApplicationBuilder>> applications = new LinkedHashMap<>();
        applications.put("order-intake", OrderIntakeApplication::builder);
        applications.put("fraud-check", FraudCheckApplication::builder);
        applications.put("stock-reservation", StockReservationApplication::builder);
        applications.put("shipping-scheduler", ShippingSchedulerApplication::builder);
        try (StatusClock clock = new StatusClock(KafkaPlatform.existing(broker.bootstrapServers(), registry.confluentApiUrl(), "benchmark"),
                topics);
             KafkaProducer<byte[], byte[]> shops = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 2),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            applications.forEach((name, application) -> {
                final List<String> args = new ArrayList<>();
                // one value per property: Spring joins the values of an option given twice
                final Map<String, String> byName = new LinkedHashMap<>();
                for (final String arg : concat(common, propertiesFor(name, tuning))) {
                    byName.put(arg.substring(0, arg.indexOf('=')), arg);
                }
                args.addAll(byName.values());
                args.add("--spring.kafka.streams.application-id=" + prefix + name);
                args.add("--spring.kafka.streams.state-dir=" + work.resolve("state").resolve(prefix + name));
                args.add("--server.port=0");
                services.add(application.get().profiles("local").run(args.toArray(String[]::new)));
            });
            final OrderFeed feed = new OrderFeed(shops, topics, guarantee, switch (options.text("submissions")) {
                case "by-order-id" -> true;
                case "by-key" -> false;
                default -> throw new IllegalArgumentException("submissions=by-order-id or by-key, not " + options.text("submissions"));
            });
            System.out.printf("%s round %d, %s: warming up%n", Instant.now(), round, guarantee);
            clock.awaitAll(feed.send(1_000, 0), OrderStatus.SCHEDULED, Duration.ofMinutes(3));

            System.out.printf("%s round %d, %s: %d orders as fast as they can be sent%n", Instant.now(), round, guarantee,
                    options.integer("orders"));
            final Map<String, Long> writesBefore = endOffsets(broker, prefix);
            final Map<String, String> serviceByApplicationId = new LinkedHashMap<>();
            applications.keySet().forEach(name -> serviceByApplicationId.put(prefix + name, name));
            final StreamThreadTime threadTime = StreamThreadTime.start(serviceByApplicationId);
            final long started = System.nanoTime();
            final List<String> burst = feed.send(options.integer("orders"), 0);
            final Map<OrderStatus, Double> perSecond = new LinkedHashMap<>();
            double scheduledSeconds = 0;
            for (final OrderStatus stage : STAGES) {
                scheduledSeconds = (clock.awaitAll(burst, stage, Duration.ofMinutes(15)) - started) / 1e9;
                perSecond.put(stage, burst.size() / scheduledSeconds);
            }
            final Map<String, StreamThreadTime.Shares> burstThreadTime = threadTime.stop();
            final Map<String, Long> writesByTopic = new TreeMap<>();
            endOffsets(broker, prefix).forEach((topic, end) -> writesByTopic.put(topic.substring(prefix.length()),
                    end - writesBefore.getOrDefault(topic, 0L)));
            final long writes = writesByTopic.values().stream().mapToLong(Long::longValue).sum();

            System.out.printf("%s round %d, %s: %d orders at %d/s%n", Instant.now(), round, guarantee, options.integer("latency-orders"),
                    options.integer("rate"));
            final List<String> steady = feed.send(options.integer("latency-orders"), options.integer("rate"));
            clock.awaitAll(steady, OrderStatus.SCHEDULED, Duration.ofMinutes(15));
            final Map<OrderStatus, long[]> latencies = new LinkedHashMap<>();
            for (final OrderStatus stage : STAGES) {
                latencies.put(stage, steady.stream().mapToLong(id -> (clock.seen(id, stage) - feed.submittedAt(id)) / 1_000_000).sorted()
                        .toArray());
            }
            final Map<String, Double> writesPerOrderByTopic = new TreeMap<>();
            writesByTopic.forEach((topic, count) -> writesPerOrderByTopic.put(topic, (double) count / burst.size()));
            return new Result(guarantee, round, perSecond, writes / scheduledSeconds, (double) writes / burst.size(), writesPerOrderByTopic,
                    new Latencies(latencies), options.integer("rate"), burstThreadTime);
        } finally {
            services.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The Streams properties of {@code streams-properties} for one service: {@code name=value} for every service,
     * {@code service/name=value} (e.g. {@code stock-reservation/commit.interval.ms=30}) for that one only.
     */
    static List<String> propertiesFor(final String service, final List<String> tuning) {
        final List<String> args = new ArrayList<>();
        for (final String property : tuning) {
            final int slash = property.indexOf('/');
            final int equals = property.indexOf('=');
            if (slash > 0 && (equals < 0 || slash < equals)) {
                if (property.substring(0, slash).equals(service)) {
                    args.add("--spring.kafka.streams.properties." + property.substring(slash + 1));
                }
            } else {
                args.add("--spring.kafka.streams.properties." + property);
            }
        }
        return args;
    }

    /** Sends Kafka-native submissions, each from a buyer of its own, and remembers when ({@link System#nanoTime()}) each was handed to the producer. */
    private static final class OrderFeed {
        private final KafkaProducer<byte[], byte[]> producer;
        private final BoundTopics topics;
        private final String label;
        private final List<String> skus = PoolCatalogue.fromClasspath().skus().stream().sorted().toList();
        private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final boolean onTheOrderIdsPartition;
        private int sequence;

        /**
         * @param onTheOrderIdsPartition each record on the partition its order id hashes to, as the gateway writes (and a
         *                               Kafka-native shop may); otherwise where its key hashes to, so most take intake's repartition
         */
        OrderFeed(final KafkaProducer<byte[], byte[]> producer, final BoundTopics topics, final String label,
                  final boolean onTheOrderIdsPartition) {
            this.producer = producer;
            this.topics = topics;
            this.label = label;
            this.onTheOrderIdsPartition = onTheOrderIdsPartition;
        }

        /** Sends {@code count} orders at {@code perSecond} (0: as fast as possible); returns their order ids. */
        List<String> send(final int count, final int perSecond) {
            final String topic = topics.name(Topics.SHOP_ORDERS_SUBMITTED);
            final List<String> ids = new ArrayList<>(count);
            final long interval = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (interval > 0) {
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                final String ref = label + "-" + (++sequence);
                final SubmittedOrder order = Fixtures.order(ref).shop("tea-house").shopOrderRef(ref).distinctBuyer(ref)
                        .line(skus.get(sequence % skus.size()), 1).submitted();
                final Instant now = Instant.now();
                order.setPlacedAt(now);
                order.setReceivedAt(now);
                final String orderId = OrderIds.forShopOrder("tea-house", ref);
                submittedAt.put(orderId, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, onTheOrderIdsPartition ? OrderIds.partitionOf(orderId) : null,
                        topics.keySerde(Topics.SHOP_ORDERS_SUBMITTED).serializer().serialize(topic,
                        new ShopOrderKey("tea-house", ref)), topics.valueSerde(Topics.SHOP_ORDERS_SUBMITTED).serializer().serialize(topic, order)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                ids.add(orderId);
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("could not send the orders", failure.get());
            }
            return ids;
        }

        long submittedAt(final String orderId) {
            return submittedAt.get(orderId);
        }
    }

    /** When each order's status first became visible (committed) to a shop, in {@link System#nanoTime()}. */
    private static final class StatusClock implements AutoCloseable {
        private final Map<String, long[]> seen = new ConcurrentHashMap<>();
        private final StatusFollower follower;

        StatusClock(final KafkaPlatform platform, final BoundTopics topics) {
            this.follower = new StatusFollower(platform, topics, (change, seenAtNanos) -> {
                final int stage = STAGES.indexOf(change.getStatus());
                if (stage >= 0) {
                    final long[] times = seen.computeIfAbsent(change.getOrderId(), id -> new long[STAGES.size()]);
                    if (times[stage] == 0) {
                        times[stage] = seenAtNanos;
                    }
                }
            });
        }

        /** When the order reached the status, or 0 if it has not. */
        long seen(final String orderId, final OrderStatus status) {
            final long[] times = seen.get(orderId);
            return times == null ? 0 : times[STAGES.indexOf(status)];
        }

        /** Waits until every order reached the status; returns when the last one got there. */
        long awaitAll(final List<String> orderIds, final OrderStatus status, final Duration timeout) {
            final long deadline = System.nanoTime() + timeout.toNanos();
            final List<String> waiting = new ArrayList<>(orderIds);
            long last = 0;
            while (!waiting.isEmpty()) {
                final Iterator<String> ids = waiting.iterator();
                while (ids.hasNext()) {
                    final long at = seen(ids.next(), status);
                    if (at != 0) {
                        last = Math.max(last, at);
                        ids.remove();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " orders did not reach " + status + " within " + timeout);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            return last;
        }

        @Override
        public void close() {
            follower.close();
        }
    }

    /** Every record the brokers hold for this run's topics, internal ones included (transaction markers count: they are writes too). */
    private static Map<String, Long> endOffsets(final EmbeddedKafkaBroker broker, final String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            final List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(n -> n.startsWith(prefix)).toList();
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(description -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
            final Map<String, Long> byTopic = new TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((partition, offset) ->
                    byTopic.merge(partition.topic(), offset.offset(), Long::sum));
            return byTopic;
        }
    }

    private static int averageOrderSize(final ApicurioRegistryServer registry) {
        final BoundTopics topics = new BoundTopics(AvroSerdes.forRegistryUrl(registry.confluentApiUrl(), true), "size.");
        final String topic = topics.name(Topics.SHOP_ORDERS_SUBMITTED);
        long total = 0;
        for (int i = 0; i < 100; i++) {
            total += topics.valueSerde(Topics.SHOP_ORDERS_SUBMITTED).serializer().serialize(topic,
                    Fixtures.order("size-" + i).shopOrderRef("size-" + i).distinctBuyer("size-" + i).submitted()).length;
        }
        return (int) (total / 100);
    }

    /** Kafka's own producer benchmark on the same broker: 6 partitions, acks=all, idempotent, records of an order's size. */
    private static double producerPerformance(final EmbeddedKafkaBroker broker, final int recordSize) throws IOException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("bench-producer-performance", 6, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        final Process process = new ProcessBuilder(ClassPath.java(), "-Xmx512m", "-cp", ClassPath.current(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-producer-performance", "--num-records", "1000000",
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + broker.bootstrapServers(), "acks=all", "enable.idempotence=true", "linger.ms=5")
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(5, TimeUnit.MINUTES);
        final Matcher summary = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec").matcher(output);
        double recordsPerSecond = -1;
        while (summary.find()) {
            recordsPerSecond = Double.parseDouble(summary.group(2)); // the last line is the whole run's
        }
        if (recordsPerSecond < 0) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + output);
        }
        return recordsPerSecond;
    }

    private static String report(final List<Result> results, final List<Result> earlierRounds, final double limit, final int recordSize,
                                 final BenchmarkOptions options) {
        final StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# Pipeline benchmark%n%n%d cores, one embedded KRaft broker, Apicurio Registry, the four services"
                        + " in one JVM (as the embedded stack runs them), `commit.interval.ms` %s%s, submissions %s; run %s.%n%n",
                Runtime.getRuntime().availableProcessors(),
                options.text("commit-interval-ms").isBlank() ? "the services' own" : options.text("commit-interval-ms"),
                options.text("streams-properties").isBlank() ? "" : ", " + options.text("streams-properties"),
                options.text("submissions").equals("by-key") ? "on the partition their key hashes to"
                        : "on the partition their order id hashes to (as the gateway writes them)", Instant.now()));
        md.append(String.format(Locale.ROOT, "Broker limit (Kafka's ProducerPerformance, same broker, same run, %d-byte records, 6 partitions,"
                + " acks=all, idempotent): **%,.0f records/s**.%n%n", recordSize, limit));
        md.append("| guarantee | orders/s to ACCEPTED | to CLEARED | to RESERVED | to SCHEDULED | broker writes per order | broker writes/s |"
                + " share of the broker limit |\n|---|---|---|---|---|---|---|---|\n");
        for (final Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %.1f | %,.0f | %.0f %% |%n", r.guarantee(),
                    r.perSecond().get(OrderStatus.ACCEPTED), r.perSecond().get(OrderStatus.CLEARED), r.perSecond().get(OrderStatus.RESERVED),
                    r.perSecond().get(OrderStatus.SCHEDULED), r.writesPerOrder(), r.writesPerSecond(), 100 * r.writesPerSecond() / limit));
        }
        md.append(String.format(Locale.ROOT, "%n%d orders sent as fast as the producer allows; throughput counts from the first send to the"
                + " last order's status. Every table is round %d of %d%s.%n%n", options.integer("orders"), options.integer("rounds"),
                options.integer("rounds"), earlierRounds.isEmpty() ? "" : ": each round runs every guarantee on fresh topics and services, and"
                        + " the rounds before the last warm this JVM (broker, registry, services, benchmark) up, which the first guarantee of a"
                        + " cold JVM would otherwise pay for alone (their figures at the end)"));
        md.append("Broker writes per order by topic (records and transaction markers, during the burst; topics under 0.05 left out):\n\n| topic |");
        results.forEach(r -> md.append(' ').append(r.guarantee()).append(" |"));
        md.append("\n|---|").append("---|".repeat(results.size())).append('\n');
        final TreeSet<String> topicNames = new TreeSet<>();
        results.forEach(r -> topicNames.addAll(r.writesPerOrderByTopic().keySet()));
        for (final String topic : topicNames) {
            if (results.stream().allMatch(r -> r.writesPerOrderByTopic().getOrDefault(topic, 0.0) < 0.05)) {
                continue;
            }
            md.append("| ").append(topic).append(" |");
            results.forEach(r -> md.append(String.format(Locale.ROOT, " %.2f |", r.writesPerOrderByTopic().getOrDefault(topic, 0.0))));
            md.append('\n');
        }
        md.append("| **all changelogs** |");
        results.forEach(r -> md.append(String.format(Locale.ROOT, " **%.2f** |", r.changelogWritesPerOrder())));
        md.append("\n| **all topics** |");
        results.forEach(r -> md.append(String.format(Locale.ROOT, " **%.2f** |", r.writesPerOrder())));
        md.append("\n\n");
        md.append("Where the stream threads' time went during the burst (Kafka Streams' thread metrics, mean of 0.5 s samples over each"
                + " service's threads; a poll includes waiting for records):\n\n| guarantee | service | threads | processing | punctuation |"
                + " commits | polls | mean commit ms |\n|---|---|---|---|---|---|---|---|\n");
        for (final Result r : results) {
            r.threadTime().forEach((service, shares) -> md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f %% | %.0f %% | %.0f %% |"
                    + " %.0f %% | %.1f |%n", r.guarantee(), service, shares.threads(), 100 * shares.process(), 100 * shares.punctuate(),
                    100 * shares.commit(), 100 * shares.poll(), shares.commitLatencyMs())));
        }
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Latency from submission to the status a shop sees on `orders.status` (committed), %d orders at %d/s:%n%n",
                options.integer("latency-orders"), options.integer("rate")));
        md.append("| guarantee | status | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (final Result r : results) {
            for (final OrderStatus stage : STAGES) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d |%n", r.guarantee(), stage,
                        r.latencies().percentile(stage, 50), r.latencies().percentile(stage, 95), r.latencies().percentile(stage, 99),
                        r.latencies().percentile(stage, 100)));
            }
        }
        md.append("\n![Latency from submission, percentiles](pipeline-latency.svg)\n");
        if (!earlierRounds.isEmpty()) {
            md.append("\nThe rounds before the last (the JVM warming up; not the measurement):\n\n| round | guarantee | orders/s to ACCEPTED |"
                    + " to CLEARED | to SCHEDULED | broker writes per order | p50 / p99 to RESERVED ms |\n|---|---|---|---|---|---|---|\n");
            for (final Result r : earlierRounds) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %,.0f | %.1f | %d / %d |%n", r.round(), r.guarantee(),
                        r.perSecond().get(OrderStatus.ACCEPTED), r.perSecond().get(OrderStatus.CLEARED), r.perSecond().get(OrderStatus.SCHEDULED),
                        r.writesPerOrder(),
                        r.latencies().percentile(OrderStatus.RESERVED, 50), r.latencies().percentile(OrderStatus.RESERVED, 99)));
            }
        }
        return md.toString();
    }

    /** Grouped bars: p50, p95, p99 to RESERVED and to SCHEDULED, per guarantee. */
    private static String chart(final List<Result> results) {
        final int width = 760;
        final int height = 320;
        final int left = 60;
        final int bottom = 260;
        final long max = results.stream().mapToLong(r -> r.latencies().percentile(OrderStatus.SCHEDULED, 99)).max().orElse(1);
        final double scale = 220.0 / Math.max(1, max);
        final String[] colours = {"#4e79a7", "#f28e2b", "#e15759"};
        final double[] percentiles = {50, 95, 99};
        final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"20\" font-size=\"14\">Submission to status (ms), at the steady rate</text>%n"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", width, height, left, left, bottom, width - 20, bottom));
        int x = left + 10;
        for (final Result r : results) {
            for (final OrderStatus stage : List.of(OrderStatus.RESERVED, OrderStatus.SCHEDULED)) {
                for (int i = 0; i < percentiles.length; i++) {
                    final long value = r.latencies().percentile(stage, percentiles[i]);
                    final double barHeight = value * scale;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"%.1f\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\">%d</text>%n", x, bottom - barHeight, barHeight, colours[i],
                            x, bottom - barHeight - 3, value));
                    x += 20;
                }
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>%n", x - 60, bottom + 15,
                        stage.name().toLowerCase(Locale.ROOT)));
                x += 25;
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x - 190, bottom + 32, r.guarantee()));
            x += 40;
        }
        for (int i = 0; i < percentiles.length; i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">p%.0f</text>%n",
                    width - 200 + i * 60, 30, colours[i], width - 184 + i * 60, 40, percentiles[i]));
        }
        return svg.append("</svg>\n").toString();
    }
}
