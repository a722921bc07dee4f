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
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;

/**
 * Writes submitted orders to {@code shop.orders.submitted} and returns only once the broker has
 * acknowledged them on all in-sync replicas (idempotent producer, acks=all), so the gateway never
 * answers 202 for an order that is not durably written.
 */
public final class KafkaSubmissionSink implements SubmissionSink, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topic<ShopOrderKey, SubmittedOrder> topic;
    private final BoundTopics topics;
    private final Duration ackTimeout;

    /** @param kafkaClient how to connect: bootstrap servers and, on a secured cluster, the service's login */
    public KafkaSubmissionSink(final Map<String, Object> kafkaClient, final BoundTopics topics, final Duration ackTimeout) {
        this.topics = topics;
        this.topic = topics.topic(Topics.SHOP_ORDERS_SUBMITTED);
        this.ackTimeout = ackTimeout;
        final Map<String, Object> settings = new HashMap<>(kafkaClient);
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "order-intake-gateway",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ackTimeout.toMillis(), 5_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ackTimeout.toMillis(), 5_000)));
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(final SubmittedOrder order) throws PublishFailedException {
        final ShopOrderKey key = new ShopOrderKey(order.getShopId(), order.getShopOrderRef());
        try {
            final byte[] keyBytes = topics.keySerde(topic).serializer().serialize(topic.name(), key);
            final byte[] valueBytes = topics.valueSerde(topic).serializer().serialize(topic.name(), order);
            producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
