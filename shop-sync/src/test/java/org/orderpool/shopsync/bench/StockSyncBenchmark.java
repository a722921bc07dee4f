package org.orderpool.shopsync.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shopsync.domain.PlatformKind;
import org.orderpool.shopsync.domain.Retention;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.ConnectorCalls;
import org.orderpool.shopsync.platform.PlatformConnector;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.shopify.FakeShopify;
import org.orderpool.shopsync.platform.shopify.ShopifyConnector;
import org.orderpool.shopsync.platform.shopify.ShopifySettings;
import org.orderpool.shopsync.platform.woocommerce.FakeWooCommerce;
import org.orderpool.shopsync.platform.woocommerce.WooCommerceConnector;
import org.orderpool.shopsync.platform.woocommerce.WooCommerceSettings;
import org.orderpool.shopsync.topology.PlatformSettings;
import org.orderpool.shopsync.topology.PlatformSide;
import org.orderpool.shopsync.topology.ShopSyncSettings;
import org.orderpool.shopsync.topology.ShopSyncTopology;
import org.orderpool.testing.Fixtures;
import org.slf4j.LoggerFactory;

/**
 * Stock on the storefront, measured: shop-sync's topology (exactly-once v2, a real in-JVM KRaft broker)
 * with the real Shopify and WooCommerce connectors against the local fakes on loopback, one shop on each,
 * both selling every SKU.
 *
 * <ol>
 *   <li>Warm-up: one record for every SKU, until each is on both platforms (first reads, connections, JIT).</li>
 *   <li>Latency: {@code latency-levels} stock.levels records at {@code rate} a second over {@code skus}
 *   SKUs; for each figure that reached a platform (a figure superseded before its push is coalesced away),
 *   the time from the record's send to the fake applying it: p50, p95, p99.</li>
 *   <li>Throughput: {@code burst-levels} records as fast as the producer goes; platform calls and SKU
 *   updates a second until every SKU's newest figure is on both platforms.</li>
 * </ol>
 *
 * Arguments ({@code key=value}): {@code skus}, {@code latency-levels}, {@code rate}, {@code burst-levels},
 * {@code send-every} (the punctuation, shop-sync.yml's 250ms by default), {@code call-slots}, {@code batch}.
 * The fakes' cost bucket is unlimited: this measures shop-sync, not Shopify's plan (a Standard store
 * restores 100 points a second, 10 of these calls).
 */
public final class StockSyncBenchmark {

    private static final String LOCATION = "gid://shopify/Location/1";

    private StockSyncBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        final Map<String, String> options = options(args, Map.of("skus", "200", "latency-levels", "3000", "rate", "100",
                "burst-levels", "20000", "send-every", "250ms", "call-slots", "8", "batch", "50"));
        final int skuCount = Integer.parseInt(options.get("skus"));
        final String every = options.get("send-every").strip();
        final Duration sendEvery = every.endsWith("ms") ? Duration.ofMillis(Long.parseLong(every.substring(0, every.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(every.replace("s", "")));
        final Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stock-sync-bench");
        final List<String> skus = new ArrayList<>();
        for (int i = 0; i < skuCount; i++) {
            skus.add(String.format("SKU-BENCH-%04d", i));
        }
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        final AtomicLong shopifySets = new AtomicLong();
        final AtomicLong wooSets = new AtomicLong();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start();
             FakeShopify shopify = FakeShopify.start("shpat_bench", "2026-10");
             FakeWooCommerce woo = FakeWooCommerce.start("ck_bench", "cs_bench")) {
            shopify.bucket(1e12, 1e12);
            final Map<String, String> shopifyItems = new LinkedHashMap<>();
            final Map<String, WooCommerceSettings.Item> wooItems = new LinkedHashMap<>();
            final Map<String, String> skuOfItem = new HashMap<>();
            final Map<Long, String> skuOfProduct = new HashMap<>();
            for (int i = 0; i < skuCount; i++) {
                final String item = "gid://shopify/InventoryItem/" + (10_000 + i);
                shopify.stock(item, LOCATION, 0);
                shopifyItems.put(skus.get(i), item);
                skuOfItem.put(item, skus.get(i));
                woo.product(20_000 + i, 0);
                wooItems.put(skus.get(i), new WooCommerceSettings.Item(20_000 + i, null));
                skuOfProduct.put(20_000L + i, skus.get(i));
            }
            shopify.onStockSet((item, quantity) -> {
                shopifySets.incrementAndGet();
                arrivals.putIfAbsent("shopify|" + skuOfItem.get(item) + "|" + quantity, System.nanoTime());
            });
            woo.onStockSet((id, quantity) -> {
                wooSets.incrementAndGet();
                arrivals.putIfAbsent("woocommerce|" + skuOfProduct.get(id) + "|" + quantity, System.nanoTime());
            });
            final String prefix = "bench.";
            final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), prefix);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(Topics.all().stream().map(topic -> topic.withNamePrefix(prefix).newTopic((short) 1)).toList()).all().get();
            }
            final PlatformHttp http = new PlatformHttp(Duration.ofSeconds(15));
            final Map<String, PlatformConnector> connectors = Map.of(
                    "ceramics-studio", new ShopifyConnector(new ShopifySettings("ceramics-studio", ShopifySettings.endpoint(shopify.baseUrl(),
                            "2026-10", "bench"), "shpat_bench", LOCATION, Map.of(), shopifyItems), http, System::currentTimeMillis),
                    "bike-corner", new WooCommerceConnector(new WooCommerceSettings("bike-corner", woo.siteUrl(), "ck_bench", "cs_bench",
                            Map.of(), wooItems, false), http, TrackingUrls.none()));
            final ShopPlatforms shops = new ShopPlatforms(List.of(
                    new ShopPlatform("ceramics-studio", PlatformKind.SHOPIFY, shopifyItems, null, false),
                    new ShopPlatform("bike-corner", PlatformKind.WOOCOMMERCE, Map.copyOf(skuStrings(wooItems)), null, false)));
            final RetrySchedule standard = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                    Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), 0.2);
            final ShopSyncSettings settings = new ShopSyncSettings(standard, Duration.ofSeconds(30), Duration.ofDays(3), sendEvery, 200,
                    Duration.ofMinutes(1), new Retention(Duration.ofDays(30), Duration.ofDays(90)), Duration.ofMinutes(1));
            final int slots = Integer.parseInt(options.get("call-slots"));
            final int batch = Integer.parseInt(options.get("batch"));
            final Random random = new Random(7);
            try (ConnectorCalls calls = new ConnectorCalls(connectors, slots)) {
                final ShopSyncTopology topology = new ShopSyncTopology(topics, settings, new ShopDocuments(TrackingUrls.none()),
                        shop -> Optional.empty(), request -> Optional.empty(), random::nextDouble)
                        .withPlatforms(new PlatformSide(shops, new PlatformSettings(standard, 1000, batch), calls));
                final Properties props = new Properties();
                props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "shop-sync");
                props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
                props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
                props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
                props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
                try (KafkaStreams streams = new KafkaStreams(topology.build(), props);
                     KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                             broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                             ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer())) {
                    streams.start();
                    Awaitility.await("the stock topology runs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
                    final Sender sender = new Sender(producer, topics, skus);
                    sender.sendEach(); // warm-up: every SKU once, until all are on both platforms (first reads, JIT, connections)
                    await(arrivals, sender.newest(), Duration.ofMinutes(2));
                    final Map<String, Long> sent = sender.send(Integer.parseInt(options.get("latency-levels")),
                            Integer.parseInt(options.get("rate")));
                    await(arrivals, sender.newest(), Duration.ofMinutes(2));
                    final List<String> report = new ArrayList<>();
                    report.add(String.format("shop-sync stock benchmark: %d SKUs on one Shopify and one WooCommerce shop, exactly-once v2, "
                            + "send-every %d ms, %d call slots, batches of up to %d SKUs, %d cores", skuCount, sendEvery.toMillis(), slots,
                            batch, Runtime.getRuntime().availableProcessors()));
                    for (final String platform : List.of("shopify", "woocommerce")) {
                        final List<Long> latencies = new ArrayList<>();
                        sent.forEach((key, at) -> {
                            final Long arrived = arrivals.get(platform + "|" + key);
                            if (arrived != null) {
                                latencies.add(arrived - at);
                            }
                        });
                        report.add(String.format("  latency, stock.levels record to %-11s %5d of %d figures reached it (rest coalesced): "
                                + "p50 %4d ms, p95 %4d ms, p99 %4d ms", platform + ":", latencies.size(), sent.size(),
                                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)));
                    }
                    final int shopifyCallsBefore = shopify.requests().size();
                    final int wooCallsBefore = woo.requests().size();
                    final long shopifySetsBefore = shopifySets.get();
                    final long wooSetsBefore = wooSets.get();
                    final long burstStart = System.nanoTime();
                    final int burst = Integer.parseInt(options.get("burst-levels"));
                    sender.send(burst, 0);
                    final long sentAll = System.nanoTime();
                    await(arrivals, sender.newest(), Duration.ofMinutes(5));
                    final double seconds = (System.nanoTime() - burstStart) / 1e9;
                    final int shopifyCalls = shopify.requests().size() - shopifyCallsBefore;
                    final int wooCalls = woo.requests().size() - wooCallsBefore;
                    report.add(String.format("  burst: %d records sent in %.1f s; every SKU's newest figure on both platforms after %.1f s",
                            burst, (sentAll - burstStart) / 1e9, seconds));
                    report.add(String.format("    shopify:     %6d calls (%5.1f calls/s), %6d SKU quantities set (%6.0f/s)", shopifyCalls,
                            shopifyCalls / seconds, shopifySets.get() - shopifySetsBefore, (shopifySets.get() - shopifySetsBefore) / seconds));
                    report.add(String.format("    woocommerce: %6d calls (%5.1f calls/s), %6d SKU quantities set (%6.0f/s)", wooCalls,
                            wooCalls / seconds, wooSets.get() - wooSetsBefore, (wooSets.get() - wooSetsBefore) / seconds));
                    System.out.println();
                    report.forEach(System.out::println);
                }
            }
        }
    }

    private static Map<String, String> skuStrings(final Map<String, WooCommerceSettings.Item> items) {
        final Map<String, String> strings = new LinkedHashMap<>();
        items.forEach((sku, item) -> strings.put(sku, Long.toString(item.productId())));
        return strings;
    }

    /** Writes stock.levels records, each SKU's figure one higher than its last, remembering when each was sent. */
    private static final class Sender {
        private final KafkaProducer<byte[], byte[]> producer;
        private final BoundTopics topics;
        private final List<String> skus;
        private final Map<String, Integer> figures = new HashMap<>();
        private final Random random = new Random(42);

        Sender(final KafkaProducer<byte[], byte[]> producer, final BoundTopics topics, final List<String> skus) {
            this.producer = producer;
            this.topics = topics;
            this.skus = skus;
        }

        /** @param rate records a second, 0 for as fast as the producer goes */
        Map<String, Long> send(final int records, final int rate) {
            final Map<String, Long> sent = new LinkedHashMap<>();
            final String name = topics.name(Topics.STOCK_LEVELS);
            final long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                if (rate > 0) {
                    // pace the producer: park until this record's moment (the pipeline benchmark paces the same way)
                    LockSupport.parkNanos(start + (long) (i * 1e9 / rate) - System.nanoTime());
                }
                final String sku = skus.get(random.nextInt(skus.size()));
                final int figure = figures.merge(sku, 1, Integer::sum) + 100;
                final StockLevel level = StockLevel.newBuilder(Fixtures.stockLevel(sku, figure + 10, 10)).setAvailable(figure)
                        .setUpdatedAt(Instant.now()).build();
                sent.put(sku + "|" + figure, System.nanoTime());
                producer.send(new ProducerRecord<>(name, topics.keySerde(Topics.STOCK_LEVELS).serializer().serialize(name, sku),
                        topics.valueSerde(Topics.STOCK_LEVELS).serializer().serialize(name, level)));
            }
            producer.flush();
            return sent;
        }

        /** One record for every SKU. */
        void sendEach() {
            final String name = topics.name(Topics.STOCK_LEVELS);
            for (final String sku : skus) {
                final int figure = figures.merge(sku, 1, Integer::sum) + 100;
                final StockLevel level = StockLevel.newBuilder(Fixtures.stockLevel(sku, figure + 10, 10)).setAvailable(figure)
                        .setUpdatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(name, topics.keySerde(Topics.STOCK_LEVELS).serializer().serialize(name, sku),
                        topics.valueSerde(Topics.STOCK_LEVELS).serializer().serialize(name, level)));
            }
            producer.flush();
        }

        /** Each SKU's newest figure sent: what must end up on both platforms. */
        List<String> newest() {
            final List<String> keys = new ArrayList<>();
            figures.forEach((sku, count) -> keys.add(sku + "|" + (count + 100)));
            return keys;
        }
    }

    private static void await(final Map<String, Long> arrivals, final List<String> newest, final Duration timeout) {
        Awaitility.await("every SKU's newest figure on both platforms").atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> newest.stream().allMatch(key -> arrivals.containsKey("shopify|" + key)
                        && arrivals.containsKey("woocommerce|" + key)));
    }

    private static long percentile(final List<Long> nanos, final int percent) {
        if (nanos.isEmpty()) {
            return -1;
        }
        final long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1_000_000;
    }

    private static Map<String, String> options(final String[] args, final Map<String, String> defaults) {
        final Map<String, String> options = new HashMap<>(defaults);
        Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.split("\\s+"))).filter(arg -> !arg.isBlank()).forEach(arg -> {
            final String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !defaults.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known: " + defaults.keySet());
            }
            options.put(pair[0], pair[1]);
        });
        return options;
    }
}
