package org.orderpool.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.gateway.WebhookSignatures;
import org.orderpool.simulator.SimOrder;
import org.orderpool.simulator.WebhookPayloads;

/**
 * A shop that does what the pool must survive without harm: records whose key names one order and
 * whose value carries another, record timestamps days in the past or most of an hour in the future (a shop's
 * CreateTime is its own choice), and the same order sent on every channel it has (the shared intake
 * topic, the shop's own intake topic and the gateway), again after restarts. What each should come to
 * is what the run expects: every order reaches exactly one terminal status whatever the shop did.
 */
final class HostileShop {

    /** How far back a careless or hostile shop stamps a record: past fraud's windows and intake's dedup retention. */
    static final Duration STAMPED_BACK = Duration.ofDays(8);
    /**
     * How far ahead a shop with a wrong clock stamps a record: just under the hour past which the broker itself
     * refuses a record ({@code message.timestamp.after.max.ms}, 1 h by default since Kafka 4.0).
     */
    static final Duration STAMPED_AHEAD = Duration.ofMinutes(50);

    private final ShopProducer producer;
    private final URI gateway;
    private final Consumer<String> submitted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger mismatches = new AtomicInteger();
    private final AtomicInteger skewed = new AtomicInteger();
    private final AtomicInteger multiChannel = new AtomicInteger();
    private final Map<String, Integer> gatewayAnswers = new ConcurrentSkipListMap<>();

    /**
     * @param gateway   order-intake's gateway
     * @param submitted told the id of every order the pool must bring to one terminal status
     */
    HostileShop(final ShopProducer producer, final URI gateway, final Consumer<String> submitted) {
        this.producer = producer;
        this.gateway = gateway;
        this.submitted = submitted;
    }

    /**
     * A record keyed by another ref of the same shop, carrying an earlier order's value. The earlier
     * order's history must not change; the record is answered on the key's own order, which is
     * REJECTED ({@code key_mismatch}) and so must reach exactly one terminal status too.
     */
    void sendUnderAnotherKey(final SubmittedOrder earlier) {
        final String ref = earlier.getShopOrderRef() + "-k" + mismatches.incrementAndGet();
        producer.send(Topics.SHOP_ORDERS_SUBMITTED, new ShopOrderKey(earlier.getShopId(), ref), earlier);
        submitted.accept(OrderIds.forShopOrder(earlier.getShopId(), ref));
    }

    /** An order whose record timestamp the shop set days back or 50 minutes ahead; sent twice, it is still one order. */
    void sendWithSkewedTimestamp(final SubmittedOrder order, final boolean back) {
        final Instant stamp = back ? Instant.now().minus(STAMPED_BACK) : Instant.now().plus(STAMPED_AHEAD);
        final ShopOrderKey key = new ShopOrderKey(order.getShopId(), order.getShopOrderRef());
        producer.send(Topics.SHOP_ORDERS_SUBMITTED, key, order, stamp);
        submitted.accept(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()));
        producer.send(Topics.SHOP_ORDERS_SUBMITTED, key, order, back ? stamp.minus(Duration.ofDays(1)) : stamp.plus(Duration.ofMinutes(5)));
        skewed.incrementAndGet();
    }

    /** One order on the shared intake topic, the shop's own intake topic and the gateway: one order id, one order. */
    void sendOnEveryChannel(final SimOrder order) {
        final SubmittedOrder submittedOrder = order.toSubmitted(Instant.now());
        final ShopOrderKey key = new ShopOrderKey(order.shop().shopId(), order.shopOrderRef());
        producer.send(Topics.SHOP_ORDERS_SUBMITTED, key, submittedOrder);
        submitted.accept(OrderIds.forShopOrder(order.shop().shopId(), order.shopOrderRef()));
        producer.send(Topics.shopIntake(order.shop().shopId()), key, submittedOrder);
        sendThroughGateway(order);
        multiChannel.incrementAndGet();
    }

    private void sendThroughGateway(final SimOrder order) {
        final byte[] body = WebhookPayloads.poolJson(order);
        final long timestamp = Instant.now().getEpochSecond();
        final HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/shops/" + order.shop().shopId() + "/orders"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Pool-Timestamp", Long.toString(timestamp))
                .header("X-Pool-Signature", WebhookSignatures.poolSignature(order.shop().secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            gatewayAnswers.merge("HTTP " + response.statusCode() + (response.statusCode() >= 400 ? " " + response.body() : ""), 1,
                    Integer::sum);
        } catch (final IOException e) {
            // order-intake may be down right now (it is killed too); the order came in on the topics anyway
            gatewayAnswers.merge("unreachable", 1, Integer::sum);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int keyMismatches() {
        return mismatches.get();
    }

    int skewedTimestamps() {
        return skewed.get();
    }

    int multiChannelOrders() {
        return multiChannel.get();
    }

    /** What the gateway answered the orders sent on every channel (it is killed like the other services). */
    Map<String, Integer> gatewayAnswers() {
        return Map.copyOf(gatewayAnswers);
    }
}
