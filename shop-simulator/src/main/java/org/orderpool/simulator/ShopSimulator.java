package org.orderpool.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated shops sending orders to the pool the way real ones do: pool JSON, Shopify and WooCommerce
 * webhooks to order-intake's gateway (signed with each shop's secret) and Avro records from a
 * Kafka-native shop; with duplicates, cancellations, bad requests, fraud patterns and warehouse
 * restocks. Arrivals are random (exponential gaps) at the configured rate.
 */
public final class ShopSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopSimulator.class);

    private final SimulatorSettings settings;
    private final URI gateway;
    private final OrderGenerator generator;
    private final List<SimulatedShop> shops;
    private final ContractProducer producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "shop-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger checkouts = new AtomicInteger();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Set<String> enteredOrderIds = new ConcurrentSkipListSet<>();
    private volatile Instant startedAt;

    public ShopSimulator(final SimulatorSettings settings, final List<SimulatedShop> shops, final URI gateway, final String bootstrapServers,
                         final BoundTopics topics) {
        this.settings = settings;
        this.shops = List.copyOf(shops);
        this.gateway = gateway;
        this.generator = new OrderGenerator(settings.seed(), shops);
        this.producer = new ContractProducer(bootstrapServers, topics);
    }

    /** Starts the shops and the warehouse; returns at once. */
    public ShopSimulator start() {
        startedAt = Instant.now();
        scheduleNextCheckout();
        clock.scheduleWithFixedDelay(this::restock, settings.restockEvery().toMillis(), settings.restockEvery().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Checkouts made so far (fraud bursts count each order). */
    public int checkouts() {
        return checkouts.get();
    }

    /** Whether the configured number of checkouts has been made, or the configured time has passed. */
    public boolean finished() {
        return settings.maxOrders() > 0 && checkouts.get() >= settings.maxOrders()
                || !settings.runFor().isZero() && startedAt != null && Instant.now().isAfter(startedAt.plus(settings.runFor()));
    }

    /** Ids of the orders that entered the pipeline (accepted by the gateway or written to Kafka), each once. */
    public Set<String> enteredOrderIds() {
        return Set.copyOf(enteredOrderIds);
    }

    /** How many deliveries ended how: {@code http-202}, {@code http-401}, {@code kafka}, {@code cancel}, {@code restock}... */
    public Map<String, Long> outcomes() {
        final Map<String, Long> copy = new java.util.TreeMap<>();
        outcomes.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    private void scheduleNextCheckout() {
        if (finished() || settings.ordersPerMinute() <= 0) {
            return;
        }
        final double meanGapMillis = 60_000.0 / settings.ordersPerMinute();
        final long gap = (long) (-Math.log(1 - generator.random().nextDouble()) * meanGapMillis);
        clock.schedule(() -> {
            try {
                checkout();
            } catch (final RuntimeException e) {
                count("error");
                LOG.warn("A simulated checkout failed: {}", e.getMessage());
            }
            scheduleNextCheckout();
        }, gap, TimeUnit.MILLISECONDS);
    }

    private void checkout() {
        final Instant now = Instant.now();
        if (generator.chance(settings.fraudShare())) {
            for (final SimOrder order : generator.fraudBurst(now)) {
                if (!finished()) {
                    deliver(order, false);
                }
            }
            return;
        }
        final SimulatedShop shop = generator.pickShop();
        if (generator.chance(settings.badRequestShare())) {
            if (generator.random().nextBoolean() && shop.platform() != SimulatedShop.Platform.KAFKA) {
                deliver(generator.order(shop, now), true); // forged signature: refused with 401, never enters
            } else {
                deliver(generator.invalid(shop, now), false); // refused with field-level reasons
            }
            return;
        }
        final SimOrder order = generator.order(shop, now);
        final Runnable delivery = deliver(order, false);
        if (generator.chance(settings.duplicateShare())) {
            clock.schedule(delivery, 1 + generator.random().nextInt(5), TimeUnit.SECONDS);
        }
        if (generator.chance(settings.cancelShare())) {
            clock.schedule(() -> cancel(order), 2 + generator.random().nextInt(40), TimeUnit.SECONDS);
        }
    }

    /** Delivers an order and returns how to deliver it again, exactly the same way (a platform's retry). */
    private Runnable deliver(final SimOrder order, final boolean forgeSignature) {
        checkouts.incrementAndGet();
        final Runnable delivery = order.shop().platform() == SimulatedShop.Platform.KAFKA ? kafkaDelivery(order) : webhookDelivery(order, forgeSignature);
        delivery.run();
        return delivery;
    }

    private Runnable webhookDelivery(final SimOrder order, final boolean forgeSignature) {
        final SimulatedShop shop = order.shop();
        final String secret = forgeSignature ? "not-the-shop-secret" : shop.secret();
        final String eventId = UUID.randomUUID().toString();
        final long timestamp = Instant.now().getEpochSecond();
        final HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        final byte[] body;
        switch (shop.platform()) {
            case SHOPIFY -> {
                body = WebhookPayloads.shopify(order);
                request.uri(gateway.resolve("/shops/" + shop.shopId() + "/webhooks/shopify"))
                        .header("X-Shopify-Hmac-Sha256", WebhookSignatures.base64Signature(secret, body))
                        .header("X-Shopify-Webhook-Id", eventId).header("X-Shopify-Topic", "orders/create");
            }
            case WOOCOMMERCE -> {
                body = WebhookPayloads.wooCommerce(order);
                request.uri(gateway.resolve("/shops/" + shop.shopId() + "/webhooks/woocommerce"))
                        .header("X-WC-Webhook-Signature", WebhookSignatures.base64Signature(secret, body))
                        .header("X-WC-Webhook-Delivery-ID", eventId).header("X-WC-Webhook-Topic", "order.created");
            }
            default -> {
                body = WebhookPayloads.poolJson(order);
                request.uri(gateway.resolve("/shops/" + shop.shopId() + "/orders"))
                        .header("X-Pool-Timestamp", Long.toString(timestamp))
                        .header("X-Pool-Signature", WebhookSignatures.poolSignature(secret, timestamp, body))
                        .header("X-Pool-Event-Id", eventId);
            }
        }
        final HttpRequest built = request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return () -> {
            try {
                final HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                count("http-" + response.statusCode());
                if (response.statusCode() == 202) {
                    enteredOrderIds.add(OrderIds.forShopOrder(shop.shopId(), order.shopOrderRef()));
                } else if (response.statusCode() >= 400) {
                    LOG.debug("{} refused {} ({}): {}", gateway, order.shopOrderRef(), order.kind(), response.body());
                }
            } catch (final IOException e) {
                count("http-unreachable");
                LOG.warn("The gateway {} is unreachable: {}", gateway, e.getMessage());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private Runnable kafkaDelivery(final SimOrder order) {
        final SubmittedOrder submitted = order.toSubmitted(Instant.now());
        final ShopOrderKey key = new ShopOrderKey(order.shop().shopId(), order.shopOrderRef());
        return () -> {
            producer.send(Topics.SHOP_ORDERS_SUBMITTED, key, submitted);
            count("kafka");
            enteredOrderIds.add(OrderIds.forShopOrder(order.shop().shopId(), order.shopOrderRef()));
        };
    }

    private void cancel(final SimOrder order) {
        final String orderId = OrderIds.forShopOrder(order.shop().shopId(), order.shopOrderRef());
        if (!enteredOrderIds.contains(orderId)) {
            return;
        }
        producer.send(Topics.ORDERS_CANCELLATIONS, orderId, OrderCancellation.newBuilder().setCancellationId(UUID.randomUUID().toString())
                .setOrderId(orderId).setShopId(order.shop().shopId()).setShopOrderRef(order.shopOrderRef())
                .setReason("customer changed their mind").setRequestedAt(Instant.now()).build());
        count("cancel");
    }

    private void restock() {
        try {
            final List<String> skus = new ArrayList<>(shops.stream().flatMap(shop -> shop.skus().stream()).distinct().toList());
            for (int i = 0; i < 2 && !skus.isEmpty(); i++) {
                final String sku = skus.remove(generator.random().nextInt(skus.size()));
                producer.send(Topics.STOCK_MOVEMENTS, sku, StockMovement.newBuilder().setMovementId("sim-restock-" + UUID.randomUUID()).setSku(sku)
                        .setWarehouseId("pool-wh-1").setType(StockMovementType.RECEIPT).setQuantityDelta(10 + generator.random().nextInt(16))
                        .setNote("simulated supplier delivery").setOccurredAt(Instant.now()).build());
                count("restock");
            }
        } catch (final RuntimeException e) {
            LOG.warn("A simulated restock failed: {}", e.getMessage());
        }
    }

    private void count(final String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private static Money eur(final long cents) {
        return new Money(cents, "EUR");
    }
}
