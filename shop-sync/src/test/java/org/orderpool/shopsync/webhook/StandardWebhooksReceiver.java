package org.orderpool.shopsync.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shop's webhook endpoint for tests, on loopback, that follows Standard Webhooks as a receiver: it
 * checks the three headers, the timestamp (within 5 minutes) and the signature, computed here with its
 * own code from the {@code whsec_} secret (not with shop-sync's), and answers 401 to anything that does
 * not verify. Per path it answers as the test says (200, 500, 429 with Retry-After, 410, or no answer
 * at all until closed), and it keeps every request and which ones it accepted.
 */
public final class StandardWebhooksReceiver implements AutoCloseable {

    private static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Delivery> received = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** How the endpoint at a path answers. */
    public record Reply(int status, String retryAfter, boolean silent) {

        public static Reply ok() {
            return new Reply(200, null, false);
        }

        public static Reply status(final int status) {
            return new Reply(status, null, false);
        }

        public static Reply tooManyRequests(final String retryAfter) {
            return new Reply(429, retryAfter, false);
        }

        /** Reads the request and never answers (until the receiver closes): for timeouts. */
        public static Reply silence() {
            return new Reply(0, null, true);
        }
    }

    /** One request as it arrived, whether its signature verified, and what the endpoint answered. */
    public record Delivery(String path, String webhookId, String timestamp, String signature, String body, boolean verified,
                           int answered) {

        public boolean accepted() {
            return verified && answered >= 200 && answered < 300;
        }
    }

    private StandardWebhooksReceiver(final HttpServer server) {
        this.server = server;
    }

    public static StandardWebhooksReceiver start() {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            final StandardWebhooksReceiver receiver = new StandardWebhooksReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (final IOException e) {
            throw new IllegalStateException("cannot start the webhook receiver: " + e.getMessage(), e);
        }
    }

    /** The endpoint at {@code path} verifies with this secret and answers {@code 200} until told otherwise. */
    public URI endpoint(final String path, final String whsecSecret) {
        keys.put(path, Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())));
        replies.putIfAbsent(path, Reply.ok());
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
    }

    public void answer(final String path, final Reply reply) {
        replies.put(path, reply);
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(received);
    }

    public List<Delivery> accepted(final String path) {
        return deliveries().stream().filter(d -> d.path().equals(path) && d.accepted()).toList();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final String id = exchange.getRequestHeaders().getFirst("webhook-id");
        final String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        final String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        final boolean verified = "POST".equals(exchange.getRequestMethod()) && verifies(keys.get(path), id, timestamp, signatures, body);
        final Reply reply = verified ? replies.getOrDefault(path, Reply.status(404)) : Reply.status(401);
        synchronized (this) {
            received.add(new Delivery(path, id, timestamp, signatures, body, verified, reply.silent() ? 0 : reply.status()));
        }
        if (reply.silent()) {
            awaitClose();
            exchange.close();
            return;
        }
        if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
        }
        exchange.sendResponseHeaders(reply.status(), -1);
        exchange.close();
    }

    /** Standard Webhooks verification, written from the specification: any {@code v1,} signature in the list may match. */
    static boolean verifies(final byte[] key, final String id, final String timestamp, final String signatures, final String body) {
        if (key == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        final long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (final NumberFormatException e) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - sentAt) > TOLERANCE_SECONDS) {
            return false;
        }
        final byte[] expected;
        try {
            final Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        for (final String signature : signatures.split(" ")) {
            final String[] parts = signature.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")) {
                try {
                    if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                        return true;
                    }
                } catch (final IllegalArgumentException e) {
                    // not base64: not this one
                }
            }
        }
        return false;
    }

    private void awaitClose() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
