package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/** carrier-sink as it runs: Spring application, real broker and registry. */
@RealKafka
class CarrierSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path DROP = Path.of("target", "test-work", "carrier-drop-" + System.nanoTime());
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        service = ServiceUnderTest.start(CarrierSinkApplication::builder, platform, KafkaTestClient.uniquePrefix("sink"), "carrier-sink",
                "--orderpool.carrier-sink.drop-folder=" + DROP.toAbsolutePath());
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void shouldDropEachManifestOnceAndDeadLetterWhatItCannotRead() throws Exception {
        final Order order = Fixtures.order("it-sink").line("SKU-TEA-01", 2).build();
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(order, "colis-express"));
        final String manifests = service.topic(Topics.SHIPPING_MANIFESTS).name();
        kafka.sendRaw(manifests, "garbage".getBytes(StandardCharsets.UTF_8), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        kafka.send(service.topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);
        kafka.send(service.topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);

        final Path folder = DROP.resolve("colis-express");
        final Path pdf = folder.resolve(manifest.getManifestId() + ".pdf");
        await("the slip in the drop folder").atMost(TIMEOUT).until(() -> Files.exists(pdf));
        assertThat(folder.resolve(manifest.getManifestId() + ".csv")).content().contains("it-sink-1");
        assertThat(pdf).exists();
        final List<ConsumerRecord<byte[], byte[]>> dead = kafka.readRaw(service.topic(Topics.CARRIER_SINK_DLQ).name(), 1, TIMEOUT);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        });
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(manifest.getManifestId() + ".csv", manifest.getManifestId() + ".pdf");
        }
    }
}
