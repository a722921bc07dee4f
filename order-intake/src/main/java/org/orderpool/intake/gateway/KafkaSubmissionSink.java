package org.orderpool.intake.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.client.KafkaDurability;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;

/**
 * Writes submitted orders to {@code shop.orders.submitted}, and shops' cancellations to
 * {@code orders.cancellations} and disputes to {@code fraud.disputes}, both keyed by order id, and returns only once the broker has acknowledged
 * them on all in-sync replicas (idempotent producer, acks=all), so the gateway never answers 202 for
 * something that is not durably written.
 */
public final class KafkaSubmissionSink implements SubmissionSink, CancellationSink, DisputeSink, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topic<ShopOrderKey, SubmittedOrder> topic;
    private final Topic<String, OrderCancellation> cancellations;
    private final Topic<String, OrderDispute> disputes;
    private final BoundTopics topics;
    private final Duration ackTimeout;

    /** @param kafkaClient how to connect: bootstrap servers and, on a secured cluster, the service's login */
    public KafkaSubmissionSink(final Map<String, Object> kafkaClient, final BoundTopics topics, final Duration ackTimeout) {
        this.topics = topics;
        this.topic = topics.topic(Topics.SHOP_ORDERS_SUBMITTED);
        this.cancellations = topics.topic(Topics.ORDERS_CANCELLATIONS);
        this.disputes = topics.topic(Topics.FRAUD_DISPUTES);
        this.ackTimeout = ackTimeout;
        final Map<String, Object> settings = new HashMap<>(kafkaClient);
        settings.putAll(KafkaDurability.producer());
        // the gateway answers within its ack timeout (503 otherwise), so it waits less than the pool's delivery timeout
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "order-intake-gateway",
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), 5_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeout.toMillis(), 5_000)));
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(final SubmittedOrder order) throws PublishFailedException {
        // On the partition its order id hashes to: order-intake then decides it in the order's own task, with no repartition.
        final int partition = OrderIds.partitionOf(OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef()));
        send(topic, partition, new ShopOrderKey(order.getShopId(), order.getShopOrderRef()), order);
    }

    @Override
    public void cancel(final OrderCancellation cancellation) throws PublishFailedException {
        send(cancellations, null, cancellation.getOrderId(), cancellation);
    }

    @Override
    public void record(final OrderDispute dispute) throws PublishFailedException {
        send(disputes, null, dispute.getOrderId(), dispute);
    }

    /** Sends to {@code partition}, or where the key hashes to when it is null. */
    private <K, V> void send(final Topic<K, V> to, final Integer partition, final K key, final V value) throws PublishFailedException {
        try {
            final byte[] keyBytes = topics.keySerde(to).serializer().serialize(to.name(), key);
            final byte[] valueBytes = topics.valueSerde(to).serializer().serialize(to.name(), value);
            producer.send(new ProducerRecord<>(to.name(), partition, keyBytes, valueBytes))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for the broker", e);
        } catch (final ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailedException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
