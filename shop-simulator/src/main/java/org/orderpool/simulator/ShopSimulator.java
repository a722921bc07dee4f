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
import java.util.Locale;
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
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated shops sending orders to the pool the way real ones do: pool JSON, Shopify and WooCommerce
 * webhooks to order-intake's gateway (signed with each shop's secret, with each platform's topic and
 * delivery headers) and Avro records from a Kafka-native shop; whole lifecycles (some orders placed
 * unpaid and paid seconds later, some cancelled on their platform), duplicates, bad requests, fraud
 * patterns and warehouse restocks. Arrivals are random (exponential gaps) at the configured rate.
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
    /** Orders placed unpaid whose payment is still to come: their order id and how their platform announces it. */
    private final Map<String, Runnable> awaitingPayment = new ConcurrentHashMap<>();
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

    /**
     * Stops the shops. The payments still due of orders placed unpaid are sent first, so no order the simulator
     * placed is left waiting for a payment that never comes.
     */
    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(awaitingPayment.keySet()).forEach(this::pay);
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
                    deliver(order, PlatformEvent.CREATED_PAID, false);
                }
            }
            return;
        }
        final SimulatedShop shop = generator.pickShop();
        if (generator.chance(settings.badRequestShare())) {
            if (generator.random().nextBoolean() && shop.platform() != SimulatedShop.Platform.KAFKA) {
                deliver(generator.order(shop, now), PlatformEvent.CREATED_PAID, true); // forged signature: refused with 401, never enters
            } else {
                deliver(generator.invalid(shop, now), PlatformEvent.CREATED_PAID, false); // refused with field-level reasons
            }
            return;
        }
        final SimOrder order = generator.order(shop, now);
        final boolean unpaid = generator.chance(settings.unpaidShare());
        final Runnable delivery = deliver(order, unpaid ? PlatformEvent.CREATED_UNPAID : PlatformEvent.CREATED_PAID, false);
        if (generator.chance(settings.duplicateShare())) {
            clock.schedule(delivery, 1 + generator.random().nextInt(5), TimeUnit.SECONDS);
        }
        if (unpaid) {
            final String orderId = OrderIds.forShopOrder(shop.shopId(), order.shopOrderRef());
            awaitingPayment.put(orderId, () -> step(order, PlatformEvent.PAID));
            clock.schedule(() -> pay(orderId), 2 + generator.random().nextInt(7), TimeUnit.SECONDS);
        }
        if (generator.chance(settings.cancelShare())) {
            clock.schedule(() -> cancel(order), 2 + generator.random().nextInt(40), TimeUnit.SECONDS);
        }
    }

    /** Delivers a new order and returns how to deliver it again, exactly the same way (a platform's retry). */
    private Runnable deliver(final SimOrder order, final PlatformEvent event, final boolean forgeSignature) {
        checkouts.incrementAndGet();
        final Runnable delivery = order.shop().platform() == SimulatedShop.Platform.KAFKA ? kafkaDelivery(order, event)
                : webhookDelivery(order, event, forgeSignature);
        delivery.run();
        return delivery;
    }

    private Runnable webhookDelivery(final SimOrder order, final PlatformEvent event, final boolean forgeSignature) {
        final SimulatedShop shop = order.shop();
        final List<HttpRequest> requests = WebhookRequests.of(gateway, order, event, forgeSignature ? "not-the-shop-secret" : shop.secret(),
                Instant.now());
        final boolean created = event == PlatformEvent.CREATED_PAID || event == PlatformEvent.CREATED_UNPAID;
        final String prefix = created ? "" : event.name().toLowerCase(Locale.ROOT) + "-";
        return () -> requests.forEach(request -> {
            try {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                count(prefix + "http-" + response.statusCode());
                if (created && response.statusCode() == 202) {
                    enteredOrderIds.add(OrderIds.forShopOrder(shop.shopId(), order.shopOrderRef()));
                } else if (response.statusCode() >= 400) {
                    LOG.debug("{} refused {} of {} ({}): {}", gateway, event, order.shopOrderRef(), order.kind(), response.body());
                }
            } catch (final IOException e) {
                count("http-unreachable");
                LOG.warn("The gateway {} is unreachable: {}", gateway, e.getMessage());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Runnable kafkaDelivery(final SimOrder order, final PlatformEvent event) {
        final SubmittedOrder submitted = order.toSubmitted(Instant.now(), switch (event) {
            case CREATED_UNPAID -> PaymentState.PENDING;
            case PAID -> PaymentState.PAID;
            default -> null;
        });
        final ShopOrderKey key = new ShopOrderKey(order.shop().shopId(), order.shopOrderRef());
        final boolean created = event == PlatformEvent.CREATED_PAID || event == PlatformEvent.CREATED_UNPAID;
        return () -> {
            producer.send(Topics.SHOP_ORDERS_SUBMITTED, key, submitted);
            count(created ? "kafka" : "kafka-" + event.name().toLowerCase(Locale.ROOT));
            if (created) {
                enteredOrderIds.add(OrderIds.forShopOrder(order.shop().shopId(), order.shopOrderRef()));
            }
        };
    }

    /** A later step of an order's lifecycle, sent the way its shop's platform sends it. */
    private void step(final SimOrder order, final PlatformEvent event) {
        (order.shop().platform() == SimulatedShop.Platform.KAFKA ? kafkaDelivery(order, event) : webhookDelivery(order, event, false)).run();
    }

    /** The payment of an order placed unpaid comes in, unless it already did (when the simulator closed). */
    private void pay(final String orderId) {
        final Runnable payment = awaitingPayment.remove(orderId);
        if (payment != null) {
            payment.run();
        }
    }

    private void cancel(final SimOrder order) {
        final String orderId = OrderIds.forShopOrder(order.shop().shopId(), order.shopOrderRef());
        if (!enteredOrderIds.contains(orderId)) {
            return;
        }
        if (order.shop().platform() != SimulatedShop.Platform.KAFKA) {
            step(order, PlatformEvent.CANCELLED);
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
