package org.orderpool.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;
import org.orderpool.intake.OrderIntakeApplication;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway throughput and latency: starts a broker, the registry and order-intake on this machine,
 * warms up, then sends signed pool-format orders (each a new order, so each is durably written
 * before its 202) from concurrent clients, and prints requests per second and latency percentiles.
 * Arguments: {@code requests=N concurrency=C warmup=W format=pool|shopify} (shopify: Shopify's {@code orders/create}
 * webhooks, routed by their topic header).
 */
public final class GatewayBenchmark {

    private static final String SECRET = "demo-secret-tea-house";

    private GatewayBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final BenchmarkOptions options = BenchmarkOptions.parse(args, Map.of("requests", "20000", "concurrency", "16", "warmup", "3000",
                "format", "pool"));
        final int requests = options.integer("requests");
        final int concurrency = options.integer("concurrency");
        final int warmup = options.integer("warmup");
        final Format format = Format.valueOf(options.text("format").toUpperCase(Locale.ROOT));
        final Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-benchmark");
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, work.resolve("registry.log")).start();
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, work.resolve("kafka"), Map.of()).start()) {
            new ContractDeployer(broker.bootstrapServers(), new CachingSchemaRegistryClient(
                    new ConfluentRegistryHttpClient(registry.confluentApiUrl())), (short) 1).deployAll();
            try (ConfigurableApplicationContext app = OrderIntakeApplication.builder().profiles("local").run(
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--orderpool.schema-registry.url=" + registry.confluentApiUrl(),
                    "--spring.kafka.streams.state-dir=" + work.resolve("state"),
                    "--server.port=0", "--logging.level.root=WARN")) {
                final String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + format.path;
                final byte[] template = Files.readAllBytes(Path.of(GatewayBenchmark.class.getResource(format.template).toURI()));
                System.out.printf("Warming up with %d requests...%n", warmup);
                run(format, url, template, 1, warmup, concurrency);
                System.out.printf("Measuring %d requests from %d concurrent clients...%n", requests, concurrency);
                final Result result = run(format, url, template, 2, requests, concurrency);
                result.print(format, requests, concurrency);
            }
        }
    }

    /**
     * What the clients send: the pool's own format ({@code X-Pool-Signature} over timestamp and body), or Shopify's
     * {@code orders/create} webhook as a store sends it (base64 HMAC of the body, topic, event id and triggered-at headers),
     * which the gateway routes by its topic header.
     */
    private enum Format {
        POOL("/shops/tea-house/orders", "/benchmark-order.json", "signed pool-format orders"),
        SHOPIFY("/shops/tea-house/webhooks/shopify", "/benchmark-shopify-order.json", "Shopify orders/create webhooks");

        private final String path;
        private final String template;
        private final String described;

        Format(final String path, final String template, final String described) {
            this.path = path;
            this.template = template;
            this.described = described;
        }
    }

    private record Result(long[] latenciesNanos, long elapsedNanos, int failures) {
        void print(final Format format, final int requests, final int concurrency) {
            Arrays.sort(latenciesNanos);
            System.out.printf("%nGateway benchmark: %d %s, %d concurrent clients, %d cores%n",
                    requests, format.described, concurrency, Runtime.getRuntime().availableProcessors());
            System.out.printf("  throughput      %.0f requests/s (each answered 202 after acks=all)%n", requests / (elapsedNanos / 1e9));
            System.out.printf("  latency p50     %.1f ms%n", percentile(0.50));
            System.out.printf("  latency p95     %.1f ms%n", percentile(0.95));
            System.out.printf("  latency p99     %.1f ms%n", percentile(0.99));
            System.out.printf("  latency max     %.1f ms%n", latenciesNanos[latenciesNanos.length - 1] / 1e6);
            System.out.printf("  non-202 answers %d%n", failures);
        }

        double percentile(final double p) {
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    /** {@code round} tells the warm-up's orders (1) from the measured ones (2): each request is a new order. */
    private static Result run(final Format format, final String url, final byte[] template, final int round, final int requests,
                              final int concurrency) throws Exception {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final String body = new String(template, StandardCharsets.UTF_8);
        final long[] latencies = new long[requests];
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        final long started = System.nanoTime();
        final List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    final HttpRequest request = request(format, url, body, round, i);
                    final long t0 = System.nanoTime();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                    } catch (final Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (final Future<?> client : running) {
            client.get();
        }
        final long elapsed = System.nanoTime() - started;
        clients.shutdown();
        return new Result(latencies, elapsed, failures.get());
    }

    private static HttpRequest request(final Format format, final String url, final String body, final int round, final int i) {
        final Instant now = Instant.now();
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (format == Format.POOL) {
            final byte[] order = body.replace("BENCH-REF", (round == 1 ? "warm-" : "run-") + i).getBytes(StandardCharsets.UTF_8);
            return request.header("X-Pool-Timestamp", Long.toString(now.getEpochSecond()))
                    .header("X-Pool-Signature", WebhookSignatures.poolSignature(SECRET, now.getEpochSecond(), order))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(order)).build();
        }
        // Shopify's order ids are large integers: one range per round, so every request is a new order
        final long orderId = round * 1_000_000_000_000L + i;
        final byte[] order = body.replace("BENCH-ID", Long.toString(orderId)).replace("BENCH-AT", now.toString())
                .getBytes(StandardCharsets.UTF_8);
        return request.header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(SECRET, order))
                .header("X-Shopify-Event-Id", "bench-" + round + "-" + i)
                .header("X-Shopify-Triggered-At", now.toString())
                .header("X-Shopify-Shop-Domain", "tea-house.myshopify.com")
                .POST(HttpRequest.BodyPublishers.ofByteArray(order)).build();
    }
}
