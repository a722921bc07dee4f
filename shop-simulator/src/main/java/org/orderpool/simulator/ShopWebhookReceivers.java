package org.orderpool.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated shops' own webhook endpoints, on loopback: {@code POST /shops/<shopId>/webhooks} receives the
 * pool's status webhooks (Standard Webhooks) for that shop, checks the signature with this class's own code and
 * the shop's {@code whsec_} secret, and counts what it accepted per shop and per event type. {@code GET /} answers
 * the counts as JSON. What it does not do: act on the events (a real shop would mark the order shipped).
 *
 * <p>Answers: 204 to a verified delivery (a repeated {@code webhook-id} is counted once, as a shop's idempotent
 * receiver would, and answered 204 again); 401 when a header is missing, the timestamp is more than 5 minutes
 * away, or no {@code v1} signature matches; 404 for an unknown shop; 400 for a body that is not an event.
 */
public final class ShopWebhookReceivers implements AutoCloseable {

    /** Standard Webhooks' advice against replays: refuse a timestamp further than this from now. */
    static final long TOLERANCE_SECONDS = 300;
    /** How many webhook ids each shop remembers to tell a redelivery from a new event. */
    static final int REMEMBERED_IDS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, byte[]> keys;
    private final Map<String, Map<String, AtomicLong>> verified = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> seenIds = new ConcurrentHashMap<>();
    private final AtomicLong redeliveries = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private ShopWebhookReceivers(final HttpServer server, final ExecutorService executor, final Clock clock,
                                 final Map<String, byte[]> keys) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.keys = keys;
    }

    /** Starts one endpoint per shop on {@code localhost:port} (0: any free port). */
    public static ShopWebhookReceivers start(final List<SimulatedShop> shops, final int port) {
        return start(shops, port, Clock.systemUTC());
    }

    static ShopWebhookReceivers start(final List<SimulatedShop> shops, final int port, final Clock clock) {
        final Map<String, byte[]> keys = new LinkedHashMap<>();
        shops.forEach(shop -> keys.put(shop.shopId(), key(shop.webhookSecret())));
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                final Thread thread = new Thread(r, "shop-webhook-receiver");
                thread.setDaemon(true);
                return thread;
            });
            final ShopWebhookReceivers receivers = new ShopWebhookReceivers(server, executor, clock, keys);
            server.createContext("/", receivers::handle);
            server.setExecutor(executor);
            server.start();
            return receivers;
        } catch (final IOException e) {
            throw new IllegalStateException("The shops' webhook receivers cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Where the pool sends a shop's status webhooks. */
    public URI endpoint(final String shopId) {
        return URI.create(baseUrl() + "/shops/" + shopId + "/webhooks");
    }

    /** The receivers' address; {@code GET} on it answers the counts. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Verified deliveries (each webhook id once) per shop and event type, e.g. {@code tea-house → order.shipped → 3}. */
    public Map<String, Map<String, Long>> counts() {
        final Map<String, Map<String, Long>> copy = new TreeMap<>();
        verified.forEach((shop, types) -> {
            final Map<String, Long> perType = new TreeMap<>();
            types.forEach((type, count) -> perType.put(type, count.get()));
            copy.put(shop, perType);
        });
        return copy;
    }

    /** Verified deliveries of a webhook id already counted. */
    public long redeliveries() {
        return redeliveries.get();
    }

    /** Requests refused: bad or missing signature, stale timestamp, unknown shop, not an event. */
    public long refused() {
        return refused.get();
    }

    /** One line for the console: {@code tea-house 12 (order.accepted 4, order.cleared 4, ...), ...}. */
    public String summary() {
        final Map<String, Map<String, Long>> counts = counts();
        final String perShop = counts.isEmpty() ? "none yet" : counts.entrySet().stream()
                .map(shop -> shop.getKey() + " " + shop.getValue().values().stream().mapToLong(Long::longValue).sum() + " ("
                        + shop.getValue().entrySet().stream().map(type -> type.getKey() + " " + type.getValue())
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        return "status webhooks verified by the demo shops: " + perShop + "; redeliveries " + redeliveries.get() + ", refused "
                + refused.get();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/".equals(path)) {
                final byte[] body = JSON.writeValueAsBytes(Map.of("verified", counts(), "redeliveries", redeliveries.get(),
                        "refused", refused.get()));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(receive(path, exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body), -1);
        }
    }

    /** What the shop's endpoint does with one request; returns the HTTP status to answer. */
    int receive(final String path, final String method, final String id, final String timestamp, final String signatures,
                final byte[] body) {
        final String[] parts = path.split("/");
        final String shopId = parts.length == 4 && parts[1].equals("shops") && parts[3].equals("webhooks") ? parts[2] : null;
        final byte[] key = shopId == null ? null : keys.get(shopId);
        if (key == null || !"POST".equals(method)) {
            refused.incrementAndGet();
            return 404;
        }
        if (!verifies(key, id, timestamp, signatures, body, clock.millis() / 1000)) {
            refused.incrementAndGet();
            return 401;
        }
        final String type;
        try {
            final JsonNode event = JSON.readTree(body);
            type = event.path("type").asText("");
            if (type.isEmpty() || !event.path("data").isObject()) {
                refused.incrementAndGet();
                return 400;
            }
        } catch (final IOException e) {
            refused.incrementAndGet();
            return 400;
        }
        if (!remember(shopId, id)) {
            redeliveries.incrementAndGet();
            return 204;
        }
        verified.computeIfAbsent(shopId, s -> new ConcurrentHashMap<>()).computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
        return 204;
    }

    /** Whether this webhook id is new for the shop; remembers at most {@link #REMEMBERED_IDS}, forgetting the oldest. */
    private boolean remember(final String shopId, final String id) {
        final Set<String> ids = seenIds.computeIfAbsent(shopId, s -> Collections.synchronizedSet(Collections.newSetFromMap(
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
                        return size() > REMEMBERED_IDS;
                    }
                })));
        return ids.add(id);
    }

    /**
     * Standard Webhooks verification as a shop writes it: HMAC-SHA256 of {@code id.timestamp.body} with the bytes the
     * secret encodes after {@code whsec_}, compared in constant time with each {@code v1,} signature of the list.
     */
    static boolean verifies(final byte[] key, final String id, final String timestamp, final String signatures, final byte[] body,
                            final long nowSeconds) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
                return false;
            }
        } catch (final NumberFormatException e) {
            return false;
        }
        final byte[] expected;
        try {
            final Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = hmac.doFinal(body);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        for (final String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")) {
                try {
                    if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                        return true;
                    }
                } catch (final IllegalArgumentException e) {
                    // not base64: not a match
                }
            }
        }
        return false;
    }

    private static byte[] key(final String whsecSecret) {
        if (whsecSecret == null || !whsecSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a shop's webhook secret starts with whsec_");
        }
        return Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
