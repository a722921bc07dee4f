package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The listener as the container calls it: decoding, delivery, and what the health says meanwhile. */
class ManifestListenerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");

    @TempDir
    Path dropFolder;
    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "p-");
    private final DeliveryHealth health = new DeliveryHealth(Clock.fixed(NOW, ZoneOffset.UTC));
    private ManifestListener listener;

    @BeforeEach
    void createListener() {
        listener = new ManifestListener(new ManifestDelivery(dropFolder, carrierId -> Optional.empty(),
                new CarrierPush(1, Duration.ofMillis(1))), health, topics);
    }

    @Test
    void shouldReadTheCataloguesManifestTopicUnderTheDeploymentsPrefix() {
        assertThat(listener.topic()).isEqualTo("p-" + Topics.SHIPPING_MANIFESTS.name());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldBeDownWhileTheDropFolderCannotBeWrittenAndUpOnceTheManifestIsDelivered() throws Exception {
        final ShipmentManifest manifest = Fixtures.manifest("colis-express",
                Fixtures.parcel(Fixtures.order("o-1").line("SKU-TEA-01", 1).build(), "colis-express"));
        final Path notAFolder = Files.writeString(dropFolder.resolve("colis-express"), "a file where the folder should be");
        final ConsumerRecord<byte[], byte[]> record = record(7, topics.valueSerde(Topics.SHIPPING_MANIFESTS).serializer()
                .serialize(listener.topic(), manifest));

        assertThatThrownBy(() -> listener.onManifest(record)).isInstanceOf(DropFolderUnavailableException.class);
        assertThatThrownBy(() -> listener.onManifest(record)).isInstanceOf(DropFolderUnavailableException.class);

        final Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        final Map<String, Map<String, Object>> waiting = (Map<String, Map<String, Object>>) down.getDetails().get("waiting");
        assertThat(waiting).containsOnlyKeys("p-shipping.manifests-2");
        assertThat(waiting.get("p-shipping.manifests-2")).containsEntry("record", "p-shipping.manifests-2@7")
                .containsEntry("since", NOW.toString()).containsEntry("attempts", 2)
                .hasEntrySatisfying("lastError", error -> assertThat(error.toString())
                        .contains("cannot write manifest " + manifest.getManifestId()));

        Files.delete(notAFolder);
        listener.onManifest(record);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(dropFolder.resolve("colis-express").resolve(manifest.getManifestId() + ".csv")).exists();
    }

    @Test
    void shouldTakeARecordThatIsNotAManifestForUndeliverableAndStayUp() {
        final ConsumerRecord<byte[], byte[]> garbage = record(3, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> listener.onManifest(garbage)).isInstanceOf(UndeliverableManifestException.class)
                .hasMessageContaining("p-shipping.manifests-2@3 is not a readable manifest");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void shouldTakeADeletedManifestForUndeliverable() {
        assertThatThrownBy(() -> listener.onManifest(record(4, null))).isInstanceOf(UndeliverableManifestException.class)
                .hasMessageContaining("has no value");
    }

    private ConsumerRecord<byte[], byte[]> record(final long offset, final byte[] value) {
        return new ConsumerRecord<>(listener.topic(), 2, offset, "key".getBytes(StandardCharsets.UTF_8), value);
    }
}
