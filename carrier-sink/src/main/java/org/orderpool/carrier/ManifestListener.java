package org.orderpool.carrier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.TransientFailures;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Delivers every manifest of {@link Topics#SHIPPING_MANIFESTS} (its name from the catalogue, with the
 * deployment's prefix) and retries failed pushes when called. A record that is not a readable manifest is
 * an {@link UndeliverableManifestException}; what each failure leads to is the error handler's business
 * ({@link CarrierSinkConfiguration}); the health hears of each passing one.
 */
@Component
public class ManifestListener {

    private final ManifestDelivery delivery;
    private final DeliveryHealth health;
    private final String topic;
    private final Deserializer<ShipmentManifest> manifests;

    public ManifestListener(final ManifestDelivery delivery, final DeliveryHealth health, final BoundTopics topics) {
        this.delivery = delivery;
        this.health = health;
        this.topic = topics.name(Topics.SHIPPING_MANIFESTS);
        this.manifests = topics.valueSerde(Topics.SHIPPING_MANIFESTS).deserializer();
    }

    /** The topic the listener reads. */
    public String topic() {
        return topic;
    }

    @KafkaListener(id = "carrier-sink", topics = "#{__listener.topic()}",
            containerFactory = CarrierSinkConfiguration.LISTENER_FACTORY)
    public void onManifest(final ConsumerRecord<byte[], byte[]> record) {
        final String partition = record.topic() + "-" + record.partition();
        try {
            delivery.deliver(decode(record));
            health.settled(partition);
        } catch (final RuntimeException e) {
            if (DeliveryFailure.of(e) == DeliveryFailure.PASSING) {
                health.stalled(partition, partition + "@" + record.offset(), e);
            } else {
                health.settled(partition);
            }
            throw e;
        }
    }

    public void retryFailedPushes() {
        health.pushesWaiting(delivery.retryFailedPushes());
    }

    private ShipmentManifest decode(final ConsumerRecord<byte[], byte[]> record) {
        final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        final ShipmentManifest manifest;
        try {
            manifest = manifests.deserialize(record.topic(), record.value());
        } catch (final RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            throw new UndeliverableManifestException("record " + where + " is not a readable manifest: " + e.getMessage(),
                    e);
        }
        if (manifest == null) {
            throw new UndeliverableManifestException("record " + where + " has no value: a manifest is never deleted");
        }
        return manifest;
    }
}
