package org.orderpool.carrier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Delivers every manifest of {@code shipping.manifests}; retries failed pushes on a timer. */
@Component
public class ManifestListener {

    private final ManifestDelivery delivery;
    private final Deserializer<ShipmentManifest> manifests;

    public ManifestListener(final ManifestDelivery delivery, final BoundTopics topics) {
        this.delivery = delivery;
        this.manifests = topics.valueSerde(Topics.SHIPPING_MANIFESTS).deserializer();
    }

    @KafkaListener(id = "carrier-sink", topics = "${orderpool.topics.prefix:}" + "shipping.manifests",
            containerFactory = CarrierSinkConfiguration.LISTENER_FACTORY)
    public void onManifest(final ConsumerRecord<byte[], byte[]> record) {
        delivery.deliver(manifests.deserialize(record.topic(), record.value()));
    }

    @Scheduled(fixedDelayString = "${orderpool.carrier-sink.retry-failed-pushes-every:1m}")
    public void retryFailedPushes() {
        delivery.retryFailedPushes();
    }
}
